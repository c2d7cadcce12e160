import type { Logger } from '../logger';
import type { ChangeFeedRepository } from './change-feed.repository';

/** How often the head of the feed is read while someone waits on it and nothing else wakes them. */
export const HEAD_POLL_MS = 200;

interface Waiter {
  beyond: number;
  resolve: () => void;
}

/**
 * The newest change of the feed, for live subscriptions (docs/changes.md): one poller per
 * process reads the counter every `pollMs` while any subscription waits, and wakes those whose
 * cursor it passed; each then reads its own page of the feed, with its own filters and clearance.
 * Polling Neo4j rather than listening in process means a write through any replica (or `npm run
 * import`) reaches every replica's subscribers the same way, in commit order. Idle (no waiter),
 * it reads nothing.
 *
 * `signal(head)` wakes them at once: a commit in this process, or another replica's commit
 * announced through Redis (src/http/change-signals.ts). A signal is only a number, never a
 * record: what a subscriber receives is still what it reads from the feed at its own clearance.
 * Signals are a shortcut, the poll is the guarantee: a lost signal delays a change by at most
 * one poll interval (which `pollEvery` lengthens while signals are known to flow).
 */
export class ChangeHead {
  private readonly waiters = new Set<Waiter>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** True while a poll reads the feed (its `timer` has fired; it schedules the next itself). */
  private polling = false;
  /** The highest head signalled so far (0: none). */
  private signalled = 0;
  /** The highest head learned so far, by a signal or a poll (0: none). */
  private learned = 0;

  constructor(
    private readonly feed: ChangeFeedRepository,
    private readonly logger?: Logger,
    private pollMs = HEAD_POLL_MS,
  ) {}

  /** The newest sequence number now. */
  current(): Promise<number> {
    return this.feed.head();
  }

  /** The highest head a signal announced (0 before any). */
  get latestSignal(): number {
    return this.signalled;
  }

  /**
   * The highest head this process has learned of, by a signal or its own poll: what a shared page
   * read is keyed on (shared-page-reads.ts), so a page read before it is never handed out after.
   */
  get latestKnown(): number {
    return this.learned;
  }

  /**
   * Resolves once the feed holds a change past `sequence`, or as soon as `signal` aborts. A
   * signal already received past `known` (the caller's cursor, or the last signal it acted on)
   * resolves it at once: it may have arrived while the caller was reading its page.
   */
  waitBeyond(sequence: number, signal: AbortSignal, known = sequence): Promise<void> {
    if (signal.aborted || this.stopped || this.signalled > Math.max(sequence, known)) return Promise.resolve();
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

  /** The feed reached `head` (a commit here or on another replica): wakes the waiters it passed. */
  signal(head: number): void {
    if (!Number.isSafeInteger(head) || head < 0) return;
    this.signalled = Math.max(this.signalled, head);
    this.learned = Math.max(this.learned, head);
    for (const waiter of [...this.waiters]) if (head > waiter.beyond) waiter.resolve();
  }

  /**
   * Polls every `ms` (slower while Redis carries signals, faster without). A poll waiting on the
   * old interval is moved to the new one, so an outage of Redis does not wait out a slow poll.
   */
  pollEvery(ms: number): void {
    this.pollMs = ms;
    if (!this.timer || this.polling) return; // a poll under way schedules the next one itself
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
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
    this.polling = true;
    try {
      const high = await this.feed.head();
      this.learned = Math.max(this.learned, high);
      for (const waiter of [...this.waiters]) if (high > waiter.beyond) waiter.resolve();
    } catch (error) {
      // Neo4j unavailable: the waiters keep waiting, and the next poll asks again.
      this.logger?.warn({ err: error }, 'change feed head unavailable');
    } finally {
      this.polling = false;
      this.timer = undefined;
      if (this.waiters.size > 0) this.schedule();
    }
  }
}
