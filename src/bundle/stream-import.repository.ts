import type { Tx } from '../db';
import {
  ENTITY_LABEL,
  EntityKind,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_KIND,
  LABEL_OF_LOCATION_KIND,
  type RelationshipType,
} from '../model/vocabulary';

/**
 * The Cypher of the streaming importer (src/bundle/stream-import.service.ts). Each batch is one
 * UNWIND statement in its own transaction; the run is held together by an (:ImportRun) node and
 * an `importRun` property on every record it created or updated:
 * - MERGE on the unique Entity.id (relationships: MATCH both ends by id, MERGE keyed by the
 *   relationship id) with no read before it: a record without `contentHash` is new, one with the
 *   same hash unchanged, else updated;
 * - before a record is updated, its properties (and a node's labels) are copied to an
 *   (:ImportPreImage), so a failed run can put it back; a completed run deletes them;
 * - rollback restores the pre-images, then deletes what still carries the run's id.
 * Labels and types come from the vocabulary's constants; every value is a parameter.
 */

export const PRE_IMAGE_LABEL = 'ImportPreImage';
export const IMPORT_RUN_LABEL = 'ImportRun';

/** Sub-kind labels of a kind, all of which a node loses before it gains its current one. */
const SUB_LABELS: Partial<Record<EntityKind, string[]>> = {
  [EntityKind.ACTOR]: Object.values(LABEL_OF_ACTOR_KIND),
  [EntityKind.LOCATION]: Object.values(LABEL_OF_LOCATION_KIND),
};

/** Every label a node's kind gives it (restored from a pre-image by name, never from text). */
const KIND_LABELS = [
  ...Object.values(LABEL_OF_KIND),
  ...Object.values(LABEL_OF_ACTOR_KIND),
  ...Object.values(LABEL_OF_LOCATION_KIND),
];

const OUTCOME = (target: string) =>
  `CASE WHEN ${target}.contentHash IS NULL THEN 'created' WHEN ${target}.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END`;

const WHEN = (condition: string) => `FOREACH (_ IN CASE WHEN ${condition} THEN [1] ELSE [] END |`;

/** Per-record history (`--history per-record`): the (:Change) the one-transaction path writes, tagged with the run. */
const CHANGED_FIELDS = (target: string) =>
  `[key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(${target}[key] <> row.props[key], (${target}[key] IS NULL) <> (row.props[key] IS NULL)))]`;
const RECORD_CHANGE = (targetType: string) =>
  `${WHEN("outcome IN ['created', 'updated']")}
  CREATE (:Change {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
                   targetType: '${targetType}', change: toUpper(outcome), changedFields: changed, record: row.record}))`;

export function importNodesStatement(
  kind: EntityKind,
  subLabel: string | undefined,
  perRecordHistory: boolean,
): string {
  const label = LABEL_OF_KIND[kind];
  const labels = [label, ...(subLabel ? [subLabel] : [])].join(':');
  const stale = SUB_LABELS[kind]?.filter((l) => l !== subLabel) ?? [];
  return [
    'UNWIND $rows AS row',
    `MERGE (n:${ENTITY_LABEL} {id: row.id})`,
    // An id the graph holds as another kind (written since the check before the run): refused.
    `WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:${label} THEN 'conflict' ELSE ${OUTCOME('n')} END AS outcome`,
    ...(perRecordHistory ? [`WITH n, row, outcome, ${CHANGED_FIELDS('n')} AS changed`] : []),
    `${WHEN("outcome = 'updated'")}`,
    `  CREATE (p:${PRE_IMAGE_LABEL}) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))`,
    `${WHEN("outcome IN ['created', 'updated']")}`,
    `  SET n += row.props, n:${labels}, n.importRun = $run, n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())`,
    `  REMOVE ${[...stale.map((l) => `n:${l}`), 'n.placeholder'].join(', ')})`,
    ...(perRecordHistory ? [RECORD_CHANGE(label)] : []),
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

export function importRelationshipsStatement(type: RelationshipType, perRecordHistory: boolean): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${ENTITY_LABEL} {id: row.from})`,
    `MATCH (b:${ENTITY_LABEL} {id: row.to})`,
    `MERGE (a)-[r:${type} {id: row.id}]->(b)`,
    `WITH r, row, ${OUTCOME('r')} AS outcome`,
    ...(perRecordHistory ? [`WITH r, row, outcome, ${CHANGED_FIELDS('r')} AS changed`] : []),
    `${WHEN("outcome = 'updated'")}`,
    `  CREATE (p:${PRE_IMAGE_LABEL}) SET p = properties(r), p.preImageRun = $run, p.preImageOf = r.id, p.preImageFrom = row.from, p.preImageTo = row.to)`,
    `${WHEN("outcome IN ['created', 'updated']")}`,
    '  SET r += row.props, r.importRun = $run, r.updatedAt = datetime(), r.createdAt = coalesce(r.createdAt, datetime()))',
    ...(perRecordHistory ? [RECORD_CHANGE(type)] : []),
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

/** The same rows the plain way (the benchmark's yardstick): MERGE and SET, nothing else. */
export function plainNodesStatement(kind: EntityKind, subLabel?: string): string {
  const labels = [LABEL_OF_KIND[kind], ...(subLabel ? [subLabel] : [])].join(':');
  return `UNWIND $rows AS row\nMERGE (n:${ENTITY_LABEL} {id: row.id})\nSET n += row.props, n:${labels}`;
}
export function plainRelationshipsStatement(type: RelationshipType): string {
  return `UNWIND $rows AS row\nMATCH (a:${ENTITY_LABEL} {id: row.from})\nMATCH (b:${ENTITY_LABEL} {id: row.to})\nMERGE (a)-[r:${type} {id: row.id}]->(b)\nSET r += row.props`;
}

export const CREATE_RUN = `CREATE (run:${IMPORT_RUN_LABEL} {id: $id, status: 'running', startedAt: datetime(), file: $file,
  format: $format, who: $who, operation: $operation, history: $history})`;

export const FINISH_RUN = `MATCH (run:${IMPORT_RUN_LABEL} {id: $id})
SET run.status = $status, run.finishedAt = datetime(), run.counts = $counts, run.error = $error`;

export const RUN_STATUS = `MATCH (run:${IMPORT_RUN_LABEL} {id: $id}) RETURN run.status AS status`;

export const UNFINISHED_RUNS = `MATCH (run:${IMPORT_RUN_LABEL}) WHERE run.status IN ['running', 'rolling-back']
RETURN run.id AS id, toString(run.startedAt) AS startedAt, run.file AS file ORDER BY run.startedAt`;

/** How many entities the graph holds (from Neo4j's count store: no scan). */
export const ENTITY_COUNT = `MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS count`;

/** Each statement below handles at most $batch rows and says how many, so callers loop until 0. */
export const DELETE_RUN_CHANGES = `MATCH (c:Change {importRun: $run}) WITH c LIMIT $batch DELETE c RETURN count(*) AS count`;

export const DELETE_PRE_IMAGES = `MATCH (p:${PRE_IMAGE_LABEL} {preImageRun: $run}) WITH p LIMIT $batch DELETE p RETURN count(*) AS count`;

const PRE_IMAGE_KEYS = ['preImageRun', 'preImageOf', 'preImageFrom', 'preImageTo', 'preImageLabels'];

export const RESTORE_RELATIONSHIPS = `MATCH (p:${PRE_IMAGE_LABEL} {preImageRun: $run}) WHERE p.preImageFrom IS NOT NULL
WITH p LIMIT $batch
OPTIONAL MATCH (:${ENTITY_LABEL} {id: p.preImageFrom})-[r {id: p.preImageOf}]->(:${ENTITY_LABEL} {id: p.preImageTo})
${WHEN('r IS NOT NULL')} SET r = properties(p) REMOVE ${PRE_IMAGE_KEYS.map((k) => `r.${k}`).join(', ')})
DELETE p
RETURN count(*) AS count`;

export const RESTORE_NODES = `MATCH (p:${PRE_IMAGE_LABEL} {preImageRun: $run}) WHERE p.preImageFrom IS NULL
WITH p LIMIT $batch
OPTIONAL MATCH (n:${ENTITY_LABEL} {id: p.preImageOf})
${WHEN('n IS NOT NULL')}
  SET n = properties(p)
  REMOVE ${[...PRE_IMAGE_KEYS.map((k) => `n.${k}`), ...KIND_LABELS.map((l) => `n:${l}`)].join(', ')})
${KIND_LABELS.map((l) => `${WHEN(`n IS NOT NULL AND '${l}' IN p.preImageLabels`)} SET n:${l})`).join('\n')}
DELETE p
RETURN count(*) AS count`;

/**
 * What the run created: relationships and nodes still tagged with its id once the pre-images are
 * back. Relationships carry no index on the tag (it would slow every import), so this walks the
 * entities in id order, $batch at a time, through the id index: rollback costs a pass over the
 * graph, the import nothing extra.
 */
export const DELETE_CREATED = `MATCH (a:${ENTITY_LABEL}) WHERE a.id > $after
WITH a ORDER BY a.id ASC LIMIT $batch
WITH collect(a) AS nodes, max(a.id) AS last, count(a) AS scanned
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->()
  WHERE r.importRun = $run
  DELETE r
  RETURN count(r) AS relationships
}
CALL (nodes) {
  UNWIND nodes AS a
  WITH a WHERE a.importRun = $run
  DETACH DELETE a
  RETURN count(*) AS deleted
}
RETURN last, scanned, relationships, deleted`;

export interface Counted {
  count: number;
}

export async function countOf(tx: Tx, statement: string, params: Record<string, unknown>): Promise<number> {
  const rows = await tx.run<Counted>(statement, params);
  return rows.reduce((sum, row) => sum + row.count, 0);
}
