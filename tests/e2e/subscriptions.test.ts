import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import type { Database } from '../../src/db';
import { CLOSE_SLOW_CONSUMER, CLOSE_TOO_MANY_CONNECTIONS, CLOSE_UNAUTHORIZED } from '../../src/http/subscriptions';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { changeFeedEnd, gql } from '../support/http';

/**
 * The `changed` subscription with the graphql-ws client over a real socket on the real server
 * (docs/changes.md): a write arrives within a second, a cursor replays what was missed then
 * continues live, a reader never receives a change to a record above its clearance, and the
 * socket's gate: credentials in connection_init, connections per identity, subscriptions per
 * connection, only subscriptions.
 */

const SOURCE = 'wellbrock-mali-blockade';
const ADMIN: Record<string, string> = { 'x-api-key': TEST_KEYS.admin };
const evidence = { sourceIds: [SOURCE], credibility: 3, excerpt: 'as reported' };
const actor = (id: string) => ({ id, name: `Name of ${id}`, kind: 'ARMED_GROUP', ...evidence });
const UPSERT_ACTOR = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const IMPORT = 'mutation($b: JSONObject!) { importBundle(bundle: $b) { nodes { created } } }';
const CHANGED = `subscription($after: String, $entityIds: [ID!], $kinds: [ChangeKind!], $types: [String!]) {
  changed(after: $after, entityIds: $entityIds, kinds: $kinds, types: $types) { sequence cursor kind targetId targetType after }
}`;

interface Change {
  sequence: number;
  cursor: string;
  kind: string;
  targetId: string;
  targetType: string;
  after: Record<string, unknown> | null;
}

const LIMITS = { maxConnectionsPerIdentity: 3, maxSubscriptionsPerConnection: 2 };

describe('changed: subscriptions over graphql-ws', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let wsUrl: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db, {}, { subscriptionLimits: LIMITS });
    wsUrl = app.url.replace(/^http/, 'ws');
  }, 120_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const write = async (query: string, variables: Record<string, unknown>) => {
    const response = await gql(app.url, query, variables, 30_000, ADMIN);
    expect(response.body.errors).toBeUndefined();
  };

  /** Where the feed ends now (HTTP), so a subscription can start there without a race. */
  const feedEnd = (): Promise<string> => changeFeedEnd(app.url, ADMIN);

  /** A graphql-ws client subscribed to `changed`, collecting what it receives. */
  const subscribe = (credentials: Record<string, string>, variables: Record<string, unknown>) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: credentials,
      retryAttempts: 0,
      lazy: false,
    });
    clients.push(client);
    const received: Array<Change & { receivedAt: number }> = [];
    const errors: unknown[] = [];
    client.subscribe<{ changed: Change }>(
      { query: CHANGED, variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          else received.push({ ...result.data!.changed, receivedAt: performance.now() });
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    const until = async (done: () => boolean, timeoutMs = 10_000) => {
      const deadline = performance.now() + timeoutMs;
      while (!done() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return done();
    };
    return { client, received, errors, until };
  };

  /** A raw socket speaking graphql-transport-ws up to connection_init: how it is closed, if it is. */
  const initWith = (payload: Record<string, string>) =>
    new Promise<{ code: number; reason: string } | 'acknowledged'>((resolve, reject) => {
      const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
      socket.on('message', (data) => {
        if (JSON.parse(String(data)).type === 'connection_ack') {
          resolve('acknowledged');
          socket.close();
        }
      });
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
      socket.on('error', reject);
    });

  it('delivers a write to a subscriber within 1 s', async () => {
    const subscriber = subscribe(ADMIN, { after: await feedEnd(), entityIds: ['live-actor'] });
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscribed and waiting
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      await write(UPSERT_ACTOR, { a: { ...actor('live-actor'), name: `Live actor ${i}` } });
      const written = performance.now();
      expect(await subscriber.until(() => subscriber.received.some((c) => c.after?.name === `Live actor ${i}`))).toBe(
        true,
      );
      const change = subscriber.received.find((c) => c.after?.name === `Live actor ${i}`)!;
      latencies.push(change.receivedAt - written);
    }
    expect(subscriber.errors).toEqual([]);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(subscriber.received.map((c) => `${c.kind} ${c.targetId}`)).toEqual([
      'CREATED live-actor',
      'CREATED REPORTED_BY:live-actor->wellbrock-mali-blockade',
      'UPDATED live-actor',
      'UPDATED live-actor',
    ]);
  }, 60_000);

  it('without after, starts at the newest change and delivers what commits next', async () => {
    await write(UPSERT_ACTOR, { a: actor('before-subscribing') });
    const subscriber = subscribe(ADMIN, { types: ['Actor'] });
    // graphql-ws does not tell the client when the server has started the subscription (read the
    // head it starts from): a fixed pause raced it on a loaded machine, the one write landing
    // before the start and so, rightly, never delivered. Write until a change arrives instead.
    const written: string[] = [];
    for (let i = 0; i < 40 && subscriber.received.length === 0; i++) {
      written.push(`after-subscribing-${i}`);
      await write(UPSERT_ACTOR, { a: actor(written[i]) });
      await subscriber.until(() => subscriber.received.length > 0, 500);
    }
    expect(await subscriber.until(() => subscriber.received.length > 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything still in flight arrives
    // What it received: the changes written after it started, every one, in order; nothing before.
    const ids = subscriber.received.map((c) => c.targetId);
    expect(ids).not.toContain('before-subscribing');
    expect(ids).toEqual(written.slice(written.length - ids.length));
  }, 60_000);

  it('resumes with after: replays exactly the missed changes, then continues live', async () => {
    const start = await feedEnd();
    const first = subscribe(ADMIN, { after: start, types: ['Actor'] });
    for (let i = 0; i < 3; i++) await write(UPSERT_ACTOR, { a: actor(`resume-${i}`) });
    expect(await first.until(() => first.received.length === 3)).toBe(true);
    await first.client.dispose();

    for (let i = 3; i < 6; i++) await write(UPSERT_ACTOR, { a: actor(`resume-${i}`) });
    const resumed = subscribe(ADMIN, { after: first.received[0].cursor, types: ['Actor'] });
    expect(await resumed.until(() => resumed.received.length === 5)).toBe(true);
    await write(UPSERT_ACTOR, { a: actor('resume-6') });
    expect(await resumed.until(() => resumed.received.length === 6)).toBe(true);
    expect(resumed.received.map((c) => c.targetId)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `resume-${i}`));
    const sequences = resumed.received.map((c) => c.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(resumed.errors).toEqual([]);
  }, 60_000);

  it('never delivers to a reader a change to a record above its clearance', async () => {
    const start = await feedEnd();
    const reader = subscribe({ 'x-api-key': TEST_KEYS.reader }, { after: start });
    const editor = subscribe({ 'x-api-key': TEST_KEYS.editor }, { after: start });
    await write(IMPORT, {
      b: {
        format: 'sahel-graph-bundle',
        version: 1,
        sources: [{ id: 'live-amber-note', title: 'Live amber note', kind: 'ARTICLE', reliability: 'B', tlp: 'AMBER' }],
        actors: [{ ...actor('live-amber-unit'), sourceIds: ['live-amber-note'] }],
      },
    });
    await write(UPSERT_ACTOR, { a: actor('live-green-unit') });
    // The green write commits after the amber one: once it has arrived, the amber one would have.
    expect(await reader.until(() => reader.received.some((c) => c.targetId === 'live-green-unit'))).toBe(true);
    expect(JSON.stringify(reader.received)).not.toMatch(/live-amber/);
    expect(await editor.until(() => editor.received.some((c) => c.targetId === 'live-green-unit'))).toBe(true);
    expect(editor.received.map((c) => c.targetId)).toEqual(
      expect.arrayContaining(['live-amber-note', 'live-amber-unit']),
    );
  }, 60_000);

  it('refuses a connection without credentials when reads need a role, and bad credentials always', async () => {
    const closed = await startTestApp(db, { ANONYMOUS_READS: 'false' });
    try {
      const url = closed.url.replace(/^http/, 'ws');
      const attempt = (payload: Record<string, string>) =>
        new Promise<{ code: number; reason: string } | 'acknowledged'>((resolve, reject) => {
          const socket = new WebSocket(url, 'graphql-transport-ws');
          socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
          socket.on('message', (data) => {
            if (JSON.parse(String(data)).type === 'connection_ack') {
              resolve('acknowledged');
              socket.close();
            }
          });
          socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
          socket.on('error', reject);
        });
      expect(await attempt({})).toEqual({ code: CLOSE_UNAUTHORIZED, reason: expect.stringMatching(/reader role/) });
      expect(await attempt({ 'x-api-key': 'not-a-key' })).toEqual({
        code: CLOSE_UNAUTHORIZED,
        reason: expect.stringMatching(/Unknown API key/),
      });
      expect(await attempt({ 'x-api-key': TEST_KEYS.reader })).toBe('acknowledged');
    } finally {
      await closed.stop();
    }
    expect(await initWith({ authorization: 'Bearer not.a.token' })).toMatchObject({ code: CLOSE_UNAUTHORIZED });
  }, 60_000);

  it('limits connections per identity and subscriptions per connection; only subscriptions', async () => {
    const held = [0, 1, 2].map(() => subscribe({ 'x-api-key': TEST_KEYS.editor }, { types: ['Actor'] }));
    await Promise.all(held.map((s) => s.until(() => false, 300)));
    expect(await initWith({ 'x-api-key': TEST_KEYS.editor })).toEqual({
      code: CLOSE_TOO_MANY_CONNECTIONS,
      reason: 'Too many connections: at most 3 per identity',
    });
    expect(await initWith({ 'x-api-key': TEST_KEYS.reader })).toBe('acknowledged');

    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: ADMIN, retryAttempts: 0 });
    clients.push(client);
    const outcome = (query: string) =>
      new Promise<unknown>((resolve) => {
        client.subscribe(
          { query },
          { next: (result) => resolve(result.errors ?? 'ok'), error: resolve, complete: () => resolve('complete') },
        );
        setTimeout(() => resolve('open'), 1_000);
      });
    const subscription = 'subscription { changed { sequence } }';
    expect(await outcome(subscription)).toBe('open');
    expect(await outcome(subscription)).toBe('open');
    expect(await outcome(subscription)).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
    ]);
    expect(await outcome('{ about { nodeCount } }')).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
  }, 60_000);

  it('closes a slow consumer with its own close code instead of buffering for it', async () => {
    const start = await feedEnd();
    const description = 'x'.repeat(2_000);
    for (let batch = 0; batch < 3; batch++) {
      const actors = Array.from({ length: 400 }, (_, i) => ({ ...actor(`slow-${batch}-${i}`), description }));
      await write(IMPORT, { b: { format: 'sahel-graph-bundle', version: 1, actors } });
    }
    // 20 subscriptions each replaying ~2.7 MB (actors and their REPORTED_BY links): more than the
    // kernel's buffers on loopback hold.
    const SUBSCRIPTIONS = 20;
    const slow = await startTestApp(db, {}, { subscriptionLimits: { maxBacklogBytes: 256 * 1024, maxStallMs: 2_000 } });
    try {
      const socket = new WebSocket(slow.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      let received = 0;
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'connection_ack') {
          const query = 'subscription($after: String) { changed(after: $after) { sequence after } }';
          for (let id = 0; id < SUBSCRIPTIONS; id++) {
            const payload = { query, variables: { after: start } };
            socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload }));
          }
          socket.pause(); // a consumer that stops reading
        }
        if (message.type === 'next') received += 1;
      });
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: ADMIN })));
      // Long enough for the replay to fill the kernel's buffers and stall (under the 12 s ping, watchPings).
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      socket.resume();
      const outcome = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('open'), 30_000))]);
      expect(outcome).toEqual({ code: CLOSE_SLOW_CONSUMER, reason: expect.stringMatching(/^Slow consumer: /) });
      // It was cut off: the server stopped producing, it did not queue the whole replay.
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(SUBSCRIPTIONS * 2_400);
      socket.terminate(); // nothing to wait for (ws would keep its close timer for 30 s)
    } finally {
      await slow.stop();
    }
  }, 180_000);

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const subscriber = subscribe(ADMIN, { after: 'not-a-cursor' });
    expect(await subscriber.until(() => subscriber.errors.length > 0)).toBe(true);
    expect(JSON.stringify(subscriber.errors)).toMatch(/BAD_USER_INPUT/);
    expect(JSON.stringify(subscriber.errors)).toMatch(/after/);
  }, 30_000);
});
