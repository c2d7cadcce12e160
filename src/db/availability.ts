import CircuitBreaker from 'opossum';
import { ServiceUnavailableError } from '../errors';

/**
 * Fails fast while Neo4j is not answering. A circuit breaker (opossum) around every transaction
 * counts only unavailability (connection refused, acquisition timeout, a missed client-side
 * deadline), never bad input or a query's own timeout. Once most recent transactions failed that
 * way (or as soon as one transaction got no answer at all within its deadline: the strongest
 * sign of a hung server), new ones are refused at once with SERVICE_UNAVAILABLE instead of each waiting out its
 * deadline against a hung or dead server; every `probeAfterMs` one transaction is let through
 * as a probe, and the first that succeeds closes the breaker, so recovery needs no restart.
 */
/** No answer at all from Neo4j within a transaction's client-side deadline. */
export class UnansweredError extends ServiceUnavailableError {}

export interface AvailabilityOptions {
  /** How long the breaker stays open before it lets one probe through. */
  probeAfterMs: number;
}

export class AvailabilityGuard {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(options: AvailabilityOptions = { probeAfterMs: 1_000 }) {
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      // Deadlines are the gateway's (they depend on each transaction's own timeout).
      timeout: false,
      resetTimeout: options.probeAfterMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      rollingCountTimeout: 10_000,
      // true = "not a failure of the database": only unavailability opens the breaker.
      errorFilter: (error: unknown) => !(error instanceof ServiceUnavailableError),
    });
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
    this.breaker.shutdown();
  }
}
