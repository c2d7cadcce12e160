import jwt from 'jsonwebtoken';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';

type App = Awaited<ReturnType<typeof startTestApp>>;
interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

async function post(app: App, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** Findings of the HTTP attack run (issue 19): operation choice and the failed-authentication limit. */
describe('HTTP hardening', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  describe('operationName', () => {
    const TWO = 'query Actors { actors(first: 1) { totalCount } } query Typename { __typename }';

    it.each([
      [
        'an unknown name',
        { query: 'query Actors { __typename }', operationName: 'Nope' },
        /Unknown operation named "Nope": the document defines Actors/,
      ],
      [
        'a name for an anonymous operation',
        { query: '{ __typename }', operationName: 'Nope' },
        /"Nope": the document defines \(anonymous\)/,
      ],
      [
        'no name for several operations',
        { query: TWO },
        /defines 2 operations \(Actors, Typename\): name the one to run in operationName/,
      ],
      [
        'an unknown name among several',
        { query: TWO, operationName: 'Other' },
        /"Other": the document defines Actors, Typename/,
      ],
    ])('is a 400 BAD_USER_INPUT naming operationName for %s', async (_what, payload, message) => {
      const answer = await post(app, payload, { 'x-api-key': TEST_KEYS.reader });
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'operationName' });
      expect(answer.body.errors![0].message).toMatch(message);
      expect(JSON.stringify(answer.body)).not.toMatch(/Cannot read properties|undefined|stack/);
    });

    it('quotes at most 64 characters of a hostile name back', async () => {
      const hostile = `"</script>${'x'.repeat(100_000)}`;
      const answer = await post(app, { query: 'query A { __typename }', operationName: hostile });
      expect(answer.status).toBe(400);
      expect(answer.body.errors![0].message.length).toBeLessThan(200);
      expect(answer.body.errors![0].message).toContain(JSON.stringify(hostile.slice(0, 64)));
    });

    it('runs the named operation of several', async () => {
      const answer = await post(app, { query: TWO, operationName: 'Typename' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('failed authentications from one address', () => {
    it('refuse bad credentials with 429 past the limit, but never lock out valid ones from that address', async () => {
      const limited = await startTestApp(db, { AUTH_FAILURES_PER_MINUTE: '3' });
      try {
        const read = { query: '{ actors(first: 1) { totalCount } }' };
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await post(limited, read, { 'x-api-key': `guess-${i}` })).status);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        const refused = await post(limited, read, { authorization: 'Bearer not.a.token' });
        expect(refused.status).toBe(429);
        expect(refused.body.errors![0].extensions.code).toBe('RATE_LIMITED');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);

        // The colleague behind the same address (127.0.0.1), with a valid key or token, is served.
        const key = await post(limited, read, { 'x-api-key': TEST_KEYS.reader });
        expect(key.status).toBe(200);
        expect(key.body.errors).toBeUndefined();
        const token = jwt.sign({ sub: 'analyst', roles: ['reader'] }, 'jwt-secret-for-tests-only', { expiresIn: 60 });
        expect((await post(limited, read, { authorization: `Bearer ${token}` })).status).toBe(200);
        // Anonymous reads (on outside production) are not credentials that failed either.
        expect((await post(limited, read)).status).toBe(200);
        // And the attacker is still refused.
        expect((await post(limited, read, { 'x-api-key': 'guess-again' })).status).toBe(429);
      } finally {
        await limited.stop();
      }
    });
  });
});
