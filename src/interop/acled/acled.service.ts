import type { Readable } from 'node:stream';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../bundle/format';
import { parseBundleFieldsInSlices } from '../../bundle/validate';
import { BundleRepository, type LoadOptions, type LoadSummary } from '../../bundle/load';
import { writeOrDryRun, type Database, type Tx } from '../../db';
import { BadUserInputError, type FieldProblem } from '../../errors';
import { MAX_CREDIBILITY, MIN_CREDIBILITY, Reliability } from '../../model/vocabulary';
import { ActorResolution } from './acled.actor-resolution';
import {
  ACLED_BUNDLE_DESCRIPTION,
  ACLED_SOURCE_ID,
  AcledBundleBuilder,
  type AcledBundle,
  DEFAULT_ACLED_CREDIBILITY,
  DEFAULT_OUTLET_RELIABILITY,
} from './acled.mapping';
import { AcledRepository, type AcledCodingRow } from './acled.repository';
import { parseAcledCsv, type AcledRow } from './acled.row-parser';

/**
 * The ACLED import use case of the importAcled mutation (the command line streams instead:
 * acled.file-import.ts): reads and checks the whole text first (a problem anywhere: nothing is written, every problem
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

/** Events one importAcled mutation (one transaction) takes; see MAX_CSV_CHARS in acled.args.ts. */
export const MAX_MUTATION_ROWS = 2_000;

/** Rows resolved per lookup statement. */
export const CHUNK_ROWS = 1_000;
/** As for a bundle import: a whole export may be large. */
export const IMPORT_TIMEOUT_MS = 300_000;

export class AcledImportService {
  private readonly bundles = new BundleRepository();
  private readonly acled = new AcledRepository();

  constructor(private readonly db: Database) {}

  async importCsv(input: Readable | string, options: AcledImportOptions): Promise<AcledImportSummary> {
    const { rows, credibility, reliability } = await readAcled(input, options);
    const operation = options.operation ?? 'importAcled';
    return writeOrDryRun(
      this.db,
      'acled.import',
      async (tx) => {
        const { bundle, coding } = await resolveRows(this.acled, tx, rows, credibility, reliability);
        const loaded = await this.bundles.lockCheckAndWrite(tx, bundle, {
          who: options.who,
          operation,
          onProgress: options.onProgress,
        });
        await this.acled.writeCoding(tx, coding);
        return { ...loaded, events: rows.length };
      },
      { dryRun: Boolean(options.dryRun), timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }
}

/** The file read and checked whole, with the grades the records get (any problem: nothing written). */
async function readAcled(input: Readable | string, options: Pick<AcledImportOptions, 'credibility' | 'reliability'>) {
  const credibility = options.credibility ?? DEFAULT_ACLED_CREDIBILITY;
  const reliability = options.reliability ?? DEFAULT_OUTLET_RELIABILITY;
  checkGrades(credibility, reliability);
  const { rows, problems } = await parseAcledCsv(input);
  if (problems.length > 0) throw new BadUserInputError(problems);
  if (rows.length === 0) throw BadUserInputError.field('csv', 'has a header but no event rows');
  if (rows.length > MAX_MUTATION_ROWS)
    throw BadUserInputError.field(
      'csv',
      `holds ${rows.length} events, more than the ${MAX_MUTATION_ROWS} one transaction takes: import larger ACLED files with \`npm run import -- --format acled FILE\``,
    );
  return { rows, credibility, reliability };
}

/**
 * Names resolved chunk by chunk (one lookup statement each), the rows mapped to bundle records
 * and those checked chunk by chunk too, the event loop free every few records (a health check is
 * answered while a large mutation runs). Any problem, with its line: BAD_USER_INPUT.
 */
async function resolveRows(
  acled: AcledRepository,
  tx: Tx,
  rows: AcledRow[],
  credibility: number,
  reliability: Reliability,
): Promise<{ bundle: Bundle; coding: AcledCodingRow[] }> {
  const resolution = new ActorResolution(acled, { sourceId: ACLED_SOURCE_ID, credibility });
  const builder = new AcledBundleBuilder({ credibility, reliability });
  const problems: FieldProblem[] = [];
  const events: Bundle['events'] = [];
  const relationships: Bundle['relationships'] = [];
  const coding: AcledCodingRow[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await resolution.resolve(tx, chunk);
    for (const row of chunk) builder.add(row, resolution);
    const part = builder.take();
    const parsed = await checkRecords(problems, chunkBundle(part), part.eventLines);
    if (parsed) {
      events.push(...parsed.events);
      relationships.push(...parsed.relationships);
      coding.push(...part.coding);
    }
  }
  const bundle = await checkRecords(problems, builder.bundle(resolution.createdActors()), []);
  if (!bundle || problems.length > 0) throw new BadUserInputError(problems);
  bundle.events.push(...events);
  bundle.relationships.push(...relationships);
  return { bundle, coding };
}

/** Problems listed at most (as the row parser). */
const MAX_PROBLEMS = 100;

/** A chunk's events and relationships as a bundle of their own, for the field checks. */
export const chunkBundle = (part: Pick<AcledBundle, 'events' | 'relationships'>): AcledBundle => ({
  format: BUNDLE_FORMAT,
  version: BUNDLE_VERSION,
  description: ACLED_BUNDLE_DESCRIPTION,
  sources: [],
  actors: [],
  locations: [],
  events: part.events,
  relationships: part.relationships,
});

/** parseRecords, its problems (up to MAX_PROBLEMS in all) added to `problems`: null when there were some. */
export async function checkRecords(
  problems: FieldProblem[],
  bundle: AcledBundle,
  eventLines: readonly number[],
): Promise<Bundle | null> {
  try {
    return await parseRecords(bundle, eventLines);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    problems.push(...error.problems.slice(0, Math.max(0, MAX_PROBLEMS - problems.length)));
    return null;
  }
}

export function checkGrades(credibility: number, reliability: string): void {
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

/**
 * Built records (a whole bundle, or a chunk of one) through the bundle's field checks; a problem
 * names the line its event came from (`eventLines[i]`: the line of `bundle.events[i]`).
 */
export async function parseRecords(bundle: AcledBundle, eventLines: readonly number[]): Promise<Bundle> {
  try {
    // In slices, the event loop free between them: the checks of 1,000 rows at once held it for
    // 0.4 s, and the created actors and places of 2,000 rows for 0.3 s (a health check waited).
    return await parseBundleFieldsInSlices(bundle);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new BadUserInputError(
      error.problems.map((problem) => {
        const event = /^events\[(\d+)\]/.exec(problem.field);
        const line = event ? eventLines[Number(event[1])] : undefined;
        return line === undefined ? problem : { ...problem, record: `line ${line}` };
      }),
    );
  }
}
