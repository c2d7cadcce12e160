import { createClient } from 'redis';
import type { ChangeHead } from '../changes/change-head';
import type { Database } from '../db';
import type { Logger } from '../logger';
import type { SharedStateLink } from './redis';

/**
 * Cross-replica wake-ups for live subscriptions (docs/changes.md, "Several replicas"): after a
 * write transaction commits, the process that wrote publishes the feed's new head on
 * CHANGE_HEAD_CHANNEL; every replica listens on its own subscriber connection and wakes its
 * waiting subscriptions at once, instead of at the next poll of the feed.
 *
 * Only the sequence number travels, never a record: each subscription still reads its page of
 * the feed from Neo4j at its own clearance, so TLP is enforced where it always was, and a forged
 * or stray message costs at most one page read per subscription. The feed's poll stays on as the
 * fallback, slower while Redis is known to carry messages (a lost message delays a change by one
 * interval) and at its normal pace while it does not (an outage delays nothing more than before).
 */
export const CHANGE_HEAD_CHANNEL = 'sahel-graph:change-head';

export interface ChangeSignalOptions {
  url: string;
  /** The feed's poll while the subscriber connection is up: a fallback for lost messages. */
  pollWithRedisMs: number;
  /** The poll without Redis (not configured, or not answering). */
  pollMs: number;
}

export interface ChangeSignals {
  close(): Promise<void>;
}

/**
 * Wires commits to `head`: a commit in this process wakes its own subscriptions at once (with or
 * without Redis) and, given `shared` and `options`, is published for the other replicas, whose
 * messages wake this one's. Publishing happens after the commit and never waits: a failed publish
 * (Redis down) is dropped, the other replicas' polls find the change.
 */
export function connectChangeSignals(
  db: Database,
  head: ChangeHead,
  logger: Logger,
  shared?: SharedStateLink,
  options?: ChangeSignalOptions,
): ChangeSignals {
  let published = 0;
  const stopListening = db.onChangesCommitted((sequence) => {
    head.signal(sequence);
    // Commits can finish out of order here; an older head adds nothing to a newer one.
    if (!shared || !options || sequence <= published) return;
    published = sequence;
    shared.sendCommand('PUBLISH', CHANGE_HEAD_CHANNEL, String(sequence)).catch(() => undefined);
  });
  const subscriber = options ? listen(head, logger, options) : undefined;
  return {
    async close() {
      stopListening();
      subscriber?.destroy();
    },
  };
}

/** A subscriber connection of its own (SUBSCRIBE takes a connection over), reconnecting forever. */
function listen(head: ChangeHead, logger: Logger, options: ChangeSignalOptions): { destroy(): void } {
  head.pollEvery(options.pollMs);
  const subscriber = createClient({
    url: options.url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  let up = false;
  let subscribed = false;
  const ready = () => {
    up = true;
    head.pollEvery(options.pollWithRedisMs);
  };
  const down = (reason: string) => {
    if (!up) return;
    up = false;
    head.pollEvery(options.pollMs);
    logger.warn({ reason }, 'change signals: Redis is not answering; subscriptions fall back to polling the feed');
  };
  // node-redis subscribes again by itself on each reconnect, before 'ready'.
  subscriber.on('ready', () => {
    if (subscribed) ready();
  });
  subscriber.on('error', (error: Error) => down(error.message));
  subscriber.on('end', () => down('connection closed'));
  subscriber
    .connect()
    .then(() =>
      subscriber.subscribe(CHANGE_HEAD_CHANNEL, (message) => {
        const sequence = Number(message);
        if (Number.isSafeInteger(sequence)) head.signal(sequence);
      }),
    )
    .then(() => {
      subscribed = true;
      ready();
    })
    .catch((error: unknown) => {
      // Not reachable at start: the client keeps reconnecting; until then, the feed's poll.
      logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'change signals: no Redis yet');
    });
  return { destroy: () => subscriber.destroy() };
}
