import 'reflect-metadata';
import { graphql } from 'graphql';
import { createDriver, Database, migrate } from '../src/db';
import { createRequestContext } from '../src/graphql/request-composition';
import { buildGraphSchema } from '../src/graphql/schema';
import { generateGraph } from '../tools/generate-graph';
import { startLocalNeo4j, type LocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:traversal-scale [-- --nodes 100000 --hubs 10 --pairs 100]`: p50/p95 and timeouts of
 * shortestPath, paths, connect and neighborhood through the GraphQL layer on a generated graph with
 * hubs (tools/generate-graph.ts), for hub pairs and for ordinary pairs. Uses NEO4J_URI when set
 * (and generates the graph there only if it has no generated actors), else a throw-away Neo4j.
 * A quick probe for the traversal caps; `npm run bench:scale` is the full comparison.
 */
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const NODES = arg('nodes', 100_000);
const HUBS = arg('hubs', 10);
const PAIRS = arg('pairs', 100);
const MAX_HOPS = arg('max-hops', 6);
const TIMEOUT_MS = arg('timeout-ms', 15_000);
const WARMUP = arg('warmup', 2);
/** `--without-flag` probes a build from before paths had `truncated`. */
const PATH_FIELDS = process.argv.includes('--without-flag') ? 'length' : 'length truncated';

/** Deterministic pseudo-random ids (a linear congruential generator), so runs compare. */
function* ids(seed: number, from: number, to: number): Generator<string> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield `gen-${from + (state % (to - from))}`;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

async function main(): Promise<void> {
  let neo4j: LocalNeo4j | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    neo4j = await startLocalNeo4j({
      heap: process.env.NEO4J_HEAP ?? '1g',
      pageCache: process.env.NEO4J_PAGECACHE ?? '512m',
    });
    uri = neo4j.uri;
  }
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    acquisitionTimeoutMs: 5_000,
    maxPoolSize: 10,
  });
  const db = new Database(driver, {
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    transactionTimeoutMs: TIMEOUT_MS,
  });
  try {
    await migrate(db);
    const [{ present }] = await db.read<{ present: number }>(
      'probe.count',
      `MATCH (n:Actor) WHERE n.id STARTS WITH 'gen-' RETURN count(n) AS present`,
    );
    if (present === 0) {
      const started = performance.now();
      await generateGraph(db, NODES, HUBS);
      process.stdout.write(
        `generated ${NODES} actors, ${HUBS} hubs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    } else if (present !== NODES) {
      throw new Error(`the database holds ${present} generated actors, not ${NODES}`);
    }
    const schema = await buildGraphSchema();
    const ordinary = ids(42, HUBS, NODES);
    const hub = ids(7, 0, HUBS);
    const pair = (source: Generator<string>): [string, string] => {
      const a = source.next().value as string;
      let b = source.next().value as string;
      while (b === a) b = source.next().value as string;
      return [a, b];
    };
    const kinds: Array<[string, () => string]> = [
      [
        'shortestPath hubs',
        () => {
          const [a, b] = pair(hub);
          return `{ shortestPath(fromId: "${a}", toId: "${b}", maxHops: ${MAX_HOPS}) { ${PATH_FIELDS} } }`;
        },
      ],
      [
        'shortestPath ordinary',
        () => {
          const [a, b] = pair(ordinary);
          return `{ shortestPath(fromId: "${a}", toId: "${b}", maxHops: ${MAX_HOPS}) { ${PATH_FIELDS} } }`;
        },
      ],
      [
        'paths hubs',
        () => {
          const [a, b] = pair(hub);
          return `{ paths(fromId: "${a}", toId: "${b}", maxHops: ${MAX_HOPS}, first: 10) { ${PATH_FIELDS} } }`;
        },
      ],
      [
        'paths ordinary',
        () => {
          const [a, b] = pair(ordinary);
          return `{ paths(fromId: "${a}", toId: "${b}", maxHops: ${MAX_HOPS}, first: 10) { ${PATH_FIELDS} } }`;
        },
      ],
      [
        'connect 2 hubs + 2',
        () => {
          const [a, b] = pair(hub);
          const [c, d] = pair(ordinary);
          return `{ connect(ids: ["${a}", "${b}", "${c}", "${d}"], maxHops: ${MAX_HOPS}) { truncated nodes { id } } }`;
        },
      ],
      [
        'neighborhood d2 hub',
        () => `{ neighborhood(id: "${hub.next().value}", depth: 2, limit: 50) { truncated nodes { id } } }`,
      ],
      [
        'neighborhood d2 ordinary',
        () => `{ neighborhood(id: "${ordinary.next().value}", depth: 2, limit: 50) { truncated nodes { id } } }`,
      ],
    ];
    process.stdout.write(
      `${'query'.padEnd(26)}${'runs'.padStart(6)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'max ms'.padStart(10)}${'errors'.padStart(8)}${'truncated'.padStart(11)}\n`,
    );
    for (const [name, next] of kinds) {
      const times: number[] = [];
      let errors = 0;
      let truncated = 0;
      const runs = name.includes('hub') && !name.includes('neighborhood') ? Math.min(PAIRS, 30) : PAIRS;
      // Warm-up runs (not counted): Neo4j plans each statement once, which takes a while for long ones.
      for (let i = 0; i < WARMUP; i++)
        await graphql({ schema, source: next(), contextValue: createRequestContext(db) });
      for (let i = 0; i < runs; i++) {
        const source = next();
        const started = performance.now();
        const result = await graphql({ schema, source, contextValue: createRequestContext(db) });
        times.push(performance.now() - started);
        if (result.errors) errors += 1;
        if (JSON.stringify(result.data ?? {}).includes('"truncated":true')) truncated += 1;
      }
      times.sort((a, b) => a - b);
      process.stdout.write(
        `${name.padEnd(26)}${String(runs).padStart(6)}${percentile(times, 50).toFixed(1).padStart(10)}${percentile(times, 95).toFixed(1).padStart(10)}${times.at(-1)!.toFixed(1).padStart(10)}${String(errors).padStart(8)}${String(truncated).padStart(11)}\n`,
      );
    }
  } finally {
    await db.close();
    await neo4j?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
