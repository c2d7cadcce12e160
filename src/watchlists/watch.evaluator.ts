import { randomUUID } from 'node:crypto';
import { ChangeFeedRepository } from '../changes/change-feed.repository';
import { ChangeKind } from '../changes/change-kind';
import { Visibility, type Database } from '../db';
import type { Tlp } from '../model/vocabulary';
import { bestPath } from './best-path';
import { alertReasons, NO_PATH, type PathSnapshot } from './path-snapshot';
import { AlertReason, WatchKind } from './watch-kind';
import { WatchRepository, type FeedChange, type PendingAlert, type WatchRow } from './watch.repository';

/** Feed sequence numbers one step reads at most: one window, one transaction of alerts. */
export const WATCH_BATCH = 500;
/** Entities a step probes for reach; past it (a large import) every pair is re-evaluated. */
export const MAX_TOUCHED = 200;
/** Causes an alert lists. */
export const MAX_CAUSES = 20;

/** Changes that say "re-read what a run touched" without naming the records: every pair may be hit. */
const UNNAMED = new Set<string>([ChangeKind.IMPORT_COMMITTED, ChangeKind.IMPORT_ROLLED_BACK]);
const GONE = new Set<string>([ChangeKind.RETRACTED, ChangeKind.MERGED_INTO]);

/** A change's target and, for a relationship (`TYPE:from->to#ROLE`), its two ends. */
function idsOf(change: FeedChange): { entities: string[]; all: string[] } {
  const arrow = change.targetId.indexOf('->');
  if (arrow < 0) return { entities: [change.targetId], all: [change.targetId] };
  const from = change.targetId.slice(change.targetId.indexOf(':') + 1, arrow);
  const to = change.targetId.slice(arrow + 2).split('#')[0];
  return { entities: [from, to], all: [change.targetId, from, to] };
}

export interface StepResult {
  /** False: nothing to read (no watch yet, or the feed has not moved). */
  worked: boolean;
  changes: number;
  alerts: number;
}

/**
 * The watcher's step (docs/watchlists.md): read the feed after the stored cursor, find the
 * watches the window's commits could affect, re-evaluate them at their owners' clearance, and
 * record an alert wherever the answer changed, moving the cursor in the same transaction. Off
 * the write path: writers only number their history; this runs after, in its own process step.
 */
export class WatchEvaluator {
  private readonly repo: WatchRepository;

  constructor(private readonly db: Database) {
    this.repo = new WatchRepository(db);
  }

  async step(): Promise<StepResult> {
    const { high, cursor } = await this.repo.state();
    if (cursor === null || cursor >= high) return { worked: false, changes: 0, alerts: 0 };
    const end = Math.min(high, cursor + WATCH_BATCH);
    const changes = await this.repo.changes(cursor, end);
    const alerts =
      changes.length === 0
        ? []
        : [...(await this.entityAlerts(cursor, end, changes)), ...(await this.pairAlerts(changes))];
    const recorded = await this.repo.record(cursor, end, alerts);
    return { worked: true, changes: changes.length, alerts: recorded ? alerts.length : 0 };
  }

  /**
   * An entity watch alerts on changes to the entity or its relationships, as the owner's feed
   * shows them (the feed's own TLP rule: a change the owner cannot see causes no alert).
   */
  private async entityAlerts(cursor: number, end: number, changes: FeedChange[]): Promise<PendingAlert[]> {
    const touched = [...new Set(changes.flatMap((change) => idsOf(change).entities))];
    const watches = await this.repo.entityWatches(touched);
    const alerts: PendingAlert[] = [];
    for (const [clearance, group] of byClearance(watches)) {
      const feed = new ChangeFeedRepository(this.db, new Visibility(this.db, clearance));
      const entityIds = [...new Set(group.map((watch) => watch.entityId!))];
      const page = await feed.page(cursor, WATCH_BATCH, { entityIds });
      const seen = page.changes.filter((change) => change.sequence <= end && change.kind !== ChangeKind.ALERT);
      for (const watch of group) {
        const causes = seen
          .filter((change) => idsOf(change).entities.includes(watch.entityId!))
          .map(({ sequence, kind, targetId, targetType }) => ({ sequence, kind, targetId, targetType }));
        if (causes.length > 0) alerts.push(pendingAlert(watch, [AlertReason.ENTITY_CHANGED], null, null, causes));
      }
    }
    return alerts;
  }

  /** Pair watches within reach of the window's changes, re-evaluated; an alert where the answer moved. */
  private async pairAlerts(changes: FeedChange[]): Promise<PendingAlert[]> {
    const pairs = await this.repo.pairWatches();
    if (pairs.length === 0) return [];
    const candidates = await this.withinReach(pairs, changes);
    const gone = new Set(changes.filter((change) => GONE.has(change.kind)).map((change) => change.targetId));
    const alerts: PendingAlert[] = [];
    for (const watch of candidates) {
      const before = parseSnapshot(watch.snapshot);
      const after = await bestPath(this.db, pairQuestion(watch), watch.clearance);
      const reasons = alertReasons(before, after, gone);
      if (reasons.length === 0) continue;
      const ids = new Set([...before.ids, ...after.ids, watch.fromId!, watch.toId!]);
      const near = changes.filter((change) => idsOf(change).all.some((id) => ids.has(id)));
      alerts.push(pendingAlert(watch, reasons, before, after, near.length > 0 ? near : changes));
    }
    return alerts;
  }

  /**
   * The rule (docs/watchlists.md): a commit can change a pair's best path only through what it
   * touched. A pair is re-evaluated when a changed record (entity, relationship, source) is on
   * its last best path or is one of its ends, or when a changed entity (an entity, or either end
   * of a changed relationship) lies within maxHops of either end over the links a path may take
   * (any grade, any level: a superset of what the owner's path could use). Anything farther is
   * on no path of at most maxHops between the two. Import runs without per-record history name
   * no records: then every pair is re-evaluated, as when more than MAX_TOUCHED entities changed.
   */
  private async withinReach(pairs: WatchRow[], changes: FeedChange[]): Promise<WatchRow[]> {
    const touched = new Set(changes.flatMap((change) => idsOf(change).all));
    const entities = [...new Set(changes.flatMap((change) => idsOf(change).entities))];
    if (changes.some((change) => UNNAMED.has(change.kind)) || entities.length > MAX_TOUCHED) return pairs;
    const onPath = (watch: WatchRow) =>
      [watch.fromId!, watch.toId!, ...parseSnapshot(watch.snapshot).ids].some((id) => touched.has(id));
    const chosen = new Set(pairs.filter(onPath).map((watch) => watch.id));
    const rest = pairs.filter((watch) => !chosen.has(watch.id));
    for (const [hops, group] of groupBy(rest, (watch) => watch.maxHops ?? 4)) {
      for (const id of await this.repo.nearPairs(hops, group, entities)) chosen.add(id);
    }
    return pairs.filter((watch) => chosen.has(watch.id));
  }
}

const pairQuestion = (watch: WatchRow) => ({
  fromId: watch.fromId!,
  toId: watch.toId!,
  maxHops: watch.maxHops ?? 4,
  minCredibility: watch.minCredibility,
});

function parseSnapshot(json: string | null): PathSnapshot {
  if (!json) return NO_PATH;
  return { ...NO_PATH, ...(JSON.parse(json) as PathSnapshot) };
}

/** What an alert shows of an answer: found, length, score and the sentences. */
const answerOf = (snapshot: PathSnapshot | null) =>
  snapshot && {
    found: snapshot.found,
    length: snapshot.length,
    score: snapshot.score,
    explanation: snapshot.explanation,
  };

function pendingAlert(
  watch: WatchRow,
  reasons: AlertReason[],
  before: PathSnapshot | null,
  after: PathSnapshot | null,
  changes: FeedChange[],
): PendingAlert {
  const id = randomUUID();
  const causes = changes.slice(0, MAX_CAUSES).map(({ sequence, kind, targetId, targetType }) => ({
    sequence,
    kind,
    targetId,
    targetType,
  }));
  const shown = { before: answerOf(before), after: answerOf(after) };
  return {
    id,
    watchId: watch.id,
    reasons,
    before: shown.before ? JSON.stringify(shown.before) : null,
    after: shown.after ? JSON.stringify(shown.after) : null,
    causes: JSON.stringify(causes),
    snapshot: after ? JSON.stringify(after) : null,
    record: (number) =>
      JSON.stringify({
        alertId: id,
        number,
        watchId: watch.id,
        kind: watch.kind,
        entityId: watch.entityId,
        fromId: watch.fromId,
        toId: watch.toId,
        reasons,
        ...shown,
        causes,
      }),
  };
}

function byClearance(watches: WatchRow[]): Map<Tlp, WatchRow[]> {
  return groupBy(
    watches.filter((watch) => watch.kind === WatchKind.ENTITY),
    (watch) => watch.clearance,
  );
}

function groupBy<K, T>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
