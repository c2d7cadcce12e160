import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { startTestApp } from '../support/app';
import { openDatabase } from '../support/database';
import { getStatus, gql } from '../support/http';

/**
 * Stops the real Neo4j under a running server (its own Neo4j, not the suite's shared one), then
 * starts it again on the same port and store: the server must degrade and recover by itself.
 */
describe('when Neo4j goes away under a running server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sahel-outage-'));
  let neo4j: LocalNeo4j;
  let port: number;
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const query = '{ about { nodeCount migrations } }';

  beforeAll(async () => {
    neo4j = await startLocalNeo4j({ dataDir, heap: '384m' });
    port = Number(new URL(neo4j.uri).port);
    db = openDatabase({ uri: neo4j.uri });
    await migrate(db);
    app = await startTestApp(db);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('is ready while Neo4j is up', async () => {
    expect(await getStatus(`${app.base}/readyz`)).toBe(200);
    const response = await gql(app.url, query);
    expect(response.body.errors).toBeUndefined();
  });

  it('turns /readyz to 503 and answers queries with SERVICE_UNAVAILABLE, quickly and without a stack', async () => {
    await neo4j.stop();
    expect(await getStatus(`${app.base}/healthz`)).toBe(200);
    expect(await getStatus(`${app.base}/readyz`)).toBe(503);

    const started = Date.now();
    const response = await gql(app.url, query);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(response.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.body.errors?.[0].message).toMatch(/unavailable/i);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|Neo4jError|bolt:\/\//);
    // Bounded by the driver's retry and acquisition limits (a few seconds), not the default 30 s.
    expect(elapsed).toBeLessThan(15_000);
  }, 60_000);

  it('recovers without a restart once Neo4j is back', async () => {
    neo4j = await startLocalNeo4j({ dataDir, port, heap: '384m' });
    let ready = 0;
    for (let attempt = 0; attempt < 30 && ready !== 200; attempt++) {
      ready = await getStatus(`${app.base}/readyz`);
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(ready).toBe(200);
    const response = await gql<{ about: { migrations: string[] } }>(app.url, query);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.about.migrations).toContain('0001_entity_id_unique');
  }, 180_000);
});
