import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import {
  type LoadCounts,
  DEFAULT_BATCH_SIZE,
  DEFAULT_CONCURRENCY,
  ImportRolledBackError,
  StreamImporter,
  type ImportHistory,
} from '../bundle/load';
import { detectFormat, IMPORT_FORMATS, type ImportFormat } from '../bundle/format';
import type { Database } from '../db';
import { migrate } from '../db';
import { loadConfig } from '../config';
import { BadUserInputError } from '../errors';
import { AcledFileImporter } from '../interop/acled/acled.file-import';
import { COMMAND_LINE_LIMITS } from '../interop/stix/stix-limits';
import { StixFileImporter, type StixImportPhase } from '../interop/stix/stix.file-import';
import type { Reliability } from '../model/vocabulary';
import { parseCommandLine, usageError } from './command-line';
import { runWithDatabase } from './run-with-database';

/**
 * `npm run import -- FILE`: the streaming importer (src/bundle/load/stream-import.service.ts). One
 * validation pass, then batches of UNWIND in many transactions, all or nothing through an import
 * run id (a failed run is rolled back). Progress on stderr; the summary is the output (stdout).
 * Formats are dispatched in `importFile`: a new one adds a branch there and its name to FORMATS.
 */
const FORMATS: readonly string[] = [...IMPORT_FORMATS, 'stix', 'acled'];
/** Formats converted into bundle records first (importConverted). */
type ConvertedFormat = 'stix' | 'acled';
const isConverted = (format: string | undefined): format is ConvertedFormat => format === 'stix' || format === 'acled';

const USAGE = `Usage: npm run import -- FILE [--format ${FORMATS.join('|')}] [--history run|per-record] [--dry-run]
       npm run import -- --rollback RUN_ID
       node dist/src/cli/import.js FILE [options]

Imports a file of any size, streaming it: the JSON bundle (the format of \`npm run export\` and
seed/) or JSON Lines (one {"kind": "actor", "record": {...}} per line; see docs/curation.md).
Validates the whole file first (any problem, with its record's place in the file, and nothing is
written), then writes it in batches as one import run: all or nothing, a failed run is rolled
back. Prints the run id and created / updated / unchanged counts on stdout; progress and logs
go to stderr.

Options:
  --format F          ${FORMATS.join(', ')}; by default from the extension (.jsonl/.ndjson: jsonl).
                      stix: a STIX 2.1 bundle (OpenCTI, MISP, /export/stix.json; docs/stix.md),
                      up to ${COMMAND_LINE_LIMITS.maxObjects} objects and ${COMMAND_LINE_LIMITS.maxBytes / 1e6} MB, converted,
                      then written as a bundle file is; acled: an ACLED CSV
                      export (docs/acled.md), resolved against the graph, then written
                      as a bundle file is
  --credibility N     acled: information credibility 1-6 of what the file says (default 3)
  --reliability R     acled: reliability A-F of the outlets ACLED names (default F)
  --update-existing   stix: let the bundle change entities and relationships the graph already
                      holds (same id, other content); without it such a bundle is refused
  --history H         run (default): one history entry, the import run; per-record: also one
                      (:Change) per record created or updated (slower)
  --dry-run           validate only: nothing is written
  --rollback RUN_ID   undo a run that did not complete (its process was killed)
  --batch-size N      rows per batch (default ${DEFAULT_BATCH_SIZE})
  --concurrency N     batches in flight at once (default ${DEFAULT_CONCURRENCY} for nodes, 1 for relationships)
  -h, --help          this text

IMPORT_WORKERS: worker threads that validate a JSON Lines file (default 2, or 1 on one core;
0 or 1: the main thread does).

Neo4j: NEO4J_URI, else the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT (npm start),
else one started on NEO4J_LOCAL_DATA_DIR for the import.

Examples:
  npm run import -- my-bundle.json --dry-run
  npm run import -- events.jsonl --history per-record
  NEO4J_URI=bolt://db.example:7687 NEO4J_PASSWORD=... npm run import -- my-bundle.json`;

const { values, positionals } = parseCommandLine({
  usage: USAGE,
  options: {
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string' },
    history: { type: 'string', default: 'run' },
    rollback: { type: 'string' },
    'batch-size': { type: 'string' },
    concurrency: { type: 'string' },
    credibility: { type: 'string' },
    reliability: { type: 'string' },
    'update-existing': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const rollbackRun = values.rollback;
if (rollbackRun === undefined && positionals.length !== 1)
  usageError(
    positionals.length
      ? `one bundle file at a time (got ${positionals.length})`
      : 'which bundle? npm run import -- FILE',
  );
if (rollbackRun !== undefined && positionals.length) usageError('--rollback takes a run id, not a file');
if (values.format !== undefined && !FORMATS.includes(values.format))
  usageError(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
if (values.history !== 'run' && values.history !== 'per-record')
  usageError(`--history must be run or per-record (got "${values.history}")`);
const positive = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usageError(`--${name} must be a positive integer (got "${value}")`);
  return n;
};
if (values.format !== 'acled' && (values.credibility !== undefined || values.reliability !== undefined))
  usageError('--credibility and --reliability are for --format acled');
if (values.format !== 'stix' && values['update-existing'])
  usageError('--update-existing is for --format stix (a bundle file always updates what it names)');
const batchSize = positive('batch-size', values['batch-size']);
const concurrency = positive('concurrency', values.concurrency);
const who = process.env.USER ? `cli:${process.env.USER}` : 'cli';

void runWithDatabase(async (db) => {
  await migrate(db);
  if (rollbackRun !== undefined) {
    const undone = await new StreamImporter(db).rollback(rollbackRun);
    process.stdout.write(
      `rolled back import run ${rollbackRun}: restored ${undone.restored} records, deleted ${undone.deletedNodes} nodes and ${undone.deletedRelationships} relationships\n`,
    );
    return;
  }
  const file = positionals[0];
  if (isConverted(values.format)) {
    await importConverted(db, file, values.format);
    return;
  }
  let format: ImportFormat;
  try {
    format = detectFormat(file, values.format);
  } catch (error) {
    usageError((error as Error).message);
  }
  await importFile(db, file, format);
});

async function importFile(db: Database, file: string, format: ImportFormat): Promise<void> {
  const started = performance.now();
  const importer = new StreamImporter(db);
  for (const run of await importer.unfinishedRuns()) {
    process.stderr.write(
      `warning: import run ${run.id} (${run.file}, started ${run.startedAt}) did not finish; undo it with \`npm run import -- --rollback ${run.id}\`\n`,
    );
  }
  const progress = new PhaseProgress();
  try {
    const summary = await importer.import({
      file,
      format,
      who,
      operation: 'import',
      history: values.history as ImportHistory,
      dryRun: values['dry-run'],
      batchSize,
      concurrency,
      workers: loadConfig(process.env).importWorkers,
      onProgress: (phase, done, total) => progress.update(phase, done, total),
    });
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      (values['dry-run']
        ? [
            `dry run (nothing written): ${file} (${summary.format}) is valid, ${summary.records} records, in ${seconds.toFixed(1)} s`,
          ]
        : [
            `imported ${file} (${summary.format}) in ${seconds.toFixed(1)} s, import run ${summary.runId}`,
            countsLine('nodes', summary.nodes),
            countsLine('relationships', summary.relationships),
            `seconds        validation ${summary.seconds.validation}, nodes ${summary.seconds.nodes}, relationships ${summary.seconds.relationships}`,
          ]
      ).join('\n') + '\n',
    );
  } catch (error) {
    progress.stop();
    throw notImported(file, error);
  }
}

/**
 * STIX (StixFileImporter) and ACLED (AcledFileImporter): read, converted and checked, then the
 * streaming importer as for a bundle file: one run, all or nothing.
 */
async function importConverted(db: Database, file: string, format: ConvertedFormat): Promise<void> {
  const started = performance.now();
  const progress = new PhaseProgress();
  try {
    const summary =
      format === 'acled'
        ? await new AcledFileImporter(db).importFile(file, {
            who,
            dryRun: values['dry-run'],
            history: values.history as ImportHistory,
            credibility: values.credibility === undefined ? undefined : Number(values.credibility),
            reliability: values.reliability as Reliability | undefined,
            onProgress: (phase, done, total) => progress.update(phase, done, total),
          })
        : await new StixFileImporter(db).importFile(file, {
            who,
            dryRun: values['dry-run'],
            updateExisting: values['update-existing'],
            history: values.history as ImportHistory,
            batchSize,
            concurrency,
            onProgress: (phase, done, total) => progress.update(phase, done, total),
          });
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    const skipped = 'skipped' in summary ? (summary.skipped ?? {}) : {};
    const run = 'runId' in summary && summary.runId ? `, import run ${summary.runId}` : '';
    process.stdout.write(
      [
        `${values['dry-run'] ? 'dry run (nothing written)' : 'imported'} ${file} (${format}) in ${seconds.toFixed(1)} s${run}`,
        countsLine('nodes', summary.nodes),
        countsLine('relationships', summary.relationships),
        ...Object.entries(skipped).map(([why, n]) => `skipped        ${n} ${why}`),
      ].join('\n') + '\n',
    );
  } catch (error) {
    progress.stop();
    throw notImported(file, error);
  }
}

/** One line of the summary: what a kind of record came to. */
const countsLine = (label: string, c: LoadCounts) =>
  `${label.padEnd(14)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`;

/** Why `file` was not imported, in the user's terms (each bad record named; a rolled-back run). */
function notImported(file: string, error: unknown): unknown {
  if (error instanceof BadUserInputError)
    return new Error(
      `${file} was not imported (nothing written):\n${error.problems.map((p) => `  ${p.record ? `${p.record} ` : ''}${p.field}: ${p.reason}`).join('\n')}`,
      { cause: error },
    );
  if (error instanceof ImportRolledBackError)
    return new Error(`${file} was not imported: ${error.message}`, { cause: error });
  return error;
}

/** One progress bar per phase on stderr (CI logs and pipes get a line now and then). */
class PhaseProgress {
  private bar: SingleBar | undefined;
  private phase: string | undefined;

  update(phase: StixImportPhase, done: number, total: number): void {
    if (phase !== this.phase) {
      this.stop();
      this.phase = phase;
      this.bar = new SingleBar(
        {
          format: `${phase.padEnd(21)} [{bar}] {percentage}% | {value}/{total} records | {duration_formatted}`,
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 2_000,
        },
        Presets.shades_classic,
      );
      this.bar.start(Math.max(total, done, 1), done);
    }
    this.bar!.setTotal(total > 0 ? total : Math.max(done, 1));
    this.bar!.update(done);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
