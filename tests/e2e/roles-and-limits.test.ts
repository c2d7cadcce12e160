import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';

type App = Awaited<ReturnType<typeof startTestApp>>;
const SOURCE = 'wellbrock-mali-blockade';
const READ = '{ actors(first: 3) { totalCount } }';
const WRITE = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const ADMIN = 'mutation($id: ID!) { retract(id: $id, reason: "role test") { by } }';
const writeVars = (id: string) => ({
  a: { id, name: id, kind: 'ARMED_GROUP', sourceIds: [SOURCE], credibility: 3, excerpt: 'x' },
});

const codeOf = (response: Awaited<ReturnType<typeof gql>>) => response.body.errors?.[0]?.extensions?.code ?? 'OK';

/** Identity, roles and query limits over real HTTP. */
describe('roles and limits', () => {
  let db: Database;
  let app: App;
  let strict: App;
  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db);
    strict = await startTestApp(db, { NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '8', MAX_BODY_BYTES: '5000' });
  });
  afterAll(async () => {
    await app.stop();
    await strict.stop();
    await db.close();
  });

  const as = (headers: Record<string, string>) => ({
    read: () => gql(app.url, READ, {}, 20_000, headers),
    write: (id: string) => gql(app.url, WRITE, writeVars(id), 20_000, headers),
    admin: (id: string) => gql(app.url, ADMIN, { id }, 20_000, headers),
  });

  it.each([
    ['anonymous', {}, ['OK', 'UNAUTHENTICATED', 'UNAUTHENTICATED']],
    ['a reader key', { 'x-api-key': TEST_KEYS.reader }, ['OK', 'FORBIDDEN', 'FORBIDDEN']],
    ['an editor key', { 'x-api-key': TEST_KEYS.editor }, ['OK', 'OK', 'FORBIDDEN']],
    ['an admin key', { 'x-api-key': TEST_KEYS.admin }, ['OK', 'OK', 'OK']],
    [
      'an editor JWT',
      {
        authorization: `Bearer ${jwt.sign({ sub: 'alice', roles: ['editor'] }, 'jwt-secret-for-tests-only', { expiresIn: 3600 })}`,
      },
      ['OK', 'OK', 'FORBIDDEN'],
    ],
  ])('%s: read, write and admin write give the expected codes', async (who, headers, expected) => {
    const client = as(headers as Record<string, string>);
    const slug = who.toLowerCase().replace(/\W+/g, '-').replace(/^-|-$/g, '');
    const results = [await client.read(), await client.write(`role-${slug}`), await client.admin(`role-${slug}`)];
    expect(results.map(codeOf)).toEqual(expected);
    const statuses = results.map((r) => r.status);
    expected.forEach((code, i) => {
      expect(statuses[i]).toBe(code === 'OK' ? 200 : code === 'UNAUTHENTICATED' ? 401 : 403);
    });
  });

  it('records the identity in the history', async () => {
    await gql(app.url, WRITE, writeVars('written-by-jwt'), 20_000, {
      authorization: `Bearer ${jwt.sign({ sub: 'bob', roles: 'admin' }, 'jwt-secret-for-tests-only', { expiresIn: 60 })}`,
    });
    const response = await gql<{ history: Array<{ who: string }> }>(
      app.url,
      '{ history(id: "written-by-jwt") { who } }',
    );
    expect(response.body.data?.history).toEqual([{ who: 'jwt:bob' }]);
  });

  it.each([
    ['an unknown API key', { 'x-api-key': 'guess' }],
    [
      'a token signed with another secret',
      { authorization: `Bearer ${jwt.sign({ sub: 'eve', roles: ['admin'] }, 'not-the-secret')}` },
    ],
    [
      'an expired token',
      {
        authorization: `Bearer ${jwt.sign({ sub: 'old', roles: ['admin'], exp: Math.floor(Date.now() / 1000) - 60 }, 'jwt-secret-for-tests-only')}`,
      },
    ],
    [
      'a token without a known role',
      { authorization: `Bearer ${jwt.sign({ sub: 'x', roles: ['owner'] }, 'jwt-secret-for-tests-only')}` },
    ],
    ['a malformed Authorization header', { authorization: 'Basic abc' }],
  ])('refuses %s with UNAUTHENTICATED, even for reads', async (_what, headers) => {
    const response = await gql(app.url, READ, {}, 20_000, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('in production, reads need credentials and introspection is off', async () => {
    expect(codeOf(await gql(strict.url, READ))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(strict.url, READ, {}, 20_000, { 'x-api-key': TEST_KEYS.reader }))).toBe('OK');
    const introspection = await gql(strict.url, '{ __schema { types { name } } }', {}, 20_000, {
      'x-api-key': TEST_KEYS.reader,
    });
    expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.body.errors?.[0].message).toMatch(/introspection/i);
    expect(codeOf(await gql(app.url, '{ __schema { queryType { name } } }'))).toBe('OK');
  });

  it.each([
    [
      'depth',
      `{ entity(id: "jnim") { relationships { edges { node { relationships { edges { node { relationships { edges { node { relationships { edges { node { id } } } } } } } } } } } } } }`,
      /Query depth 14 exceeds the limit of 12/,
    ],
    [
      'aliases',
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: actor(id: "jnim") { id }`).join(' ')} }`,
      /31 aliases exceed the limit of 30/,
    ],
    [
      'complexity',
      '{ actors(first: 100) { nodes { relationships(first: 100) { edges { node { id name aliases } sources { id title reliability } } } } } }',
      /Query complexity \d+ exceeds the limit of 50000/,
    ],
  ])('rejects a query over the %s limit, naming the limit and its value', async (_limit, query, message) => {
    const response = await gql(app.url, query);
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('QUERY_LIMIT_EXCEEDED');
    expect(response.body.errors?.[0].message).toMatch(message);
  });

  it('rejects batched operations and oversized bodies', async () => {
    const batch = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: READ }, { query: READ }]),
    });
    expect(batch.status).toBe(400);
    expect(await batch.text()).toMatch(/batch/i);
    const big = await fetch(strict.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.reader },
      body: JSON.stringify({ query: READ, variables: { padding: 'x'.repeat(10_000) } }),
    });
    expect(big.status).toBe(413);
  });

  it('rate-limits each identity, saying the limit', async () => {
    const headers = { 'x-api-key': TEST_KEYS.editor };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await gql(strict.url, READ, {}, 20_000, headers)).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(8);
    expect(statuses).toContain(429);
    const limited = await gql(strict.url, READ, {}, 20_000, headers);
    expect(limited.body.errors?.[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
      message: expect.stringMatching(/8 requests a minute/),
    });
    // Another identity has its own budget.
    expect((await gql(strict.url, READ, {}, 20_000, { 'x-api-key': TEST_KEYS.admin })).status).toBe(200);
  });

  it('accepts RS256 tokens whose key comes from a JWKS endpoint, and refuses unknown keys', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksApp = await startTestApp(db, {
      JWT_SECRET: '',
      JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`,
    });
    try {
      const token = (kid: string) =>
        jwt.sign({ sub: 'carol', roles: ['editor'] }, privateKey, { algorithm: 'RS256', keyid: kid, expiresIn: 60 });
      const ok = await gql(jwksApp.url, WRITE, writeVars('written-with-jwks'), 20_000, {
        authorization: `Bearer ${token('test-key')}`,
      });
      expect(codeOf(ok)).toBe('OK');
      const unknown = await gql(jwksApp.url, READ, {}, 20_000, { authorization: `Bearer ${token('other-key')}` });
      expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    } finally {
      await jwksApp.stop();
      jwks.close();
    }
  });
});
