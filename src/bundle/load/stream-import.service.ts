import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db';
import { int } from '../../db';
import { BadUserInputError } from '../../errors';
import { EntityKind, KIND_OF_LABEL, LABEL_OF_KIND, RelationshipType } from '../../model/vocabulary';
import {
  detectFormat,
  ENTITY_KIND_OF,
  fileStamp,
  readFileItems,
  type BundleRelationship,
  type EntityRecord,
  type EntityRecordKind,
  type FileItem,
  type ImportFormat,
  type SourceRecord,
} from '../format';
import { BundleRepository, KNOWN_ENTITIES_STATEMENT, type LoadCounts, type LoadSummary } from './bundle.repository';
import {
  fileQuotedExcerpts,
  validateImportFile,
  type KnownEntities,
  type QuotedExcerpt,
  type StreamValidator,
} from '../validate';
import {
  nodeRow,
  relationshipRow,
  reportedByRows,
  subLabelOf,
  type Claim,
  type NodeRow,
  type RelationshipRow,
} from './record-rows';
import {
  countOf,
  CREATE_RUN,
  DELETE_PRE_IMAGES,
  DELETE_RUN_CHANGES,
  ENTITY_COUNT,
  FINISH_ROLLBACK,
  FINISH_RUN,
  importNodesStatement,
  importRelationshipsStatement,
  LOCK_PRE_IMAGES,
  LOCK_SCAN,
  RESTORE_NODES,
  RESTORE_RELATIONSHIPS,
  RUN_STATUS,
  SETTLE_SCAN,
  UNFINISHED_RUNS,
} from './stream-import.repository';

/**
 * The streaming importer behind `npm run import`: a file of any size (JSON bundle or JSON Lines,
 * see stream-records.ts) in bounded memory.
 * 1. Validation, in one pass over the file (a second only when a reference points forward or into
 *    the graph): any problem, with its record's place in the file, and nothing is written. The
 *    rules are importBundle's (validate/rules/), and so are the rows (record-rows.ts); the rest
 *    differs: batches of a run with holders and pre-images here, one locked transaction there.
 * 2. An (:ImportRun) node, then the nodes, then the relationships, in UNWIND batches of up to
 *    `batchSize` rows / `batchBytes`, each its own transaction, `concurrency` at a time (nodes:
 *    2 by default; relationships 1, since batches of them share endpoints and contend for their locks).
 * 3. All or nothing through the run: if any batch fails (a constraint, a lost connection, a
 *    record another writer changed into another kind meanwhile), the run is rolled back:
 *    pre-images restore what it updated, and what it created is deleted. A process killed
 *    mid-run leaves its run `running`; `npm run import -- --rollback RUN_ID` finishes the job.
 * History: the run itself (who, when, file, counts), which history(id) shows for each record it
 * wrote; per-record (:Change) entries only with `history: 'per-record'`.
 * Not isolated: readers see a run's batches as they commit, and another writer's edit to a
 * record the run touched, made during the run, is lost if the run rolls back.
 */

export type ImportHistory = 'run' | 'per-record';

export interface StreamImportOptions {
  file: string;
  /** What the import run records as its file when `file` was converted from another (ACLED). */
  origin?: string;
  /** When left out: by the file's extension (detectFormat). */
  format?: ImportFormat;
  who: string;
  operation?: string;
  history?: ImportHistory;
  /** Rows per UNWIND statement (and transaction). */
  batchSize?: number;
  /** A batch is sent early once its rows hold about this many bytes of text. */
  batchBytes?: number;
  /** Batches in flight at once (default: 2 for nodes, 1 for relationships). */
  concurrency?: number;
  /** Validate only: nothing is written. */
  dryRun?: boolean;
  /**
   * Worker threads that check a JSON Lines file's records (parallel-check.ts); 0 or 1: the main
   * thread does (the default). The problems found are the same either way.
   */
  workers?: number;
  /** Bytes of the file per worker's range (tests cut small files into many ranges). */
  rangeBytes?: number;
  /**
   * Writes that belong to the run, after its records and before it is marked completed (ACLED's
   * coding): a failure here rolls the whole run back like a failed batch. Keep them batched, one
   * transaction each, and on records the run wrote (a rollback restores or deletes those).
   */
  beforeComplete?: (runId: string) => Promise<void>;
  /** What the importer is doing, for a progress display: phase, records done in it. */
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

export type ImportPhase =
  'validating' | 'checking references' | 'writing nodes' | 'writing relationships' | 'completing' | 'rolling back';

export interface StreamImportSummary extends LoadSummary {
  /** Null for a dry run. */
  runId: string | null;
  format: ImportFormat;
  records: number;
  /** Seconds spent validating, writing nodes, writing relationships (bookkeeping included). */
  seconds: { validation: number; nodes: number; relationships: number };
}

export interface RollbackSummary {
  restored: number;
  deletedNodes: number;
  deletedRelationships: number;
}

/** The parameters every rollback statement takes (a type, not an interface: it is a parameter map). */
type RollbackScope = {
  run: string;
  startedAt: string;
  batch: ReturnType<typeof int>;
};

export const DEFAULT_BATCH_SIZE = 10_000;
export const DEFAULT_BATCH_BYTES = 4 * 2 ** 20;
export const DEFAULT_CONCURRENCY = 2;
/** Rows per statement of the rollback and clean-up loops. */
const CLEANUP_BATCH = 10_000;
/** Tries of a batch that deadlocked with a concurrent one. */
const MAX_ATTEMPTS = 5;
/**
 * A deadlock with a concurrent batch, or a record a concurrent rollback deleted between this
 * batch's MERGE finding it and writing it: the batch (idempotent MERGEs) is tried again.
 */
const RETRYABLE = (code: string) =>
  code.startsWith('Neo.TransientError.Transaction.') || code === 'Neo.ClientError.Statement.EntityNotFound';
/**
 * A batch of 10,000 rows (written, or settled by a rollback) takes about a second; a slow or
 * contended server gets ample room.
 */
const BATCH_TIMEOUT_MS = 120_000;

type Row = NodeRow & Partial<Pick<RelationshipRow, 'from' | 'to'>>;

interface Statement {
  statement: string;
  nodes: boolean;
}

/** One import run while it writes: what its passes over the file need. */
interface ImportRun {
  id: string;
  operation: string;
  perRecord: boolean;
  format: ImportFormat;
  /** The file's size and time when validated: a file that changes between passes is refused. */
  stamp: string;
  total: number;
  options: StreamImportOptions;
}

/** The file's stamp (fileStamp), or an error saying it cannot be read. */
function readableStamp(file: string): string {
  try {
    statSync(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  return fileStamp(file);
}

/** Seconds since the last lap (or the start), to a tenth. */
function stopwatch(): () => number {
  let phaseStarted = performance.now();
  return () => {
    const seconds = (performance.now() - phaseStarted) / 1000;
    phaseStarted = performance.now();
    return Math.round(seconds * 10) / 10;
  };
}

export class StreamImporter {
  constructor(private readonly db: Database) {}

  async import(options: StreamImportOptions): Promise<StreamImportSummary> {
    const format = detectFormat(options.file, options.format);
    const stamp = readableStamp(options.file);
    const lap = stopwatch();
    const total = await this.validate(options, format);
    const seconds = { validation: lap(), nodes: 0, relationships: 0 };
    const summary: StreamImportSummary = {
      runId: null,
      format,
      records: total,
      nodes: zero(),
      relationships: zero(),
      seconds,
    };
    if (options.dryRun) return summary;

    const run = await this.startRun(options, format, stamp, total);
    summary.runId = run.id;
    const writer = new BatchWriter(this.db, {
      run: run.id,
      who: options.who,
      operation: run.operation,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      batchBytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      relationshipConcurrency: options.concurrency ?? 1,
    });
    try {
      await this.writeNodes(run, writer);
      seconds.nodes = lap();
      await this.writeRelationships(run, writer);
      await this.complete(run, writer, summary);
    } catch (error) {
      throw await this.undoFailedRun(run, writer, error);
    }
    await this.dropPreImages(run.id);
    seconds.relationships = lap();
    return summary;
  }

  /** The (:ImportRun) node every write of the run belongs to. */
  private async startRun(
    options: StreamImportOptions,
    format: ImportFormat,
    stamp: string,
    total: number,
  ): Promise<ImportRun> {
    const id = randomUUID();
    const history = options.history ?? 'run';
    const operation = options.operation ?? 'import';
    await this.db.write('import.run.start', CREATE_RUN, {
      id,
      file: path.resolve(options.origin ?? options.file),
      format,
      who: options.who,
      operation,
      history,
    });
    return { id, operation, perRecord: history === 'per-record', format, stamp, total, options };
  }

  /** Second pass over the file: its entity records, as nodes. */
  private async writeNodes(run: ImportRun, writer: BatchWriter): Promise<void> {
    let done = 0;
    for await (const records of this.records(run.options.file, run.format, run.stamp)) {
      for (const record of records) {
        if (record.kind === 'relationship') continue;
        const row = nodeRow(record.kind, record.record as EntityRecord, run.perRecord);
        const wait = writer.add(nodeStatement(record, run.perRecord), row);
        if (wait) await wait;
      }
      run.options.onProgress?.('writing nodes', (done += records.length), run.total);
    }
    await writer.drain();
  }

  /** Third pass: the relationships, and the REPORTED_BY edge of every source a claim cites. */
  private async writeRelationships(run: ImportRun, writer: BatchWriter): Promise<void> {
    const { perRecord } = run;
    let done = 0;
    for await (const records of this.records(run.options.file, run.format, run.stamp)) {
      for (const record of records) {
        if (record.kind === 'relationship') {
          const rel = record.record as BundleRelationship;
          const wait = writer.add(relationshipStatement(rel.type, perRecord), relationshipRow(rel, perRecord));
          if (wait) await wait;
        } else if (record.kind !== 'source') {
          for (const row of reportedByRows(record.record as Claim, perRecord)) {
            const wait = writer.add(relationshipStatement(RelationshipType.REPORTED_BY, perRecord), row);
            if (wait) await wait;
          }
        }
      }
      run.options.onProgress?.('writing relationships', (done += records.length), run.total);
    }
    await writer.drain();
  }

  /** The file unchanged, the run's own last writes (beforeComplete), then the run marked completed. */
  private async complete(run: ImportRun, writer: BatchWriter, summary: StreamImportSummary): Promise<void> {
    const { options } = run;
    if (fileStamp(options.file) !== run.stamp) throw new Error(`${options.file} changed during the import`);
    if (options.beforeComplete) {
      options.onProgress?.('completing', 0, 0);
      await options.beforeComplete(run.id);
    }
    summary.nodes = writer.nodes;
    summary.relationships = writer.relationships;
    await this.finish(run.id, 'completed', summary);
  }

  /** Rolls a failed run back: the error to throw (ImportRolledBackError, or one saying the rollback failed too). */
  private async undoFailedRun(run: ImportRun, writer: BatchWriter, error: unknown): Promise<Error> {
    run.options.onProgress?.('rolling back', 0, 0);
    // A batch still in flight would commit behind the rollback's back: let it finish first.
    await writer.settle();
    try {
      await this.rollback(run.id, (error as Error).message ?? String(error));
    } catch (rollbackError) {
      return new Error(
        `import run ${run.id} failed (${(error as Error).message}) and so did its rollback (${(rollbackError as Error).message}); ` +
          `run \`npm run import -- --rollback ${run.id}\` once Neo4j answers`,
        { cause: rollbackError },
      );
    }
    return new ImportRolledBackError(run.id, error);
  }

  /** After the run is marked completed, so no rollback hands it a pre-image this would miss. */
  private async dropPreImages(runId: string): Promise<void> {
    await this.deleteLoop('import.run.cleanup', DELETE_PRE_IMAGES, runId).catch((error: unknown) => {
      throw new Error(
        `import run ${runId} completed, but removing its pre-images failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    });
  }

  /**
   * Undoes a run that did not complete (it failed, or its process was killed): its per-record
   * history, then its pre-images (restored where the run is still the record's only holder),
   * then a pass that takes the run off every record it touched and deletes what it created that
   * nothing else holds (record-holders.ts). Each step is idempotent, so a rollback that is itself
   * interrupted can simply be run again.
   */
  async rollback(runId: string, reason = 'rolled back on request'): Promise<RollbackSummary> {
    const [run] = await this.db.read<{ status: string; startedAt: string }>('import.run.status', RUN_STATUS, {
      id: runId,
    });
    if (!run) throw BadUserInputError.field('runId', `no import run "${runId}"`);
    if (run.status === 'completed') {
      throw BadUserInputError.field(
        'runId',
        `import run "${runId}" completed; only an unfinished run can be rolled back`,
      );
    }
    await this.db.write('import.run.rollingBack', "MATCH (run:ImportRun {id: $id}) SET run.status = 'rolling-back'", {
      id: runId,
    });
    await this.deleteLoop('import.rollback.changes', DELETE_RUN_CHANGES, runId);
    const scope = { run: runId, startedAt: run.startedAt, batch: int(CLEANUP_BATCH) };
    const restored = await this.settlePreImages(scope);
    const { deletedNodes, deletedRelationships } = await this.settleTouched(scope);
    await this.db.write('import.run.finish', FINISH_ROLLBACK, {
      id: runId,
      error: reason,
      undone: JSON.stringify({ restored, deletedNodes, deletedRelationships }),
    });
    return { restored, deletedNodes, deletedRelationships };
  }

  /** The run's pre-images, a batch a transaction: locked, then restored, handed on or dropped. */
  private async settlePreImages(scope: RollbackScope): Promise<number> {
    let restored = 0;
    for (;;) {
      const done = await this.db.writeTransaction(
        'import.rollback.preImages',
        async (tx) => {
          const [{ preImages }] = await tx.run<{ preImages: string[] }>(LOCK_PRE_IMAGES, scope);
          for (const statement of [RESTORE_RELATIONSHIPS, RESTORE_NODES]) {
            for (const row of await tx.run<{ restored: number }>(statement, { ...scope, preImages })) {
              restored += row.restored;
            }
          }
          return preImages.length;
        },
        BATCH_TIMEOUT_MS,
      );
      if (done < CLEANUP_BATCH) return restored;
    }
  }

  /** Every entity in id order, a batch a transaction: locked, then the run taken off it. */
  private async settleTouched(scope: RollbackScope): Promise<Omit<RollbackSummary, 'restored'>> {
    let after = '';
    let deletedNodes = 0;
    let deletedRelationships = 0;
    for (;;) {
      const batch = await this.db.writeTransaction(
        'import.rollback.touched',
        async (tx) => {
          const [{ last, scanned }] = await tx.run<{ last: string | null; scanned: number }>(LOCK_SCAN, {
            ...scope,
            after,
          });
          if (last === null) return { last, scanned, relationships: 0, deleted: 0 };
          const [settled] = await tx.run<{ relationships: number; deleted: number }>(SETTLE_SCAN, {
            ...scope,
            after,
            last,
          });
          return { last, scanned, ...settled };
        },
        BATCH_TIMEOUT_MS,
      );
      deletedNodes += batch.deleted;
      deletedRelationships += batch.relationships;
      if (batch.scanned < CLEANUP_BATCH || batch.last === null) return { deletedNodes, deletedRelationships };
      after = batch.last;
    }
  }

  /** Runs left `running` or `rolling-back` (their process died): candidates for --rollback. */
  unfinishedRuns(): Promise<Array<{ id: string; startedAt: string; file: string }>> {
    return this.db.read('import.run.unfinished', UNFINISHED_RUNS);
  }

  private async validate(options: StreamImportOptions, format: ImportFormat): Promise<number> {
    const total = await validateImportFile(options.file, format, {
      graphKinds: (validator) => this.graphKinds(validator),
      onProgress: (phase, records) => options.onProgress?.(phase, records, 0),
      workers: options.workers,
      rangeBytes: options.rangeBytes,
    });
    await this.checkQuotedExcerpts(options, format);
    return total;
  }

  /**
   * Every excerpt the file places in a document is the document's text there (issue 22), checked
   * before anything is written, a batch of quotes at a time. A document's text never changes once
   * ingested, so the check holds for the writes that follow.
   */
  private async checkQuotedExcerpts(options: StreamImportOptions, format: ImportFormat): Promise<void> {
    const bundles = new BundleRepository();
    let quotes: QuotedExcerpt[] = [];
    const check = async () => {
      const batch = quotes;
      quotes = [];
      if (batch.length) await this.db.readTransaction('import.excerpts', (tx) => bundles.checkExcerpts(tx, batch));
    };
    for await (const found of fileQuotedExcerpts(options.file, format, options.workers, options.rangeBytes)) {
      for (const quote of found) {
        quotes.push(quote);
        if (quotes.length >= CLEANUP_BATCH) await check();
      }
    }
    await check();
  }

  /**
   * Kinds, in the graph, of the ids the file refers to without defining, and of those it defines
   * as another kind. Into an empty graph (Neo4j's count store says so at once) there is nothing to
   * look up; otherwise the ids go in batches, and only the answers that matter are kept.
   */
  private async graphKinds(validator: StreamValidator): Promise<KnownEntities> {
    const [{ count }] = await this.db.read<{ count: number }>('import.entityCount', ENTITY_COUNT);
    if (count === 0) return new Map();
    const kinds = new Map<string, EntityKind>();
    const lookUp = async (ids: string[]) => {
      const rows = await this.db.read<{ id: string; label: string }>('import.knownEntities', KNOWN_ENTITIES_STATEMENT, {
        ids,
        kindLabels: Object.values(LABEL_OF_KIND),
      });
      for (const row of rows) {
        const kind = KIND_OF_LABEL[row.label];
        if (validator.keepsGraphKind(row.id, kind)) kinds.set(row.id, kind);
      }
    };
    let batch: string[] = [];
    // One after the other, without copying every id of the file into a new array.
    for (const ids of [validator.unresolvedIds(), validator.defined.keys()]) {
      for (const id of ids) {
        batch.push(id);
        if (batch.length === CLEANUP_BATCH) {
          await lookUp(batch);
          batch = [];
        }
      }
    }
    if (batch.length) await lookUp(batch);
    return kinds;
  }

  /** The file's records again (a write pass); the file must not change between passes. */
  private async *records(file: string, format: ImportFormat, stamp: string): AsyncGenerator<SourceRecord[]> {
    if (fileStamp(file) !== stamp) throw new Error(`${file} changed during the import`);
    for await (const items of readFileItems(file, format)) yield items.filter(isRecord);
  }

  private async deleteLoop(operation: string, statement: string, run: string): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.db.writeTransaction(
        operation,
        (tx) => countOf(tx, statement, { run, batch: int(CLEANUP_BATCH) }),
        BATCH_TIMEOUT_MS,
      );
      total += count;
      if (count < CLEANUP_BATCH) return total;
    }
  }

  private async finish(
    runId: string,
    status: string,
    summary: LoadSummary,
    error: string | null = null,
  ): Promise<void> {
    await this.db.write('import.run.finish', FINISH_RUN, {
      id: runId,
      status,
      counts: JSON.stringify({ nodes: summary.nodes, relationships: summary.relationships }),
      error,
    });
  }
}

/** A run failed and was rolled back: nothing of it stays. */
export class ImportRolledBackError extends Error {
  constructor(
    readonly runId: string,
    cause: unknown,
  ) {
    const inner = (cause as { cause?: Error })?.cause?.message;
    super(
      `import run ${runId} failed and was rolled back (nothing of it stays): ${(cause as Error)?.message ?? cause}${inner ? ` (${inner})` : ''}`,
      { cause },
    );
  }
}

const isRecord = (item: FileItem): item is SourceRecord => 'kind' in item;

/**
 * Collects rows per statement and sends a batch when it is full (rows or bytes), or, to bound
 * memory across many statements, the largest pending one when all of them together hold two
 * batches' worth.
 * At most `concurrency` batches are in flight; `add` waits for room, which is what keeps the
 * reader from running ahead of Neo4j.
 */
class BatchWriter {
  readonly nodes = zero();
  readonly relationships = zero();
  private readonly pending = new Map<string, { statement: Statement; rows: Row[]; bytes: number }>();
  private pendingBytes = 0;
  private pendingRows = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly db: Database,
    private readonly options: {
      run: string;
      who: string;
      operation: string;
      batchSize: number;
      batchBytes: number;
      concurrency: number;
      relationshipConcurrency: number;
    },
  ) {}

  /** Buffers a row; returns a promise to wait for only when a batch had to be sent. */
  add(statement: Statement, row: Row): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    let buffer = this.pending.get(statement.statement);
    if (!buffer) {
      buffer = { statement, rows: [], bytes: 0 };
      this.pending.set(statement.statement, buffer);
    }
    const bytes = rowBytes(row);
    buffer.rows.push(row);
    buffer.bytes += bytes;
    this.pendingBytes += bytes;
    this.pendingRows += 1;
    if (buffer.rows.length >= this.options.batchSize || buffer.bytes >= this.options.batchBytes) {
      return this.send(statement.statement);
    }
    if (this.pendingRows >= 2 * this.options.batchSize || this.pendingBytes >= 2 * this.options.batchBytes) {
      const largest = [...this.pending.entries()].sort(([, a], [, b]) => b.rows.length - a.rows.length)[0][0];
      return this.send(largest);
    }
    return undefined;
  }

  /** Waits for the batches in flight, whatever their outcome. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Sends what is pending and waits for every batch in flight. */
  async drain(): Promise<void> {
    for (const key of [...this.pending.keys()]) await this.send(key);
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async send(key: string): Promise<void> {
    const buffer = this.pending.get(key)!;
    this.pending.delete(key);
    this.pendingBytes -= buffer.bytes;
    this.pendingRows -= buffer.rows.length;
    const limit = buffer.statement.nodes ? this.options.concurrency : this.options.relationshipConcurrency;
    while (this.inFlight.size >= limit) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const job: Promise<void> = this.write(buffer.statement, buffer.rows)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  /**
   * Concurrent batches of relationships lock shared endpoints and can deadlock; Neo4j then aborts
   * one, which is transient: that batch is tried again (the driver's own retries are short).
   */
  private async write(statement: Statement, rows: Row[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(statement, rows);
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
      }
    }
  }

  private async writeOnce(statement: Statement, rows: Row[]): Promise<void> {
    const { run, who, operation } = this.options;
    const result = await this.db.writeTransaction(
      statement.nodes ? 'import.nodes' : 'import.relationships',
      (tx) =>
        tx.run<{ outcome: keyof LoadCounts | 'conflict'; count: number }>(statement.statement, {
          rows,
          run,
          who,
          operation,
        }),
      BATCH_TIMEOUT_MS,
    );
    const counts = statement.nodes ? this.nodes : this.relationships;
    let written = 0;
    for (const { outcome, count } of result) {
      if (outcome === 'conflict') {
        throw new Error(
          `${count} record(s) of a batch are held in the graph as another kind (written during the import)`,
        );
      }
      counts[outcome] += count;
      written += count;
    }
    if (written !== rows.length) {
      throw new Error(`a batch wrote ${written} of ${rows.length} rows (an endpoint went missing during the import)`);
    }
  }
}

/** Text a row holds, roughly: what bounds a batch's memory. */
function rowBytes(row: Row): number {
  let bytes = 64 + row.id.length + (row.record?.length ?? 0);
  for (const value of Object.values(row.props)) {
    if (typeof value === 'string') bytes += value.length;
    else if (Array.isArray(value)) for (const item of value) bytes += typeof item === 'string' ? item.length + 8 : 8;
    else bytes += 16;
  }
  return bytes;
}

const statements = new Map<string, Statement>();
function cached(key: string, build: () => Statement): Statement {
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = build()));
  return statement;
}

function nodeStatement(record: SourceRecord, perRecord: boolean): Statement {
  const kind = record.kind as EntityRecordKind;
  const entityKind = ENTITY_KIND_OF[kind];
  const subLabel = subLabelOf(kind, record.record as EntityRecord);
  return cached(`${kind}:${subLabel}:${perRecord}`, () => ({
    statement: importNodesStatement(entityKind, subLabel, perRecord),
    nodes: true,
  }));
}

function relationshipStatement(type: RelationshipType, perRecord: boolean): Statement {
  return cached(`${type}:${perRecord}`, () => ({
    statement: importRelationshipsStatement(type, perRecord),
    nodes: false,
  }));
}

const zero = (): LoadCounts => ({ created: 0, updated: 0, unchanged: 0 });
