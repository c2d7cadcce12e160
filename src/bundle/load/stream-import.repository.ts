import type { Tx } from '../../db';
import {
  ENTITY_LABEL,
  EntityKind,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_KIND,
  LABEL_OF_LOCATION_KIND,
  type RelationshipType,
} from '../../model/vocabulary';
import { CURATED_HOLDER, HEIR, HOLDERS, MAX_HOLDERS, WITH_HOLDER } from './record-holders';
import { SUB_LABELS } from './record-rows';

/**
 * The Cypher of the streaming importer (src/bundle/load/stream-import.service.ts). Each batch is one
 * UNWIND statement in its own transaction; the run is held together by an (:ImportRun) node and
 * an `importRun` property on every record it created or updated:
 * - MERGE on the unique Entity.id (relationships: MATCH both ends by id, MERGE keyed by the
 *   relationship id) with no read before it: a record without `contentHash` is new, one with the
 *   same hash unchanged, else updated;
 * - before a record is updated, its properties (and a node's labels) are copied to an
 *   (:ImportPreImage), so a failed run can put it back; a completed run deletes them;
 * - every record carries its holders (record-holders.ts): the run that wrote it and the runs
 *   that found it unchanged, or 'curated'; rollback restores a pre-image, or deletes what the run
 *   created, only when the run is its sole holder, and otherwise hands the record on.
 * Labels and types come from the vocabulary's constants; every value is a parameter.
 */

export const PRE_IMAGE_LABEL = 'ImportPreImage';
export const IMPORT_RUN_LABEL = 'ImportRun';

/** Every label a node's kind gives it (restored from a pre-image by name, never from text). */
const KIND_LABELS = [
  ...Object.values(LABEL_OF_KIND),
  ...Object.values(LABEL_OF_ACTOR_KIND),
  ...Object.values(LABEL_OF_LOCATION_KIND),
];

const OUTCOME = (target: string) =>
  `CASE WHEN ${target}.contentHash IS NULL THEN 'created' WHEN ${target}.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END`;

const WHEN = (condition: string) => `FOREACH (_ IN CASE WHEN ${condition} THEN [1] ELSE [] END |`;

/**
 * A record the run finds unchanged is one it relies on: the run joins its holders (which also
 * takes its write lock, so a concurrent rollback sees this run or runs wholly before it).
 */
const CONFIRM = (target: string) =>
  `${WHEN("outcome = 'unchanged'")} SET ${target}.heldBy = ${WITH_HOLDER(target, '$run')})`;

/** Per-record history (`--history per-record`): the (:Change) the one-transaction path writes, tagged with the run. */
const CHANGED_FIELDS = (target: string) =>
  `[key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(${target}[key] <> row.props[key], (${target}[key] IS NULL) <> (row.props[key] IS NULL)))]`;
const RECORD_CHANGE = (targetType: string) =>
  `${WHEN("outcome IN ['created', 'updated']")}
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
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
    `  SET n += row.props, n:${labels}, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())`,
    `  REMOVE ${[...stale.map((l) => `n:${l}`), 'n.placeholder'].join(', ')})`,
    CONFIRM('n'),
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
    '  SET r += row.props, r.importRun = $run, r.heldBy = [$run], r.updatedAt = datetime(), r.createdAt = coalesce(r.createdAt, datetime()))',
    CONFIRM('r'),
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

/**
 * A run's own entry in the history and the change feed (docs/changes.md): committed, or rolled
 * back. Not tagged `importRun`, so a rollback's clean-up of the run's per-record entries keeps it.
 */
const RUN_CHANGE = (change: string, record: string) =>
  `CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: run.who, operation: run.operation, targetId: run.id,
                   targetType: '${IMPORT_RUN_LABEL}', change: '${change}', changedFields: ['status'], record: ${record}})`;

export const FINISH_RUN = `MATCH (run:${IMPORT_RUN_LABEL} {id: $id})
SET run.status = $status, run.finishedAt = datetime(), run.counts = $counts, run.error = $error
FOREACH (_ IN CASE WHEN $status = 'completed' THEN [1] ELSE [] END |
  ${RUN_CHANGE('IMPORT_COMMITTED', '$counts')})`;

/** A rolled-back run: what its rollback restored and deleted, and the reason. */
export const FINISH_ROLLBACK = `MATCH (run:${IMPORT_RUN_LABEL} {id: $id})
SET run.status = 'rolled-back', run.finishedAt = datetime(), run.error = $error, run.rolledBack = $undone
${RUN_CHANGE('IMPORT_ROLLED_BACK', '$undone')}`;

export const RUN_STATUS = `MATCH (run:${IMPORT_RUN_LABEL} {id: $id}) RETURN run.status AS status, toString(run.startedAt) AS startedAt`;

export const UNFINISHED_RUNS = `MATCH (run:${IMPORT_RUN_LABEL}) WHERE run.status IN ['running', 'rolling-back']
RETURN run.id AS id, toString(run.startedAt) AS startedAt, run.file AS file ORDER BY run.startedAt`;

/** How many entities the graph holds (from Neo4j's count store: no scan). */
export const ENTITY_COUNT = `MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS count`;

/** Each statement below handles at most $batch rows and says how many, so callers loop until 0. */
export const DELETE_RUN_CHANGES = `MATCH (c:Change {importRun: $run}) WITH c LIMIT $batch DELETE c RETURN count(*) AS count`;

export const DELETE_PRE_IMAGES = `MATCH (p:${PRE_IMAGE_LABEL} {preImageRun: $run}) WITH p LIMIT $batch DELETE p RETURN count(*) AS count`;

const PRE_IMAGE_KEYS = ['preImageRun', 'preImageOf', 'preImageFrom', 'preImageTo', 'preImageLabels'];

/*
 * Rollback of run $run (started at $startedAt), in batches of $batch, each batch one transaction
 * of two statements: the first takes the write lock of every record the batch may change (SET
 * then REMOVE a property), the second reads the holders and acts. So a concurrent run that
 * confirms or links a record either commits first (and the rollback sees it as a holder) or
 * waits until the rollback's batch has committed. See record-holders.ts.
 */

const LOCK = (x: string) => `SET ${x}.rollbackLock = true REMOVE ${x}.rollbackLock`;

/** The run's write or confirmation is on `x`. */
const TOUCHED = (x: string) => `(coalesce(${x}.importRun = $run, false) OR $run IN coalesce(${x}.heldBy, []))`;

/**
 * A change to `x` since the run started that is not the run's own: a curator's edit (retract,
 * merge, ...) that history lists, so the record must stay.
 */
const FOREIGN_CHANGE = (x: string) =>
  `EXISTS { MATCH (c:Change {targetId: ${x}.id}) WHERE c.at >= datetime($startedAt) AND coalesce(c.importRun, '') <> $run }`;

/** `x`'s holders other than the run ('curated' added when a foreign change holds it). */
const OTHER_HOLDERS = (x: string) =>
  `[h IN ${HOLDERS(x)} WHERE h <> $run] + CASE WHEN ${FOREIGN_CHANGE(x)} AND NOT '${CURATED_HOLDER}' IN ${HOLDERS(x)} THEN ['${CURATED_HOLDER}'] ELSE [] END`;

/** A relationship the run wrote and no one else holds: it does not keep its ends. */
const SOLELY_THE_RUNS = (r: string) =>
  `coalesce(${r}.importRun = $run AND all(h IN ${HOLDERS(r)} WHERE h = $run), false)`;

/** The run's pre-images, $batch of them, with the records they belong to locked. */
export const LOCK_PRE_IMAGES = `MATCH (p:${PRE_IMAGE_LABEL} {preImageRun: $run})
WITH p LIMIT $batch
OPTIONAL MATCH (n:${ENTITY_LABEL} {id: p.preImageOf}) WHERE p.preImageFrom IS NULL
OPTIONAL MATCH (:${ENTITY_LABEL} {id: p.preImageFrom})-[r {id: p.preImageOf}]->(:${ENTITY_LABEL} {id: p.preImageTo})
${LOCK('n')}
${LOCK('r')}
RETURN collect(elementId(p)) AS preImages`;

/**
 * What a pre-image's record `x` comes to: restored when the run's write is still there and no one
 * else holds it; kept, and handed on, when others confirmed the run's write since (the pre-image
 * goes with it to a running heir, for that run's rollback); left alone when a later write
 * replaced the run's. The pre-image is then deleted unless it was handed on.
 */
const SETTLE_PRE_IMAGE = (
  x: string,
) => `WITH p, ${x}, ${x}.importRun = $run AND $run IN ${HOLDERS(x)} AS ours, ${OTHER_HOLDERS(x)} AS others
WITH p, ${x}, others, coalesce(ours AND size(others) = 0, false) AS restore, coalesce(ours AND size(others) > 0, false) AS handOver
WITH p, ${x}, others, restore, handOver, ${HEIR('others')} AS heir
OPTIONAL MATCH (heirRun:${IMPORT_RUN_LABEL} {id: heir}) WHERE handOver AND heirRun.status = 'running'
  AND NOT EXISTS { MATCH (:${PRE_IMAGE_LABEL} {preImageRun: heir, preImageOf: p.preImageOf}) }
${WHEN('handOver')} SET ${x}.heldBy = others, ${x}.importRun = heir)`;

const DROP_PRE_IMAGE = `${WHEN('heirRun IS NOT NULL')} SET p.preImageRun = heirRun.id)
${WHEN('heirRun IS NULL')} DELETE p)
RETURN count(*) AS count, sum(CASE WHEN restore THEN 1 ELSE 0 END) AS restored`;

export const RESTORE_RELATIONSHIPS = `UNWIND $preImages AS preImage
MATCH (p:${PRE_IMAGE_LABEL}) WHERE elementId(p) = preImage AND p.preImageFrom IS NOT NULL
OPTIONAL MATCH (:${ENTITY_LABEL} {id: p.preImageFrom})-[r {id: p.preImageOf}]->(:${ENTITY_LABEL} {id: p.preImageTo})
${SETTLE_PRE_IMAGE('r')}
${WHEN('restore')} SET r = properties(p) REMOVE ${PRE_IMAGE_KEYS.map((k) => `r.${k}`).join(', ')})
${DROP_PRE_IMAGE}`;

export const RESTORE_NODES = `UNWIND $preImages AS preImage
MATCH (p:${PRE_IMAGE_LABEL}) WHERE elementId(p) = preImage AND p.preImageFrom IS NULL
OPTIONAL MATCH (n:${ENTITY_LABEL} {id: p.preImageOf})
${SETTLE_PRE_IMAGE('n')}
${WHEN('restore')}
  SET n = properties(p)
  REMOVE ${[...PRE_IMAGE_KEYS.map((k) => `n.${k}`), ...KIND_LABELS.map((l) => `n:${l}`)].join(', ')})
${KIND_LABELS.map((l) => `${WHEN(`restore AND '${l}' IN p.preImageLabels`)} SET n:${l})`).join('\n')}
${DROP_PRE_IMAGE}`;

/**
 * The second half of a rollback: a pass over the entities in id order, $batch at a time through
 * the id index (relationships carry no index on the tag: it would slow every import), so
 * rollback costs a pass over the graph, the import nothing extra. This statement locks what the
 * run touched among the batch's nodes and their relationships, and says where the batch ends.
 */
export const LOCK_SCAN = `MATCH (a:${ENTITY_LABEL}) WHERE a.id > $after
WITH a ORDER BY a.id ASC LIMIT $batch
WITH collect(a) AS nodes, max(a.id) AS last, count(a) AS scanned
CALL (nodes) {
  UNWIND nodes AS a
  OPTIONAL MATCH (a)-[r]-() WHERE ${TOUCHED('r')}
  WITH a, collect(r) AS rels
  FOREACH (x IN CASE WHEN ${TOUCHED('a')} THEN [a] ELSE [] END | ${LOCK('x')})
  FOREACH (r IN rels | ${LOCK('r')})
  RETURN count(*) AS locked
}
RETURN last, scanned`;

/**
 * A node the rollback keeps: the run is not its sole writer, or a curator changed it, or a
 * relationship the run did not write alone touches it.
 */
const ANCHORED = (x: string) =>
  `(NOT ${SOLELY_THE_RUNS(x)} OR ${FOREIGN_CHANGE(x)} OR EXISTS { MATCH (${x})-[l]-() WHERE NOT ${SOLELY_THE_RUNS('l')} })`;

/** An evidence edge a kept claim's `sourceIds` call for: it stays with its claim. */
const EVIDENCE = (r: string) => `(type(${r}) = 'REPORTED_BY' AND endNode(${r}).id IN startNode(${r}).sourceIds)`;

/** Holders, other than the run, of what keeps node `a`: its links and the kept claims citing it. */
const KEEPERS = (a: string) => `COLLECT {
         MATCH (${a})-[r]-() WHERE NOT ${SOLELY_THE_RUNS('r')}
         UNWIND CASE WHEN size(${HOLDERS('r')}) = 0 THEN ['${CURATED_HOLDER}'] ELSE ${HOLDERS('r')} END AS h RETURN h
         UNION
         MATCH (s)-[r:REPORTED_BY]->(${a}) WHERE ${SOLELY_THE_RUNS('r')} AND ${EVIDENCE('r')} AND ${ANCHORED('s')}
         WITH [h IN ${HOLDERS('s')} WHERE h <> $run] AS holders LIMIT ${MAX_HOLDERS}
         UNWIND CASE WHEN size(holders) = 0 THEN ['${CURATED_HOLDER}'] ELSE holders END AS h RETURN h
       }`;

/**
 * Then, under those locks: the run leaves every holder list. What it created goes when no one
 * else holds it and, for a node, nothing anchors it (a relationship the run did not write alone:
 * another run's or a curator's link; a kept claim citing it); otherwise it passes to the holders
 * that keep it. Nodes first (a deleted node takes the run's relationships with it), then the
 * relationships leaving the surviving nodes: a kept claim keeps the evidence edges its
 * `sourceIds` call for.
 */
export const SETTLE_SCAN = `CALL () {
  MATCH (a:${ENTITY_LABEL}) WHERE a.id > $after AND a.id <= $last AND ${TOUCHED('a')}
  WITH a, coalesce(a.importRun = $run, false) AS created, ${OTHER_HOLDERS('a')} AS others
  WITH a, created, others,
       CASE WHEN created AND size(others) = 0 THEN [h IN ${KEEPERS('a')} WHERE h <> $run] ELSE [] END AS keepers
  WITH a, created, created AND size(others) = 0 AND size(keepers) = 0 AS gone,
       CASE WHEN size(others) > 0 OR NOT created THEN others ELSE keepers END AS heirs
  WITH a, created, gone, heirs, CASE WHEN gone THEN COUNT { (a)--() } ELSE 0 END AS detached
  ${WHEN('NOT gone')} SET a.heldBy = heirs, a.importRun = CASE WHEN created THEN ${HEIR('heirs')} ELSE a.importRun END)
  ${WHEN('gone')} DETACH DELETE a)
  RETURN sum(CASE WHEN gone THEN 1 ELSE 0 END) AS deleted, sum(detached) AS detached
}
CALL () {
  MATCH (a:${ENTITY_LABEL}) WHERE a.id > $after AND a.id <= $last
  MATCH (a)-[r]->() WHERE ${TOUCHED('r')}
  WITH a, r, coalesce(r.importRun = $run, false) AS created, ${OTHER_HOLDERS('r')} AS others, ${EVIDENCE('r')} AS evidence
  WITH r, created, created AND size(others) = 0 AND NOT evidence AS gone,
       CASE WHEN size(others) > 0 OR NOT created THEN others ELSE [h IN ${HOLDERS('a')} WHERE h <> $run] END AS heirs
  ${WHEN('NOT gone')} SET r.heldBy = heirs, r.importRun = CASE WHEN created THEN ${HEIR('heirs')} ELSE r.importRun END)
  ${WHEN('gone')} DELETE r)
  RETURN sum(CASE WHEN gone THEN 1 ELSE 0 END) AS relationships
}
RETURN relationships + detached AS relationships, deleted`;

export interface Counted {
  count: number;
}

export async function countOf(tx: Tx, statement: string, params: Record<string, unknown>): Promise<number> {
  const rows = await tx.run<Counted>(statement, params);
  return rows.reduce((sum, row) => sum + row.count, 0);
}
