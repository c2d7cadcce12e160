import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import neo4jDriver from 'neo4j-driver';
import { neo4jUri, seededDatabase } from '../support/database';
import { freePort, runService, serving } from '../support/service-process';

const EDITOR_KEY = 'shutdown-editor-key';

interface Outcome {
  status?: number;
  body?: string;
  connection?: string;
  /** The request failed: reset, refused... */
  error?: string;
}

/** One POST over `agent`, settled with what came back or how it failed. */
function ask(port: number, agent: Agent, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body, connection: res.headers.connection }));
      res.on('error', (error) => resolve({ error: String(error) }));
    });
    req.setHeader('content-type', 'application/json');
    req.setHeader('x-api-key', EDITOR_KEY);
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? String(error) }));
    req.end(JSON.stringify({ query, variables }));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM of the built service: every request it received before the signal is answered in full,
 * including ones still unread in its socket buffers when the signal came (the process is frozen
 * with SIGSTOP while they arrive, as a busy event loop would leave them); only connections made
 * after it stopped listening are refused.
 */
describe('SIGTERM', () => {
  it('answers a request in flight and requests that arrived just before the signal; refuses later connections', async () => {
    const db = await seededDatabase();
    const driver = neo4jDriver.driver(neo4jUri(), neo4jDriver.auth.basic('neo4j', ''));
    const session = driver.session();
    // A request held in flight for certain: the test holds the lock of the node the mutation writes.
    const lock = await session.beginTransaction();
    const port = await freePort();
    const service = runService({
      NEO4J_URI: neo4jUri(),
      PORT: String(port),
      SHUTDOWN_GRACE_MS: '30000',
      API_KEYS: `tester:editor:${createHash('sha256').update(EDITOR_KEY).digest('hex')}`,
    });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const fresh = new Agent({ keepAlive: false });
    try {
      await lock.run("MERGE (n:Entity {id: 'held-at-shutdown'}) SET n:Actor, n.name = 'held'");
      await serving(service);
      const inFlight = ask(port, fresh, 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id name } }', {
        a: {
          id: 'held-at-shutdown',
          name: 'Written during shutdown',
          kind: 'PERSON',
          sourceIds: ['wellbrock-mali-blockade'],
          credibility: 3,
          excerpt: 'x',
        },
      });
      // An idle keep-alive connection, as a client's pool holds one between requests.
      expect(await ask(port, keepAlive, '{ __typename }')).toMatchObject({ status: 200 });
      await sleep(500); // the mutation now waits on the lock

      process.kill(service.child.pid!, 'SIGSTOP');
      const onIdleConnection = ask(port, keepAlive, '{ __typename }');
      const onNewConnections = Array.from({ length: 6 }, () => ask(port, fresh, '{ __typename }'));
      await sleep(300); // all are in the kernel's accept queue and socket buffers, unread
      process.kill(service.child.pid!, 'SIGTERM');
      process.kill(service.child.pid!, 'SIGCONT');

      for (const outcome of await Promise.all([onIdleConnection, ...onNewConnections])) {
        expect(outcome).toMatchObject({ status: 200, body: '{"data":{"__typename":"Query"}}\n' });
      }
      await sleep(300);
      expect(service.child.exitCode).toBeNull(); // still draining: the mutation waits
      expect((await ask(port, fresh, '{ __typename }')).error).toBe('ECONNREFUSED');

      await lock.rollback();
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body!).data).toEqual({
        upsertActor: { id: 'held-at-shutdown', name: 'Written during shutdown' },
      });
      expect(await service.exited).toBe(0);
    } finally {
      if (lock.isOpen()) await lock.rollback();
      if (service.child.exitCode === null) {
        service.child.kill('SIGCONT');
        service.child.kill('SIGKILL');
      }
      keepAlive.destroy();
      fresh.destroy();
      await session.close();
      await driver.close();
      await db.close();
    }
  }, 90_000);
});
