import { parseRelationshipId } from '../bundle/format';
import { int, VISIBLE, Visibility, type Database } from '../db';
import { LABEL_OF_KIND } from '../model/vocabulary';
import type { Change } from './curation.type';

/**
 * A record's changes, newest first: its (:Change) entries, and, for a record last written by a
 * streaming import without per-record history (src/bundle/load/stream-import.service.ts), that import
 * run as one more entry (CREATED when the run created the record, else UPDATED).
 */
export const HISTORY = `
OPTIONAL MATCH (hiddenNode:Entity {id: $id}) WHERE NOT ${VISIBLE('hiddenNode')}
OPTIONAL MATCH (:Entity {id: $from})-[hiddenLink {id: $id}]->() WHERE NOT ${VISIBLE('hiddenLink')}
WITH hiddenNode, hiddenLink WHERE hiddenNode IS NULL AND hiddenLink IS NULL
CALL () {
  MATCH (c:Change {targetId: $id})
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
}
