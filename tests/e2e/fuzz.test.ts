import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Database } from '../../src/db';
import { graphCounts, neo4jUri, seededDatabase } from '../support/database';

/**
 * Hostile requests over real HTTP to the built service (`node --expose-gc dist/src/main.js`, a
 * process of its own so its memory is its own), from a seeded pseudo-random generator (the same
 * requests every run): random text in every argument, Cypher and Lucene fragments, huge strings
 * and lists, nested lists, wrong types, many variables, deep and wide queries, nested, repeated and
 * cyclic fragment spreads, broken JSON and GraphQL. The server must answer each without a 5xx
 * (503 SERVICE_UNAVAILABLE aside), stay up, leave the graph as it was, and give back the memory:
 * its RSS after the run, a garbage collection and a moment idle is at most 1.5 times what it was
 * after warm-up.
 */
const REQUESTS = 1_200;
const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const ADMIN_KEY = 'fuzz-admin-key';
const IDLE_BEFORE_MEASURE_MS = 3_000;

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The lines of a response that look like a stack trace: "stacktrace", or "at " followed later on
 * the same line by "<file>.js:<n>" or ".ts:<n>" (what /stacktrace|at .+\.(js|ts):\d+/ matches).
 * Checked in linear time: that regular expression backtracks over every character after each
 * "at ", and on a long one-line response it overflowed the regexp stack (RangeError).
 */
function stackTraceLines(text: string): string[] {
  return text.split(/[\n\r\u2028\u2029]/).filter((line) => {
    if (line.includes('stacktrace')) return true;
    const at = line.indexOf('at ');
    return at >= 0 && /\.(?:js|ts):\d/.test(line.slice(at + 4));
  });
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

/** Polls `condition` every `stepMs` for up to `tries` times; true once it holds. */
async function waitFor(condition: () => boolean, tries: number, stepMs: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return condition();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The service as its own process, with a way to collect its garbage and read its RSS. */
async function startService(): Promise<{
  child: ChildProcess;
  url: string;
  base: string;
  collectAndMeasure: () => Promise<number>;
  lastCollection: () => string;
  stop: () => Promise<void>;
}> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      NEO4J_URI: neo4jUri(),
      PORT: String(port),
      SEED_ON_EMPTY: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
      API_KEYS: `fuzzer:admin:${createHash('sha256').update(ADMIN_KEY).digest('hex')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only what the test waits for is kept: one log line per request would add up.
  let ready = false;
  let collections = 0;
  let tail = '';
  let lastCollection = '';
  const watch = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-20_000);
    if (tail.includes('GraphQL API and IDE')) ready = true;
    const lines = chunk
      .toString()
      .split('\n')
      .filter((line) => line.includes('"msg":"garbage collected"'));
    collections += lines.length;
    if (lines.length) lastCollection = lines[lines.length - 1];
  };
  child.stdout!.on('data', watch);
  child.stderr!.on('data', watch);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (!(await waitFor(() => ready || child.exitCode !== null, 150, 200)) || !ready)
    throw new Error(`the service did not start:\n${tail}`);
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    child,
    url,
    base: `http://127.0.0.1:${port}`,
    async collectAndMeasure() {
      // Two collections (the first may leave finalised objects for the second), each confirmed by its log line.
      for (let round = 0; round < 2; round++) {
        const before = collections;
        child.kill('SIGUSR2');
        if (!(await waitFor(() => collections > before, 100, 50)))
          throw new Error('the service did not report a garbage collection');
      }
      // Read once the process has been idle a moment: freed pages go back to the system lazily.
      await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_MEASURE_MS));
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      if (process.env.FUZZ_REPORT)
        process.stdout.write(`${status.match(/^(VmRSS|RssAnon|RssFile):.*$/gm)?.join(' ')}\n`);
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (!kb) throw new Error('no VmRSS in /proc status');
      return Number(kb[1]) * 1024;
    },
    lastCollection: () => lastCollection,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('fuzzing the API', () => {
  let db: Database;
  let service: Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    db = await seededDatabase();
    service = await startService();
  });
  afterAll(async () => {
    await service?.stop();
    await db.close();
  });

  it(`answers ${REQUESTS} hostile requests without a server error, leaves the graph unchanged and gives the memory back`, async () => {
    const random = prng(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const int = (max: number) => Math.floor(random() * max);
    const junkString = () =>
      pick([
        () => pick(HOSTILE),
        () => Array.from({ length: int(40) }, () => String.fromCharCode(int(0x2fff))).join(''),
        () => 'x'.repeat(int(200_000)),
        () => '',
        () => `Bad Id ${int(1000)}`,
      ])();
    const longList = () => Array.from({ length: pick([1_001, 20_000, 200_000]) }, (_, i) => `id-${i}`);
    const junkValue = (): unknown =>
      pick([
        junkString,
        () => int(1e9) * (random() < 0.5 ? -1 : 1),
        () => pick([1e300, -1e300, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER]),
        () => random() < 0.5,
        () => null,
        () => ({ a: junkString() }),
        () => Array.from({ length: int(20_000) }, () => pick(HOSTILE)),
        () => Array.from({ length: int(50) }, () => Array.from({ length: int(50) }, () => pick(HOSTILE))),
      ])();
    /** `levels` fragments, each spreading the next `width` times (and, with `cycle`, the last spreading the first). */
    const fragments = (levels: number, width: number, cycle: boolean) =>
      Array.from({ length: levels }, (_, i) => {
        const next =
          i + 1 < levels ? Array.from({ length: width }, () => `...F${i + 1}`).join(' ') : cycle ? '...F0' : 'id';
        return `fragment F${i} on Entity { id relationships(first: 2) { edges { node { ${next} } } } ${next} }`;
      }).join(' ');

    const templates: Array<() => { body: string; key?: string }> = [
      // Valid operations, junk arguments (as variables).
      () => ({
        body: JSON.stringify({ query: 'query($v: ID!) { entity(id: $v) { id } }', variables: { v: junkValue() } }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($v: String!) { search(query: $v) { score } }',
          variables: { v: junkValue() },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($v: String) { actors(filter: { text: $v }) { totalCount } }',
          variables: { v: junkValue() },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($a: ID!, $b: ID!, $h: Int) { shortestPath(fromId: $a, toId: $b, maxHops: $h) { length } }',
          variables: { a: junkValue(), b: pick(['jnim', junkString()]), h: junkValue() },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query:
            'query($d: Int, $l: Int, $t: String) { neighborhood(id: "jnim", depth: $d, limit: $l, asOf: $t) { truncated } }',
          variables: { d: junkValue(), l: junkValue(), t: junkValue() },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($ids: [ID!]!) { connect(ids: $ids) { truncated } }',
          variables: { ids: junkValue() },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($c: String) { actors(after: $c) { totalCount } }',
          variables: { c: junkValue() },
        }),
      }),
      // Long and nested lists, as variables and written into the document.
      () => ({
        body: JSON.stringify({
          query: 'query($ids: [ID!]!) { connect(ids: $ids) { truncated } }',
          variables: { ids: longList() },
        }),
      }),
      () => ({
        key: ADMIN_KEY,
        body: JSON.stringify({
          query: 'query($ids: [ID!]) { exportBundle(ids: $ids, depth: 0) }',
          variables: { ids: pick([longList(), ['jnim', 'jnim'], [['jnim']]]) },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($t: [RelationshipType!]) { entity(id: "jnim") { relationships(types: $t) { totalCount } } }',
          variables: { t: pick([Array.from({ length: 5_000 }, () => 'MEMBER_OF'), [['MEMBER_OF']], ['OWNS']]) },
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: `{ connect(ids: [${Array.from({ length: pick([3, 1_200, 4_000]) }, (_, i) => `"a-${i}"`).join(',')}]) { truncated } }`,
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: `{ connect(ids: [${Array.from({ length: int(40) }, () => '["jnim", ["mali"]]').join(',')}]) { truncated } }`,
        }),
      }),
      // Variables: many, unused, wrong types.
      () => {
        const count = pick([10, 500, 3_000]);
        const definitions = Array.from({ length: count }, (_, i) => `$v${i}: Int`).join(' ');
        const small = () => pick<unknown>([pick(HOSTILE), int(1e9), 1e300, true, null, 'ten', [1, 2]]);
        const variables = Object.fromEntries(Array.from({ length: count }, (_, i) => [`v${i}`, small()]));
        return {
          body: JSON.stringify({ query: `query(${definitions}) { actors(first: $v0) { totalCount } }`, variables }),
        };
      },
      () => ({
        body: JSON.stringify({
          query: '{ actors { totalCount } }',
          variables: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`unused${i}`, i])),
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: 'query($f: ActorFilter) { actors(filter: $f) { totalCount } }',
          variables: { f: { kinds: junkValue(), text: junkValue(), country: junkValue() } },
        }),
      }),
      // Fragments: fan-outs, repeated spreads, cycles, unknown fragments.
      () => ({
        body: JSON.stringify({
          query: `{ entity(id: "jnim") { ...F0 ...F0 } } ${fragments(pick([3, 10, 25, 40]), pick([1, 2, 3]), false)}`,
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: `{ entity(id: "jnim") { ...F0 } } ${fragments(pick([2, 5, 25]), pick([1, 2]), true)}`,
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: `{ entity(id: "jnim") { ${'...A '.repeat(int(2_000))} } } fragment A on Entity { id name }`,
        }),
      }),
      () => ({ body: JSON.stringify({ query: '{ entity(id: "jnim") { ...Missing } }' }) }),
      // Writes with junk (ids never valid slugs, so nothing can be written).
      () => ({
        key: ADMIN_KEY,
        body: JSON.stringify({
          query: 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
          variables: {
            a: {
              id: `Bad Id ${junkString()}`,
              name: junkValue(),
              kind: pick(['STATE', junkString()]),
              sourceIds: junkValue(),
              credibility: junkValue(),
              excerpt: junkValue(),
            },
          },
        }),
      }),
      () => ({
        key: ADMIN_KEY,
        body: JSON.stringify({
          query: 'mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }',
          variables: {
            b: { format: junkValue(), actors: [{ id: `Bad ${junkString()}` }], relationships: junkValue() },
          },
        }),
      }),
      () => ({
        key: ADMIN_KEY,
        body: JSON.stringify({
          query: 'mutation($id: ID!) { retract(id: $id, reason: "") { by } }',
          variables: { id: junkValue() },
        }),
      }),
      // Junk inlined into the document, deep and wide documents, broken bodies.
      () => ({ body: JSON.stringify({ query: `{ entity(id: "${junkString().replace(/["\\]/g, '')}") { id } }` }) }),
      () => ({
        body: JSON.stringify({
          query: `{ ${'entity(id: "jnim") { relationships { edges { node { '.repeat(1 + int(30))} id ${'} } } }'.repeat(1)} }`,
        }),
      }),
      () => ({
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 1 + int(300) }, (_, i) => `a${i}: actor(id: "jnim") { id }`).join(' ')} }`,
        }),
      }),
      () => ({ body: JSON.stringify({ query: junkString() }) }),
      () => ({ body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }),
      () => ({ body: `{"query": "{ __typename }", ${junkString()}` }),
      () => ({
        body: JSON.stringify({
          query: '{ actors { totalCount } }',
          variables: junkValue(),
          operationName: junkValue(),
        }),
      }),
    ];

    const post = async ({ body, key }: { body: string; key?: string }) => {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      return { status: response.status, text: await response.text() };
    };

    // Warm-up: ordinary reads of every kind, so the baseline holds compiled code and warm caches.
    const warmUp = [
      '{ actors(first: 20) { nodes { id name sources { id } relationships(first: 5) { edges { node { id } sources { reliability } } } } } }',
      '{ search(query: "Kyiv") { entity { id } matched score } }',
      '{ shortestPath(fromId: "ukraine", toId: "jnim") { length score hops { sources { id } } } }',
      '{ neighborhood(id: "mali", depth: 2, limit: 50) { nodes { id } edges { id } } }',
      '{ sources(first: 10) { nodes { id supports(first: 5) { entityCount } } } }',
      '{ timeline(first: 20) { nodes { event { id } } } }',
    ];
    for (let round = 0; round < 10; round++) {
      for (const query of warmUp) expect((await post({ body: JSON.stringify({ query }) })).status).toBe(200);
    }
    const rssBefore = await service.collectAndMeasure();
    const heapBefore = service.lastCollection();

    const before = await graphCounts(db);
    const started = performance.now();
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const request = pick(templates)();
      const { status, text } = await post(request);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 && !(status === 503 && text.includes('SERVICE_UNAVAILABLE'))) {
        serverErrors.push(`${status} ${request.body.slice(0, 120)} -> ${text.slice(0, 200)}`);
      }
      expect(stackTraceLines(text)).toEqual([]);
    }
    const seconds = (performance.now() - started) / 1000;
    expect(serverErrors).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(seconds).toBeLessThan(90);
    expect((await fetch(`${service.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.base}/readyz`)).status).toBe(200);
    // Every write was refused, so not even the history grew.
    expect(await graphCounts(db)).toEqual(before);

    const rssAfter = await service.collectAndMeasure();
    if (process.env.FUZZ_REPORT) {
      process.stdout.write(
        `fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s; RSS ${(rssBefore / 2 ** 20).toFixed(1)} MB -> ${(rssAfter / 2 ** 20).toFixed(1)} MB; statuses ${JSON.stringify([...statuses])}\n  before: ${heapBefore}\n  after:  ${service.lastCollection()}\n`,
      );
    }
    expect(rssAfter).toBeLessThanOrEqual(1.5 * rssBefore);
  }, 300_000);
});
