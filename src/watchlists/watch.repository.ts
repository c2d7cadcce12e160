import { CHANGE_FEED_ID, CHANGE_FEED_LABEL, CHANGE_LABEL, int, UNSEQUENCED_LABEL, type Database, type Tx } from '../db';
import { ALERT_TARGET, ChangeKind } from '../changes/change-kind';
import { BadUserInputError, NotFoundError } from '../errors';
import { CONNECTION_TYPES, ENTITY_LABEL, type Tlp } from '../model/vocabulary';
import type { PathSnapshot } from './path-snapshot';
import { MAX_ALERTS_KEPT, MAX_PAIR_WATCHES, MAX_WATCHES, WatchKind, type AlertReason } from './watch-kind';

/** The one cursor of the watcher (watch.evaluator.ts): the last feed sequence it has read. */
export const WATCH_CURSOR_ID = 'watcher';

const WATCH_FIELDS = `w {.id, .owner, .kind, .entityId, .fromId, .toId, .maxHops, .minCredibility, .clearance, .snapshot,
  createdAt: toString(w.createdAt)}`;

/**
 * The owner's lock (one node per identity), then what it already watches: concurrent watch calls
 * of one identity queue here, so the caps hold under a race.
 */
export const WATCH_COUNTS = `
MERGE (o:WatchOwner {id: $owner})
SET o.lock = true
REMOVE o.lock
WITH o
OPTIONAL MATCH (existing:Watch {key: $key})
CALL (o) {
  OPTIONAL MATCH (w:Watch {owner: o.id})
  RETURN count(w) AS watches, count(CASE WHEN w.kind = '${WatchKind.PAIR}' THEN 1 END) AS pairs
}
RETURN existing IS NOT NULL AS exists, watches, pairs`;

/**
 * The watch (the same one again when it exists), and the watcher's cursor if there is none yet:
 * it starts at the newest change, so a first watch does not replay the history as alerts.
 */
export const WATCH_CREATE = `
MERGE (w:Watch {key: $key})
ON CREATE SET w.id = $id, w.owner = $owner, w.kind = $kind, w.entityId = $entityId, w.fromId = $fromId,
  w.toId = $toId, w.maxHops = $maxHops, w.minCredibility = $minCredibility, w.clearance = $clearance,
  w.createdAt = datetime(), w.snapshot = $snapshot
WITH w
OPTIONAL MATCH (feed:${CHANGE_FEED_LABEL} {id: '${CHANGE_FEED_ID}'})
MERGE (cursor:WatchCursor {id: '${WATCH_CURSOR_ID}'})
ON CREATE SET cursor.seq = coalesce(feed.seq, 0), cursor.alerts = 0
RETURN ${WATCH_FIELDS} AS watch`;

export const WATCH_DELETE = `
MATCH (w:Watch {id: $id, owner: $owner})
DETACH DELETE w
RETURN count(*) AS deleted`;

export const WATCHLIST = `
MATCH (w:Watch {owner: $owner})
RETURN ${WATCH_FIELDS} AS watch
ORDER BY w.createdAt, w.id
LIMIT $max`;

export const ALERTS = `
MATCH (a:Alert {owner: $owner})
WHERE $before IS NULL OR a.number < $before
WITH a ORDER BY a.number DESC LIMIT $firstPlusOne
RETURN a {.id, .number, .watchId, .kind, .entityId, .fromId, .toId, .reasons, .before, .after, .causes,
  at: toString(a.at)} AS alert`;

/** Where the feed is, and where the watcher is in it (null: nobody has watched anything yet). */
export const WATCHER_STATE = `
OPTIONAL MATCH (feed:${CHANGE_FEED_LABEL} {id: '${CHANGE_FEED_ID}'})
OPTIONAL MATCH (cursor:WatchCursor {id: '${WATCH_CURSOR_ID}'})
RETURN coalesce(feed.seq, 0) AS high, cursor.seq AS cursor`;

/** The graph changes of a window of the feed (at most the window's size: the sequence is unique). */
export const WATCHER_CHANGES = `
MATCH (c:${CHANGE_LABEL})
WHERE c.seq > $after AND c.seq <= $end AND c.change <> '${ChangeKind.ALERT}'
RETURN c.seq AS sequence, c.change AS kind, c.targetId AS targetId, c.targetType AS targetType
ORDER BY c.seq`;

export const ENTITY_WATCHES = `
MATCH (w:Watch)
WHERE w.entityId IN $entityIds AND w.kind = '${WatchKind.ENTITY}'
RETURN ${WATCH_FIELDS} AS watch`;

export const PAIR_WATCHES = `
MATCH (w:Watch {kind: '${WatchKind.PAIR}'})
RETURN ${WATCH_FIELDS} AS watch`;

/**
 * The pairs within reach of what changed: a touched entity within `hops` (the watches' maxHops,
 * 1-6, a number the code groups by, never user text) of either end, over the links a path may
 * take. The shortest such path is one bounded breadth-first search from each end (shortestPath).
 */
export const nearPairsStatement = (hops: number) => `
UNWIND $watches AS w
MATCH (e:${ENTITY_LABEL}) WHERE e.id IN [w.fromId, w.toId]
MATCH (t:${ENTITY_LABEL}) WHERE t.id IN $touched AND t <> e
MATCH p = shortestPath((e)-[*..${Math.max(1, Math.min(6, Math.trunc(hops)))}]-(t))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
RETURN DISTINCT w.id AS id`;

/**
 * The watcher's step commits only from where it read: the cursor's lock first, then its value
 * (read after the lock, so a second watcher process that read the same cursor finds it moved
 * and records nothing: no alert twice, none lost).
 */
export const WATCHER_ADVANCE = `
MATCH (cursor:WatchCursor {id: '${WATCH_CURSOR_ID}'})
SET cursor.lock = true
REMOVE cursor.lock
WITH cursor WHERE cursor.seq = $expected
WITH cursor, coalesce(cursor.alerts, 0) AS base
SET cursor.seq = $next, cursor.alerts = base + $count
RETURN base`;

/**
 * The alerts, each with its feed entry (private to the owner: ChangeFeedRepository), and the new
 * answer of its watch. A watch removed meanwhile gets none.
 */
export const WATCHER_RECORD = `
UNWIND $alerts AS a
MATCH (w:Watch {id: a.watchId})
SET w.snapshot = coalesce(a.snapshot, w.snapshot)
CREATE (alert:Alert {id: a.id, owner: w.owner, number: a.number, at: datetime(), watchId: w.id, kind: w.kind,
  entityId: w.entityId, fromId: w.fromId, toId: w.toId, reasons: a.reasons, before: a.before, after: a.after,
  causes: a.causes})
CREATE (:${CHANGE_LABEL}:${UNSEQUENCED_LABEL} {id: randomUUID(), at: datetime(), who: 'watcher', operation: 'watch',
  targetId: a.id, targetType: '${ALERT_TARGET}', change: '${ChangeKind.ALERT}', changedFields: [], record: a.record,
  owner: w.owner})
RETURN DISTINCT w.owner AS owner`;

/**
 * Keeps each owner's newest `keep` alerts (MAX_ALERTS_KEPT): run in the watcher's transaction
 * right after it records, for the owners it recorded for. Their feed entries stay (the feed is
 * history, and shows an alert by its entry alone); the notifications panel reads Alert nodes.
 */
export const WATCHER_PRUNE = `
UNWIND $owners AS owner
CALL (owner) {
  MATCH (a:Alert {owner: owner})
  WITH a ORDER BY a.number DESC
  SKIP $keep
  DETACH DELETE a
  RETURN count(*) AS pruned
}
RETURN sum(pruned) AS pruned`;

/** A watch as stored. */
export interface WatchRow {
  id: string;
  owner: string;
  kind: WatchKind;
  entityId: string | null;
  fromId: string | null;
  toId: string | null;
  maxHops: number | null;
  minCredibility: number | null;
  clearance: Tlp;
  /** JSON of the last PathSnapshot (PAIR). */
  snapshot: string | null;
  createdAt: string;
}

export interface AlertRow {
  id: string;
  number: number;
  at: string;
  watchId: string;
  kind: WatchKind;
  entityId: string | null;
  fromId: string | null;
  toId: string | null;
  reasons: AlertReason[];
  before: string | null;
  after: string | null;
  causes: string;
}

export interface NewWatch {
  owner: string;
  clearance: Tlp;
  kind: WatchKind;
  entityId?: string | null;
  fromId?: string | null;
  toId?: string | null;
  maxHops?: number | null;
  minCredibility?: number | null;
  snapshot?: PathSnapshot | null;
}

export interface FeedChange {
  sequence: number;
  kind: string;
  targetId: string;
  targetType: string;
}

/** An alert the watcher is about to record: numbered and given its feed record in the transaction. */
export interface PendingAlert {
  id: string;
  watchId: string;
  reasons: AlertReason[];
  before: string | null;
  after: string | null;
  causes: string;
  /** The watch's new answer (PAIR), JSON. */
  snapshot: string | null;
  /** Builds the feed entry's record once the alert's number is known. */
  record: (number: number) => string;
}

/** The key that makes watching the same thing twice the same watch. */
function keyOf(watch: NewWatch): string {
  return watch.kind === WatchKind.ENTITY
    ? JSON.stringify([watch.owner, watch.kind, watch.entityId])
    : JSON.stringify([watch.owner, watch.kind, watch.fromId, watch.toId, watch.maxHops, watch.minCredibility ?? null]);
}

/** Watches and alerts, per identity; and the watcher's reads and its one write per step. */
export class WatchRepository {
  constructor(
    private readonly db: Database,
    /** Alerts kept per owner; older ones go when the watcher records new ones. */
    private readonly alertsKept = MAX_ALERTS_KEPT,
  ) {}

  /** One transaction: the owner's lock, the caps, then the watch (or the same one again). */
  create(watch: NewWatch, id: string): Promise<WatchRow> {
    const key = keyOf(watch);
    return this.db.writeTransaction('watchlists.watch', async (tx) => {
      const [counts] = await tx.run<{ exists: boolean; watches: number; pairs: number }>(WATCH_COUNTS, {
        owner: watch.owner,
        key,
      });
      if (!counts.exists) refuseOverCaps(watch, counts);
      const [row] = await tx.run<{ watch: WatchRow }>(WATCH_CREATE, {
        key,
        id,
        owner: watch.owner,
        kind: watch.kind,
        entityId: watch.entityId ?? null,
        fromId: watch.fromId ?? null,
        toId: watch.toId ?? null,
        maxHops: watch.maxHops == null ? null : int(watch.maxHops),
        minCredibility: watch.minCredibility == null ? null : int(watch.minCredibility),
        clearance: watch.clearance,
        snapshot: watch.snapshot ? JSON.stringify(watch.snapshot) : null,
      });
      return row.watch;
    });
  }

  async delete(owner: string, id: string): Promise<void> {
    const [row] = await this.db.write<{ deleted: number }>('watchlists.unwatch', WATCH_DELETE, { owner, id });
    if (!row || row.deleted === 0) throw new NotFoundError('Watch', id, 'id');
  }

  async list(owner: string): Promise<WatchRow[]> {
    const rows = await this.db.read<{ watch: WatchRow }>('watchlists.list', WATCHLIST, {
      owner,
      max: int(MAX_WATCHES),
    });
    return rows.map((row) => row.watch);
  }

  async alerts(owner: string, before: number | null, first: number): Promise<AlertRow[]> {
    const rows = await this.db.read<{ alert: AlertRow }>('watchlists.alerts', ALERTS, {
      owner,
      before: before === null ? null : int(before),
      firstPlusOne: int(first + 1),
    });
    return rows.map((row) => row.alert);
  }

  async state(): Promise<{ high: number; cursor: number | null }> {
    const [row] = await this.db.read<{ high: number; cursor: number | null }>('watchlists.state', WATCHER_STATE);
    return row ?? { high: 0, cursor: null };
  }

  changes(after: number, end: number): Promise<FeedChange[]> {
    return this.db.read<FeedChange>('watchlists.changes', WATCHER_CHANGES, { after: int(after), end: int(end) });
  }

  async entityWatches(entityIds: string[]): Promise<WatchRow[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.db.read<{ watch: WatchRow }>('watchlists.entityWatches', ENTITY_WATCHES, { entityIds });
    return rows.map((row) => row.watch);
  }

  async pairWatches(): Promise<WatchRow[]> {
    const rows = await this.db.read<{ watch: WatchRow }>('watchlists.pairWatches', PAIR_WATCHES);
    return rows.map((row) => row.watch);
  }

  /** The ids of `watches` (all with maxHops `hops`) that have a touched entity within reach. */
  async nearPairs(hops: number, watches: WatchRow[], touched: string[]): Promise<string[]> {
    if (watches.length === 0 || touched.length === 0) return [];
    const rows = await this.db.read<{ id: string }>('watchlists.nearPairs', nearPairsStatement(hops), {
      watches: watches.map((w) => ({ id: w.id, fromId: w.fromId, toId: w.toId })),
      touched,
      types: CONNECTION_TYPES,
    });
    return rows.map((row) => row.id);
  }

  /**
   * One transaction: the cursor moves from `expected` to `next` and the alerts are recorded, or
   * nothing is (false: another watcher process moved the cursor first).
   */
  record(expected: number, next: number, alerts: PendingAlert[]): Promise<boolean> {
    return this.db.writeTransaction('watchlists.record', async (tx: Tx) => {
      const [row] = await tx.run<{ base: number }>(WATCHER_ADVANCE, {
        expected: int(expected),
        next: int(next),
        count: int(alerts.length),
      });
      if (!row) return false;
      if (alerts.length === 0) return true;
      const numbered = alerts.map((alert, i) => {
        const number = row.base + i + 1;
        const { record, ...stored } = alert;
        return { ...stored, number: int(number), record: record(number) };
      });
      const recorded = await tx.run<{ owner: string }>(WATCHER_RECORD, { alerts: numbered });
      const owners = [...new Set(recorded.map((entry) => entry.owner))];
      if (owners.length > 0) await tx.run(WATCHER_PRUNE, { owners, keep: int(this.alertsKept) });
      return true;
    });
  }
}

function refuseOverCaps(watch: NewWatch, counts: { watches: number; pairs: number }): void {
  const field = watch.kind === WatchKind.ENTITY ? 'entityId' : 'fromId';
  if (counts.watches >= MAX_WATCHES)
    throw BadUserInputError.field(
      field,
      `you watch ${counts.watches} things already: at most ${MAX_WATCHES}; unwatch one first`,
    );
  if (watch.kind === WatchKind.PAIR && counts.pairs >= MAX_PAIR_WATCHES)
    throw BadUserInputError.field(
      field,
      `you watch ${counts.pairs} pairs already: at most ${MAX_PAIR_WATCHES}; unwatch one first`,
    );
}
