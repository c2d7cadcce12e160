import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { graphCounts, seededDatabase } from '../support/database';

/**
 * 1,200 malformed or hostile requests over real HTTP, from a seeded pseudo-random generator (the
 * same requests every run): random text in every argument, Cypher and Lucene fragments, huge
 * strings and lists, wrong types, deep and wide queries, broken JSON and GraphQL. The server must
 * answer each without a 5xx (503 SERVICE_UNAVAILABLE aside), stay up, and leave the graph as it was.
 */
const REQUESTS = 1_200;

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HOSTILE = [
  "' OR 1=1 //",
  '}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n WITH 1 AS x MATCH (m',
  '$(labels)',
  'CALL db.index.fulltext.queryNodes("entity_names", "*") YIELD node DETACH DELETE node',
  'name:* OR id:*~ AND /.*/ "unclosed',
  '\u0000\u0001\u202e',
  'Кыив 基地 ☠️',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '9'.repeat(400),
];

describe('fuzzing the API', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db, { RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it(`answers ${REQUESTS} hostile requests without a server error and leaves the graph unchanged`, async () => {
    const random = prng(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const junkString = () =>
      pick([
        () => pick(HOSTILE),
        () => Array.from({ length: Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * 0x2fff))).join(''),
        () => 'x'.repeat(Math.floor(random() * 200_000)),
        () => '',
        () => `Bad Id ${Math.floor(random() * 1000)}`,
      ])();
    const junkValue = (): unknown =>
      pick([junkString, () => Math.floor(random() * 1e9) * (random() < 0.5 ? -1 : 1), () => random() < 0.5, () => null, () => ({ a: junkString() }), () => Array.from({ length: Math.floor(random() * 20_000) }, () => pick(HOSTILE))])();

    const templates: Array<() => { body: string; key?: string }> = [
      // Valid operations, junk arguments (as variables).
      () => ({ body: JSON.stringify({ query: 'query($v: ID!) { entity(id: $v) { id } }', variables: { v: junkValue() } }) }),
      () => ({ body: JSON.stringify({ query: 'query($v: String!) { search(query: $v) { score } }', variables: { v: junkValue() } }) }),
      () => ({ body: JSON.stringify({ query: 'query($v: String) { actors(filter: { text: $v }) { totalCount } }', variables: { v: junkValue() } }) }),
      () => ({ body: JSON.stringify({ query: 'query($a: ID!, $b: ID!, $h: Int) { shortestPath(fromId: $a, toId: $b, maxHops: $h) { length } }', variables: { a: junkValue(), b: pick(['jnim', junkString()]), h: junkValue() } }) }),
      () => ({ body: JSON.stringify({ query: 'query($d: Int, $l: Int, $t: String) { neighborhood(id: "jnim", depth: $d, limit: $l, asOf: $t) { truncated } }', variables: { d: junkValue(), l: junkValue(), t: junkValue() } }) }),
      () => ({ body: JSON.stringify({ query: 'query($ids: [ID!]!) { connect(ids: $ids) { truncated } }', variables: { ids: junkValue() } }) }),
      () => ({ body: JSON.stringify({ query: 'query($c: String) { actors(after: $c) { totalCount } }', variables: { c: junkValue() } }) }),
      // Writes with junk (ids never valid slugs, so nothing can be written).
      () => ({
        key: TEST_KEYS.admin,
        body: JSON.stringify({
          query: 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
          variables: { a: { id: `Bad Id ${junkString()}`, name: junkValue(), kind: pick(['STATE', junkString()]), sourceIds: junkValue(), credibility: junkValue(), excerpt: junkValue() } },
        }),
      }),
      () => ({ key: TEST_KEYS.admin, body: JSON.stringify({ query: 'mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }', variables: { b: { format: junkValue(), actors: [{ id: `Bad ${junkString()}` }], relationships: junkValue() } } }) }),
      () => ({ key: TEST_KEYS.admin, body: JSON.stringify({ query: 'mutation($id: ID!) { retract(id: $id, reason: "") { by } }', variables: { id: junkValue() } }) }),
      // Junk inlined into the document, deep and wide documents, broken bodies.
      () => ({ body: JSON.stringify({ query: `{ entity(id: "${junkString().replace(/["\\]/g, '')}") { id } }` }) }),
      () => ({ body: JSON.stringify({ query: `{ ${'entity(id: "jnim") { relationships { edges { node { '.repeat(1 + Math.floor(random() * 30))} id ${'} } } }'.repeat(1)} }` }) }),
      () => ({ body: JSON.stringify({ query: `{ ${Array.from({ length: 1 + Math.floor(random() * 300) }, (_, i) => `a${i}: actor(id: "jnim") { id }`).join(' ')} }` }) }),
      () => ({ body: JSON.stringify({ query: junkString() }) }),
      () => ({ body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }),
      () => ({ body: `{"query": "{ __typename }", ${junkString()}` }),
      () => ({ body: JSON.stringify({ query: '{ actors { totalCount } }', variables: junkValue(), operationName: junkValue() }) }),
    ];

    const before = await graphCounts(db);
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const { body, key } = pick(templates)();
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500 && !(response.status === 503 && text.includes('SERVICE_UNAVAILABLE'))) {
        serverErrors.push(`${response.status} ${body.slice(0, 120)} -> ${text.slice(0, 200)}`);
      }
      expect(text).not.toMatch(/stacktrace|at .+\.(js|ts):\d+/);
    }
    expect(serverErrors).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.base}/readyz`)).status).toBe(200);
    // Every write was refused, so not even the history grew.
    expect(await graphCounts(db)).toEqual(before);
  }, 600_000);
});
