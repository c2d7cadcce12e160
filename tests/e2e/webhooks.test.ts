import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { changeFeedEnd, gql } from '../support/http';

/**
 * Webhooks over real HTTP both ways (docs/webhooks.md): a receiver on 127.0.0.1, the service on
 * the real Neo4j. Signed deliveries verified with an independent implementation (the
 * standardwebhooks package) and with the docs' own snippet; retries while the receiver is down;
 * a restart mid-retry; two dispatchers racing; TLP; roles; private addresses.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const GREEN_ADMIN_KEY = 'green-admin-key-for-tests';
const API_KEYS = [
  ...Object.entries(TEST_KEYS).map(([role, key]) => `${role}-tester:${role}:${sha256(key)}`),
  `green-admin:admin:${sha256(GREEN_ADMIN_KEY)}:GREEN`,
].join(',');
/** Fast rounds and short backoff, so retries happen in a test's time. */
const HOOK_ENV = {
  API_KEYS,
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_BACKOFF_BASE_MS: '200',
  WEBHOOK_BACKOFF_MAX_MS: '800',
  WEBHOOK_MAX_ATTEMPTS: '8',
  WEBHOOK_TIMEOUT_MS: '3000',
  WEBHOOK_LEASE_MS: '5000',
};
const ADMIN = { 'x-api-key': TEST_KEYS.admin };
const EDITOR = { 'x-api-key': TEST_KEYS.editor };
const GREEN_ADMIN = { 'x-api-key': GREEN_ADMIN_KEY };
const SOURCE = 'wellbrock-mali-blockade';
const actor = (id: string) => ({
  id,
  name: `Name of ${id}`,
  kind: 'ARMED_GROUP',
  sourceIds: [SOURCE],
  credibility: 3,
  excerpt: 'as reported',
});

const REGISTER = `mutation($w: WebhookInput!) { registerWebhook(webhook: $w) {
  secret webhook { id url enabled owner clearance cursorSequence filter { entityIds kinds types } } } }`;
const DELIVERIES = `query($id: ID!) { webhook(id: $id) { id deliveries(first: 100) {
  id sequence kind targetId status attempts lastStatusCode lastError nextAttemptAt deliveredAt } } }`;
const UPSERT_ACTOR = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const UPSERT_SOURCE = 'mutation($s: SourceInput!) { upsertSource(source: $s) { id } }';
const UPDATE_LINK =
  'mutation($id: ID!, $c: RelationshipChangesInput!) { updateRelationship(id: $id, changes: $c) { id } }';
const WATCH_PAIR = 'mutation($f: ID!, $t: ID!) { watchPair(fromId: $f, toId: $t) { id } }';
const UNWATCH = 'mutation($id: ID!) { unwatch(id: $id) }';
const IMPORT = 'mutation($b: JSONObject!) { importBundle(bundle: $b) { nodes { created } } }';
const FEED = `query($after: String, $ids: [ID!], $types: [String!]) {
  changes(after: $after, first: 500, entityIds: $ids, types: $types) {
  pageInfo { endCursor } nodes { sequence kind targetId targetType } } }`;

interface Received {
  headers: Record<string, string>;
  body: string;
}

interface Delivery {
  id: string;
  sequence: number;
  kind: string;
  targetId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** A webhook receiver on 127.0.0.1 that keeps every request and answers `answer`. */
class Receiver {
  readonly received: Received[] = [];
  answer = 204;
  private server?: http.Server;

  constructor(public port = 0) {}

  async start(): Promise<this> {
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = Object.fromEntries(
          ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type'].map((name) => [
            name,
            String(request.headers[name] ?? ''),
          ]),
        );
        this.received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
        response.statusCode = this.answer;
        response.end('ignored');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  ids(): string[] {
    return this.received.map((entry) => entry.headers['webhook-id']);
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** The docs' verification snippet (docs/webhooks.md), run as written (ESM syntax made CommonJS). */
function docsVerifier(): (secret: string, headers: Record<string, string>, body: string) => boolean {
  const docs = readFileSync(path.join(__dirname, '../../docs/webhooks.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## Verifying a signature'));
  const code = section.slice(section.indexOf('```js\n') + 6, section.indexOf('\n```', section.indexOf('```js\n')));
  const commonJs = code
    .replace(
      "import { createHmac, timingSafeEqual } from 'node:crypto';",
      "const { createHmac, timingSafeEqual } = require('node:crypto');",
    )
    .replace('export function', 'function');
  return new Function('require', `${commonJs}\nreturn verifyWebhook;`)(require);
}

describe('webhooks', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const receivers: Receiver[] = [];
  const others: Array<Awaited<ReturnType<typeof startTestApp>>> = [];

  const call = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = ADMIN,
  ) => gql<T>(app.url, query, variables, 60_000, headers);
  const write = async (query: string, variables: Record<string, unknown>) => {
    const response = await call(query, variables, ADMIN);
    expect(response.body.errors).toBeUndefined();
  };
  const register = async (url: string, entityIds: string[], headers: Record<string, string> = ADMIN) => {
    const response = await call<{ registerWebhook: { secret: string; webhook: { id: string; clearance: string } } }>(
      REGISTER,
      // Actors and sources only: an upsert also writes its REPORTED_BY link, a change of its own.
      { w: { url, filter: { entityIds, types: ['Actor', 'Source'] }, description: 'test hook' } },
      headers,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.registerWebhook;
  };
  const deliveries = async (id: string): Promise<Delivery[]> => {
    const response = await call<{ webhook: { deliveries: Delivery[] } }>(DELIVERIES, { id });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.webhook.deliveries;
  };
  const receiver = async (port = 0) => {
    const started = await new Receiver(port).start();
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    // Generous deadlines: this machine is shared, and a missed one opens the circuit breaker (503s).
    db = await seededDatabase({ maxPoolSize: 40, acquisitionTimeoutMs: 60_000, transactionTimeoutMs: 60_000 });
    app = await startTestApp(db, HOOK_ENV);
    // The first read of the feed from its start plans its statement: under load that alone can take
    // tens of seconds, which belongs here rather than in the first test's time.
    await call(FEED, {});
  }, 300_000);

  afterAll(async () => {
    for (const other of others) await other.stop();
    await app?.stop();
    for (const started of receivers) await started.stop();
    // Webhooks are not graph records (clearGraph keeps them): this file removes its own.
    await db?.write(
      'test.clearWebhooks',
      'MATCH (n) WHERE n:Webhook OR n:WebhookDelivery OR n:WebhookRegistry DETACH DELETE n',
    );
    await db?.close();
  }, 180_000);

  it('delivers a write as a signed POST that verifies, and leaves nothing of its own in the feed', async () => {
    const hookReceiver = await receiver();
    const before = await changeFeedEnd(app.url, ADMIN);
    const { secret, webhook } = await register(hookReceiver.url(), ['hook-signed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook.clearance).toBe('RED');

    await write(UPSERT_ACTOR, { a: actor('hook-signed') });
    expect(await until(() => hookReceiver.received.length > 0)).toBe(true);
    const [first] = hookReceiver.received;
    // Independent implementations: the standardwebhooks package and the docs' snippet.
    expect(new StandardWebhook(secret).verify(first.body, first.headers)).toMatchObject({
      type: 'change.created',
      data: { kind: 'CREATED', targetId: 'hook-signed', targetType: 'Actor' },
    });
    const verify = docsVerifier();
    expect(verify(secret, first.headers, first.body)).toBe(true);
    expect(verify(secret, first.headers, first.body.replace('hook-signed', 'hook-forged'))).toBe(false);
    expect(() => new StandardWebhook(secret).verify(`${first.body} `, first.headers)).toThrow(
      'No matching signature found',
    );
    expect(first.headers['content-type']).toBe('application/json');

    expect(await until(async () => (await deliveries(webhook.id))[0]?.status === 'DELIVERED')).toBe(true);
    const [row] = await deliveries(webhook.id);
    const sequence = (JSON.parse(first.body) as { data: { sequence: number } }).data.sequence;
    expect(row).toMatchObject({ id: `msg_${webhook.id}_${sequence}`, attempts: 1, lastStatusCode: 204 });
    expect(first.headers['webhook-id']).toBe(row.id);

    // Registration and the outbox wrote no history: the feed since holds only the upsert's changes
    // (the actor and its REPORTED_BY link).
    const since = await call<{ changes: { nodes: Array<{ targetId: string; targetType: string }> } }>(FEED, {
      after: before,
    });
    expect(since.body.data!.changes.nodes.map((change) => change.targetType).sort()).toEqual(['Actor', 'REPORTED_BY']);
    expect(since.body.data!.changes.nodes.every((change) => change.targetId.includes('hook-signed'))).toBe(true);
  }, 180_000);

  it('retries while the receiver answers 503, then delivers the same id once it answers 204', async () => {
    const hookReceiver = await receiver();
    hookReceiver.answer = 503;
    const { secret, webhook } = await register(hookReceiver.url(), ['hook-retry']);
    await write(UPSERT_ACTOR, { a: actor('hook-retry') });

    // One read shows the whole state (the next attempt may claim it a moment later).
    let retrying: Delivery | undefined;
    expect(
      await until(async () => {
        [retrying] = await deliveries(webhook.id);
        return retrying?.status === 'RETRYING' && retrying.lastStatusCode === 503;
      }),
    ).toBe(true);
    expect(retrying!.lastError).toBe('HTTP 503');
    expect(retrying!.nextAttemptAt).not.toBeNull();
    hookReceiver.answer = 204;

    expect(await until(async () => (await deliveries(webhook.id))[0]?.status === 'DELIVERED')).toBe(true);
    const [delivered] = await deliveries(webhook.id);
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);
    expect(delivered.deliveredAt).not.toBeNull();
    expect(new Set(hookReceiver.ids())).toEqual(new Set([delivered.id]));
    for (const attempt of hookReceiver.received) {
      expect(() => new StandardWebhook(secret).verify(attempt.body, attempt.headers)).not.toThrow();
    }
  }, 180_000);

  it('loses nothing when the server restarts mid-retry (receiver down: a closed port)', async () => {
    const probe = await receiver();
    const port = probe.port;
    await probe.stop(); // the port is closed: connections are refused
    const { secret, webhook } = await register(`http://127.0.0.1:${port}/hook`, ['hook-restart']);
    await write(UPSERT_ACTOR, { a: actor('hook-restart') });
    expect(
      await until(async () => {
        const [row] = await deliveries(webhook.id);
        return row?.status === 'RETRYING' && row.lastError !== null;
      }),
    ).toBe(true);
    expect((await deliveries(webhook.id))[0].lastError).toMatch(/ECONNREFUSED/);

    await app.stop();
    const back = await receiver(port);
    app = await startTestApp(db, HOOK_ENV);

    expect(await until(async () => (await deliveries(webhook.id))[0]?.status === 'DELIVERED')).toBe(true);
    const [row] = await deliveries(webhook.id);
    expect(new Set(back.ids())).toEqual(new Set([row.id]));
    expect(() => new StandardWebhook(secret).verify(back.received[0].body, back.received[0].headers)).not.toThrow();
  }, 180_000);

  it('marks a delivery failed once every attempt failed', async () => {
    const hookReceiver = await receiver();
    hookReceiver.answer = 500;
    const { webhook } = await register(hookReceiver.url(), ['hook-failing']);
    await write(UPSERT_ACTOR, { a: actor('hook-failing') });
    expect(await until(async () => (await deliveries(webhook.id))[0]?.status === 'FAILED', 60_000)).toBe(true);
    const [row] = await deliveries(webhook.id);
    expect(row).toMatchObject({ attempts: 8, lastStatusCode: 500, nextAttemptAt: null });
    expect(hookReceiver.received).toHaveLength(8);
  }, 180_000);

  it("never sends a GREEN-cleared admin's webhook a change to an AMBER record", async () => {
    const hookReceiver = await receiver();
    const { webhook } = await register(
      hookReceiver.url(),
      ['hook-amber-note', 'hook-amber-unit', 'hook-green-unit'],
      GREEN_ADMIN,
    );
    expect(webhook.clearance).toBe('GREEN');
    const full = await receiver();
    await register(full.url(), ['hook-amber-note', 'hook-amber-unit', 'hook-green-unit']);
    await write(IMPORT, {
      b: {
        format: 'sahel-graph-bundle',
        version: 1,
        sources: [{ id: 'hook-amber-note', title: 'Hook amber note', kind: 'ARTICLE', reliability: 'B', tlp: 'AMBER' }],
        actors: [{ ...actor('hook-amber-unit'), sourceIds: ['hook-amber-note'] }],
      },
    });
    await write(UPSERT_ACTOR, { a: actor('hook-green-unit') });
    // The green write commits after the amber one: once it has arrived, the amber one would have.
    expect(await until(() => hookReceiver.received.some((entry) => entry.body.includes('hook-green-unit')))).toBe(true);
    expect(hookReceiver.received.map((entry) => entry.body).join('\n')).not.toMatch(/hook-amber/);
    // The RED admin's webhook on the same changes gets all three.
    expect(await until(() => full.received.length >= 3)).toBe(true);
    const targets = full.received.map(
      (entry) => (JSON.parse(entry.body) as { data: { targetId: string } }).data.targetId,
    );
    expect(targets).toEqual(expect.arrayContaining(['hook-amber-note', 'hook-amber-unit', 'hook-green-unit']));
  }, 180_000);

  it("sends the registering admin's own watchlist alerts, never another identity's", async () => {
    const hookReceiver = await receiver();
    const registered = await call<{ registerWebhook: { webhook: { id: string } } }>(REGISTER, {
      w: { url: hookReceiver.url(), filter: { kinds: ['ALERT'] }, description: 'alerts hook' },
    });
    expect(registered.body.errors).toBeUndefined();
    const pair = { f: 'russia', t: 'jnim' };
    const mine = await call<{ watchPair: { id: string } }>(WATCH_PAIR, pair);
    const theirs = await call<{ watchPair: { id: string } }>(WATCH_PAIR, pair, EDITOR);
    expect(mine.body.errors).toBeUndefined();
    expect(theirs.body.errors).toBeUndefined();

    await write(UPSERT_SOURCE, {
      s: { id: 'hook-second-report', title: 'Second report', kind: 'REPORT', reliability: 'B' },
    });
    await write(UPDATE_LINK, { id: 'SUPPORTS:russia->mali', c: { sourceIds: [SOURCE, 'hook-second-report'] } });

    // Both watchers get their alert; only the admin's reaches the admin's webhook.
    const alertIds = async (headers: Record<string, string>) =>
      (
        await call<{ alerts: { nodes: Array<{ id: string }> } }>('{ alerts(first: 10) { nodes { id } } }', {}, headers)
      ).body.data!.alerts.nodes.map((alert) => alert.id);
    expect(await until(async () => (await alertIds(EDITOR)).length === 1 && (await alertIds(ADMIN)).length === 1)).toBe(
      true,
    );
    const [adminAlert] = await alertIds(ADMIN);
    const [editorAlert] = await alertIds(EDITOR);
    expect(await until(() => hookReceiver.received.length >= 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // rounds every 100 ms: a second would be here
    const bodies = hookReceiver.received.map(
      (entry) => JSON.parse(entry.body) as { data: { kind: string; targetId: string } },
    );
    expect(bodies.map((body) => [body.data.kind, body.data.targetId])).toEqual([['ALERT', adminAlert]]);
    expect(editorAlert).not.toBe(adminAlert);
    // The database serves the whole run: leave no watch behind to alert on later files' writes.
    for (const [watched, headers] of [
      [mine, ADMIN],
      [theirs, EDITOR],
    ] as const) {
      const removed = await call(UNWATCH, { id: watched.body.data!.watchPair.id }, headers);
      expect(removed.body.errors).toBeUndefined();
    }
  }, 180_000);

  it('delivers each id, and no other, with two dispatchers (two app instances) on one database', async () => {
    const second = await startTestApp(db, HOOK_ENV);
    others.push(second);
    const hookReceiver = await receiver();
    const ids = Array.from({ length: 12 }, (_, i) => `hook-race-${i}`);
    const start = await changeFeedEnd(app.url, ADMIN);
    const { webhook } = await register(hookReceiver.url(), ids);
    await Promise.all(
      ids.map(async (id, i) => {
        const response = await gql(i % 2 ? second.url : app.url, UPSERT_ACTOR, { a: actor(id) }, 20_000, ADMIN);
        expect(response.body.errors).toBeUndefined();
      }),
    );
    const feed = await call<{ changes: { nodes: Array<{ sequence: number }> } }>(FEED, {
      after: start,
      ids,
      types: ['Actor', 'Source'],
    });
    const expected = feed.body.data!.changes.nodes.map((change) => `msg_${webhook.id}_${change.sequence}`);
    expect(expected).toHaveLength(12);
    expect(await until(() => expected.every((id) => hookReceiver.ids().includes(id)))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything extra would arrive by now
    // At least once: a repeat is allowed only with an expected id; no id is missing or foreign.
    expect([...new Set(hookReceiver.ids())].sort()).toEqual([...expected].sort());
    const rows = await deliveries(webhook.id);
    expect(rows.map((row) => row.id).sort()).toEqual([...expected].sort());
    expect(await until(async () => (await deliveries(webhook.id)).every((row) => row.status === 'DELIVERED'))).toBe(
      true,
    );
  }, 180_000);

  it('lets only admins register, list or read webhooks', async () => {
    const editor = await call(REGISTER, { w: { url: 'http://127.0.0.1:9/x' } }, { 'x-api-key': TEST_KEYS.editor });
    expect(editor.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reader = await call('{ webhooks { id } }', {}, { 'x-api-key': TEST_KEYS.reader });
    expect(reader.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await call('{ webhooks { id } }', {}, {});
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await call<{ webhooks: Array<{ id: string }> }>('{ webhooks { id url } }');
    expect(listed.body.data!.webhooks.length).toBeGreaterThan(0);
    const unknown = await call(DELIVERIES, { id: 'wh_000000000000000000000000' });
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  }, 180_000);

  it('disables, rotates the secret of and deletes a webhook', async () => {
    const hookReceiver = await receiver();
    const { webhook, secret } = await register(hookReceiver.url(), ['hook-admin']);
    const disabled = await call<{ setWebhookEnabled: { enabled: boolean } }>(
      'mutation($id: ID!) { setWebhookEnabled(id: $id, enabled: false) { enabled } }',
      { id: webhook.id },
    );
    expect(disabled.body.data!.setWebhookEnabled.enabled).toBe(false);
    await write(UPSERT_ACTOR, { a: actor('hook-admin') });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hookReceiver.received).toHaveLength(0);
    const rotated = await call<{ rotateWebhookSecret: { secret: string } }>(
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      { id: webhook.id },
    );
    const fresh = rotated.body.data!.rotateWebhookSecret.secret;
    expect(fresh).not.toBe(secret);
    await call('mutation($id: ID!) { setWebhookEnabled(id: $id, enabled: true) { enabled } }', { id: webhook.id });
    // Enabled again, it sends what committed meanwhile, signed with the new secret.
    expect(await until(() => hookReceiver.received.length > 0)).toBe(true);
    const [entry] = hookReceiver.received;
    expect(() => new StandardWebhook(fresh).verify(entry.body, entry.headers)).not.toThrow();
    expect(() => new StandardWebhook(secret).verify(entry.body, entry.headers)).toThrow('No matching signature found');
    const deleted = await call('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: webhook.id });
    expect(deleted.body.data).toEqual({ deleteWebhook: true });
    const gone = await call(DELIVERIES, { id: webhook.id });
    expect(gone.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  }, 180_000);

  it('refuses private addresses without the allow flag, naming url; an allow-listed host passes', async () => {
    const strict = await startTestApp(db, { API_KEYS, WEBHOOK_DISPATCH: 'false', WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    others.push(strict);
    const attempt = (url: string) =>
      gql(strict.url, REGISTER, { w: { url, filter: { entityIds: ['hook-nothing'] } } }, 20_000, ADMIN);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/hook',
      'http://192.168.1.1/hook',
      'http://[fe80::1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const refused = await attempt(url);
      expect({ url, extensions: refused.body.errors?.[0].extensions }).toMatchObject({
        url,
        extensions: { code: 'BAD_USER_INPUT', field: 'url' },
      });
    }
    for (const url of ['ftp://example.org/hook', 'not a url', `https://example.org/${'x'.repeat(2_100)}`]) {
      const refused = await attempt(url);
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const allowed = await attempt('http://localhost:9/hook');
    expect(allowed.body.errors).toBeUndefined();
  }, 180_000);
});
