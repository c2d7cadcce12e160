import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActorResolution } from '../src/interop/acled/acled.actor-resolution';
import {
  ACLED_SOURCE_ID,
  AcledBundleBuilder,
  DEFAULT_ACLED_CREDIBILITY,
  DEFAULT_OUTLET_RELIABILITY,
} from '../src/interop/acled/acled.mapping';
import type { AcledRepository } from '../src/interop/acled/acled.repository';
import { parseAcledCsv } from '../src/interop/acled/acled.row-parser';
import type { Tx } from '../src/db';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';
import { generateAcledCsv } from '../tools/generate-acled-file';

/**
 * `npm run bench:acled`: generates a synthetic ACLED export of 100,000 rows (BENCH_ACLED_ROWS)
 * and the bundle of the same records (what the ACLED import builds from it on an empty graph),
 * then imports each through the CLI into its own throw-away Neo4j and compares the wall-clock
 * times. Target (issue 14): the ACLED import within 1.2x of the bundle import. Both go through
 * the streaming importer (batches in many transactions, one import run), so the default heap
 * does (NEO4J_HEAP, default 2g).
 */
const ROWS = Number(process.env.BENCH_ACLED_ROWS ?? 100_000);
const TARGET_RATIO = 1.2;

/** The records the ACLED import builds from `csv` on an empty graph, as a bundle file. */
async function sameRecordsAsBundle(csv: string): Promise<unknown> {
  const { rows, problems } = await parseAcledCsv(csv);
  if (problems.length) throw new Error(`generated file has problems: ${JSON.stringify(problems.slice(0, 3))}`);
  const emptyGraph = { lookUpNames: () => Promise.resolve([]) } as unknown as AcledRepository;
  const resolution = new ActorResolution(emptyGraph, {
    sourceId: ACLED_SOURCE_ID,
    credibility: DEFAULT_ACLED_CREDIBILITY,
  });
  const builder = new AcledBundleBuilder({
    credibility: DEFAULT_ACLED_CREDIBILITY,
    reliability: DEFAULT_OUTLET_RELIABILITY,
  });
  await resolution.resolve({} as Tx, rows);
  for (const row of rows) builder.add(row, resolution);
  return builder.bundle(resolution.createdActors());
}

async function timedImport(args: string[]): Promise<number> {
  const neo4j = await startLocalNeo4j({
    heap: process.env.NEO4J_HEAP ?? '2g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '512m',
  });
  try {
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'cli', 'import.js'), ...args], {
        env: { ...process.env, NEO4J_URI: neo4j.uri, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`npm run import -- ${args.join(' ')} exited with ${code}`);
    return (performance.now() - started) / 1000;
  } finally {
    await neo4j.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-bench-acled-'));
  try {
    const csvFile = path.join(dir, 'acled.csv');
    const bundleFile = path.join(dir, 'acled.bundle.json');
    const csv = generateAcledCsv(ROWS);
    writeFileSync(csvFile, csv);
    const bundle = (await sameRecordsAsBundle(csv)) as Record<string, unknown[]>;
    writeFileSync(bundleFile, JSON.stringify(bundle));
    const mib = (file: string) => (statSync(file).size / 2 ** 20).toFixed(1);
    process.stdout.write(
      `ACLED file: ${ROWS} rows, ${mib(csvFile)} MiB; the bundle of the same records: ${bundle.events.length} events, ` +
        `${bundle.actors.length} actors, ${bundle.locations.length} places, ${bundle.sources.length} sources, ` +
        `${bundle.relationships.length} relationships (+ REPORTED_BY), ${mib(bundleFile)} MiB\n`,
    );
    const bundleSeconds = await timedImport([bundleFile]);
    const acledSeconds = await timedImport(['--format', 'acled', csvFile]);
    const ratio = acledSeconds / bundleSeconds;
    process.stdout.write(
      `bundle import ${bundleSeconds.toFixed(1)} s, ACLED import ${acledSeconds.toFixed(1)} s: ratio ${ratio.toFixed(2)} (target <= ${TARGET_RATIO})\n`,
    );
    if (ratio > TARGET_RATIO) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
