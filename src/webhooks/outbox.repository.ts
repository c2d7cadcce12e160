import { int, type Database } from '../db';
import { DeliveryStatus } from './delivery-status';
import { DELIVERY_LABEL, WEBHOOK_LABEL } from './webhook.repository';

/**
 * The outbox (docs/webhooks.md): one (:WebhookDelivery) per change and webhook, written in the
 * transaction that moves the webhook's cursor past those changes, so a change is queued exactly
 * once (its id msg_<webhook>_<sequence> is unique besides) and a restart loses none. Writes go
 * through the gateway like every other, and leave no history: nothing of this reaches the feed.
 */

/** What the dispatcher needs of each enabled webhook to read the feed for it. */
export const ENABLED_WEBHOOKS = `MATCH (w:${WEBHOOK_LABEL})
WHERE w.enabled
RETURN w {.id, .kinds, .types, .entityIds, .owner, .clearance, .cursor} AS webhook
ORDER BY w.id
LIMIT $max`;

/**
 * Queues a page of changes and moves the cursor, if the cursor is still where the page was read
 * from: another dispatcher that got there first (two replicas) makes this one write nothing.
 * The webhook's write lock is taken before the cursor is compared, so the comparison sees the
 * other's commit.
 */
export const ENQUEUE_DELIVERIES = `MATCH (w:${WEBHOOK_LABEL} {id: $webhookId})
SET w.writeLock = true
REMOVE w.writeLock
WITH w
WHERE w.cursor = $from AND w.enabled
SET w.cursor = $to
WITH w
CALL (w) {
  UNWIND $rows AS row
  MERGE (d:${DELIVERY_LABEL} {id: row.id})
  ON CREATE SET d.webhookId = w.id, d.sequence = row.sequence, d.kind = row.kind, d.targetId = row.targetId,
    d.payload = row.payload, d.status = '${DeliveryStatus.PENDING}', d.attempts = 0, d.createdAt = datetime(),
    d.nextAttemptAt = $now
  RETURN count(d) AS queued
}
RETURN queued`;

const DUE = (d: string) =>
  `((${d}.status IN ['${DeliveryStatus.PENDING}', '${DeliveryStatus.RETRYING}'] AND ${d}.nextAttemptAt <= $now) OR (${d}.status = '${DeliveryStatus.DELIVERING}' AND ${d}.leaseUntil <= $now))`;

/** Whether anything is due: a read, so an idle dispatcher takes no write transaction each round. */
export const ANY_DUE = `MATCH (d:${DELIVERY_LABEL})
WHERE ${DUE('d')}
WITH d LIMIT 1
RETURN count(d) > 0 AS due`;

/**
 * Claims due deliveries with a lease: the row's write lock is taken first and the due test made
 * again after it, so of two dispatchers racing for a row, the second sees the first's claim and
 * leaves it. A dispatcher that dies holding a lease leaves a row that is due again at leaseUntil.
 */
export const CLAIM_DELIVERIES = `MATCH (d:${DELIVERY_LABEL})
WHERE ${DUE('d')}
WITH d ORDER BY d.nextAttemptAt, d.id LIMIT $batch
MATCH (w:${WEBHOOK_LABEL} {id: d.webhookId})
WHERE w.enabled
SET d.claimLock = true
REMOVE d.claimLock
WITH d, w
WHERE ${DUE('d')}
SET d.status = '${DeliveryStatus.DELIVERING}', d.leaseOwner = $owner, d.leaseUntil = $now + $leaseMs,
  d.attempts = d.attempts + 1
RETURN d.id AS id, d.payload AS payload, d.attempts AS attempts, w.url AS url, w.secret AS secret`;

/** The outcome of one attempt, kept only while this dispatcher still holds the lease. */
export const RECORD_ATTEMPT = `MATCH (d:${DELIVERY_LABEL} {id: $id})
WHERE d.status = '${DeliveryStatus.DELIVERING}' AND d.leaseOwner = $owner
SET d.status = $status, d.lastStatusCode = $statusCode, d.lastError = $error, d.nextAttemptAt = $nextAttemptAt,
  d.deliveredAt = CASE WHEN $status = '${DeliveryStatus.DELIVERED}' THEN datetime() ELSE null END,
  d.leaseOwner = null, d.leaseUntil = null
RETURN d.id AS id`;

/** Finished rows past the retention age, a bounded number per call. */
export const PRUNE_OLD_DELIVERIES = `MATCH (d:${DELIVERY_LABEL})
WHERE d.status IN ['${DeliveryStatus.DELIVERED}', '${DeliveryStatus.FAILED}']
  AND d.createdAt < datetime() - duration({days: $days})
WITH d LIMIT $limit
DETACH DELETE d
RETURN count(*) AS pruned`;

/** Finished rows beyond the newest $keep of each webhook, a bounded number per call. */
export const PRUNE_EXCESS_DELIVERIES = `MATCH (w:${WEBHOOK_LABEL})
CALL (w) {
  MATCH (d:${DELIVERY_LABEL} {webhookId: w.id})
  WHERE d.status IN ['${DeliveryStatus.DELIVERED}', '${DeliveryStatus.FAILED}']
  WITH d ORDER BY d.sequence DESC SKIP $keep LIMIT $limit
  DETACH DELETE d
  RETURN count(*) AS pruned
}
RETURN sum(pruned) AS pruned`;

export interface EnabledWebhook {
  id: string;
  kinds: string[] | null;
  types: string[] | null;
  entityIds: string[] | null;
  /** The admin who registered it: its own watchlist alerts are in its feed (docs/watchlists.md). */
  owner: string;
  clearance: string;
  cursor: number;
}

export interface QueuedDelivery {
  id: string;
  sequence: number;
  kind: string;
  targetId: string;
  /** The request body, exactly as it is signed and sent on every attempt. */
  payload: string;
}

export interface ClaimedDelivery {
  id: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: number | null;
}

/** Rows deleted per prune statement at most. */
const PRUNE_LIMIT = 1_000;

export class OutboxRepository {
  constructor(private readonly db: Database) {}

  async enabledWebhooks(max: number): Promise<EnabledWebhook[]> {
    const rows = await this.db.read<{ webhook: EnabledWebhook }>('webhooks.enabled', ENABLED_WEBHOOKS, {
      max: int(max),
    });
    return rows.map((row) => row.webhook);
  }

  /** Queues `rows` and moves the cursor from `from` to `to`; false when another dispatcher moved it first. */
  async enqueue(webhookId: string, from: number, to: number, rows: QueuedDelivery[], now: number): Promise<boolean> {
    const result = await this.db.write('webhooks.enqueue', ENQUEUE_DELIVERIES, {
      webhookId,
      from: int(from),
      to: int(to),
      rows: rows.map((row) => ({ ...row, sequence: int(row.sequence) })),
      now: int(now),
    });
    return result.length > 0;
  }

  async anyDue(now: number): Promise<boolean> {
    const [row] = await this.db.read<{ due: boolean }>('webhooks.anyDue', ANY_DUE, { now: int(now) });
    return row?.due ?? false;
  }

  claim(owner: string, now: number, batch: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.db.write<ClaimedDelivery & Record<string, unknown>>('webhooks.claim', CLAIM_DELIVERIES, {
      owner,
      now: int(now),
      batch: int(batch),
      leaseMs: int(leaseMs),
    });
  }

  async record(id: string, owner: string, outcome: AttemptOutcome): Promise<boolean> {
    const rows = await this.db.write('webhooks.recordAttempt', RECORD_ATTEMPT, {
      id,
      owner,
      status: outcome.status,
      statusCode: outcome.statusCode === null ? null : int(outcome.statusCode),
      error: outcome.error,
      nextAttemptAt: outcome.nextAttemptAt === null ? null : int(outcome.nextAttemptAt),
    });
    return rows.length > 0;
  }

  /** Deletes finished rows older than `days` or beyond the newest `keep` per webhook; how many. */
  async prune(days: number, keep: number): Promise<number> {
    const [old] = await this.db.write<{ pruned: number }>('webhooks.pruneOld', PRUNE_OLD_DELIVERIES, {
      days: int(days),
      limit: int(PRUNE_LIMIT),
    });
    const [excess] = await this.db.write<{ pruned: number }>('webhooks.pruneExcess', PRUNE_EXCESS_DELIVERIES, {
      keep: int(keep),
      limit: int(PRUNE_LIMIT),
    });
    return (old?.pruned ?? 0) + (excess?.pruned ?? 0);
  }
}
