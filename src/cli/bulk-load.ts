import 'reflect-metadata';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  AdminImportError,
  databaseExists,
  runAdminImport,
  type AdminImportResult,
} from '../../tools/neo4j/admin-import';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { BulkLoadRepository, type EmptyListsRow } from '../bundle/load';
import {
  NEO4J_CSV_FILES,
  NEO4J_CSV_FORMAT,
  NEO4J_CSV_VERSION,
  type EmptyListsRecord,
  type Neo4jCsvManifest,
} from '../bundle/export';
import type { Config } from '../config';
import { migrate, type Database } from '../db';
import { connect } from '../db/connect';
import { createLogger, type Logger } from '../logger';
import { configOrExit, parseCommandLine, usageError } from './command-line';

const USAGE = `Usage: npm run import:bulk -- DIR [--overwrite-destination]
       node dist/src/cli/bulk-load.js DIR [--overwrite-destination]

Loads a neo4j-csv export (\`npm run export -- --format neo4j-csv --out DIR\`) into the local store
of \`npm start\` (NEO4J_LOCAL_DATA_DIR, default .data/neo4j) with Neo4j's offline bulk importer,
\`neo4j-admin database import full\` (hundreds of thousands of relationships per second). For an
initial load of millions; \`npm run import\` adds to a live graph instead.

Offline: it refuses while a Neo4j runs on that store (stop \`npm start\` / \`npm run neo4j\` first),
and it refuses when NEO4J_URI is set (a remote server's store is loaded on that server, with its
own neo4j-admin and this folder). After the import it starts the store once to apply the
migrations (constraints, indexes), put back empty lists, and check the counts against the export.

Options:
  --overwrite-destination  replace the database in the store (its current graph is deleted);
                           without it the store must not hold one yet
  -h, --help               this text

Java: JAVA_HOME/bin/java, else java on PATH (JDK 17+). Importer memory: BULK_LOAD_HEAP (default
2g) and BULK_LOAD_OFF_HEAP (default: the importer's own, 90% of free memory).`;

const { values, positionals } = parseCommandLine({
  usage: USAGE,
  options: { 'overwrite-destination': { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (positionals.length !== 1)
  usageError('Give exactly one folder: the output of `npm run export -- --format neo4j-csv`');
const folder = path.resolve(positionals[0]);
const overwrite = values['overwrite-destination'] as boolean;

/** Rows per statement when putting back empty lists. */
const RESTORE_BATCH = 10_000;
/** Transaction timeout while finishing: migrations on a freshly loaded graph build whole indexes. */
const FINISH_TIMEOUT_MS = 600_000;

class BulkLoadRefused extends Error {}

void main();

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, process.stderr);
  try {
    const summary = await bulkLoad(config, logger);
    process.stdout.write(summary);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

async function bulkLoad(config: Config, logger: Logger): Promise<string> {
  if (config.neo4j.uri) {
    throw new BulkLoadRefused(
      `NEO4J_URI is set (${config.neo4j.uri}), but a bulk load writes store files, not a server: it loads only the local store ` +
        `(NEO4J_LOCAL_DATA_DIR). Unset NEO4J_URI to load ${config.localNeo4j.dataDir}, or run neo4j-admin database import ` +
        'on the server that owns that database, with this folder (see docs/curation.md).',
    );
  }
  const manifest = readManifest(folder);
  const store = path.resolve(config.localNeo4j.dataDir);
  const database = config.neo4j.database;
  if (await somethingListens(config.localNeo4j.port)) {
    throw new BulkLoadRefused(
      `Something answers on 127.0.0.1:${config.localNeo4j.port} (NEO4J_LOCAL_PORT): a running \`npm start\` or \`npm run neo4j\` ` +
        `holds the store ${store}. A bulk load is offline: stop it, then run this command again.`,
    );
  }
  if (!overwrite && databaseExists(store, database)) {
    throw new BulkLoadRefused(
      `The store ${store} already holds the database "${database}", and the bulk importer only writes a new one. ` +
        'Re-run with --overwrite-destination to replace it (its current graph is deleted), or set NEO4J_LOCAL_DATA_DIR to an empty folder.',
    );
  }

  const file = (name: string) => path.join(folder, name);
  logger.info({ store, database, folder }, 'bulk import: neo4j-admin database import full');
  const imported = await runAdminImport({
    store,
    database,
    nodes: [file(manifest.files.nodes)],
    relationships: [file(manifest.files.relationships)],
    arrayDelimiter: manifest.arrayDelimiter,
    multilineFields: manifest.multilineFields,
    overwrite,
    heap: process.env.BULK_LOAD_HEAP,
    maxOffHeapMemory: process.env.BULK_LOAD_OFF_HEAP,
    log: (line) => logger.debug(line),
  });
  if (imported.nodes !== manifest.counts.nodes || imported.relationships !== manifest.counts.relationships) {
    throw new AdminImportError(
      `The importer wrote ${imported.nodes} nodes and ${imported.relationships} relationships, but the export has ` +
        `${manifest.counts.nodes} and ${manifest.counts.relationships} (see ${store}/logs/import.report).`,
    );
  }
  logger.info({ ...imported }, 'bulk import done; starting the store once to migrate and finish');
  const finished = await finish(config, logger, store, file(manifest.files.emptyLists), manifest);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return (
    `bulk-loaded ${imported.nodes} nodes and ${imported.relationships} relationships into ${store} ` +
    `in ${seconds(imported.importMs)} s (${rate(imported)} relationships/s; ${seconds(imported.wallMs)} s with the JVM)\n` +
    `migrations applied: ${finished.applied.join(', ') || 'none'}; empty lists restored: ${finished.restored}; ` +
    `finishing took ${seconds(finished.ms)} s\n`
  );
}

const rate = (result: AdminImportResult) =>
  Math.round(result.relationships / Math.max(result.importMs / 1000, 0.001)).toLocaleString('en-US');

/**
 * The import leaves a store without schema (no constraints or indexes) and without the empty lists
 * CSV cannot carry: one start of the store applies the migrations, as `npm start` would, restores
 * the lists and checks that the graph holds what the export counted.
 */
async function finish(
  config: Config,
  logger: Logger,
  store: string,
  emptyListsFile: string,
  manifest: Neo4jCsvManifest,
): Promise<{ applied: string[]; restored: number; ms: number }> {
  const started = performance.now();
  let local: LocalNeo4j | undefined;
  let db: Database | undefined;
  try {
    local = await startLocalNeo4j({
      ...config.localNeo4j,
      dataDir: store,
      port: 0,
      log: (line) => logger.info(line),
    });
    // Creating a constraint on millions of nodes takes longer than a request's transaction timeout.
    db = await connect({ ...config.neo4j, uri: local.uri, transactionTimeoutMs: FINISH_TIMEOUT_MS }, logger);
    const applied = await migrate(db);
    const repo = new BulkLoadRepository(db);
    const restored = await restoreEmptyLists(repo, emptyListsFile, manifest.counts.emptyLists);
    const counts = await repo.counts();
    if (counts.nodes !== manifest.counts.nodes || counts.relationships !== manifest.counts.relationships) {
      throw new AdminImportError(
        `The loaded graph holds ${counts.nodes} entities and ${counts.relationships} relationships, but the export has ` +
          `${manifest.counts.nodes} and ${manifest.counts.relationships}.`,
      );
    }
    return { applied, restored, ms: performance.now() - started };
  } finally {
    await db?.close();
    await local?.stop();
  }
}

async function restoreEmptyLists(repo: BulkLoadRepository, file: string, expected: number): Promise<number> {
  if (expected === 0) return 0;
  const batches: Record<'node' | 'relationship', EmptyListsRow[]> = { node: [], relationship: [] };
  let found = 0;
  const flush = async (kind: 'node' | 'relationship') => {
    if (batches[kind].length === 0) return;
    found += await repo.restoreEmptyLists(kind, batches[kind]);
    batches[kind] = [];
  };
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as EmptyListsRecord;
    const props = Object.fromEntries(record.properties.map((property) => [property, []]));
    const kind = 'node' in record ? 'node' : 'relationship';
    batches[kind].push(
      'node' in record ? { id: record.node, props } : { id: record.relationship, from: record.from, props },
    );
    if (batches[kind].length >= RESTORE_BATCH) await flush(kind);
  }
  await flush('node');
  await flush('relationship');
  if (found !== expected) {
    throw new AdminImportError(
      `${file} lists ${expected} records with empty lists, but ${found} were found in the graph`,
    );
  }
  return found;
}

function readManifest(dir: string): Neo4jCsvManifest {
  const file = path.join(dir, NEO4J_CSV_FILES.manifest);
  if (!existsSync(file)) {
    throw new BulkLoadRefused(
      `${file} does not exist: DIR must be the folder written by \`npm run export -- --format neo4j-csv --out DIR\`.`,
    );
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Neo4jCsvManifest;
  if (manifest.format !== NEO4J_CSV_FORMAT || manifest.version !== NEO4J_CSV_VERSION) {
    throw new BulkLoadRefused(
      `${file} is not a ${NEO4J_CSV_FORMAT} version ${NEO4J_CSV_VERSION} manifest (format ${manifest.format}, version ${manifest.version}).`,
    );
  }
  for (const name of [manifest.files.nodes, manifest.files.relationships]) {
    if (!existsSync(path.join(dir, name))) throw new BulkLoadRefused(`${path.join(dir, name)} is missing.`);
  }
  return manifest;
}

/** A TCP connect to the local Bolt port: whatever listens there holds (or is) the local Neo4j. */
function somethingListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port, timeout: 1_000 });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
