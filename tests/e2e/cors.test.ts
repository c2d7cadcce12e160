import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';

type App = Awaited<ReturnType<typeof startTestApp>>;
const DASHBOARD = 'http://127.0.0.1:5173';
const READ = '{ actors(first: 1) { totalCount } }';
const ROUTES = ['/graphql', '/export/nodes.csv', '/export/bundle.json', '/export/stix.json'];

/**
 * CORS over real HTTP: preflights of the data routes are answered before any page route or
 * authentication, every answer of those routes (refusals too) carries the headers, and an origin
 * outside CORS_ORIGINS gets none.
 */
describe('CORS', () => {
  let db: Database;
  let open: App;
  let restricted: App;
  beforeAll(async () => {
    db = await seededDatabase();
    open = await startTestApp(db);
    restricted = await startTestApp(db, {
      NODE_ENV: 'production',
      CORS_ORIGINS: `${DASHBOARD}, https://ops.example.org`,
      MAX_BODY_BYTES: '2000',
      AUTH_FAILURES_PER_MINUTE: '2',
      RATE_LIMIT_PER_MINUTE: '40',
    });
  });
  afterAll(async () => {
    await open.stop();
    await restricted.stop();
    await db.close();
  });

  /** A read, POSTed as JSON (Apollo refuses a GET without a preflight-forcing header as CSRF). */
  const post = (app: App, headers: Record<string, string>, body = JSON.stringify({ query: READ })) =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  const preflight = (app: App, route: string, origin: string, method = 'POST') =>
    fetch(`${app.base}${route}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type,x-api-key,x-neo4j-bookmark,apollo-require-preflight',
      },
    });

  it.each(ROUTES)('answers the preflight of %s with 204, the methods and the headers the API reads', async (route) => {
    for (const app of [open, restricted]) {
      const response = await preflight(app, route, DASHBOARD, route === '/graphql' ? 'POST' : 'GET');
      expect(response.status).toBe(204);
      // Not the page router's "Allow: GET, HEAD" answer.
      expect(response.headers.get('allow')).toBeNull();
      expect(response.headers.get('access-control-allow-origin')).toBe(app === open ? '*' : DASHBOARD);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
      expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual([
        'content-type',
        'x-api-key',
        'authorization',
        'x-neo4j-bookmark',
        'x-request-id',
        'apollo-require-preflight',
        'x-apollo-operation-name',
      ]);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('access-control-max-age')).toBe('600');
    }
  });

  it('gives an origin outside CORS_ORIGINS no Access-Control-Allow-Origin, on preflights and answers', async () => {
    const refused = await preflight(restricted, '/graphql', 'https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    // A lookalike of a listed origin is not that origin.
    const lookalike = await preflight(restricted, '/graphql', `${DASHBOARD}.evil.example.com`);
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await post(restricted, { origin: 'https://evil.example.com', 'x-api-key': TEST_KEYS.reader });
    expect(answer.status).toBe(200); // CORS is the browser's rule: the server answers, the browser withholds it.
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('vary')).toMatch(/origin/i);
    const listed = await post(restricted, { origin: 'https://ops.example.org', 'x-api-key': TEST_KEYS.reader });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://ops.example.org');
  });

  it('exposes the rate limit, request id and bookmark headers on a successful answer', async () => {
    const response = await fetch(restricted.url, {
      method: 'POST',
      headers: { origin: DASHBOARD, 'content-type': 'application/json', 'x-api-key': TEST_KEYS.reader },
      body: JSON.stringify({ query: READ }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    const exposed = response.headers.get('access-control-expose-headers')?.split(',') ?? [];
    expect(exposed).toEqual(
      expect.arrayContaining(['RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id', 'X-Neo4j-Bookmark']),
    );
    // Every header the limiter actually sent is one a page may read.
    const sent = [...response.headers.keys()].filter((name) => /^ratelimit|^retry-after/i.test(name));
    expect(sent.length).toBeGreaterThan(0);
    for (const name of sent) expect(exposed.map((header) => header.toLowerCase())).toContain(name);
  });

  /** Each refusal the pipeline can give, provoked for real, with the CORS headers it must carry. */
  const refusals: Array<[number, string, () => Promise<Response>]> = [
    [
      400,
      'a malformed bookmark',
      () =>
        fetch(`${restricted.url}?query=${encodeURIComponent(READ)}`, {
          headers: { origin: DASHBOARD, 'x-api-key': TEST_KEYS.reader, 'x-neo4j-bookmark': 'not a bookmark!' },
        }),
    ],
    [
      400,
      'broken JSON',
      () =>
        fetch(restricted.url, {
          method: 'POST',
          headers: { origin: DASHBOARD, 'content-type': 'application/json', 'x-api-key': TEST_KEYS.reader },
          body: '{"query": ',
        }),
    ],
    [
      401,
      'an unknown key',
      () => fetch(`${restricted.base}/export/nodes.csv`, { headers: { origin: DASHBOARD, 'x-api-key': 'wrong' } }),
    ],
    [
      401,
      'no credentials in production',
      () => fetch(`${restricted.base}/export/nodes.csv`, { headers: { origin: DASHBOARD } }),
    ],
    [
      413,
      'a body over MAX_BODY_BYTES',
      () =>
        fetch(restricted.url, {
          method: 'POST',
          headers: { origin: DASHBOARD, 'content-type': 'application/json', 'x-api-key': TEST_KEYS.reader },
          body: JSON.stringify({ query: READ, variables: { padding: 'x'.repeat(5_000) } }),
        }),
    ],
  ];

  it.each(refusals)('carries the CORS headers on a %i (%s)', async (status, _what, send) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toMatch(/^[A-Z_]+$/);
  });

  it('carries the CORS headers on a 403 (a reader running a mutation)', async () => {
    const response = await fetch(restricted.url, {
      method: 'POST',
      headers: { origin: DASHBOARD, 'content-type': 'application/json', 'x-api-key': TEST_KEYS.reader },
      body: JSON.stringify({ query: 'mutation { retract(id: "mali", reason: "test") { __typename } }' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('carries the CORS headers and Retry-After on a 429', async () => {
    const app = await startTestApp(db, { CORS_ORIGINS: DASHBOARD, RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const ask = () => post(app, { origin: DASHBOARD, 'x-api-key': TEST_KEYS.reader });
      const statuses = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await ask();
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last!.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });
});
