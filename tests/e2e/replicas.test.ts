import { createHash } from 'node:crypto';
import type { Database } from '../../src/db';
import { neo4jUri, seededDatabase } from '../support/database';
import { gql, type GraphQLResponse } from '../support/http';
import { freePort, MAIN, spawnProcess, until, type ServiceProcess } from '../support/service-process';

/**
 * Two replicas of the built service (`node dist/src/main.js`, real processes) on the suite's one
 * Neo4j and one real redis-server: shared rate limits, read-your-writes with the bookmark header,
 * and what a Redis outage does (each replica counts alone; nothing is refused because of Redis).
 */
const LIMIT = 6;
const AUTH_FAILURES = 3;
const METRICS_TOKEN = 'replicas-metrics-token';
const SOURCE = 'wellbrock-mali-blockade';
/** One key per case, so each case starts with a fresh rate-limit window of its own. */
const KEYS = {
  shared: 'key-shared-limit',
  writer: 'key-writer',
  headers: 'key-bookmark-headers',
  outage: 'key-outage-limit',
  recovered: 'key-recovered-limit',
} as const;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const READ = '{ about { nodeCount } }';

type Child = ServiceProcess;

function startRedis(port: number): Child {
  return spawnProcess('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
}

async function stop(process: Child | undefined): Promise<void> {
  if (!process || process.child.exitCode !== null) return;
  process.child.kill('SIGTERM');
  await process.exited;
}

describe('two API replicas sharing one Neo4j and one Redis', () => {
  let db: Database;
  let redisPort: number;
  let redis: Child | undefined;
  const replicas: Array<Child & { base: string; url: string }> = [];
  const replica = (name: 'A' | 'B') => replicas[name === 'A' ? 0 : 1];

  const ask = (name: 'A' | 'B', key: string, query = READ, variables = {}, headers: Record<string, string> = {}) =>
    gql(replica(name).url, query, variables, 20_000, { 'x-api-key': key, ...headers });

  /** POST /graphql, returning the X-Neo4j-Bookmark response header too. */
  async function post(
    name: 'A' | 'B',
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<GraphQLResponse & { bookmark: string | null }> {
    const response = await fetch(replica(name).url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return {
      status: response.status,
      bookmark: response.headers.get('x-neo4j-bookmark'),
      body: (await response.json()) as GraphQLResponse['body'],
    };
  }

  beforeAll(async () => {
    db = await seededDatabase();
    redisPort = await freePort();
    redis = startRedis(redisPort);
    await until('redis-server ready', () => redis!.output().includes('Ready to accept connections'));
    for (let count = 0; count < 2; count++) {
      const port = await freePort();
      const child = spawnProcess(process.execPath, [MAIN], {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SEED_ON_EMPTY: 'false',
        NEO4J_URI: neo4jUri(),
        PORT: String(port),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        REDIS_COMMAND_TIMEOUT_MS: '300',
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES),
        METRICS_TOKEN,
        API_KEYS: Object.entries(KEYS)
          .map(([name, key]) => `${name}-tester:editor:${sha256(key)}`)
          .join(','),
      });
      const base = `http://127.0.0.1:${port}`;
      replicas.push({ ...child, base, url: `${base}/graphql` });
      await until(
        `replica on port ${port} ready`,
        async () => (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200,
      );
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((each) => stop(each)));
    await stop(redis);
    await db?.close();
  }, 30_000);

  it('counts a client against one limit on both replicas', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT - 2; i++) statuses.push((await ask('A', KEYS.shared)).status);
    for (let i = 0; i < 2; i++) statuses.push((await ask('B', KEYS.shared)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    // The limit was used up half on A, half on B: both now refuse.
    const onB = await ask('B', KEYS.shared);
    expect(onB.status).toBe(429);
    expect(onB.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect((await ask('A', KEYS.shared)).status).toBe(429);
  });

  it('returns the bookmark of a write, and a read on the other replica with it sees the write', async () => {
    const write = await post(
      'A',
      'mutation($a: ActorInput!) { upsertActor(actor: $a) { id name } }',
      {
        a: {
          id: 'replica-written-actor',
          name: 'Written on A',
          kind: 'PERSON',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'x',
        },
      },
      { 'x-api-key': KEYS.writer },
    );
    expect(write.body.errors).toBeUndefined();
    expect(write.body.data).toEqual({ upsertActor: { id: 'replica-written-actor', name: 'Written on A' } });
    const bookmarks = (write.body as { extensions?: { bookmarks?: string[] } }).extensions?.bookmarks;
    expect(bookmarks?.length).toBeGreaterThan(0);
    expect(write.bookmark).toBe(bookmarks!.join(','));

    const read = await post(
      'B',
      '{ actor(id: "replica-written-actor") { name } }',
      {},
      {
        'x-api-key': KEYS.writer,
        'x-neo4j-bookmark': write.bookmark!,
      },
    );
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ data: { actor: { name: 'Written on A' } } });
    // A request that only reads returns no bookmark (it produced none).
    expect(read.bookmark).toBeNull();

    // Downloads wait for the bookmark too: B's bundle export holds the actor written on A.
    const download = await fetch(`${replica('B').base}/export/bundle.json`, {
      headers: { 'x-api-key': KEYS.writer, 'x-neo4j-bookmark': write.bookmark! },
      signal: AbortSignal.timeout(20_000),
    });
    expect(download.status).toBe(200);
    const exported = (await download.json()) as { actors: Array<{ id: string }> };
    expect(exported.actors.map((actor) => actor.id)).toContain('replica-written-actor');
    const refused = await fetch(`${replica('B').base}/export/bundle.json`, {
      headers: { 'x-api-key': KEYS.writer, 'x-neo4j-bookmark': 'not a bookmark!' },
      signal: AbortSignal.timeout(20_000),
    });
    expect(refused.status).toBe(400);
  });

  it('refuses a malformed bookmark header with 400 INVALID_BOOKMARK, and one Neo4j does not know', async () => {
    for (const header of ['not a bookmark!', 'FB:a,,FB:b', Array(17).fill('FB:abc').join(','), 'x'.repeat(600)]) {
      const response = await post('B', READ, {}, { 'x-api-key': KEYS.headers, 'x-neo4j-bookmark': header });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0].extensions).toMatchObject({
        code: 'INVALID_BOOKMARK',
        header: 'X-Neo4j-Bookmark',
      });
    }
    // Well-formed but not Neo4j's: the header does reach the database, which refuses it.
    const unknown = await post('A', READ, {}, { 'x-api-key': KEYS.headers, 'x-neo4j-bookmark': 'FB:not-a-real-one' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions?.code).toBe('INVALID_BOOKMARK');
    expect(JSON.stringify(unknown.body)).not.toMatch(/Neo4jError|Neo\.ClientError/);
  });

  it('with Redis stopped, serves every request and limits each client per replica, counting the failures', async () => {
    await stop(redis);
    redis = undefined;
    const started = Date.now();
    const onA: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) onA.push((await ask('A', KEYS.outage)).status);
    // The limit still holds on A (counted in A's memory) ...
    expect(onA).toEqual([...Array(LIMIT).fill(200), 429]);
    // ... while B, counting alone, still has the client's whole limit.
    expect((await ask('B', KEYS.outage)).status).toBe(200);
    // Failing over costs no waiting: Redis's absence is known at once or within its command timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    const [failuresOnA] = await storeFailures();
    expect(failuresOnA).toBeGreaterThanOrEqual(LIMIT + 1);
    expect(replica('A').output()).toMatch(/this rate limit counts per replica until Redis answers/);
  }, 30_000);

  it('shares the limit again once Redis is back, without a restart', async () => {
    redis = startRedis(redisPort);
    await until('redis-server ready again', () => redis!.output().includes('Ready to accept connections'));
    // The replicas reconnect by themselves within a few seconds. Until then, their requests are
    // counted in memory, which the failure metric shows: probe (anonymously) until it stays put.
    // The new Redis is empty, without the limiter's scripts, which the store loads again.
    await until('both replicas count in Redis again', async () => {
      const before = await storeFailures();
      await Promise.all([gql(replica('A').url, READ), gql(replica('B').url, READ)]);
      const after = await storeFailures();
      return after.every((count, i) => count === before[i]);
    });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await ask(i % 2 === 0 ? 'A' : 'B', KEYS.recovered)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expect((await ask('A', KEYS.recovered)).status).toBe(429);
    expect((await ask('B', KEYS.recovered)).status).toBe(429);
  }, 40_000);

  it('refuses to start when REDIS_URL is invalid or nothing answers there, naming REDIS_URL', async () => {
    const invalid = spawnProcess(process.execPath, [MAIN], {
      NEO4J_URI: neo4jUri(),
      REDIS_URL: 'http://127.0.0.1:6379',
    });
    expect(await invalid.exited).toBe(1);
    expect(invalid.output()).toContain('REDIS_URL is invalid');

    const silent = spawnProcess(process.execPath, [MAIN], {
      NEO4J_URI: neo4jUri(),
      PORT: String(await freePort()),
      SEED_ON_EMPTY: 'false',
      LOG_LEVEL: 'warn',
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      REDIS_STARTUP_WAIT_MS: '500',
    });
    expect(await silent.exited).toBe(1);
    expect(silent.output()).toMatch(/Cannot connect to Redis at redis:\/\/127\.0\.0\.1:\d+\/? \(check REDIS_URL\)/);
  }, 30_000);

  // Last: it blocks this address (127.0.0.1, every client here) for the rest of the minute.
  it('counts failed authentications from one address on both replicas', async () => {
    for (let i = 0; i < AUTH_FAILURES; i++) {
      const name = i % 2 === 0 ? 'A' : 'B';
      expect((await ask(name, `wrong-key-${i}`)).status).toBe(401);
    }
    const refused = await ask('B', 'wrong-key-last');
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0].message).toMatch(/failed authentications/);
  });

  /** sahel_rate_limit_store_errors_total{limit="requests"} of each replica. */
  async function storeFailures(): Promise<number[]> {
    return Promise.all(
      replicas.map(async (each) => {
        const response = await fetch(`${each.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
        const text = await response.text();
        return Number(/sahel_rate_limit_store_errors_total\{limit="requests"\} (\d+)/.exec(text)?.[1] ?? 0);
      }),
    );
  }
});
