import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseBundleFields } from '../../bundle/bundle.validator';
import { BundleRepository, type LoadOptions, type LoadSummary } from '../../bundle/bundle.repository';
import { StreamImporter, type ImportPhase, type StreamImportSummary } from '../../bundle/stream-import.service';
import type { Database, Tx } from '../../db';
import { BadUserInputError, type FieldProblem } from '../../errors';
import { MAX_CREDIBILITY, MIN_CREDIBILITY, Reliability } from '../../model/vocabulary';
import { ActorResolution } from './acled.actor-resolution';
import {
  ACLED_SOURCE_ID,
  AcledBundleBuilder,
  DEFAULT_ACLED_CREDIBILITY,
  DEFAULT_OUTLET_RELIABILITY,
} from './acled.mapping';
import { AcledRepository } from './acled.repository';
import { parseAcledCsv, type AcledRow } from './acled.row-parser';

/**
 * The ACLED import use case, for `npm run import -- --format acled` and the importAcled mutation:
 * reads and checks the whole file first (a problem anywhere: nothing is written, every problem
 * named by its line), then in ONE write transaction resolves the actor and place names chunk by
 * chunk (one lookup each), builds bundle records, and hands them to the bundle writer
 * (BundleRepository: locks, checks against the graph, UNWIND batches, created/updated/unchanged
 * by content hash, history), then keeps ACLED's own coding beside them.
 */

export interface AcledImportOptions extends LoadOptions {
  who: string;
  /** Information credibility 1-6 of what the file says (default 3). */
  credibility?: number;
  /** Reliability A-F of the outlets ACLED names (default F). */
  reliability?: Reliability;
  /** Validate, resolve and count, then roll back: nothing is written. */
  dryRun?: boolean;
}

export interface AcledImportSummary extends LoadSummary {
  /** Rows (events) in the file. */
  events: number;
}

/** `npm run import -- --format acled`: the streaming importer's progress and history options. */
export interface AcledFileImportOptions extends Omit<AcledImportOptions, 'onProgress'> {
  history?: 'run' | 'per-record';
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

/** The JSON Lines kind of each section of the bundle the mapping builds. */
const KIND_OF_SECTION = {
  sources: 'source',
  actors: 'actor',
  locations: 'location',
  events: 'event',
  relationships: 'relationship',
} as const;

/** Rows resolved per lookup statement. */
const CHUNK_ROWS = 1_000;
/** As for a bundle import: a whole export may be large. */
const IMPORT_TIMEOUT_MS = 300_000;

class DryRunRollback extends Error {
  constructor(readonly summary: AcledImportSummary) {
    super('dry run');
  }
}

export class AcledImportService {
  private readonly bundles = new BundleRepository();
  private readonly acled = new AcledRepository();

  constructor(private readonly db: Database) {}

  async importCsv(input: Readable | string, options: AcledImportOptions): Promise<AcledImportSummary> {
    const { rows, credibility, reliability } = await readAcled(input, options);
    const operation = options.operation ?? 'importAcled';
    try {
      return await this.db.writeTransaction(
        'acled.import',
        async (tx) => {
          const { resolution, builder } = await resolveRows(this.acled, tx, rows, credibility, reliability);
          const bundle = parseRecords(builder, resolution);
          const loaded = await this.bundles.lockCheckAndWrite(tx, bundle, {
            who: options.who,
            operation,
            onProgress: options.onProgress,
          });
          await this.acled.writeCoding(tx, builder.coding);
          const summary = { ...loaded, events: rows.length };
          if (options.dryRun) throw new DryRunRollback(summary);
          return summary;
        },
        IMPORT_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof DryRunRollback) return error.summary;
      throw error;
    }
  }
}

export class AcledFileImporter {
  private readonly acled = new AcledRepository();

  constructor(private readonly db: Database) {}

  /**
   * The command line's ACLED import: the same reading, checks, name resolution and records as
   * importCsv, then the streaming importer (StreamImporter: UNWIND batches in many transactions,
   * one import run rolled back on failure, history per run) instead of one transaction, so an
   * export of any size fits and writes as fast as a bundle file. The records go through a
   * temporary JSON Lines file (removed afterwards); ACLED's coding is written after the run.
   */
  async importFile(file: string, options: AcledFileImportOptions): Promise<StreamImportSummary & { events: number }> {
    const { rows, credibility, reliability } = await readAcled(createReadStream(file), options);
    const { resolution, builder } = await this.db.readTransaction(
      'acled.resolve',
      (tx) => resolveRows(this.acled, tx, rows, credibility, reliability),
      IMPORT_TIMEOUT_MS,
    );
    // The bundle's field checks, so a problem names the ACLED line it came from.
    parseRecords(builder, resolution);
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-acled-'));
    try {
      const records = path.join(dir, 'records.jsonl');
      await writeJsonLines(records, builder.bundle(resolution.createdActors()));
      const summary = await new StreamImporter(this.db).import({
        file: records,
        origin: file,
        format: 'jsonl',
        who: options.who,
        operation: options.operation ?? 'import.acled',
        history: options.history,
        dryRun: options.dryRun,
        onProgress: options.onProgress,
      });
      if (!options.dryRun)
        await this.db.writeTransaction(
          'acled.coding',
          (tx) => this.acled.writeCoding(tx, builder.coding),
          IMPORT_TIMEOUT_MS,
        );
      return { ...summary, events: rows.length };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The built bundle as JSON Lines, one record a line, written with back-pressure. */
async function writeJsonLines(file: string, bundle: ReturnType<AcledBundleBuilder['bundle']>): Promise<void> {
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(
    JSON.stringify({
      kind: 'header',
      format: bundle.format,
      version: bundle.version,
      description: bundle.description,
    }) + '\n',
  );
  for (const [section, kind] of Object.entries(KIND_OF_SECTION)) {
    for (const record of bundle[section as keyof typeof KIND_OF_SECTION] as unknown[])
      await write(JSON.stringify({ kind, record }) + '\n');
  }
  out.end();
  await finished(out);
}

/** The file read and checked whole, with the grades the records get (any problem: nothing written). */
async function readAcled(input: Readable | string, options: Pick<AcledImportOptions, 'credibility' | 'reliability'>) {
  const credibility = options.credibility ?? DEFAULT_ACLED_CREDIBILITY;
  const reliability = options.reliability ?? DEFAULT_OUTLET_RELIABILITY;
  checkGrades(credibility, reliability);
  const { rows, problems } = await parseAcledCsv(input);
  if (problems.length > 0) throw new BadUserInputError(problems);
  if (rows.length === 0) throw BadUserInputError.field('csv', 'has a header but no event rows');
  return { rows, credibility, reliability };
}

/** Names resolved chunk by chunk (one lookup statement each) and the rows mapped to bundle records. */
async function resolveRows(
  acled: AcledRepository,
  tx: Tx,
  rows: AcledRow[],
  credibility: number,
  reliability: Reliability,
): Promise<{ resolution: ActorResolution; builder: AcledBundleBuilder }> {
  const resolution = new ActorResolution(acled, { sourceId: ACLED_SOURCE_ID, credibility });
  const builder = new AcledBundleBuilder({ credibility, reliability });
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await resolution.resolve(tx, chunk);
    for (const row of chunk) builder.add(row, resolution);
  }
  return { resolution, builder };
}

function checkGrades(credibility: number, reliability: string): void {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(credibility) || credibility < MIN_CREDIBILITY || credibility > MAX_CREDIBILITY)
    problems.push({
      field: 'credibility',
      reason: `must be a whole number from ${MIN_CREDIBILITY} to ${MAX_CREDIBILITY}`,
    });
  if (!Object.values(Reliability).includes(reliability as Reliability))
    problems.push({ field: 'reliability', reason: `must be one of ${Object.values(Reliability).join(', ')}` });
  if (problems.length > 0) throw new BadUserInputError(problems);
}

/** The built records through the bundle's field checks; a problem names the line its event came from. */
function parseRecords(builder: AcledBundleBuilder, resolution: ActorResolution) {
  try {
    return parseBundleFields(builder.bundle(resolution.createdActors()));
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new BadUserInputError(
      error.problems.map((problem) => {
        const event = /^events\[(\d+)\]/.exec(problem.field);
        const line = event ? builder.eventLines[Number(event[1])] : undefined;
        return line === undefined ? problem : { ...problem, record: `line ${line}` };
      }),
    );
  }
}
