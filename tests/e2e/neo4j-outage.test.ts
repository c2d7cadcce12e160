import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import type { Database } from '../../src/db';
import { DEADLINE_GRACE_MS, migrate } from '../../src/db';
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
  const TX_TIMEOUT_MS = 2_000;
  const DEADLINE_MS = TX_TIMEOUT_MS + DEADLINE_GRACE_MS;
  const READINESS_TIMEOUT_MS = 1_500;

  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    return { result, elapsed: Date.now() - started };
  };

  /** Polls until a read succeeds; returns how long that took. */
  const untilReadsSucceed = async (limitMs: number) => {
    const started = Date.now();
    while (Date.now() - started < limitMs) {
      const response = await gql(app.url, query, {}, limitMs);
      if (response.status === 200 && !response.body.errors) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Infinity;
  };

  beforeAll(async () => {
    neo4j = await startLocalNeo4j({ dataDir, heap: '384m' });
    port = Number(new URL(neo4j.uri).port);
    // Migrations on a fresh store may take a while on a busy machine: run them with the default
    // timeout, then serve through a gateway whose short transaction timeout makes the client-side
    // deadline (timeout + 2 s) short too.
    const setup = openDatabase({ uri: neo4j.uri });
    await migrate(setup);
    await setup.close();
    db = openDatabase({ uri: neo4j.uri, transactionTimeoutMs: TX_TIMEOUT_MS });
    app = await startTestApp(db, { READINESS_TIMEOUT_MS: String(READINESS_TIMEOUT_MS) });
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

  it('answers 503 within the deadline while Neo4j is hung (SIGSTOP), and reads again within 5 s of SIGCONT', async () => {
    process.kill(neo4j.pid, 'SIGSTOP');
    try {
      const hung = await timed(() => Promise.all([gql(app.url, query), gql(app.url, query), gql(app.url, query)]));
      for (const response of hung.result) {
        expect(response.status).toBe(503);
        expect(response.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
      expect(hung.elapsed).toBeLessThan(DEADLINE_MS + 1_000);

      // Once Neo4j is known not to answer, requests are refused at once instead of each waiting
      // (one probe a second is let through to find out whether it is back).
      const next = await timed(() => gql(app.url, query));
      expect(next.result.status).toBe(503);
      expect(next.elapsed).toBeLessThan(500);

      const readiness = await timed(() => getStatus(`${app.base}/readyz`));
      expect(readiness.result).toBe(503);
      expect(readiness.elapsed).toBeLessThan(READINESS_TIMEOUT_MS + 500);
    } finally {
      process.kill(neo4j.pid, 'SIGCONT');
    }
    expect(await untilReadsSucceed(5_000)).toBeLessThan(5_000);
    expect(await getStatus(`${app.base}/readyz`)).toBe(200);
  }, 60_000);

  it('turns /readyz to 503 and answers queries with SERVICE_UNAVAILABLE, quickly and without a stack', async () => {
    await neo4j.stop();
    expect(await getStatus(`${app.base}/healthz`)).toBe(200);
    expect(await getStatus(`${app.base}/readyz`)).toBe(503);

    const started = Date.now();
    const response = await gql(app.url, query);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(response.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.body.errors?.[0].message).toMatch(/unavailable|not answer/i);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|Neo4jError|bolt:\/\//);
    // Bounded by the driver's retry and acquisition limits (a few seconds), not the default 30 s.
    expect(elapsed).toBeLessThan(15_000);
  }, 60_000);

  it('recovers without a restart: reads succeed within 5 s of Neo4j being back', async () => {
    neo4j = await startLocalNeo4j({ dataDir, port, heap: '384m' });
    expect(await untilReadsSucceed(5_000)).toBeLessThan(5_000);
    expect(await getStatus(`${app.base}/readyz`)).toBe(200);
    const response = await gql<{ about: { migrations: string[] } }>(app.url, query);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.about.migrations).toContain('0001_entity_id_unique');
  }, 180_000);
});
