import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { relationshipId, actorProps, relationshipProps, sourceProps, type Props } from '../src/bundle/format';
import { plainNodesStatement, plainRelationshipsStatement, DEFAULT_BATCH_SIZE } from '../src/bundle/load';
import { migrate, Database } from '../src/db';
import { EntityKind, LABEL_OF_ACTOR_KIND, RelationshipType, type ActorKind } from '../src/model/vocabulary';
import { generatedRecords, writeImportFile, type GeneratedFile } from '../tools/generate-import-file';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:import`: the streaming importer (`npm run import`, a child process, wall clock
 * from start to exit: validation, both write passes, run bookkeeping) against the yardstick of
 * the issue, plain batched UNWIND MERGE of the same rows (MERGE nodes by id, then MATCH both
 * ends and MERGE each relationship by id; batches of 10,000, one transaction each, rows prepared
 * in memory beforehand), each into an empty graph, interleaved in one run on one Neo4j:
 * raw, ours, raw, ours... Prints both, relationships/s, and the ratio of medians (raw time /
 * our time: 1.0 means as fast as plain Cypher).
 *
 * Cases: BENCH_ACTORS / BENCH_RELATIONSHIPS (default 5,000 / 100,000: the measurement),
 * then a large case of BENCH_LARGE relationships (default 1,000,000; 0 to skip) among
 * BENCH_LARGE / 20 actors. BENCH_ROUNDS rounds (default 3), BENCH_LARGE_ROUNDS for the large case
 * (default 1). BENCH_FORMAT jsonl|bundle.
 * Neo4j: a throw-away one (NEO4J_HEAP 2g, NEO4J_PAGECACHE 1g), or BENCH_NEO4J_URI (emptied!).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 1);
const FORMAT = (process.env.BENCH_FORMAT ?? 'jsonl') as 'jsonl' | 'bundle';
const CASES: GeneratedFile[] = [
  {
    actors: Number(process.env.BENCH_ACTORS ?? 5_000),
    relationships: Number(process.env.BENCH_RELATIONSHIPS ?? 100_000),
    prefix: 'gb',
  },
  ...(Number(process.env.BENCH_LARGE ?? 1_000_000) > 0
    ? [
        {
          actors: Math.ceil(Number(process.env.BENCH_LARGE ?? 1_000_000) / 20),
          relationships: Number(process.env.BENCH_LARGE ?? 1_000_000),
          prefix: 'gl',
        },
      ]
    : []),
];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-bench-import-'));
  // BENCH_NEO4J_URI: an existing, throw-away Neo4j (the bench empties it); else one started here.
  const external = process.env.BENCH_NEO4J_URI;
  const server = external
    ? { uri: external, stop: async () => undefined }
    : await startLocalNeo4j({ heap: process.env.NEO4J_HEAP ?? '2g', pageCache: process.env.NEO4J_PAGECACHE ?? '1g' });
  const driver = neo4j.driver(server.uri, neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? ''), {
    disableLosslessIntegers: true,
  });
  try {
    const db = new Database(driver, { database: 'neo4j', transactionTimeoutMs: 600_000 });
    await migrate(db);
    for (const spec of CASES) {
      const file = path.join(dir, `${spec.prefix}.${FORMAT}`);
      const bytes = await writeImportFile(file, FORMAT, spec);
      const total = spec.relationships + spec.actors; // plus REPORTED_BY, one per actor
      log(
        `\n${spec.actors} actors, ${spec.relationships} relationships (+${spec.actors} REPORTED_BY): ${FORMAT} file of ${(bytes / 2 ** 20).toFixed(1)} MiB`,
      );
      const raw: number[] = [];
      const ours: number[] = [];
      const rounds = spec.prefix === 'gl' ? LARGE_ROUNDS : ROUNDS;
      for (let round = 1; round <= rounds; round++) {
        await clear(driver);
        const rawSeconds = await plainImport(driver, spec);
        raw.push(rawSeconds);
        log(
          `  round ${round} raw UNWIND MERGE: ${rawSeconds.toFixed(1)} s, ${rate(total, rawSeconds)} relationships/s`,
        );
        await clear(driver);
        const ourSeconds = await cliImport(server.uri, file);
        ours.push(ourSeconds);
        log(
          `  round ${round} npm run import:   ${ourSeconds.toFixed(1)} s, ${rate(total, ourSeconds)} relationships/s`,
        );
      }
      const [r, o] = [median(raw), median(ours)];
      // The machine's load drifts: each round's pair ran back to back, so the ratio is taken per round.
      const ratios = raw.map((seconds, i) => seconds / ours[i]);
      log(
        `  median: raw ${r.toFixed(1)} s (${rate(total, r)}/s), ours ${o.toFixed(1)} s (${rate(total, o)}/s); ` +
          `speed ratio ours/raw per round ${ratios.map((x) => x.toFixed(2)).join(', ')}, median ${median(ratios).toFixed(2)}`,
      );
    }
  } finally {
    await driver.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The yardstick: the same rows (same properties, content hash included) by plain UNWIND MERGE. */
async function plainImport(driver: Driver, spec: GeneratedFile): Promise<number> {
  const nodes = new Map<string, { statement: string; rows: Array<{ id: string; props: Props }> }>();
  const rels = new Map<
    string,
    { statement: string; rows: Array<{ id: string; from: string; to: string; props: Props }> }
  >();
  const rel = (type: RelationshipType, record: Record<string, unknown>) => {
    if (!rels.has(type)) rels.set(type, { statement: plainRelationshipsStatement(type), rows: [] });
    const typed = { ...record, type } as never as Parameters<typeof relationshipProps>[0];
    rels
      .get(type)!
      .rows.push({ id: relationshipId(typed), from: typed.from, to: typed.to, props: relationshipProps(typed) });
  };
  for (const { kind, record } of generatedRecords(spec)) {
    if (kind === 'source') {
      nodes.set('source', {
        statement: plainNodesStatement(EntityKind.SOURCE),
        rows: [{ id: record.id as string, props: sourceProps(record as never) }],
      });
    } else if (kind === 'actor') {
      const key = `actor:${record.kind}`;
      if (!nodes.has(key)) {
        const sub = LABEL_OF_ACTOR_KIND[record.kind as ActorKind];
        nodes.set(key, { statement: plainNodesStatement(EntityKind.ACTOR, sub), rows: [] });
      }
      nodes.get(key)!.rows.push({ id: record.id as string, props: actorProps(record as never) });
      const sourceIds = record.sourceIds as string[];
      for (const sourceId of sourceIds) {
        rel(RelationshipType.REPORTED_BY, {
          from: record.id,
          to: sourceId,
          sourceIds: [sourceId],
          credibility: record.credibility,
          excerpt: record.excerpt,
        });
      }
    } else {
      rel(record.type as RelationshipType, record);
    }
  }
  const started = performance.now();
  const session = driver.session();
  try {
    for (const jobs of [nodes, rels]) {
      for (const { statement, rows } of jobs.values()) {
        for (let i = 0; i < rows.length; i += DEFAULT_BATCH_SIZE) {
          await session.executeWrite((tx) => tx.run(statement, { rows: rows.slice(i, i + DEFAULT_BATCH_SIZE) }));
        }
      }
    }
  } finally {
    await session.close();
  }
  return (performance.now() - started) / 1000;
}

async function cliImport(uri: string, file: string): Promise<number> {
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    // With the heap `npm run import` gives it (package.json), so the figure is the command's.
    const heap = `--max-old-space-size=${process.env.IMPORT_HEAP_MB ?? 200}`;
    const child = spawn(process.execPath, [heap, path.join(__dirname, '..', 'src', 'cli', 'import.js'), file], {
      env: { ...process.env, NEO4J_URI: uri, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.on('data', (chunk: Buffer) =>
      process.stdout.write(`    ${chunk.toString().trimEnd().replace(/\n/g, '\n    ')}\n`),
    );
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`npm run import exited with ${code}`);
  return (performance.now() - started) / 1000;
}

/** Empties the graph between runs (entities, import runs and their leftovers), in bounded transactions. */
async function clear(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run(
      'MATCH (n) WHERE n:Entity OR n:ImportRun OR n:ImportPreImage OR n:Change CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
    );
  } finally {
    await session.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en-US');
const log = (line: string) => process.stdout.write(`${line}\n`);

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
