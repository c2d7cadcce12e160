/**
 * A background step run over and over in one process: again at once while a step says more is
 * waiting, else after `pollMs`. The timers never keep the process alive. Used by the webhook
 * dispatcher and the watchlists' watcher, whose state is in Neo4j: a step either commits or
 * leaves nothing, so stopping between steps (or abandoning one stuck on the database) loses none.
 */
export interface PollLoopOptions {
  /** One step; true when it filled a batch (more is waiting). It handles its own errors. */
  step: () => Promise<boolean>;
  pollMs: number;
  /** How long stop() waits for the step under way before it leaves it behind. */
  stopGraceMs: number;
  /** Delay of the first step (default: pollMs). */
  firstDelayMs?: number;
}

export class PollLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private halted = false;

  constructor(private readonly options: PollLoopOptions) {}

  /** True once stop() was called: a step may end early. */
  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.schedule(this.options.firstDelayMs ?? this.options.pollMs);
  }

  /** No more steps; waits for the one under way at most stopGraceMs, so shutdown stays prompt. */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    let grace: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      grace = setTimeout(resolve, this.options.stopGraceMs);
      grace.unref();
    });
    await Promise.race([this.running, deadline]);
    clearTimeout(grace);
  }

  private schedule(delayMs: number): void {
    if (this.halted) return;
    this.timer = setTimeout(() => {
      this.running = this.options.step().then(
        (more) => this.schedule(more ? 0 : this.options.pollMs),
        () => this.schedule(this.options.pollMs),
      );
    }, delayMs);
    this.timer.unref();
  }
}
