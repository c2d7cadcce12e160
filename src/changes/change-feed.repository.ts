import {
  CHANGE_FEED_ID,
  CHANGE_FEED_LABEL,
  CHANGE_LABEL,
  int,
  levelsUpTo,
  Visibility,
  type Database,
  type VisibilityParams,
} from '../db';
import { ENTITY_LABEL, LABEL_OF_KIND, EntityKind } from '../model/vocabulary';
import { encodeChangeCursor } from './change-cursor';
import { ALERT_TARGET, ChangeKind, IMPORT_RUN_TARGET } from './change-kind';
import type { ChangeEvent } from './change.type';
import { beforeAndAfter, type ChangeRow } from './change-values';

/**
 * Sequence numbers one page reads past at most, whatever the filters: a filter that matches
 * nothing (or a clearance that hides a long run of changes) costs one bounded index range, and
 * the page still moves the cursor on (docs/changes.md).
 */
export const CHANGE_SCAN_WINDOW = 5_000;

/**
 * VISIBLE (src/db/visibility.ts) decided in the statement itself: an item rests on a source the
 * caller may see if one of its sourceIds names a source, committed now, at or below the clearance.
 * The usual $hiddenSourceIds are read in a transaction of their own before the statement; a feed
 * is read right behind the writes, so a source committed in between (with the record resting on
 * it) would be missing from that list and the record shown. Here a source not (yet) visible to
 * the statement counts as hidden: the rule fails closed.
 */
const VISIBLE_NOW = (x: string) =>
  `((${x}.tlp IS NULL OR ${x}.tlp IN $visibleTlp) AND (${x}.sourceIds IS NULL OR size(${x}.sourceIds) = 0 OR any(sid IN ${x}.sourceIds WHERE EXISTS { MATCH (s:${ENTITY_LABEL} {id: sid}) WHERE s:${LABEL_OF_KIND[EntityKind.SOURCE]} AND (s.tlp IS NULL OR s.tlp IN $visibleTlp) })))`;

/** A relationship id's endpoints (`MEMBER_OF:mali->aes#ROLE` -> ['mali', 'aes']); [] for any other id. */
const ENDPOINTS = (id: string) =>
  `CASE WHEN ${id} CONTAINS '->' THEN [split(split(${id}, '->')[0], ':')[1], split(split(${id}, '->')[1], '#')[0]] ELSE [] END`;

/**
 * One page of the feed. The counter is read first: every transaction numbered up to it has
 * committed (change-sequence.ts), so the range scan below it cannot miss one that commits while
 * the statement runs. Changes to a record the caller cannot see now (TLP, its sources) are left
 * out, as is a record that no longer exists (unless the caller sees everything); an import run's
 * entry carries no content and is shown to every reader. An alert (src/watchlists/) is shown to
 * its owner only, whatever the clearance: an operator sees everything in the graph, not another
 * identity's watches.
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
     OR (n IS NOT NULL AND ${VISIBLE_NOW('n')})
     OR (r IS NOT NULL AND ${VISIBLE_NOW('r')} AND ${VISIBLE_NOW('a')} AND ${VISIBLE_NOW('b')})
     OR (c.targetType = '${ALERT_TARGET}' AND c.owner = $owner)
     OR (n IS NULL AND r IS NULL AND $everything AND c.targetType <> '${ALERT_TARGET}')
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

/** The newest sequence number committed: what a live subscription waits to pass (change-head.ts). */
export const CHANGE_FEED_HEAD = `OPTIONAL MATCH (feed:${CHANGE_FEED_LABEL} {id: '${CHANGE_FEED_ID}'})
RETURN coalesce(feed.seq, 0) AS high`;

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
    /** Who reads (the identity's name): its own alerts are in its feed; null (anonymous) sees none. */
    private readonly owner: string | null = null,
  ) {}

  /** The newest sequence number committed (0 for an empty feed): one node read by its unique id. */
  async head(): Promise<number> {
    const [row] = await this.db.read<{ high: number }>('changes.head', CHANGE_FEED_HEAD);
    return row?.high ?? 0;
  }

  async page(after: number, first: number, filter: ChangeFilter = {}): Promise<ChangePage> {
    const { clearance, seesEverything } = this.visibility;
    const [row] = await this.db.read<{ high: number; changes: ChangeRow[] }>('changes.feed', CHANGE_FEED, {
      visibleTlp: levelsUpTo(clearance),
      after: int(after),
      first: int(first),
      window: int(CHANGE_SCAN_WINDOW),
      kinds: nonEmpty(filter.kinds),
      types: nonEmpty(filter.types),
      entityIds: nonEmpty(filter.entityIds),
      everything: seesEverything,
      owner: this.owner,
    });
    const high = row?.high ?? 0;
    const rows = row?.changes ?? [];
    // The sources above the clearance, read after the page: every source a record of the page
    // cites was committed before it, so this list leaves none of them out of the filtering.
    const view = rows.length === 0 ? null : await new Visibility(this.db, clearance).params();
    const changes = view ? rows.map((change) => toEvent(change, view)) : [];
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
