import { createHash } from 'node:crypto';
import neo4jDriver from 'neo4j-driver';
import { getStatus, gql } from '../support/http';
import { neo4jUri, seededDatabase } from '../support/database';
import { freePort, runService as run, serving } from '../support/service-process';

describe('start-up of the built service', () => {
  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '99999' }],
    ['NEO4J_URI', { NEO4J_URI: 'http://localhost:7474' }],
  ])('fails with a message naming %s when it is invalid', async (variable, env) => {
    const service = run(env);
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain(`${variable} is invalid`);
  });

  it('fails, naming NEO4J_URI, when nothing answers there', async () => {
    const port = await freePort();
    const service = run({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_STARTUP_WAIT_MS: '1000' });
    expect(await service.exited).toBe(1);
    expect(service.output()).toMatch(
      new RegExp(`Cannot connect to Neo4j at bolt://127.0.0.1:${port} \\(check NEO4J_URI\\)`),
    );
  });

  it('serves, reports where, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const service = run({ NEO4J_URI: neo4jUri(), PORT: String(port) });
    const url = `http://127.0.0.1:${port}/graphql`;
    await serving(service);
    expect(service.output()).toContain(`GraphQL API and IDE:  ${url}`);
    expect(service.output()).toContain(`Neo4j (Bolt):         ${neo4jUri()}`);
    expect((await gql(url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    expect(await getStatus(`http://127.0.0.1:${port}/readyz`)).toBe(200);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('on SIGTERM, lets a request in flight finish before it exits', async () => {
    // A request held in flight for certain: the test holds a Neo4j lock on the id the mutation
    // writes, so the mutation waits inside the server until the test lets go.
    const db = await seededDatabase();
    const driver = neo4jDriver.driver(neo4jUri(), neo4jDriver.auth.basic('neo4j', ''));
    const session = driver.session();
    const lock = await session.beginTransaction();
    try {
      await lock.run("MERGE (n:Entity {id: 'held-actor'}) SET n:Actor, n.name = 'held'");
      const port = await freePort();
      const editorKey = 'sigterm-editor-key';
      const service = run({
        NEO4J_URI: neo4jUri(),
        PORT: String(port),
        API_KEYS: `tester:editor:${createHash('sha256').update(editorKey).digest('hex')}`,
      });
      await serving(service);
      const pending = gql(
        `http://127.0.0.1:${port}/graphql`,
        'mutation($a: ActorInput!) { upsertActor(actor: $a) { id name } }',
        {
          a: {
            id: 'held-actor',
            name: 'Held actor',
            kind: 'PERSON',
            sourceIds: ['wellbrock-mali-blockade'],
            credibility: 3,
            excerpt: 'x',
          },
        },
        30_000,
        { 'x-api-key': editorKey },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the mutation is now waiting on the lock
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(service.child.exitCode).toBeNull(); // still draining
      await lock.rollback();
      const response = await pending;
      expect(response.status).toBe(200);
      // A write answers with its Neo4j bookmark too (read-your-writes, see tests/e2e/replicas.test.ts).
      expect(response.body).toEqual({
        data: { upsertActor: { id: 'held-actor', name: 'Held actor' } },
        extensions: { bookmarks: [expect.any(String)] },
      });
      expect(await service.exited).toBe(0);
    } finally {
      if (lock.isOpen()) await lock.rollback();
      await session.close();
      await driver.close();
      await db.close();
    }
  }, 60_000);
});
