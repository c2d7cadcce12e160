import { DEADLINE_GRACE_MS } from '../../src/db';
import { getStatus, gql } from '../support/http';
import { OwnNeo4jService } from '../support/own-neo4j';

/**
 * Stops the real Neo4j under a running server (its own Neo4j, not the suite's shared one), then
 * starts it again on the same port and store: the server must degrade and recover by itself.
 */
describe('when Neo4j goes away under a running server', () => {
  const own = new OwnNeo4jService('outage');
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
      const response = await gql(own.app.url, query, {}, limitMs);
      if (response.status === 200 && !response.body.errors) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Infinity;
  };

  // A gateway whose short transaction timeout makes the client-side deadline (timeout + 2 s) short too.
  beforeAll(
    () => own.start({ transactionTimeoutMs: TX_TIMEOUT_MS }, { READINESS_TIMEOUT_MS: String(READINESS_TIMEOUT_MS) }),
    180_000,
  );
  afterAll(() => own.stop(), 60_000);

  it('is ready while Neo4j is up', async () => {
    expect(await getStatus(`${own.app.base}/readyz`)).toBe(200);
    const response = await gql(own.app.url, query);
    expect(response.body.errors).toBeUndefined();
  });

  it('answers 503 within the deadline while Neo4j is hung (SIGSTOP), and reads again within 5 s of SIGCONT', async () => {
    process.kill(own.neo4j.pid, 'SIGSTOP');
    try {
      const hung = await timed(() =>
        Promise.all([gql(own.app.url, query), gql(own.app.url, query), gql(own.app.url, query)]),
      );
      for (const response of hung.result) {
        expect(response.status).toBe(503);
        expect(response.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
      expect(hung.elapsed).toBeLessThan(DEADLINE_MS + 1_000);

      // Once Neo4j is known not to answer, requests are refused at once instead of each waiting
      // (one probe a second is let through to find out whether it is back).
      const next = await timed(() => gql(own.app.url, query));
      expect(next.result.status).toBe(503);
      expect(next.elapsed).toBeLessThan(500);

      const readiness = await timed(() => getStatus(`${own.app.base}/readyz`));
      expect(readiness.result).toBe(503);
      expect(readiness.elapsed).toBeLessThan(READINESS_TIMEOUT_MS + 500);
    } finally {
      process.kill(own.neo4j.pid, 'SIGCONT');
    }
    expect(await untilReadsSucceed(5_000)).toBeLessThan(5_000);
    expect(await getStatus(`${own.app.base}/readyz`)).toBe(200);
  }, 60_000);

  it('turns /readyz to 503 and answers queries with SERVICE_UNAVAILABLE, quickly and without a stack', async () => {
    await own.neo4j.stop();
    expect(await getStatus(`${own.app.base}/healthz`)).toBe(200);
    expect(await getStatus(`${own.app.base}/readyz`)).toBe(503);

    const started = Date.now();
    const response = await gql(own.app.url, query);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(response.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.body.errors?.[0].message).toMatch(/unavailable|not answer/i);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|Neo4jError|bolt:\/\//);
    // Bounded by the driver's retry and acquisition limits (a few seconds), not the default 30 s.
    expect(elapsed).toBeLessThan(15_000);
  }, 60_000);

  it('recovers without a restart: reads succeed within 5 s of Neo4j being back', async () => {
    await own.restart();
    expect(await untilReadsSucceed(5_000)).toBeLessThan(5_000);
    expect(await getStatus(`${own.app.base}/readyz`)).toBe(200);
    const response = await gql<{ about: { migrations: string[] } }>(own.app.url, query);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.about.migrations).toContain('0001_entity_id_unique');
  }, 180_000);
});
