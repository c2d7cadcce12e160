import http from 'node:http';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';

/**
 * Public reads are cacheable (issue 23, docs/http.md), over real HTTP: an anonymous GET query
 * answered without error is `Cache-Control: public, max-age=N` with an ETag, and If-None-Match
 * answers 304; anything authenticated, any POST, any error, any request waiting for a bookmark
 * stays `private, no-store`. Downloads follow the same rule.
 */
describe('cacheable public reads', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let uncached: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db, { PUBLIC_CACHE_MAX_AGE_S: '45' });
    uncached = await startTestApp(db, { PUBLIC_CACHE_MAX_AGE_S: '0' });
  }, 120_000);
  afterAll(async () => {
    await app.stop();
    await uncached.stop();
    await db.close();
  });

  // Apollo's CSRF prevention wants this header on a GET (a browser cannot send it cross-site unasked).
  const CSRF = { 'apollo-require-preflight': 'true' };
  const get = (query: string, headers: Record<string, string> = {}, url = app.url) =>
    fetch(`${url}?query=${encodeURIComponent(query)}`, { headers: { ...CSRF, ...headers } });
  const ACTOR = '{ actor(id: "jnim") { id name } }';

  /**
   * A revalidation as a browser cache or a CDN sends it. Not fetch(): the Fetch standard adds
   * `Cache-Control: no-cache` to a request with If-None-Match, which asks for a fresh answer (200).
   */
  const revalidate = (url: string, etag: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.get(url, { headers: { ...headers, 'if-none-match': etag } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
  const getUrl = (query: string) => `${app.url}?query=${encodeURIComponent(query)}`;

  it('makes an anonymous GET query public for PUBLIC_CACHE_MAX_AGE_S, with an ETag that answers 304', async () => {
    const first = await get(ACTOR);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=45');
    expect(first.headers.get('vary')).toContain('X-Api-Key');
    expect(first.headers.get('vary')).toContain('Authorization');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(((await first.json()) as { data: { actor: { id: string } } }).data.actor.id).toBe('jnim');

    expect(await revalidate(getUrl(ACTOR), etag!, CSRF)).toEqual({ status: 304, body: '' });
    // Another answer has another hash: the old ETag does not match it.
    const other = await revalidate(getUrl('{ actor(id: "russia") { id name } }'), etag!, CSRF);
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body)).toEqual({ data: { actor: { id: 'russia', name: expect.any(String) } } });
  });

  /** A real bookmark: the one an editor's write answers with. */
  const writtenBookmark = async () => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEYS.editor },
      body: JSON.stringify({
        query: 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
        variables: {
          a: {
            id: 'cache-written-actor',
            name: 'Cache test',
            kind: 'PERSON',
            sourceIds: ['wellbrock-mali-blockade'],
            credibility: 3,
            excerpt: 'x',
          },
        },
      }),
    });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bookmark = response.headers.get('x-neo4j-bookmark');
    expect(bookmark).toBeTruthy();
    return bookmark!;
  };

  it.each([
    ['an authenticated GET', () => get(ACTOR, { 'x-api-key': TEST_KEYS.reader })],
    ['an anonymous POST', () => post(ACTOR)],
    ['an answer with an error (NOT_FOUND)', () => get('{ actor(id: "nope") { id } }')],
    ['a GET waiting for a bookmark', async () => get(ACTOR, { 'x-neo4j-bookmark': await writtenBookmark() })],
    ['a GET when PUBLIC_CACHE_MAX_AGE_S is 0', () => get(ACTOR, {}, uncached.url)],
  ])('keeps %s private, no-store', async (_, ask) => {
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('vary') ?? '').not.toContain('X-Api-Key');
  });

  const post = (query: string) =>
    fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('makes an anonymous download public with an ETag (304 on a match); an authenticated one private', async () => {
    const url = `${app.base}/export/bundle.json`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=45');
    const etag = anonymous.headers.get('etag');
    expect(etag).toBeTruthy();
    await anonymous.arrayBuffer();
    expect((await revalidate(url, etag!)).status).toBe(304);

    const keyed = await fetch(url, { headers: { 'x-api-key': TEST_KEYS.reader } });
    expect(keyed.headers.get('cache-control')).toBe('private, no-store');
    await keyed.arrayBuffer();
    const unknown = await fetch(`${app.base}/export/nope.json`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('private, no-store');
  });
});
