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
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly evaluator: WatchEvaluator;

  constructor(
    db: Database,
    private readonly logger?: Logger,
    private readonly pollMs = WATCH_POLL_MS,
  ) {
    this.evaluator = new WatchEvaluator(db);
  }

  start(): void {
    this.schedule(this.pollMs);
  }

  /**
   * No more steps. Waits a little for the one under way (its transaction commits or rolls back
   * whole either way), but not for a database that does not answer: shutdown stays prompt.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_GRACE_MS);
      timer.unref();
    });
    await Promise.race([this.running, grace]);
    clearTimeout(timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let again = false;
    try {
      const result = await this.evaluator.step();
      again = result.worked;
      if (result.alerts > 0)
        this.logger?.info({ alerts: result.alerts, changes: result.changes }, 'watch alerts recorded');
    } catch (error) {
      // Neo4j unavailable or a step past its timeout: nothing was recorded; the next tick retries.
      this.logger?.warn({ err: error }, 'watcher step failed');
    } finally {
      this.schedule(again ? 0 : this.pollMs);
    }
  }
}
