import { int, type Tx } from '../../db';
import {
  ActorKind,
  ENTITY_LABEL,
  EntityKind,
  KIND_OF_LABEL,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_KIND,
  LABEL_OF_LOCATION_KIND,
  LocationKind,
  RelationshipType,
} from '../../model/vocabulary';
import type { Bundle, EntityRecord, EntityRecordKind } from '../format';
import { BadUserInputError } from '../../errors';
import {
  checkBundleReferences,
  excerptProblems,
  quotedExcerpts,
  quoteShapeProblems,
  referencedIds,
  type KnownEntities,
  type QuotedExcerpt,
} from '../validate';
import { CURATED_HOLDER, WITH_HOLDER } from './record-holders';
import { nodeRow, relationshipRow, reportedByRows, SUB_LABELS, type NodeRow } from './record-rows';

/**
 * Writes a bundle inside the caller's ONE write transaction: everything or nothing. Rows go in batches
 * through UNWIND, one statement per (kind, sub-kind) or relationship type, whose labels and types
 * come from the vocabulary's constants; every value is a parameter. MERGE by id makes loading
 * idempotent, and a content hash tells created, updated and unchanged records apart.
 */

export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LoadSummary {
  nodes: LoadCounts;
  relationships: LoadCounts;
}

export interface LoadOptions {
  /** Who is writing (the request's identity; "anonymous" until roles exist, "system" for the seed). */
  who?: string;
  /** What is writing: a mutation's name, "importBundle", "seed". */
  operation?: string;
  /** Called after each batch with records written so far and the total (a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Records per write statement (a claim's REPORTED_BY rows: one per source it cites). */
const BATCH_SIZE = 1_000;

/** A node the lock step created for an id that did not exist yet (see LOCK_ENTITIES_STATEMENT). */
const IS_NEW_NODE = (old: string) => `(${old} IS NULL OR ${old}.placeholder IS NOT NULL)`;

const OUTCOME = (isNew: string, old: string, hash: string) =>
  `CASE WHEN ${isNew} THEN 'created' WHEN ${old}.contentHash = ${hash} THEN 'unchanged' ELSE 'updated' END`;

/** Names of the properties a row changes (all of them for a new record); read before the write. */
const CHANGED_FIELDS = (isNew: string, old: string) =>
  `[key IN keys(row.props) WHERE key <> 'contentHash' AND (${isNew} OR coalesce(${old}[key] <> row.props[key], (${old}[key] IS NULL) <> (row.props[key] IS NULL)))]`;

/** History: one (:Change) per created or updated record, in the same transaction as the write. */
const RECORD_CHANGE = (targetType: string) =>
  `FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: '${targetType}', change: toUpper(outcome), changedFields: changed, record: row.record}))`;

/**
 * A one-transaction write takes the record from any import run (record-holders.ts): a rollback
 * leaves it, and its content, in place. `importRun` stays: history still says which run wrote it.
 */
const CURATED = (x: string) =>
  `SET ${x}.heldBy = CASE WHEN outcome = 'unchanged' THEN ${WITH_HOLDER(x, `'${CURATED_HOLDER}'`)} ELSE ['${CURATED_HOLDER}'] END`;

export function upsertNodesStatement(kind: EntityKind, subLabel?: string): string {
  const labels = [LABEL_OF_KIND[kind], ...(subLabel ? [subLabel] : [])].join(':');
  const stale = SUB_LABELS[kind]?.filter((label) => label !== subLabel) ?? [];
  return [
    'UNWIND $rows AS row',
    `OPTIONAL MATCH (old:${ENTITY_LABEL} {id: row.id})`,
    `WITH row, ${OUTCOME(IS_NEW_NODE('old'), 'old', 'row.props.contentHash')} AS outcome, ${CHANGED_FIELDS(IS_NEW_NODE('old'), 'old')} AS changed`,
    `MERGE (n:${ENTITY_LABEL} {id: row.id})`,
    `SET n += row.props, n:${labels}, n.createdAt = coalesce(n.createdAt, datetime())`,
    `REMOVE ${[...stale.map((label) => `n:${label}`), 'n.placeholder'].join(', ')}`,
    "SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END",
    CURATED('n'),
    RECORD_CHANGE(LABEL_OF_KIND[kind]),
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

export function upsertRelationshipsStatement(type: RelationshipType): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${ENTITY_LABEL} {id: row.from}), (b:${ENTITY_LABEL} {id: row.to})`,
    `OPTIONAL MATCH (a)-[old:${type} {id: row.id}]->(b)`,
    `WITH a, b, row, ${OUTCOME('old IS NULL', 'old', 'row.props.contentHash')} AS outcome, ${CHANGED_FIELDS('old IS NULL', 'old')} AS changed`,
    `MERGE (a)-[r:${type} {id: row.id}]->(b)`,
    'ON CREATE SET r.createdAt = datetime()',
    'SET r += row.props',
    "SET r.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(r.updatedAt, r.createdAt) ELSE datetime() END",
    CURATED('r'),
    RECORD_CHANGE(type),
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

/**
 * The first statement of every bundle write: locks each id the bundle defines or refers to, in
 * sorted order, before anything is read. MERGE on the unique Entity.id makes a concurrent writer
 * of the same id wait, even for an id that does not exist yet: it is created bare (`placeholder`)
 * and counts as created when the bundle writes it; a rolled-back transaction takes it away. The
 * SET/REMOVE takes the write lock of a node that exists. Writers that lock in the same order
 * queue instead of deadlocking (and a deadlock is transient: the driver retries the transaction).
 */
export const LOCK_ENTITIES_STATEMENT = `UNWIND $ids AS id
MERGE (n:${ENTITY_LABEL} {id: id})
ON CREATE SET n.placeholder = true
SET n.writeLock = true
REMOVE n.writeLock`;

/** Kinds of existing entities among `ids` (read after the lock, in the same transaction). */
/**
 * For each quoted excerpt, the text its document holds at its offsets (null when the document is
 * missing or the offsets fall outside it): what an import compares with the excerpt it carries.
 */
export const TEXT_AT_OFFSETS = `UNWIND $quotes AS quote
OPTIONAL MATCH (t:DocumentText {sourceId: quote.documentId})
RETURN quote.index AS index, t.length AS length,
       CASE WHEN t IS NULL OR quote.end > t.length THEN null ELSE substring(t.text, quote.start, quote.end - quote.start) END AS text`;

export const KNOWN_ENTITIES_STATEMENT = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
WITH n, [label IN labels(n) WHERE label IN $kindLabels][0] AS label
WHERE label IS NOT NULL
RETURN n.id AS id, label`;

/**
 * Bundle writes inside a caller's write transaction (see src/curation/curation.service.ts, which
 * opens it): lock, check against the graph, write, all in that one transaction.
 */
export class BundleRepository {
  /** Locks `ids` (sorted here, so every writer locks in the same order). */
  async lock(tx: Tx, ids: Iterable<string>): Promise<void> {
    await tx.run(LOCK_ENTITIES_STATEMENT, { ids: [...new Set(ids)].sort() });
  }

  /** Kinds of the entities among `ids` that are in the graph (bare lock nodes are not). */
  async knownEntities(tx: Tx, ids: string[]): Promise<KnownEntities> {
    const rows = await tx.run<{ id: string; label: string }>(KNOWN_ENTITIES_STATEMENT, {
      ids,
      kindLabels: Object.values(LABEL_OF_KIND),
    });
    return new Map(rows.map((row) => [row.id, KIND_OF_LABEL[row.label]]));
  }

  /**
   * Locks every id `bundle` touches, checks it against the graph as it is under those locks,
   * and writes it: a concurrent writer of the same ids runs wholly before or after. Problems
   * throw (BAD_USER_INPUT) inside the transaction, so nothing of it stays.
   */
  async lockCheckAndWrite(tx: Tx, bundle: Bundle, options: LoadOptions = {}): Promise<LoadSummary> {
    const ids = referencedIds(bundle);
    await this.lock(tx, ids);
    checkBundleReferences(bundle, await this.knownEntities(tx, ids));
    await this.checkExcerpts(tx, quotedExcerpts(bundle));
    return this.write(tx, bundle, options);
  }

  /**
   * In the import's transaction: every quoted excerpt is what its document holds at its offsets,
   * else BAD_USER_INPUT naming each one that is not (issue 22, item 4: provenance back to the
   * sentence stays true).
   */
  async checkExcerpts(tx: Tx, quotes: readonly QuotedExcerpt[]): Promise<void> {
    const shape = quoteShapeProblems(quotes);
    if (shape.length) throw new BadUserInputError(shape);
    if (quotes.length === 0) return;
    const rows = await this.textAtOffsets(tx, quotes);
    const byIndex = new Map(rows.map((row) => [row.index, row]));
    const held = quotes.map((_, index) => byIndex.get(index) ?? { length: null, text: null });
    const problems = excerptProblems(quotes, held);
    if (problems.length) throw new BadUserInputError(problems);
  }

  /** The text at each quote's offsets (see TEXT_AT_OFFSETS). */
  async textAtOffsets(
    tx: Tx,
    quotes: ReadonlyArray<{ documentId: string; start: number; end: number }>,
  ): Promise<Array<{ index: number; length: number | null; text: string | null }>> {
    return tx.run(TEXT_AT_OFFSETS, {
      quotes: quotes.map((quote, index) => ({
        index: int(index),
        documentId: quote.documentId,
        start: int(quote.start),
        end: int(quote.end),
      })),
    });
  }

  private async write(tx: Tx, bundle: Bundle, options: LoadOptions): Promise<LoadSummary> {
    const audit = { who: options.who ?? 'system', operation: options.operation ?? 'bundle.load' };
    const jobs = writeJobs(bundle);
    const total = jobs.reduce((sum, job) => sum + job.size, 0);
    let done = 0;
    const nodes = zero();
    const relationships = zero();
    for (const job of jobs) {
      for (let start = 0; start < job.size; start += BATCH_SIZE) {
        const end = Math.min(start + BATCH_SIZE, job.size);
        // Rows (content hash, record JSON) are built a batch at a time, between the batches'
        // round trips: built all at once they held the event loop for half a second at 2,000
        // ACLED events, health checks included.
        const batch = job.rows(start, end);
        if (batch.length > 0) add(job.nodes ? nodes : relationships, await runBatch(tx, job.statement, batch, audit));
        done += end - start;
        options.onProgress?.(done, total);
      }
    }
    return { nodes, relationships };
  }
}

interface Audit {
  who: string;
  operation: string;
}

/** One statement and the records it writes; `rows` builds the rows of records start..end-1. */
interface WriteJob {
  statement: string;
  size: number;
  rows: (start: number, end: number) => NodeRow[];
  nodes: boolean;
}

const job = <R>(statement: string, records: readonly R[], rowsOf: (record: R) => NodeRow[], nodes: boolean) => ({
  statement,
  size: records.length,
  rows: (start: number, end: number) => records.slice(start, end).flatMap(rowsOf),
  nodes,
});

/** One statement per (kind, sub-kind) and relationship type, in dependency order: nodes first. */
function writeJobs(bundle: Bundle): WriteJob[] {
  const node = (statement: string, kind: EntityRecordKind, records: readonly EntityRecord[]) =>
    job(statement, records, (record) => [nodeRow(kind, record, true)], true);
  const jobs: WriteJob[] = [node(upsertNodesStatement(EntityKind.SOURCE), 'source', bundle.sources)];
  for (const kind of Object.values(ActorKind)) {
    const group = bundle.actors.filter((actor) => actor.kind === kind);
    jobs.push(node(upsertNodesStatement(EntityKind.ACTOR, LABEL_OF_ACTOR_KIND[kind]), 'actor', group));
  }
  for (const kind of Object.values(LocationKind)) {
    const group = bundle.locations.filter((location) => location.kind === kind);
    jobs.push(node(upsertNodesStatement(EntityKind.LOCATION, LABEL_OF_LOCATION_KIND[kind]), 'location', group));
  }
  jobs.push(node(upsertNodesStatement(EntityKind.EVENT), 'event', bundle.events));
  jobs.push(node(upsertNodesStatement(EntityKind.ALLEGATION), 'allegation', bundle.allegations));
  for (const type of Object.values(RelationshipType)) {
    const rels = bundle.relationships.filter((rel) => rel.type === type);
    jobs.push(job(upsertRelationshipsStatement(type), rels, (rel) => [relationshipRow(rel, true)], false));
  }
  const claims = [...bundle.actors, ...bundle.locations, ...bundle.events, ...bundle.allegations];
  jobs.push(
    job(
      upsertRelationshipsStatement(RelationshipType.REPORTED_BY),
      claims,
      (claim) => reportedByRows(claim, true),
      false,
    ),
  );
  return jobs.filter((entry) => entry.size > 0);
}

async function runBatch(tx: Tx, statement: string, batch: NodeRow[], audit: Audit): Promise<LoadCounts> {
  const counts = zero();
  const result = await tx.run<{ outcome: keyof LoadCounts; count: number }>(statement, { rows: batch, ...audit });
  const written = result.reduce((sum, row) => sum + row.count, 0);
  if (written !== batch.length) {
    // Cannot happen under the locks taken first; if it does, abort the whole transaction.
    throw new Error(`bundle load wrote ${written} of ${batch.length} rows; rolled back`);
  }
  for (const row of result) counts[row.outcome] += row.count;
  return counts;
}

const zero = (): LoadCounts => ({ created: 0, updated: 0, unchanged: 0 });

function add(total: LoadCounts, part: LoadCounts): void {
  total.created += part.created;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
}
