import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import type { Database } from '../../src/db';
import { TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql, type GraphQLResponse } from '../support/http';
import { freePort, spawnProcess, startServiceProcess, until, type ServiceProcess } from '../support/service-process';

/**
 * `changed` across replicas (docs/changes.md, "Several replicas"): two real server processes
 * (`node dist/src/main.js`) on the suite's Neo4j and one real redis-server. A graphql-ws client
 * subscribed on B receives a write made through A within 1 s: the replicas' fallback poll is set
 * to 10 s here, so only the Redis announcement can bring it that fast. With Redis stopped, B
 * notices and polls the feed at the pace without Redis: delivery goes on, a little later.
 */
const ADMIN = { 'x-api-key': TEST_KEYS.admin };
const SOURCE = 'wellbrock-mali-blockade';
const UPSERT_ACTOR = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const CHANGED = `subscription($after: String, $entityIds: [ID!]) {
  changed(after: $after, entityIds: $entityIds) { sequence targetId after }
}`;
const SLOW_POLL_MS = 10_000;

type Replica = Awaited<ReturnType<typeof startServiceProcess>>;
type Change = { sequence: number; targetId: string; after: Record<string, unknown> | null };

function startRedis(port: number): ServiceProcess {
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

async function stopRedis(redis: ServiceProcess | undefined): Promise<void> {
  if (!redis || redis.child.exitCode !== null) return;
  redis.child.kill('SIGTERM');
  await redis.exited;
}

describe('changed across two replicas through Redis pub/sub', () => {
  let db: Database;
  let redis: ServiceProcess | undefined;
  let a: Replica;
  let b: Replica;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await seededDatabase();
    const redisPort = await freePort();
    redis = startRedis(redisPort);
    await until('redis-server ready', () => redis!.output().includes('Ready to accept connections'));
    const env = {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_COMMAND_TIMEOUT_MS: '300',
      CHANGES_POLL_MS: '200',
      CHANGES_POLL_WITH_REDIS_MS: String(SLOW_POLL_MS),
      RATE_LIMIT_PER_MINUTE: '100000',
      NEO4J_TX_TIMEOUT_MS: '60000', // patience on a machine shared with other test runs
    };
    [a, b] = [await startServiceProcess(env), await startServiceProcess(env)];
  }, 300_000); // two processes starting on a machine shared with other test runs

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await Promise.all([a?.stop(), b?.stop()]);
    await stopRedis(redis);
    await db?.close();
  }, 60_000);

  const feedEnd = async (replica: Replica): Promise<string> => {
    type Page = { changes: { pageInfo: { endCursor: string; hasNextPage: boolean } } };
    let after: string | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const query =
        'query($after: String) { changes(after: $after, first: 500) { pageInfo { endCursor hasNextPage } } }';
      const response: GraphQLResponse<Page> = await gql<Page>(replica.url, query, { after }, 60_000, ADMIN);
      expect(response.body.errors).toBeUndefined();
      const { endCursor, hasNextPage } = response.body.data!.changes.pageInfo;
      if (!hasNextPage) return endCursor;
      after = endCursor;
    }
    throw new Error('the feed did not end');
  };

  /** A graphql-ws client on `replica`, subscribed to changes of `entityId` from the feed's end. */
  const subscribe = async (replica: Replica, entityId: string) => {
    const client = createClient({
      url: replica.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: ADMIN,
      retryAttempts: 0,
    });
    clients.push(client);
    const received: Array<Change & { at: number }> = [];
    const errors: unknown[] = [];
    client.subscribe<{ changed: Change }>(
      { query: CHANGED, variables: { after: await feedEnd(replica), entityIds: [entityId] } },
      {
        next: (result) =>
          result.errors
            ? errors.push(...result.errors)
            : received.push({ ...result.data!.changed, at: performance.now() }),
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // subscribed, replayed nothing, waiting
    return { received, errors };
  };

  /** Writes `name` on `replica`; resolves with the time its answer came (the commit is before it). */
  const write = async (replica: Replica, id: string, name: string): Promise<number> => {
    const actor = { id, name, kind: 'ARMED_GROUP', sourceIds: [SOURCE], credibility: 3, excerpt: 'as reported' };
    const response = await gql(replica.url, UPSERT_ACTOR, { a: actor }, 70_000, ADMIN);
    expect(response.body.errors).toBeUndefined();
    return performance.now();
  };

  /** How long after its write's answer `name` reached the subscriber (waits up to `limitMs`). */
  const latency = async (received: Array<Change & { at: number }>, name: string, written: number, limitMs: number) => {
    const arrived = () => received.find((change) => change.after?.name === name);
    await until(`${name} delivered`, () => arrived() !== undefined, limitMs).catch(() => undefined);
    return arrived() ? arrived()!.at - written : Infinity;
  };

  it('delivers to a subscriber on B a write made through A within 1 s', async () => {
    const subscriber = await subscribe(b, 'replica-pubsub-actor');
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const name = `Written on A, ${i}`;
      const written = await write(a, 'replica-pubsub-actor', name);
      latencies.push(await latency(subscriber.received, name, written, SLOW_POLL_MS + 5_000));
    }
    expect(subscriber.errors).toEqual([]);
    // Far below B's 10 s poll: B was woken by A's announcement through Redis.
    for (const each of latencies) expect(each).toBeLessThan(1_000);
    // Each write once, in commit order (its REPORTED_BY link to the source comes along the first time).
    const names = subscriber.received.filter((change) => change.targetId === 'replica-pubsub-actor');
    expect(names.map((change) => change.after?.name)).toEqual([0, 1, 2].map((i) => `Written on A, ${i}`));
    process.stderr.write(
      `A -> B through Redis, ms after the write's answer: ${latencies.map(Math.round).join(', ')}\n`,
    );
  }, 120_000);

  it('goes on delivering by polling the feed while Redis is down', async () => {
    const subscriber = await subscribe(b, 'replica-outage-actor');
    await stopRedis(redis);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // B notices (its subscriber connection drops)
    const latencies: number[] = [];
    for (let i = 0; i < 2; i++) {
      const name = `Written on A without Redis, ${i}`;
      const written = await write(a, 'replica-outage-actor', name);
      latencies.push(await latency(subscriber.received, name, written, 30_000));
    }
    expect(subscriber.errors).toEqual([]);
    // Delivered, and at the pace of the poll without Redis (200 ms), not of B's 10 s fallback.
    for (const each of latencies) expect(each).toBeLessThan(5_000);
    expect(b.output()).toMatch(/fall back to polling the feed/);
    process.stderr.write(`A -> B without Redis (polling), ms: ${latencies.map(Math.round).join(', ')}\n`);
  }, 120_000);
});
