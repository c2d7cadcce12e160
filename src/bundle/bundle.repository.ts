import type { Database, Tx } from '../db';
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
} from '../model/vocabulary';
import type { Bundle } from './bundle.model';
import {
  checkBundleReferences,
  parseBundleFields,
  referencedIds,
  relationshipId,
  type KnownEntities,
} from './bundle.validator';
import {
  actorProps,
  allegationProps,
  eventProps,
  locationProps,
  relationshipProps,
  sourceProps,
  type Props,
} from './node-properties';

/**
 * Writes a validated bundle in ONE write transaction: everything or nothing. Rows go in batches
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

interface Row {
  id: string;
  props: Props;
  /** The bundle record as JSON, kept in the history. */
  record: string;
}

export interface LoadOptions {
  /** Who is writing (the request's identity; "anonymous" until roles exist, "system" for the seed). */
  who?: string;
  /** What is writing: a mutation's name, "importBundle", "seed". */
  operation?: string;
  /** Validate and count, then roll back: nothing is written. */
  dryRun?: boolean;
  /** Called after each batch with rows written so far and the total (a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Thrown inside a dry run's transaction to roll it back once the counts are known. */
class DryRunRollback extends Error {
  constructor(readonly summary: LoadSummary) {
    super('dry run');
  }
}

interface RelRow extends Row {
  from: string;
  to: string;
}

const BATCH_SIZE = 1_000;
const LOAD_TIMEOUT_MS = 300_000;

const OUTCOME = (old: string, hash: string) =>
  `CASE WHEN ${old} IS NULL THEN 'created' WHEN ${old}.contentHash = ${hash} THEN 'unchanged' ELSE 'updated' END`;

/** Names of the properties a row changes (all of them for a new record); read before the write. */
const CHANGED_FIELDS = (old: string) =>
  `[key IN keys(row.props) WHERE key <> 'contentHash' AND coalesce(${old}[key] <> row.props[key], (${old}[key] IS NULL) <> (row.props[key] IS NULL))]`;

/** History: one (:Change) per created or updated record, in the same transaction as the write. */
const RECORD_CHANGE = (targetType: string) =>
  `FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: '${targetType}', change: toUpper(outcome), changedFields: changed, record: row.record}))`;

/** Sub-kind labels of a kind, all of which a node loses before it gains its current one. */
const SUB_LABELS: Partial<Record<EntityKind, string[]>> = {
  [EntityKind.ACTOR]: Object.values(LABEL_OF_ACTOR_KIND),
  [EntityKind.LOCATION]: Object.values(LABEL_OF_LOCATION_KIND),
};

export function upsertNodesStatement(kind: EntityKind, subLabel?: string): string {
  const labels = [LABEL_OF_KIND[kind], ...(subLabel ? [subLabel] : [])].join(':');
  const stale = SUB_LABELS[kind]?.filter((label) => label !== subLabel) ?? [];
  return [
    'UNWIND $rows AS row',
    `OPTIONAL MATCH (old:${ENTITY_LABEL} {id: row.id})`,
    `WITH row, ${OUTCOME('old', 'row.props.contentHash')} AS outcome, ${CHANGED_FIELDS('old')} AS changed`,
    `MERGE (n:${ENTITY_LABEL} {id: row.id})`,
    'ON CREATE SET n.createdAt = datetime()',
    `SET n += row.props, n:${labels}`,
    ...(stale.length ? [`REMOVE n:${stale.join(':')}`] : []),
    "SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END",
    RECORD_CHANGE(LABEL_OF_KIND[kind]),
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

export function upsertRelationshipsStatement(type: RelationshipType): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${ENTITY_LABEL} {id: row.from}), (b:${ENTITY_LABEL} {id: row.to})`,
    `OPTIONAL MATCH (a)-[old:${type} {id: row.id}]->(b)`,
    `WITH a, b, row, ${OUTCOME('old', 'row.props.contentHash')} AS outcome, ${CHANGED_FIELDS('old')} AS changed`,
    `MERGE (a)-[r:${type} {id: row.id}]->(b)`,
    'ON CREATE SET r.createdAt = datetime()',
    'SET r += row.props',
    "SET r.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(r.updatedAt, r.createdAt) ELSE datetime() END",
    RECORD_CHANGE(type),
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

export const KNOWN_ENTITIES_STATEMENT = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label`;

export class BundleRepository {
  constructor(private readonly db: Database) {}

  /** Kinds of the entities a bundle refers to that are already in the graph. */
  async knownEntities(ids: string[]): Promise<KnownEntities> {
    const rows = await this.db.read<{ id: string; label: string }>('bundle.knownEntities', KNOWN_ENTITIES_STATEMENT, {
      ids,
      kindLabels: Object.values(LABEL_OF_KIND),
    });
    return new Map(rows.map((row) => [row.id, KIND_OF_LABEL[row.label]]));
  }

  /** Validates `json` against the bundle rules and the graph, then loads it atomically. */
  async import(json: unknown, options: LoadOptions = {}): Promise<LoadSummary> {
    const bundle = parseBundleFields(json);
    const known = await this.knownEntities(referencedIds(bundle));
    return this.load(checkBundleReferences(bundle, known), options);
  }

  /**
   * Loads an already validated bundle. `afterLoad` runs in the same transaction (a mutation's
   * extra step, such as marking an allegation denied), so it commits or rolls back with the load.
   */
  async load(bundle: Bundle, options: LoadOptions = {}, afterLoad?: (tx: Tx) => Promise<void>): Promise<LoadSummary> {
    const audit = { who: options.who ?? 'system', operation: options.operation ?? 'bundle.load' };
    try {
      return await this.db.writeTransaction(
        `bundle.load.${audit.operation}`,
        async (tx) => {
          const summary = await this.write(tx, bundle, options, audit);
          await afterLoad?.(tx);
          if (options.dryRun) throw new DryRunRollback(summary);
          return summary;
        },
        LOAD_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof DryRunRollback) return error.summary;
      throw error;
    }
  }

  private async write(tx: Tx, bundle: Bundle, options: LoadOptions, audit: Audit): Promise<LoadSummary> {
    const jobs = writeJobs(bundle);
    const total = jobs.reduce((sum, job) => sum + job.rows.length, 0);
    let done = 0;
    const nodes = zero();
    const relationships = zero();
    for (const job of jobs) {
      for (let start = 0; start < job.rows.length; start += BATCH_SIZE) {
        const batch = job.rows.slice(start, start + BATCH_SIZE);
        add(job.nodes ? nodes : relationships, await runBatch(tx, job.statement, batch, audit));
        done += batch.length;
        options.onProgress?.(done, total);
      }
    }
    return { nodes, relationships };
  }
}

/** Evidence edges: each claim-bearing entity REPORTED_BY each source it cites. */
function reportedByRows(bundle: Bundle): RelRow[] {
  const claims = [...bundle.actors, ...bundle.locations, ...bundle.events, ...bundle.allegations];
  return claims.flatMap((claim) =>
    claim.sourceIds.map((sourceId) => {
      const rel = {
        type: RelationshipType.REPORTED_BY,
        from: claim.id,
        to: sourceId,
        sourceIds: [sourceId],
        credibility: claim.credibility,
        excerpt: claim.excerpt,
      };
      return { id: relationshipId(rel), from: claim.id, to: sourceId, props: relationshipProps(rel), record: JSON.stringify(rel) };
    }),
  );
}

function toRows<T extends { id: string }>(records: T[], toProps: (record: T) => Props): Row[] {
  return records.map((record) => ({ id: record.id, props: toProps(record), record: JSON.stringify(record) }));
}

interface Audit {
  who: string;
  operation: string;
}

interface WriteJob {
  statement: string;
  rows: Row[];
  nodes: boolean;
}

/** One statement per (kind, sub-kind) and relationship type, in dependency order: nodes first. */
function writeJobs(bundle: Bundle): WriteJob[] {
  const node = (statement: string, rows: Row[]) => ({ statement, rows, nodes: true });
  const jobs: WriteJob[] = [node(upsertNodesStatement(EntityKind.SOURCE), toRows(bundle.sources, sourceProps))];
  for (const kind of Object.values(ActorKind)) {
    const group = bundle.actors.filter((actor) => actor.kind === kind);
    jobs.push(node(upsertNodesStatement(EntityKind.ACTOR, LABEL_OF_ACTOR_KIND[kind]), toRows(group, actorProps)));
  }
  for (const kind of Object.values(LocationKind)) {
    const group = bundle.locations.filter((location) => location.kind === kind);
    jobs.push(node(upsertNodesStatement(EntityKind.LOCATION, LABEL_OF_LOCATION_KIND[kind]), toRows(group, locationProps)));
  }
  jobs.push(node(upsertNodesStatement(EntityKind.EVENT), toRows(bundle.events, eventProps)));
  jobs.push(node(upsertNodesStatement(EntityKind.ALLEGATION), toRows(bundle.allegations, allegationProps)));
  for (const type of Object.values(RelationshipType)) {
    const rows = bundle.relationships
      .filter((rel) => rel.type === type)
      .map((rel) => ({ id: relationshipId(rel), from: rel.from, to: rel.to, props: relationshipProps(rel), record: JSON.stringify(rel) }));
    jobs.push({ statement: upsertRelationshipsStatement(type), rows, nodes: false });
  }
  jobs.push({ statement: upsertRelationshipsStatement(RelationshipType.REPORTED_BY), rows: reportedByRows(bundle), nodes: false });
  return jobs.filter((job) => job.rows.length > 0);
}

async function runBatch(tx: Tx, statement: string, batch: Row[], audit: Audit): Promise<LoadCounts> {
  const counts = zero();
  const result = await tx.run<{ outcome: keyof LoadCounts; count: number }>(statement, { rows: batch, ...audit });
  const written = result.reduce((sum, row) => sum + row.count, 0);
  if (written !== batch.length) {
    // An endpoint vanished between validation and write: abort the whole transaction.
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
