import 'reflect-metadata';
import http from 'node:http';
import os from 'node:os';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { createDriver, Database, migrate } from '../src/db';
import { ENTITIES_BY_ID } from '../src/entities/entity.repository';
import { graphql } from 'graphql';
import { createRequestContext } from '../src/graphql/request-composition';
import { buildGraphSchema } from '../src/graphql/schema';
import { createLogger } from '../src/logger';
import { Direction } from '../src/common/enums';
import { loadSeed } from '../src/seed/seed-loader';
import { startApp } from '../src/server';
import { filterParams, neighbourhoodCaps } from '../src/traversal/traversal.repository';
import { neighborhoodStatement, NeighbourOrder } from '../src/traversal/traversal.cypher';
import { generateGraph } from '../tools/generate-graph';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:lookup`: what the GraphQL layer costs over the query it runs, each figure beside
 * its reference measured in the same run, interleaved (rounds of API, then reference), warm:
 *  - actor(id) over HTTP (keep-alive, anonymous caller) against the driver's `executeRead` of the
 *    same statement (ENTITIES_BY_ID) and its auto-commit `session.run` (the faster), one at a
 *    time (p50/p95) and CONCURRENCY at a time (req/s);
 *    `{ __typename }` over HTTP is the floor of the HTTP and GraphQL stages alone; the stages
 *    (the gateway, then a request's context and loader, then graphql() in process, which parses
 *    and validates each time where the server's document store does not) say where the rest goes;
 *  - neighborhood(depth: 2, limit: 50) over HTTP, and its statement alone through the gateway,
 *    against the raw unordered expansion (`-[*1..2]-` to the first 50 distinct entities, and the
 *    links among them), on the seed and on a generated graph (LOOKUP_GENERATED actors, 10 hubs;
 *    0 skips it).
 * Timings only: correctness is the tests' job.
 */
const ROUNDS = Number(process.env.LOOKUP_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.LOOKUP_PER_ROUND ?? 50);
const CONCURRENCY = Number(process.env.LOOKUP_CONCURRENCY ?? 4);
const GENERATED = Number(process.env.LOOKUP_GENERATED ?? 10_000);
const WARMUP = 50;

const ACTOR_QUERY = '{ actor(id: "jnim") { id name aliases kind } }';
const TYPENAME_QUERY = '{ __typename }';
const neighbourhoodQuery = (id: string) =>
  `{ neighborhood(id: "${id}", depth: 2, limit: 50) { truncated nodes { id name } edges { type fromId toId credibility } } }`;

/** The reference: what a user of the driver would write for "the 50 nearest within 2 hops", unordered. */
const RAW_EXPANSION = `
MATCH (start:Entity {id: $id})
CALL (start) { MATCH (start)-[*1..2]-(n:Entity) WHERE n <> start RETURN DISTINCT n LIMIT 49 }
WITH start, collect(n) AS found
WITH [start] + found AS members
CALL (members) {
  UNWIND members AS a
  MATCH (a)-[r]->(b) WHERE b IN members
  RETURN collect({type: type(r), props: properties(r), fromId: a.id, toId: b.id}) AS edges
}
RETURN [m IN members | {props: properties(m), labels: labels(m)}] AS nodes, edges`;

type Timed = () => Promise<unknown>;

interface Figures {
  p50: number;
  p95: number;
  perSecond: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** POSTs a query over one keep-alive agent; rejects on a non-200 or a GraphQL error. */
function httpClient(url: string): (query: string) => Promise<unknown> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  return (query) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ query });
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const parsed = JSON.parse(text) as { errors?: unknown[] };
            if (res.statusCode !== 200 || parsed.errors)
              reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
            else resolve(parsed);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** Sequential latencies of each task, interleaved round by round, and req/s at CONCURRENCY. */
async function measure(tasks: Record<string, Timed>): Promise<Record<string, Figures>> {
  const names = Object.keys(tasks);
  const times = new Map<string, number[]>(names.map((name) => [name, []]));
  const rates = new Map<string, number[]>(names.map((name) => [name, []]));
  for (const name of names) for (let i = 0; i < WARMUP; i++) await tasks[name]();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      for (let i = 0; i < PER_ROUND; i++) {
        const started = performance.now();
        await tasks[name]();
        times.get(name)!.push(performance.now() - started);
      }
      let left = PER_ROUND;
      const started = performance.now();
      const worker = async () => {
        while (left-- > 0) await tasks[name]();
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      rates.get(name)!.push(PER_ROUND / ((performance.now() - started) / 1000));
    }
  }
  const figures: Record<string, Figures> = {};
  for (const name of names) {
    const sorted = times.get(name)!.sort((a, b) => a - b);
    const perRound = rates.get(name)!.sort((a, b) => a - b);
    figures[name] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), perSecond: percentile(perRound, 50) };
  }
  return figures;
}

const fmt = (n: number, width = 9) => n.toFixed(n < 100 ? 2 : 0).padStart(width);

/** One line per pair: the API's figures, the reference's, and API/reference (req/s: reference/API). */
function table(title: string, pairs: Array<[string, string]>, figures: Record<string, Figures>): string {
  const lines = [
    title,
    `${'measured'.padEnd(44)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'req/s'.padStart(9)}   ratio to reference p50 / p95 / req/s`,
  ];
  for (const [api, reference] of pairs) {
    for (const name of [api, reference]) {
      const f = figures[name];
      lines.push(`${name.padEnd(44)}${fmt(f.p50)}${fmt(f.p95)}${fmt(f.perSecond)}`);
    }
    const a = figures[api];
    const r = figures[reference];
    lines.push(
      `${'  ratio'.padEnd(44)}${fmt(a.p50 / r.p50)}${fmt(a.p95 / r.p95)}${fmt(a.perSecond / r.perSecond)}   (API / reference)`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'development',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
  });
  const local = await startLocalNeo4j({
    heap: process.env.NEO4J_HEAP ?? '1g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '256m',
  });
  const db = new Database(createDriver({ ...config.neo4j, uri: local.uri, maxPoolSize: 20 }), config.neo4j);
  try {
    await migrate(db);
    await loadSeed(db);
    if (GENERATED > 0) await generateGraph(db, GENERATED, 10);
    const schema = await buildGraphSchema();
    const app = await startApp({
      config: { ...config, host: '127.0.0.1', port: 0 },
      db,
      schema,
      logger: createLogger('silent'),
    });
    try {
      const post = httpClient(app.url);
      // The driver's two ways to run one read: a managed transaction (executeRead, the issue's
      // reference) and an auto-commit query, the fastest (what Database.read tries first): RUN and
      // PULL in one round trip, no BEGIN or COMMIT.
      const raw = async (cypher: string, params: Record<string, unknown>, autoCommit = false) => {
        const session = db.driver.session({ database: config.neo4j.database, defaultAccessMode: neo4j.session.READ });
        try {
          return autoCommit
            ? await session.run(cypher, params)
            : await session.executeRead((tx) => tx.run(cypher, params));
        } finally {
          await session.close();
        }
      };
      // The anonymous caller's view (CLEAR): what the API passes to every statement.
      const visible = { visibleTlp: ['CLEAR'], hiddenSourceIds: [] };
      const lookups = await measure({
        'actor(id) over HTTP': () => post(ACTOR_QUERY),
        'raw executeRead (ENTITIES_BY_ID)': () => raw(ENTITIES_BY_ID, { ids: ['jnim'], ...visible }),
        'raw auto-commit session.run (ENTITIES_BY_ID)': () => raw(ENTITIES_BY_ID, { ids: ['jnim'], ...visible }, true),
        '{ __typename } over HTTP': () => post(TYPENAME_QUERY),
        // Where the difference goes: the gateway alone, then a request's context, then GraphQL without HTTP.
        'stage: Database.read (gateway)': () => db.read('bench', ENTITIES_BY_ID, { ids: ['jnim'], ...visible }),
        'stage: + request context, loader': () => createRequestContext(db).loaders.entity.load('jnim'),
        'stage: + graphql() in process': async () => {
          const result = await graphql({ schema, source: ACTOR_QUERY, contextValue: createRequestContext(db) });
          if (result.errors) throw new Error(result.errors[0].message);
        },
      });

      const starts = [['seed', 'mali']];
      if (GENERATED > 0) starts.push(['hub', 'gen-0'], ['ordinary', 'gen-5000']);
      const tasks: Record<string, Timed> = {};
      const pairs: Array<[string, string]> = [];
      for (const [kind, id] of starts) {
        const params = {
          ...filterParams({}),
          ...visible,
          id,
          ...neighbourhoodCaps(50),
        };
        const statement = neighborhoodStatement(2, Direction.BOTH, NeighbourOrder.NEAREST);
        tasks[`neighborhood ${kind} ${id} over HTTP`] = () => post(neighbourhoodQuery(id));
        tasks[`  its statement alone (${id})`] = () => db.read('bench', statement, params);
        tasks[`raw unordered expansion (${id})`] = () => raw(RAW_EXPANSION, { id });
        pairs.push(
          [`neighborhood ${kind} ${id} over HTTP`, `raw unordered expansion (${id})`],
          [`  its statement alone (${id})`, `raw unordered expansion (${id})`],
        );
      }
      const neighbourhoods = await measure(tasks);
      const load = os.loadavg().map((value) => value.toFixed(2));
      process.stdout.write(
        [
          `lookup bench: ${ROUNDS} rounds x ${PER_ROUND} sequential + ${PER_ROUND} at ${CONCURRENCY} concurrent per task, interleaved, after ${WARMUP} warm-up; ` +
            `seed${GENERATED > 0 ? ` + ${GENERATED} generated actors (10 hubs)` : ''}; ${os.cpus().length} cores, load average ${load.join(' ')}`,
          table(
            'actor(id)',
            [
              ['actor(id) over HTTP', 'raw executeRead (ENTITIES_BY_ID)'],
              ['actor(id) over HTTP', 'raw auto-commit session.run (ENTITIES_BY_ID)'],
            ],
            lookups,
          ),
          Object.entries(lookups)
            .filter(([name]) => name.startsWith('{') || name.startsWith('stage'))
            .map(([name, f]) => `${name.padEnd(44)}${fmt(f.p50)}${fmt(f.p95)}${fmt(f.perSecond)}`)
            .join('\n'),
          table('neighborhood(depth: 2, limit: 50)', pairs, neighbourhoods),
        ].join('\n\n') + '\n',
      );
    } finally {
      await app.stop();
    }
  } finally {
    await db.close();
    await local.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
