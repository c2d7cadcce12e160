import { Agent, request } from 'node:http';
import jwt from 'jsonwebtoken';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { openDatabase, seededDatabase } from '../support/database';
import { gql } from '../support/http';

type App = Awaited<ReturnType<typeof startTestApp>>;
const READ = '{ actors(first: 1) { totalCount } }';
const SECRET = 'jwt-secret-for-tests-only';
const codeOf = (response: Awaited<ReturnType<typeof gql>>) => response.body.errors?.[0]?.extensions?.code ?? 'OK';
const EXPORTS = ['bundle.json', 'graph.graphml', 'nodes.csv', 'edges.csv'];

/**
 * The HTTP pipeline every data route shares: request id, authentication from headers before any
 * body is read, rate limits that every spelling of a credential shares, role checks on the
 * export downloads, and /metrics kept from the public.
 */
describe('HTTP pipeline', () => {
  let db: Database;
  let dev: App;
  let production: App;
  beforeAll(async () => {
    db = await seededDatabase();
    dev = await startTestApp(db);
    production = await startTestApp(db, { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await dev.stop();
    await production.stop();
    await db.close();
  });

  it('returns the caller’s X-Request-Id, or a new one', async () => {
    const given = await fetch(`${dev.url}?query=${encodeURIComponent('{__typename}')}`, {
      headers: { 'x-request-id': 'trace-42.a:b' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-42.a:b');
    const made = await fetch(`${dev.url}?query=${encodeURIComponent('{__typename}')}`, {
      headers: { 'x-request-id': 'no spaces or <html> please' },
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('export downloads', () => {
    it.each(EXPORTS)('/export/%s is 401 for anonymous callers in production, 200 for a reader', async (file) => {
      const anonymous = await fetch(`${production.base}/export/${file}`);
      expect(anonymous.status).toBe(401);
      expect(
        ((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
      ).toBe('UNAUTHENTICATED');
      const reader = await fetch(`${production.base}/export/${file}`, { headers: { 'x-api-key': TEST_KEYS.reader } });
      expect(reader.status).toBe(200);
      expect((await reader.text()).length).toBeGreaterThan(100);
    });

    it('refuses bad credentials on /export with 401 and counts exports against the rate limit', async () => {
      const limited = await startTestApp(db, { NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '6' });
      try {
        expect((await fetch(`${limited.base}/export/nodes.csv`, { headers: { 'x-api-key': 'guess' } })).status).toBe(
          401,
        );
        const token = jwt.sign({ sub: 'exporter', roles: ['reader'] }, SECRET, { expiresIn: 60 });
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++) {
          const response = await fetch(`${limited.base}/export/nodes.csv`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await response.arrayBuffer();
          statuses.push(response.status);
        }
        expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
        expect(statuses.slice(6)).toEqual([429, 429]);
      } finally {
        await limited.stop();
      }
    });
  });

  it('gives every spelling of one bearer token the same rate-limit bucket', async () => {
    const limited = await startTestApp(db, { RATE_LIMIT_PER_MINUTE: '6' });
    try {
      const token = jwt.sign({ sub: 'spelling', roles: ['reader'] }, SECRET, { expiresIn: 60 });
      const spellings = [
        `Bearer ${token}`,
        `bearer ${token}`,
        `BEARER   ${token}`,
        ` Bearer ${token} `,
        `bEaReR\t${token}`,
      ];
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++)
        statuses.push(
          (await gql(limited.url, READ, {}, 20_000, { authorization: spellings[i % spellings.length] })).status,
        );
      expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(statuses.slice(6)).toEqual([429, 429, 429]);
      // Another identity from the same address has its own bucket.
      expect((await gql(limited.url, READ, {}, 20_000, { 'x-api-key': TEST_KEYS.reader })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('limits per role: an address without credentials gets the anonymous limit, a key from it its own', async () => {
    const limited = await startTestApp(db, { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '10' });
    try {
      const anonymous: number[] = [];
      for (let i = 0; i < 5; i++) anonymous.push((await gql(limited.url, READ)).status);
      expect(anonymous).toEqual([200, 200, 200, 429, 429]);
      const refused = await gql(limited.url, READ);
      expect(refused.body.errors?.[0].message).toMatch(/3 requests a minute/);
      const keyed: number[] = [];
      for (let i = 0; i < 11; i++)
        keyed.push((await gql(limited.url, READ, {}, 20_000, { 'x-api-key': TEST_KEYS.reader })).status);
      expect(keyed.slice(0, 10).every((status) => status === 200)).toBe(true);
      expect(keyed[10]).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it('refuses an address that keeps failing authentication, whatever keys it rotates', async () => {
    const fresh = await startTestApp(db, { AUTH_FAILURES_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await gql(fresh.url, READ, {}, 20_000, { 'x-api-key': `guess-${i}` })).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await fresh.stop();
    }
  });

  it('authenticates before reading the body: a large body with a bad key is 401, not parsed', async () => {
    const body = JSON.stringify({ query: READ, variables: { padding: 'x'.repeat(3_000_000) } });
    const badKey = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'wrong' },
      body,
    });
    expect(badKey.status).toBe(401);
    // Anonymous and non-admin callers get the ordinary body limit (1 MB by default) ...
    const reader = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.reader },
      body,
    });
    expect(reader.status).toBe(413);
    expect(((await reader.json()) as { errors: Array<{ message: string }> }).errors[0].message).toMatch(
      /limit of 1000000 bytes/,
    );
    // ... an admin the larger one that imports need.
    const admin = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.admin },
      body,
    });
    expect(admin.status).toBe(200);
  });

  it('says only "invalid" or "expired" about a refused token, and refuses tokens that never expire', async () => {
    const strictApp = await startTestApp(db, { JWT_ISSUER: 'https://issuer.example', JWT_AUDIENCE: 'sahel-graph' });
    try {
      const wrongIssuer = jwt.sign({ sub: 'x', roles: ['reader'] }, SECRET, {
        expiresIn: 60,
        issuer: 'someone-else',
        audience: 'sahel-graph',
      });
      const refused = await gql(strictApp.url, READ, {}, 20_000, { authorization: `Bearer ${wrongIssuer}` });
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0].message).toBe('Invalid token');
      expect(JSON.stringify(refused.body)).not.toMatch(/issuer\.example|sahel-graph|audience/);
      const forever = jwt.sign(
        { sub: 'x', roles: ['reader'], iss: 'https://issuer.example', aud: 'sahel-graph' },
        SECRET,
      );
      const noExpiry = await gql(strictApp.url, READ, {}, 20_000, { authorization: `Bearer ${forever}` });
      expect(codeOf(noExpiry)).toBe('UNAUTHENTICATED');
      expect(noExpiry.body.errors?.[0].message).toMatch(/expire/);
    } finally {
      await strictApp.stop();
    }
  });

  describe('/metrics', () => {
    it('is not served on the API port in production without a token or a metrics port', async () => {
      expect((await fetch(`${production.base}/metrics`)).status).toBe(404);
    });

    it('needs the metrics token when METRICS_TOKEN is set', async () => {
      const app = await startTestApp(db, { NODE_ENV: 'production', METRICS_TOKEN: 'scrape-me' });
      try {
        expect((await fetch(`${app.base}/metrics`)).status).toBe(401);
        expect((await fetch(`${app.base}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
        const ok = await fetch(`${app.base}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
        expect(ok.status).toBe(200);
        expect(await ok.text()).toMatch(/sahel_graphql_requests_in_flight/);
      } finally {
        await app.stop();
      }
    });

    it('is served only on the separate listener when METRICS_PORT is set', async () => {
      const app = await startTestApp(db, { METRICS_PORT: '0' });
      try {
        expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
        expect((await fetch(app.metricsUrl!)).status).toBe(200);
        expect((await fetch(`${app.base}/metrics`)).status).toBe(404);
      } finally {
        await app.stop();
      }
    });

    it('stays bounded under 1,000 distinct operation names: unknown names count as "other"', async () => {
      const app = await startTestApp(db, { METRICS_OPERATIONS: 'Known', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' });
      try {
        await gql(app.url, 'query Known { __typename }');
        await gql(app.url, 'query Warmup { __typename }');
        // The service's own series only: Node's default metrics gain series by themselves (a new
        // kind of garbage collection during the run), which says nothing about operation names.
        const ownSeries = (text: string) => text.split('\n').filter((line) => line.startsWith('sahel_')).length;
        const before = ownSeries(await (await fetch(`${app.base}/metrics`)).text());
        for (let start = 0; start < 1_000; start += 50) {
          await Promise.all(
            Array.from({ length: 50 }, (_, i) => gql(app.url, `query Op${start + i}_${'x'.repeat(40)} { __typename }`)),
          );
        }
        const text = await (await fetch(`${app.base}/metrics`)).text();
        expect(ownSeries(text)).toBeLessThan(before * 1.1);
        expect(text).toMatch(/sahel_graphql_requests_total\{operation="Known",status="200"\} 1/);
        expect(text).toMatch(/sahel_graphql_requests_total\{operation="other",status="200"\} 1001/);
        expect(text).toMatch(/sahel_graphql_root_fields_total\{type="query",field="__typename"\} 1002/);
        expect(text).not.toMatch(/Op\d+_/);
      } finally {
        await app.stop();
      }
    });
  });

  it('drains on stop: a request in flight is answered with Connection: close, within SHUTDOWN_GRACE_MS', async () => {
    const app = await startTestApp(db, { SHUTDOWN_GRACE_MS: '20000' });
    // Hold a lock on the node the mutation writes, so the mutation stays in flight.
    const session = db.driver.session();
    const lock = await session.beginTransaction();
    await lock.run("MATCH (n:Entity {id: 'mali'}) SET n.heldByTest = true");
    const agent = new Agent({ keepAlive: true });
    const body = JSON.stringify({
      query: 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
      variables: {
        a: {
          id: 'mali',
          name: 'Mali',
          kind: 'STATE',
          sourceIds: ['wellbrock-mali-blockade'],
          credibility: 2,
          excerpt: 'Mali',
        },
      },
    });
    const answered = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(
        app.url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.admin } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopped = app.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock.rollback();
    await session.close();
    const response = await answered;
    await stopped;
    agent.destroy();
    expect(response).toEqual({ status: 200, connection: 'close' });
  });

  it('stops waiting for unfinished requests after SHUTDOWN_GRACE_MS, and their writes roll back with the driver', async () => {
    // As main.ts does on SIGTERM: drain HTTP, then close the driver.
    const ownDb = openDatabase();
    const app = await startTestApp(ownDb, { SHUTDOWN_GRACE_MS: '300' });
    const session = db.driver.session();
    const lock = await session.beginTransaction();
    await lock.run("MATCH (n:Entity {id: 'niger'}) SET n.heldByTest = true");
    const pending = gql(
      app.url,
      'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
      {
        a: {
          id: 'niger',
          name: 'Niger written during shutdown',
          kind: 'STATE',
          sourceIds: ['wellbrock-mali-blockade'],
          credibility: 2,
          excerpt: 'Niger',
        },
      },
      20_000,
      { 'x-api-key': TEST_KEYS.admin },
    ).then(
      (response) => `answered ${response.status}`,
      (error: Error) => `failed: ${error.message}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await app.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pending).toMatch(/^failed/);
    await ownDb.close();
    await lock.rollback();
    await session.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [row] = await db.read<{ name: string }>('test.name', "MATCH (n:Entity {id: 'niger'}) RETURN n.name AS name");
    expect(row.name).toBe('Niger');
  });
});
