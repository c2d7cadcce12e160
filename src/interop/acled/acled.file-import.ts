import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../bundle/format';
import { StreamImporter, type ImportPhase, type StreamImportSummary } from '../../bundle/load';
import type { Database } from '../../db';
import { BadUserInputError, type FieldProblem } from '../../errors';
import type { Reliability } from '../../model/vocabulary';
import { ActorResolution } from './acled.actor-resolution';
import {
  ACLED_BUNDLE_DESCRIPTION,
  ACLED_SOURCE_ID,
  AcledBundleBuilder,
  DEFAULT_ACLED_CREDIBILITY,
  DEFAULT_OUTLET_RELIABILITY,
} from './acled.mapping';
import { AcledRepository, type AcledCodingRow } from './acled.repository';
import { readAcledRows } from './acled.row-parser';
import {
  checkGrades,
  checkRecords,
  chunkBundle,
  CHUNK_ROWS,
  IMPORT_TIMEOUT_MS,
  type AcledImportOptions,
} from './acled.service';

/**
 * `npm run import -- --format acled FILE.csv`: an ACLED export of any size as ONE import run.
 * 1. The file is streamed (csv-parse), a chunk of rows at a time: checked, its names resolved
 *    against the graph (one read each), mapped to bundle records, and appended to a temporary
 *    JSON Lines file, ACLED's coding to another. Only sources, places, new actors and the ids
 *    already built stay in memory. A problem anywhere: every problem named by its line, nothing
 *    written.
 * 2. The streaming importer (StreamImporter) writes the records as one run; ACLED's coding is
 *    the run's last step (beforeComplete), in batches, before the run is marked completed, so a
 *    failure anywhere rolls the whole run back and a killed run is undone by `--rollback`.
 */

export interface AcledFileImportOptions extends Omit<AcledImportOptions, 'onProgress'> {
  history?: 'run' | 'per-record';
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

/** Coding rows per transaction (one UNWIND statement each). */
const CODING_BATCH = 5_000;

export class AcledFileImporter {
  private readonly acled = new AcledRepository();

  constructor(private readonly db: Database) {}

  async importFile(file: string, options: AcledFileImportOptions): Promise<StreamImportSummary & { events: number }> {
    const grades = {
      credibility: options.credibility ?? DEFAULT_ACLED_CREDIBILITY,
      reliability: options.reliability ?? DEFAULT_OUTLET_RELIABILITY,
    };
    checkGrades(grades.credibility, grades.reliability);
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-acled-'));
    try {
      const records = path.join(dir, 'records.jsonl');
      const coding = path.join(dir, 'coding.jsonl');
      const events = await this.convert(file, { records, coding }, grades, options.onProgress);
      const summary = await new StreamImporter(this.db).import({
        file: records,
        origin: file,
        format: 'jsonl',
        who: options.who,
        operation: options.operation ?? 'import.acled',
        history: options.history,
        dryRun: options.dryRun,
        onProgress: options.onProgress,
        beforeComplete: () => this.writeCoding(coding),
      });
      return { ...summary, events };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Step 1: the file, chunk by chunk, into the two temporary files; returns the number of events. */
  private async convert(
    file: string,
    out: { records: string; coding: string },
    grades: { credibility: number; reliability: Reliability },
    onProgress: AcledFileImportOptions['onProgress'],
  ): Promise<number> {
    const problems: FieldProblem[] = [];
    const resolution = new ActorResolution(this.acled, { sourceId: ACLED_SOURCE_ID, credibility: grades.credibility });
    const builder = new AcledBundleBuilder(grades);
    const records = new JsonLinesWriter(out.records);
    const coding = new JsonLinesWriter(out.coding);
    try {
      await records.write({
        kind: 'header',
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        description: ACLED_BUNDLE_DESCRIPTION,
      });
      let events = 0;
      for await (const rows of readAcledRows(createReadStream(file), problems, CHUNK_ROWS)) {
        events += rows.length;
        onProgress?.('validating', events, 0);
        // After a problem the file is still read to the end, to name every problem; nothing more is built.
        if (problems.length > 0) continue;
        await this.db.readTransaction('acled.resolve', (tx) => resolution.resolve(tx, rows), IMPORT_TIMEOUT_MS);
        for (const row of rows) builder.add(row, resolution);
        const part = builder.take();
        if (!(await checkRecords(problems, chunkBundle(part), part.eventLines))) continue;
        await records.writeAll('event', part.events);
        await records.writeAll('relationship', part.relationships);
        for (const row of part.coding) await coding.write(row);
      }
      if (problems.length === 0 && events === 0)
        problems.push({ field: 'csv', reason: 'has a header but no event rows' });
      const rest = builder.bundle(resolution.createdActors());
      if (problems.length === 0) await checkRecords(problems, rest, []);
      if (problems.length > 0) throw new BadUserInputError(problems);
      await records.writeAll('source', rest.sources);
      await records.writeAll('actor', rest.actors);
      await records.writeAll('location', rest.locations);
      await records.writeAll('relationship', rest.relationships);
      return events;
    } finally {
      await Promise.all([records.close(), coding.close()]);
    }
  }

  /** Step 2's last part, inside the run: ACLED's coding, CODING_BATCH rows a transaction. */
  private async writeCoding(file: string): Promise<void> {
    let batch: AcledCodingRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await this.db.writeTransaction('acled.coding', (tx) => this.acled.writeCoding(tx, rows), IMPORT_TIMEOUT_MS);
    };
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (!line) continue;
      batch.push(JSON.parse(line) as AcledCodingRow);
      if (batch.length === CODING_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  }
}

/** One JSON value a line, written with back-pressure. */
class JsonLinesWriter {
  private readonly out: WriteStream;

  constructor(file: string) {
    this.out = createWriteStream(file);
  }

  async write(value: unknown): Promise<void> {
    if (!this.out.write(`${JSON.stringify(value)}\n`)) await once(this.out, 'drain');
  }

  async writeAll(kind: string, records: readonly unknown[]): Promise<void> {
    for (const record of records) await this.write({ kind, record });
  }

  async close(): Promise<void> {
    this.out.end();
    await finished(this.out);
  }
}
