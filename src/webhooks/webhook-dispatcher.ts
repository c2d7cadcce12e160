import { randomUUID } from 'node:crypto';
import { ChangeFeedRepository } from '../changes/change-feed.repository';
import { PollLoop } from '../common/poll-loop';
import type { ChangeKind } from '../changes/change-kind';
import { Visibility, type Database } from '../db';
import type { Logger } from '../logger';
import type { Tlp } from '../model/vocabulary';
import { DeliveryStatus } from './delivery-status';
import { OutboxRepository, type AttemptOutcome, type ClaimedDelivery, type EnabledWebhook } from './outbox.repository';
import { deliveryId } from './webhook-id';
import { deliveryBody } from './webhook-payload';
import { postWebhook, type SendResult } from './webhook-sender';
import type { WebhookSettings } from './webhook-settings';
import { webhookHeaders } from './webhook-signature';

/** How often finished outbox rows are pruned. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Delivers webhooks (docs/webhooks.md), one per process. Each round it (1) reads the change feed
 * after each enabled webhook's cursor, at the clearance of the admin who registered it, and
 * queues what it may see in the outbox, moving the cursor in the same transaction; (2) claims
 * due deliveries with a lease and POSTs them, a few at a time; (3) now and then prunes finished
 * rows. All state is in Neo4j: another replica's dispatcher shares the work, and a restart
 * resumes where the last one stopped (a row claimed by a process that died is due again when
 * its lease expires). At least once: a delivery may be repeated, always with the same id.
 */
export class WebhookDispatcher {
  private readonly owner = `dispatcher-${randomUUID()}`;
  private readonly outbox: OutboxRepository;
  private readonly head: ChangeFeedRepository;
  private readonly loop: PollLoop;
  /** The first prune is a minute after start: a process that restarts often does not prune each time. */
  private lastPrune = Date.now();

  constructor(
    private readonly db: Database,
    private readonly settings: WebhookSettings,
    private readonly logger?: Logger,
  ) {
    this.outbox = new OutboxRepository(db);
    this.head = new ChangeFeedRepository(db);
    // A round stuck on an unavailable Neo4j is left behind after one POST timeout and a second:
    // whatever it had claimed is due again when its lease expires.
    this.loop = new PollLoop({
      step: () => this.runRound(),
      pollMs: settings.pollMs,
      stopGraceMs: settings.timeoutMs + 1_000,
      firstDelayMs: 0,
    });
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the round in flight, at most one POST timeout and a second. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round; true when it filled a batch (more is waiting: go again at once). */
  private async runRound(): Promise<boolean> {
    try {
      const webhooks = await this.outbox.enabledWebhooks(this.settings.maxWebhooks);
      // Nothing registered (the usual case): one small read per round and nothing else.
      if (webhooks.length === 0) return false;
      const queuedFull = await this.enqueueAll(webhooks);
      const now = Date.now();
      const due = !this.stopped && (await this.outbox.anyDue(now));
      const claimed = due
        ? await this.outbox.claim(this.owner, now, this.settings.batchSize, this.settings.leaseMs)
        : [];
      await this.sendAll(claimed);
      await this.pruneNowAndThen();
      return queuedFull || claimed.length === this.settings.batchSize;
    } catch (error) {
      // Neo4j unavailable, most likely: the state is in Neo4j, so the next round picks up from it.
      this.logger?.warn({ err: error }, 'webhook dispatch round failed');
      return false;
    }
  }

  /** Queues new changes for every enabled webhook behind the head; true when a page was full. */
  private async enqueueAll(webhooks: EnabledWebhook[]): Promise<boolean> {
    const head = await this.head.head();
    let full = false;
    for (const webhook of webhooks) {
      if (this.stopped) break;
      if (webhook.cursor < head) full = (await this.enqueue(webhook)) || full;
    }
    return full;
  }

  private async enqueue(webhook: EnabledWebhook): Promise<boolean> {
    // The feed as the admin who registered it reads it: its clearance, and its own watchlist alerts.
    const feed = new ChangeFeedRepository(this.db, new Visibility(this.db, webhook.clearance as Tlp), webhook.owner);
    const page = await feed.page(webhook.cursor, this.settings.batchSize, {
      kinds: webhook.kinds as ChangeKind[] | null,
      types: webhook.types,
      entityIds: webhook.entityIds,
    });
    const rows = page.changes.map((change) => ({
      id: deliveryId(webhook.id, change.sequence),
      sequence: change.sequence,
      kind: change.kind,
      targetId: change.targetId,
      payload: deliveryBody(change, this.settings.maxPayloadBytes),
    }));
    if (page.endSequence === webhook.cursor) return false;
    await this.outbox.enqueue(webhook.id, webhook.cursor, page.endSequence, rows, Date.now());
    return page.endSequence < page.high;
  }

  /** POSTs the claimed deliveries, at most WEBHOOK_CONCURRENCY at a time, recording each outcome. */
  private async sendAll(claimed: ClaimedDelivery[]): Promise<void> {
    const queue = [...claimed];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.send(next);
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, queue.length) }, worker));
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const headers = webhookHeaders(delivery.secret, delivery.id, delivery.payload);
    const result = await postWebhook(delivery.url, headers, delivery.payload, this.settings);
    const outcome = this.outcomeOf(result, delivery.attempts);
    try {
      await this.outbox.record(delivery.id, this.owner, outcome);
    } catch (error) {
      // Unrecorded: the lease expires and the delivery is tried again (same id: at least once).
      this.logger?.warn({ err: error, delivery: delivery.id }, 'webhook attempt not recorded');
    }
    if (!result.ok) {
      this.logger?.info(
        { delivery: delivery.id, attempts: delivery.attempts, error: result.error },
        'webhook attempt failed',
      );
    }
  }

  private outcomeOf(result: SendResult, attempts: number): AttemptOutcome {
    const { statusCode, error } = result;
    if (result.ok) return { status: DeliveryStatus.DELIVERED, statusCode, error: null, nextAttemptAt: null };
    if (attempts >= this.settings.maxAttempts) {
      return { status: DeliveryStatus.FAILED, statusCode, error, nextAttemptAt: null };
    }
    return {
      status: DeliveryStatus.RETRYING,
      statusCode,
      error,
      nextAttemptAt: Date.now() + backoffMs(attempts, this.settings),
    };
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.outbox.prune(this.settings.retentionDays, this.settings.retentionCount);
    if (pruned > 0) this.logger?.info({ pruned }, 'webhook outbox pruned');
  }
}

/**
 * Exponential backoff with jitter: the n-th retry waits base * 2^(n-1), capped at the maximum,
 * then scaled by a random factor in [0.5, 1) so receivers that came back are not hit in step.
 */
export function backoffMs(attempts: number, settings: Pick<WebhookSettings, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  const exponential = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(exponential * (0.5 + Math.random() * 0.5));
}
