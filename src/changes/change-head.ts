import type { Logger } from '../logger';
import type { ChangeFeedRepository } from './change-feed.repository';

/** How often the head of the feed is read while someone waits on it. */
export const HEAD_POLL_MS = 200;

interface Waiter {
  beyond: number;
  resolve: () => void;
}

/**
 * The newest change of the feed, for live subscriptions (docs/changes.md): one poller per
 * process reads the counter every HEAD_POLL_MS while any subscription waits, and wakes those
 * whose cursor it passed; each then reads its own page of the feed, with its own filters and
 * clearance. Polling Neo4j rather than listening in process means a write through any replica
 * (or `npm run import`) reaches every replica's subscribers the same way, in commit order.
 * Idle (no waiter), it reads nothing.
 */
export class ChangeHead {
  private readonly waiters = new Set<Waiter>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly feed: ChangeFeedRepository,
    private readonly logger?: Logger,
    private readonly pollMs = HEAD_POLL_MS,
  ) {}

  /** The newest sequence number now. */
  current(): Promise<number> {
    return this.feed.head();
  }

  /** Resolves once the feed holds a change past `sequence`, or as soon as `signal` aborts. */
  waitBeyond(sequence: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        beyond: sequence,
        resolve: () => {
          this.waiters.delete(waiter);
          signal.removeEventListener('abort', waiter.resolve);
          resolve();
        },
      };
      this.waiters.add(waiter);
      signal.addEventListener('abort', waiter.resolve, { once: true });
      this.schedule();
    });
  }

  /** Wakes every waiter and polls no more (shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const waiter of [...this.waiters]) waiter.resolve();
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      const high = await this.feed.head();
      for (const waiter of [...this.waiters]) if (high > waiter.beyond) waiter.resolve();
    } catch (error) {
      // Neo4j unavailable: the waiters keep waiting, and the next poll asks again.
      this.logger?.warn({ err: error }, 'change feed head unavailable');
    } finally {
      this.timer = undefined;
      if (this.waiters.size > 0) this.schedule();
    }
  }
}
