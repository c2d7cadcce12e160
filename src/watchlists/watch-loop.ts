import { PollLoop } from '../common/poll-loop';
import type { Database } from '../db';
import type { Logger } from '../logger';
import { WatchEvaluator } from './watch.evaluator';

/** How often the watcher looks at the feed while it is idle. */
export const WATCH_POLL_MS = 500;
/** How long stop() waits for a step under way. */
const STOP_GRACE_MS = 3_000;

/**
 * The watcher as a process step (one per server process): every WATCH_POLL_MS it runs the
 * evaluator's step, and again at once while a step found work (a backlog drains without
 * waiting). Its cursor is in Neo4j, so a restart resumes where the last step committed, and
 * replicas may all run it: a step commits only from the cursor it read (WatchRepository.record).
 * Before anyone has watched anything, a step is one small read.
 */
export class WatchLoop {
  private readonly evaluator: WatchEvaluator;
  private readonly loop: PollLoop;

  constructor(
    db: Database,
    private readonly logger?: Logger,
    pollMs = WATCH_POLL_MS,
  ) {
    this.evaluator = new WatchEvaluator(db);
    this.loop = new PollLoop({ step: () => this.tick(), pollMs, stopGraceMs: STOP_GRACE_MS });
  }

  start(): void {
    this.loop.start();
  }

  /**
   * No more steps. Waits a little for the one under way (its transaction commits or rolls back
   * whole either way), but not for a database that does not answer: shutdown stays prompt.
   */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One evaluator step; true when it found work (a backlog drains without waiting). */
  private async tick(): Promise<boolean> {
    try {
      const result = await this.evaluator.step();
      if (result.alerts > 0)
        this.logger?.info({ alerts: result.alerts, changes: result.changes }, 'watch alerts recorded');
      return result.worked;
    } catch (error) {
      // Neo4j unavailable or a step past its timeout: nothing was recorded; the next tick retries.
      this.logger?.warn({ err: error }, 'watcher step failed');
      return false;
    }
  }
}
