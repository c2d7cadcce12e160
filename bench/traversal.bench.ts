import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { graphql } from 'graphql';
import { createDriver, Database, migrate } from '../src/db';
import { createRequestContext } from '../src/graphql/request-composition';
import { buildGraphSchema } from '../src/graphql/schema';
import { PROJECT_ROOT } from '../src/paths';
import { loadSeed } from '../src/seed/seed-loader';
import { generateGraph } from '../tools/generate-graph';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench`: latency of each traversal field (through the GraphQL layer, on a real Neo4j)
 * on the seed graph plus a generated 10,000-actor graph with hubs, printed beside the committed
 * baseline (bench/baseline.json). `npm run bench -- --update-baseline` records new figures.
 * Always uses its own throw-away Neo4j, so it never touches your data.
 */
const BASELINE_FILE = path.join(PROJECT_ROOT, 'bench', 'baseline.json');
const WARMUP = 5;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);

const QUERIES: Array<[string, string]> = [
  ['search', '{ search(query: "jamaat nusrat", first: 10) { entity { id } } }'],
  [
    'neighborhood seed d2',
    '{ neighborhood(id: "mali", depth: 2, limit: 100) { nodes { id } edges { id sources { id } } } }',
  ],
  ['shortestPath seed', '{ shortestPath(fromId: "ukraine", toId: "jnim") { score explanation } }'],
  ['paths seed (score)', '{ paths(fromId: "mali", toId: "france", maxHops: 4, first: 10, orderBy: SCORE) { score } }'],
  [
    'connect seed (4 ids)',
    '{ connect(ids: ["mali", "burkina-faso", "niger", "france"], maxHops: 3) { nodes { id } } }',
  ],
  ['timeline seed', '{ timeline(actorId: "jnim") { nodes { event { id } participants { role } } } }'],
  ['allegations seed', '{ allegations { nodes { id corroboration denials { actor { id } } } } }'],
  ['neighborhood hub d3 (10k)', '{ neighborhood(id: "gen-0", depth: 3, limit: 500) { truncated nodes { id } } }'],
  ['shortestPath hubs (10k)', '{ shortestPath(fromId: "gen-4321", toId: "gen-8765", maxHops: 6) { length score } }'],
  [
    'paths hubs (10k)',
    '{ paths(fromId: "gen-1234", toId: "gen-9876", maxHops: 6, first: 20, orderBy: SCORE) { score } }',
  ],
  [
    'connect 10 ids (10k)',
    '{ connect(ids: ["gen-101","gen-202","gen-303","gen-404","gen-505","gen-606","gen-707","gen-808","gen-909","gen-1000"], maxHops: 6) { nodes { id } } }',
  ],
];

interface Figures {
  p50: number;
  p95: number;
  max: number;
  statements: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n: number) => n.toFixed(1).padStart(8);

async function main(): Promise<void> {
  const update = process.argv.includes('--update-baseline');
  const neo4j = await startLocalNeo4j({
    heap: process.env.NEO4J_HEAP ?? '1g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '256m',
  });
  const driver = createDriver({
    uri: neo4j.uri,
    user: 'neo4j',
    password: '',
    acquisitionTimeoutMs: 5_000,
    maxPoolSize: 10,
  });
  const db = new Database(driver, { database: 'neo4j', transactionTimeoutMs: 30_000 });
  try {
    await migrate(db);
    await loadSeed(db);
    await generateGraph(db, 10_000, 10);
    const schema = await buildGraphSchema();
    const results: Record<string, Figures> = {};
    for (const [name, source] of QUERIES) {
      const times: number[] = [];
      let statements = 0;
      for (let i = 0; i < WARMUP + ITERATIONS; i++) {
        const context = createRequestContext(db);
        const started = performance.now();
        const result = await graphql({ schema, source, contextValue: context });
        const elapsed = performance.now() - started;
        if (result.errors) throw new Error(`${name}: ${result.errors.map((e) => e.message).join('; ')}`);
        if (i >= WARMUP) times.push(elapsed);
        statements = context.stats.statements;
      }
      times.sort((a, b) => a - b);
      results[name] = { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, statements };
    }
    const baseline: Record<string, Figures> = existsSync(BASELINE_FILE)
      ? JSON.parse(readFileSync(BASELINE_FILE, 'utf8')).results
      : {};
    const lines = [
      `traversal latency, ms (${ITERATIONS} runs after ${WARMUP} warm-up; baseline: bench/baseline.json)`,
      `${'query'.padEnd(28)}${'p50'.padStart(8)}${'base'.padStart(8)}${'p95'.padStart(8)}${'base'.padStart(8)}${'max'.padStart(8)}  stmts  p50 vs base`,
    ];
    for (const [name, figures] of Object.entries(results)) {
      const base = baseline[name];
      const ratio = base ? `${(figures.p50 / base.p50).toFixed(2)}x` : 'new';
      lines.push(
        `${name.padEnd(28)}${fmt(figures.p50)}${base ? fmt(base.p50) : '       -'}${fmt(figures.p95)}${base ? fmt(base.p95) : '       -'}${fmt(figures.max)}  ${String(figures.statements).padStart(5)}  ${ratio}`,
      );
    }
    const memory = process.memoryUsage();
    lines.push(
      `node heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB`,
    );
    process.stdout.write(lines.join('\n') + '\n');
    if (update) {
      writeFileSync(
        BASELINE_FILE,
        JSON.stringify(
          { recorded: new Date().toISOString().slice(0, 10), machine: '2 cores, Node 20, Neo4j 5.26 heap 1g', results },
          null,
          2,
        ) + '\n',
      );
      process.stdout.write(`baseline written to ${BASELINE_FILE}\n`);
    }
  } finally {
    await db.close();
    await neo4j.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
