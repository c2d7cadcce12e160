import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import Parser from 'stream-json/Parser';
import Pick from 'stream-json/filters/Pick';
import Replace from 'stream-json/filters/Replace';
import StreamArray from 'stream-json/streamers/StreamArray';
import StreamValues from 'stream-json/streamers/StreamValues';
import { ENTITY_SECTIONS, InvalidUtf8Error, relationshipId, Utf8Guard, type Bundle } from '../../bundle/format';
import {
  ImportRolledBackError,
  StreamImporter,
  type ImportHistory,
  type ImportPhase,
  type StreamImportSummary,
} from '../../bundle/load';
import type { Database } from '../../db';
import { assembledSafely } from '../../common/json-assembler';
import { BadUserInputError } from '../../errors';
import { COMMAND_LINE_LIMITS, HEAP_BYTES_PER_OBJECT, objectsThisHeapHolds, type StixLimits } from './stix-limits';
import {
  clash,
  compareWithGraph,
  duplicateIds,
  inStixTerms,
  parseFieldsInSlices,
  type GraphComparison,
} from './stix-import.service';
import { stixToBundle, type StixConversion, type StixOrigin } from './stix.import';
import { StixRepository } from './stix.repository';

/**
 * `npm run import -- --format stix FILE`: a STIX bundle as ONE streamed import run, like a
 * bundle file or an ACLED export (docs/stix.md).
 * 1. The file is read a STIX object at a time (stream-json: never the whole text at once),
 *    converted (stix.import.ts) and checked as the mutation's is, then compared with the graph
 *    in one read: a record the graph holds with other content is refused unless the admin passed
 *    `--update-existing` (imports from outside are untrusted). Nothing written so far; a dry run
 *    stops here with the counts.
 * 2. The converted bundle goes to a temporary bundle file and the streaming importer
 *    (StreamImporter) writes it as one run, in batches of many transactions: all or nothing, a
 *    failed or killed run rolled back. Conversion needs every object at once (markings, reports'
 *    refs, authors), so the objects are held until the bundle file is written; the run itself
 *    holds only its batches.
 * 3. Before the run completes, the run's own pre-images say what it changed: without
 *    `--update-existing`, a record changed since step 1 (a curator's edit in between) fails the
 *    run, which restores it.
 */

export interface StixFileImportOptions {
  who: string;
  operation?: string;
  dryRun?: boolean;
  updateExisting?: boolean;
  history?: ImportHistory;
  /** Passed to the streaming importer (StreamImportOptions). */
  batchSize?: number;
  concurrency?: number;
  limits?: StixLimits;
  /**
   * What the import is doing. Awaited after the comparison with the graph ('compared'), the one
   * moment between the checks and the run (a test makes its concurrent edit there).
   */
  onProgress?: (phase: StixImportPhase, done: number, total: number) => void | Promise<void>;
}

export type StixImportPhase = ImportPhase | 'reading' | 'compared';

export interface StixFileImportSummary extends StreamImportSummary {
  /** STIX objects the model has no place for, by reason. */
  skipped: Record<string, number>;
}

/** Records named in one refusal of changes made during the run (the first ones are enough). */
const CHANGED_LISTED = 50;

export class StixFileImporter {
  private readonly stix = new StixRepository();

  constructor(private readonly db: Database) {}

  async importFile(file: string, options: StixFileImportOptions): Promise<StixFileImportSummary> {
    const limits = options.limits ?? COMMAND_LINE_LIMITS;
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-stix-'));
    try {
      const bundleFile = path.join(dir, 'bundle.json');
      const converted = await this.convert(file, bundleFile, limits, options);
      if (options.dryRun) return converted.summary;
      const summary = await new StreamImporter(this.db)
        .import({
          file: bundleFile,
          origin: file,
          format: 'bundle',
          who: options.who,
          operation: options.operation ?? 'import.stix',
          history: options.history,
          batchSize: options.batchSize,
          concurrency: options.concurrency,
          onProgress: (phase, done, total) => void options.onProgress?.(phase, done, total),
          beforeComplete: options.updateExisting ? undefined : (runId) => this.refuseChanges(runId, converted.placeOf),
        })
        .catch((error: unknown) => {
          // The run is rolled back: what refused it is the user's answer (which records, which objects).
          const cause = error instanceof ImportRolledBackError ? error.cause : error;
          throw inStixTerms(cause instanceof BadUserInputError ? cause : error, converted.originOf);
        });
      return { ...summary, skipped: converted.summary.skipped };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Step 1: read, convert, check and compare; the bundle written to `bundleFile`. Returns what the
   * run needs afterwards (where each record came from), not the objects, so they can be freed.
   */
  private async convert(file: string, bundleFile: string, limits: StixLimits, options: StixFileImportOptions) {
    let originOf: StixConversion['originOf'] = () => undefined;
    try {
      const conversion = await stixToBundle(await readStixFile(file, limits, options.onProgress), limits);
      originOf = conversion.originOf;
      const bundle = await parseFieldsInSlices(conversion.bundle);
      const duplicates = await duplicateIds(bundle);
      if (duplicates.length) throw new BadUserInputError(duplicates);
      const comparison = await this.db.readTransaction('stix.import.compare', (tx) =>
        compareWithGraph(tx, bundle, conversion.originOf),
      );
      if (comparison.clashes.length && !options.updateExisting) throw new BadUserInputError(comparison.clashes);
      await options.onProgress?.('compared', comparison.clashes.length, 0);
      if (!options.dryRun) await writeBundleFile(bundleFile, bundle);
      const origins = originsOf(bundle, conversion.originOf);
      return {
        summary: dryRunSummary(bundle, comparison, conversion.skipped),
        originOf: (place: string) => origins.get(place),
        placeOf: placesById(bundle),
      };
    } catch (error) {
      throw inStixTerms(error, originOf);
    }
  }

  /** Step 3, inside the run: the records it changed (it keeps a pre-image of each), refused without --update-existing. */
  private async refuseChanges(runId: string, placeOf: ReadonlyMap<string, string>): Promise<void> {
    const changed = await this.db.readTransaction('stix.import.changedByRun', (tx) =>
      this.stix.changedByRun(tx, runId, CHANGED_LISTED),
    );
    if (changed.length === 0) return;
    throw new BadUserInputError(
      changed
        .map((id) => clash(id, placeOf.get(id) ?? 'bundle', () => undefined))
        .map((problem) => ({
          ...problem,
          reason: `${problem.reason} (it changed while the import ran; the run is rolled back)`,
        })),
    );
  }
}

/**
 * The STIX bundle in `file`, read a STIX object at a time: first its top level with `objects`
 * replaced by an empty list (type, id: a few bytes), then its objects, refused as soon as there
 * are more than `limits.maxObjects`. Bytes that are not UTF-8 and text that is not JSON are bad
 * input naming where.
 */
async function readStixFile(
  file: string,
  limits: StixLimits,
  onProgress: StixFileImportOptions['onProgress'],
): Promise<unknown> {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (bytes > limits.maxBytes)
    throw BadUserInputError.field('FILE', `${bytes} bytes: a STIX file may hold at most ${limits.maxBytes} bytes`);
  const maxObjects = objectsThisHeapHolds(limits);
  let top: unknown;
  const emptyList = [{ name: 'startArray' }, { name: 'endArray' }];
  for await (const { value } of jsonValues(
    file,
    new Replace({ filter: /^objects$/, replacement: emptyList }),
    new StreamValues(),
  ))
    top = value;
  const objects = (top as { objects?: unknown } | undefined)?.objects;
  if (!Array.isArray(objects)) return top;
  try {
    for await (const { value } of jsonValues(file, new Pick({ filter: /^objects$/ }), new StreamArray())) {
      objects.push(value);
      if (objects.length > maxObjects) throw tooManyObjects(maxObjects, limits);
      if (objects.length % 1_000 === 0) void onProgress?.('reading', objects.length, 0);
    }
  } catch (error) {
    if (error instanceof Error && /should be an array/.test(error.message))
      throw BadUserInputError.field('bundle.objects', 'must be a list of STIX objects');
    throw error;
  }
  return top;
}

/** More objects than the caps allow, or than this process's heap holds: which, and what to do. */
function tooManyObjects(maxObjects: number, limits: StixLimits): BadUserInputError {
  if (maxObjects === limits.maxObjects)
    return BadUserInputError.field('bundle.objects', `at most ${limits.maxObjects} objects in one STIX file`);
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 1e6);
  return BadUserInputError.field(
    'bundle.objects',
    `more than ${maxObjects} objects, what a ${heapMb} MB heap holds while the file is converted ` +
      `(about ${HEAP_BYTES_PER_OBJECT / 1000} KB an object): raise IMPORT_HEAP_MB, or split the file`,
  );
}

/** The values `filter` lets through from the JSON text of `file`, as `streamer` assembles them. */
async function* jsonValues(
  file: string,
  filter: Pick | Replace,
  streamer: StreamArray | StreamValues,
): AsyncGenerator<{ key: number; value: unknown }> {
  const bytes = createReadStream(file, { highWaterMark: 2 ** 20 });
  // Whole values only (no per-character string chunks): a third of the tokens, the same values.
  const parser = new Parser({ packValues: true, streamValues: false });
  let notJson: Error | undefined;
  parser.once('error', (error) => (notJson = error));
  // Values as JSON.parse builds them ("__proto__" an own key: common/json-assembler.ts).
  const values = pipeline(
    bytes,
    new Utf8Guard(),
    parser,
    filter,
    assembledSafely(streamer),
    () => undefined,
  ) as Readable;
  try {
    for await (const item of values) yield item as { key: number; value: unknown };
  } catch (error) {
    if (error instanceof InvalidUtf8Error) throw BadUserInputError.field('FILE', error.message);
    if (notJson) throw BadUserInputError.field('FILE', `is not JSON: ${notJson.message}`);
    throw error;
  } finally {
    values.destroy();
  }
}

/** The converted bundle as a bundle file (bundle.model.ts) for the streaming importer, written with back-pressure. */
async function writeBundleFile(file: string, bundle: Bundle): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    await write(
      JSON.stringify({ format: bundle.format, version: bundle.version, description: bundle.description }).slice(0, -1),
    );
    for (const section of SECTIONS) {
      await write(`,${JSON.stringify(section)}:[`);
      const records = bundle[section] as unknown[];
      for (let i = 0; i < records.length; i++) await write(`${i ? ',' : ''}${JSON.stringify(records[i])}`);
      await write(']');
    }
    await write('}\n');
  } finally {
    out.end();
    await finished(out);
  }
}

const SECTIONS = [...ENTITY_SECTIONS.map(([section]) => section), 'relationships'] as const;

/** Every record's place in the bundle (`actors[3]`) and where it came from, computed once, so the objects can go. */
function originsOf(bundle: Bundle, originOf: StixConversion['originOf']): Map<string, StixOrigin> {
  const origins = new Map<string, StixOrigin>();
  for (const section of SECTIONS)
    for (let i = 0; i < bundle[section].length; i++) {
      const origin = originOf(`${section}[${i}]`);
      if (origin) origins.set(`${section}[${i}]`, origin);
    }
  return origins;
}

/** Each record's place in the bundle by its id (a relationship's id names its type and endpoints). */
function placesById(bundle: Bundle): Map<string, string> {
  const places = new Map<string, string>();
  for (const [section] of ENTITY_SECTIONS)
    (bundle[section] as Array<{ id: string }>).forEach(({ id }, i) => places.set(id, `${section}[${i}]`));
  bundle.relationships.forEach((record, i) => places.set(relationshipId(record), `relationships[${i}]`));
  return places;
}

/** What the run would write, from the comparison with the graph: a dry run's answer. */
function dryRunSummary(
  bundle: Bundle,
  comparison: GraphComparison,
  skipped: Record<string, number>,
): StixFileImportSummary {
  return {
    runId: null,
    format: 'bundle',
    records: SECTIONS.reduce((sum, section) => sum + bundle[section].length, 0),
    nodes: comparison.nodes,
    relationships: comparison.relationships,
    seconds: { validation: 0, nodes: 0, relationships: 0 },
    skipped,
  };
}
