import {
  CHANGE_FEED_ID,
  CHANGE_FEED_LABEL,
  CHANGE_LABEL,
  int,
  VISIBLE,
  Visibility,
  type Database,
  type VisibilityParams,
} from '../db';
import { ENTITY_LABEL } from '../model/vocabulary';
import { encodeChangeCursor } from './change-cursor';
import { ChangeKind, IMPORT_RUN_TARGET } from './change-kind';
import type { ChangeEvent } from './change.type';
import { beforeAndAfter, type ChangeRow } from './change-values';

/**
 * Sequence numbers one page reads past at most, whatever the filters: a filter that matches
 * nothing (or a clearance that hides a long run of changes) costs one bounded index range, and
 * the page still moves the cursor on (docs/changes.md).
 */
export const CHANGE_SCAN_WINDOW = 5_000;

/** A relationship id's endpoints (`MEMBER_OF:mali->aes#ROLE` -> ['mali', 'aes']); [] for any other id. */
const ENDPOINTS = (id: string) =>
  `CASE WHEN ${id} CONTAINS '->' THEN [split(split(${id}, '->')[0], ':')[1], split(split(${id}, '->')[1], '#')[0]] ELSE [] END`;

/**
 * One page of the feed. The counter is read first: every transaction numbered up to it has
 * committed (change-sequence.ts), so the range scan below it cannot miss one that commits while
 * the statement runs. Changes to a record the caller cannot see now (TLP, its sources) are left
 * out, as is a record that no longer exists (unless the caller sees everything); an import run's
 * entry carries no content and is shown to every reader.
 */
export const CHANGE_FEED = `
OPTIONAL MATCH (feed:${CHANGE_FEED_LABEL} {id: '${CHANGE_FEED_ID}'})
WITH coalesce(feed.seq, 0) AS high
CALL (high) {
  MATCH (c:${CHANGE_LABEL})
  WHERE c.seq > $after AND c.seq <= high AND c.seq <= $after + $window
    AND ($kinds IS NULL OR c.change IN $kinds)
    AND ($types IS NULL OR c.targetType IN $types)
  WITH c, ${ENDPOINTS('c.targetId')} AS ends
  WHERE $entityIds IS NULL OR c.targetId IN $entityIds OR any(e IN ends WHERE e IN $entityIds)
  OPTIONAL MATCH (n:${ENTITY_LABEL} {id: c.targetId})
  OPTIONAL MATCH (a:${ENTITY_LABEL} {id: ends[0]})-[r {id: c.targetId}]->(b:${ENTITY_LABEL} {id: ends[1]})
  WITH c, n, r, a, b
  WHERE c.targetType = '${IMPORT_RUN_TARGET}'
     OR (n IS NOT NULL AND ${VISIBLE('n')})
     OR (r IS NOT NULL AND ${VISIBLE('r')} AND ${VISIBLE('a')} AND ${VISIBLE('b')})
     OR (n IS NULL AND r IS NULL AND $everything)
  WITH c, coalesce(n.retracted, r.retracted, false) AS retracted
  ORDER BY c.seq
  LIMIT $first
  CALL (c) {
    OPTIONAL MATCH (p:${CHANGE_LABEL} {targetId: c.targetId})
    WHERE c.change = '${ChangeKind.UPDATED}' AND p.change IN ['${ChangeKind.CREATED}', '${ChangeKind.UPDATED}']
      AND coalesce(p.seq, 0) < c.seq
    WITH p ORDER BY coalesce(p.seq, 0) DESC, p.at DESC LIMIT 1
    RETURN p.record AS previous
  }
  RETURN collect({sequence: c.seq, at: toString(c.at), who: c.who, operation: c.operation, change: c.change,
                  targetId: c.targetId, targetType: c.targetType, changedFields: c.changedFields, record: c.record,
                  previous: previous, importRun: c.importRun, retracted: retracted}) AS changes
}
RETURN high, changes`;

export interface ChangeFilter {
  kinds?: ChangeKind[] | null;
  types?: string[] | null;
  entityIds?: string[] | null;
}

export interface ChangePage {
  changes: ChangeEvent[];
  /** The sequence number to resume after: past everything this page read. */
  endSequence: number;
  /** The newest sequence number committed when the page was read. */
  high: number;
}

/** The change feed: the history every write leaves (src/db/change-sequence.ts), in commit order. */
export class ChangeFeedRepository {
  constructor(
    private readonly db: Database,
    /** The request's view (createRepositories): changes to what it cannot see are not shown. */
    private readonly visibility: Visibility = Visibility.operator(db),
  ) {}

  async page(after: number, first: number, filter: ChangeFilter = {}): Promise<ChangePage> {
    const view = await this.visibility.params();
    const [row] = await this.db.read<{ high: number; changes: ChangeRow[] }>('changes.feed', CHANGE_FEED, {
      ...view,
      after: int(after),
      first: int(first),
      window: int(CHANGE_SCAN_WINDOW),
      kinds: nonEmpty(filter.kinds),
      types: nonEmpty(filter.types),
      entityIds: nonEmpty(filter.entityIds),
      everything: this.visibility.seesEverything,
    });
    const high = row?.high ?? 0;
    const changes = (row?.changes ?? []).map((change) => toEvent(change, view));
    // A full page ends at its last change; a short one read the whole window (or up to `high`).
    // Never before `after`: a replica behind the one that served the last page answers a prefix.
    const endSequence =
      changes.length === first ? changes[changes.length - 1].sequence : Math.min(after + CHANGE_SCAN_WINDOW, high);
    return { changes, endSequence: Math.max(after, endSequence), high };
  }
}

const nonEmpty = <T>(list: T[] | null | undefined): T[] | null => (list && list.length > 0 ? list : null);

function toEvent(row: ChangeRow, view: VisibilityParams): ChangeEvent {
  return {
    cursor: encodeChangeCursor(row.sequence),
    sequence: row.sequence,
    at: row.at,
    who: row.who,
    operation: row.operation,
    kind: row.change as ChangeKind,
    targetId: row.targetId,
    targetType: row.targetType,
    changedFields: row.changedFields ?? [],
    ...beforeAndAfter(row, view),
    retracted: row.retracted,
    importRun: row.importRun ?? null,
  };
}
