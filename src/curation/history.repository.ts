import { parseRelationshipId } from '../bundle/format';
import { ALERT_TARGET } from '../changes/change-kind';
import { int, VISIBLE, Visibility, type Database } from '../db';
import { LABEL_OF_KIND, RelationshipType } from '../model/vocabulary';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import type { Change, RecentChange } from './curation.type';

/**
 * A record's changes, newest first: its (:Change) entries, and, for a record last written by a
 * streaming import without per-record history (src/bundle/load/stream-import.service.ts), that import
 * run as one more entry (CREATED when the run created the record, else UPDATED). An alert's entry
 * is its owner's only (docs/watchlists.md): the feed shows it to the owner, history to nobody.
 */
export const HISTORY = `
OPTIONAL MATCH (hiddenNode:Entity {id: $id}) WHERE NOT ${VISIBLE('hiddenNode')}
OPTIONAL MATCH (:Entity {id: $from})-[hiddenLink {id: $id}]->() WHERE NOT ${VISIBLE('hiddenLink')}
WITH hiddenNode, hiddenLink WHERE hiddenNode IS NULL AND hiddenLink IS NULL
CALL () {
  MATCH (c:Change {targetId: $id})
  WHERE c.targetType <> '${ALERT_TARGET}'
  WITH c ORDER BY c.at DESC LIMIT $first
  RETURN c.at AS at, c.who AS who, c.operation AS operation, c.change AS change, c.targetType AS targetType,
         c.changedFields AS changedFields, c.record AS record, c.importRun AS importRun
  UNION ALL
  OPTIONAL MATCH (n:Entity {id: $id})
  OPTIONAL MATCH (:Entity {id: $from})-[r {id: $id}]->()
  WITH coalesce(n.importRun, r.importRun) AS runId, coalesce(n.createdAt, r.createdAt) AS createdAt,
       CASE WHEN n IS NULL THEN type(r) ELSE [label IN labels(n) WHERE label IN $kindLabels][0] END AS targetType
  MATCH (run:ImportRun {id: runId})
  WHERE run.status = 'completed' AND NOT EXISTS { MATCH (:Change {targetId: $id, importRun: run.id}) }
  RETURN run.finishedAt AS at, run.who AS who, run.operation AS operation,
         CASE WHEN createdAt >= run.startedAt THEN 'CREATED' ELSE 'UPDATED' END AS change, targetType,
         [] AS changedFields, '{"importRun":"' + run.id + '"}' AS record, run.id AS importRun
}
WITH * ORDER BY at DESC LIMIT $first
RETURN toString(at) AS at, who, operation, change, targetType, changedFields, record, importRun`;

/**
 * The newest changes in the whole graph, through the caller's clearance: the newest $scan
 * (:Change) entries are read in the order of the change_at index (migration 0013), and only those
 * whose record still exists, is not retracted and is visible are kept, with the entities it
 * touched (an entity, or a relationship's two ends, also visible). A change of a record that is
 * gone (merged away), retracted or hidden is left out, not even counted. Bounded by $scan: when
 * more than that many of the newest changes are hidden, fewer than $first come back. Changes to
 * evidence links are skipped unless asked ($evidenceLinks): a write makes them with the record
 * that cites the source, a few per record, so skipping them costs the scan a small factor. A
 * link is looked up by a seek on its start's id (hinted: otherwise the planner may scan the id index
 * for each change, as it did on a fresh test database; tests/e2e/start-page.test.ts checks the plan).
 */
export const RECENT_CHANGES = `
MATCH (c:Change) WHERE c.at IS NOT NULL AND ($evidenceLinks OR NOT c.targetType IN $evidenceTypes)
WITH c ORDER BY c.at DESC, c.id LIMIT $scan
WITH c, CASE WHEN c.targetId CONTAINS '->' THEN split(split(c.targetId, ':')[1], '->') END AS ends
WITH c, ends[0] AS fromId, split(ends[1], '#')[0] AS toId
OPTIONAL MATCH (n:Entity {id: c.targetId}) WHERE fromId IS NULL
OPTIONAL MATCH (a:Entity {id: fromId})-[r {id: c.targetId}]->(b:Entity {id: toId}) USING INDEX SEEK a:Entity(id)
WITH c, n, a, b, r
WHERE (n IS NOT NULL AND n.retracted IS NULL AND ${VISIBLE('n')})
   OR (r IS NOT NULL AND r.retracted IS NULL AND a.retracted IS NULL AND b.retracted IS NULL
       AND ${VISIBLE('r')} AND ${VISIBLE('a')} AND ${VISIBLE('b')})
WITH c, CASE WHEN n IS NULL THEN [a, b] ELSE [n] END AS touched
ORDER BY c.at DESC, c.id
LIMIT $first
RETURN toString(c.at) AS at, c.who AS who, c.operation AS operation, c.change AS change, c.targetType AS targetType,
       c.targetId AS targetId, [x IN touched | {props: properties(x), labels: labels(x)}] AS entities`;

/** Changes read per change returned, so a few hidden ones among the newest do not shorten the list. */
const SCANNED_PER_CHANGE = 10;
const MAX_SCANNED = 500;

/** The change log that every write leaves (see bundle.repository.ts, RECORD_CHANGE, and stream-import.repository.ts). */
export class HistoryRepository {
  constructor(
    private readonly db: Database,
    /** The request's view (createRepositories); the operator's when a tool reads the store. */
    private readonly visibility: Visibility = Visibility.operator(db),
  ) {}

  /** Nothing of a record the caller may not see (TLP clearance): not even that it has a history. */
  async history(id: string, first: number): Promise<Change[]> {
    return this.db.read<Change>('history.of', HISTORY, {
      ...(await this.visibility.params()),
      id,
      first: int(first),
      from: parseRelationshipId(id)?.from ?? null,
      kindLabels: Object.values(LABEL_OF_KIND),
    }) as Promise<Change[]>;
  }

  /** The newest changes the caller may see, newest first (RECENT_CHANGES). */
  async recent(first: number, evidenceLinks: boolean): Promise<RecentChange[]> {
    const rows = await this.db.read<Omit<RecentChange, 'entities'> & { entities: NodeRecord[] }>(
      'history.recent',
      RECENT_CHANGES,
      {
        ...(await this.visibility.params()),
        first: int(first),
        evidenceLinks,
        evidenceTypes: [RelationshipType.REPORTED_BY, RelationshipType.CITES],
        scan: int(Math.min(first * SCANNED_PER_CHANGE, MAX_SCANNED)),
      },
    );
    return rows.map((row) => ({ ...row, entities: row.entities.map(toEntity) }));
  }
}
