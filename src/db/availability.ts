import CircuitBreaker from 'opossum';
import { ServiceUnavailableError } from '../errors';

/**
 * Fails fast while Neo4j is not answering, and notices quickly when it answers again.
 *
 * A circuit breaker (opossum) around every transaction counts only unavailability (connection
 * refused, acquisition timeout, a missed client-side deadline), never bad input or a query's own
 * timeout. Once most recent transactions failed that way (or as soon as one transaction got no
 * answer at all within its deadline: the strongest sign of a hung server), new ones are refused
 * at once with SERVICE_UNAVAILABLE instead of each waiting out its deadline against a hung or dead
 * server.
 *
 * Recovery: while the breaker is open, the guard itself probes Neo4j every `probeEveryMs` with
 * `probe` (one round trip, no retries; a few may wait at once) under its own short deadline, and
 * closes the breaker on the first answer. Before, a client's transaction was the probe (opossum's half-open state), so
 * recovery waited on that transaction: the driver's retries (up to 3 s) and its client-side
 * deadline (timeout + 2 s, 17 s by default) against a Neo4j still starting, while every other
 * request was refused (the attack run of issue 19 measured 18-25 s after Neo4j was ready).
 */

/** No answer at all from Neo4j within a transaction's client-side deadline. */
export class UnansweredError extends ServiceUnavailableError {}

export interface AvailabilityOptions {
  /** One round trip to Neo4j, without retries, that fails past `timeoutMs` (server-side). */
  probe?: (timeoutMs: number) => Promise<unknown>;
  /** Time between probes while the breaker is open. */
  probeEveryMs?: number;
  /** A probe unanswered within this failed. */
  probeDeadlineMs?: number;
}

export const PROBE_EVERY_MS = 250;
export const PROBE_DEADLINE_MS = 5_000;
/** Probes waiting at once (each holds a pooled connection until its deadline at most). */
const MAX_PROBES_IN_FLIGHT = 4;
/** Without a probe: how long the breaker stays open before it lets one transaction through. */
const HALF_OPEN_AFTER_MS = 1_000;

export class AvailabilityGuard {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private probeTimer?: NodeJS.Timeout;
  private probesInFlight = 0;
  private stopped = false;

  constructor(private readonly options: AvailabilityOptions = {}) {
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      // Deadlines are the gateway's (they depend on each transaction's own timeout).
      timeout: false,
      // With a probe, the guard closes the breaker itself; opossum's half-open trial (a client's
      // transaction) is only the fallback of a probe that never answers.
      resetTimeout: options.probe ? 30_000 : HALF_OPEN_AFTER_MS,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      rollingCountTimeout: 10_000,
      // true = "not a failure of the database": only unavailability opens the breaker.
      errorFilter: (error: unknown) => !(error instanceof ServiceUnavailableError),
    });
    if (options.probe) this.breaker.on('open', () => this.scheduleProbe());
  }

  /** True while transactions are refused without trying (the breaker is open). */
  get refusing(): boolean {
    return this.breaker.opened;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(work)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new ServiceUnavailableError('The graph database is not answering; try again in a few seconds');
      }
      if (error instanceof UnansweredError && !this.breaker.opened) this.breaker.open();
      throw error;
    }
  }

  shutdown(): void {
    this.stopped = true;
    clearTimeout(this.probeTimer);
    this.breaker.shutdown();
  }

  /** Probes every `probeEveryMs` while the breaker is open, without waiting for slow ones. */
  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.stopped || !this.breaker.opened) return;
      // A probe stuck on a half-started Neo4j must not delay the one that would succeed.
      if (this.probesInFlight < MAX_PROBES_IN_FLIGHT) void this.probeOnce();
      this.scheduleProbe();
    }, this.options.probeEveryMs ?? PROBE_EVERY_MS);
    this.probeTimer.unref();
  }

  /** One probe, bounded by its deadline; closes the breaker when Neo4j answered. */
  private async probeOnce(): Promise<void> {
    this.probesInFlight += 1;
    const deadlineMs = this.options.probeDeadlineMs ?? PROBE_DEADLINE_MS;
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.options.probe!(deadlineMs).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs))),
    ]);
    clearTimeout(timer);
    this.probesInFlight -= 1;
    if (answered && !this.stopped && this.breaker.opened) this.breaker.close();
  }
}
