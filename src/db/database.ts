import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isTime,
  isRetryableError,
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
} from 'neo4j-driver';
import { AvailabilityGuard, UnansweredError } from './availability';
import type { RequestBookmarks } from './bookmarks';
import { SEQUENCE_CHANGES } from './change-sequence';
import type { Logger } from '../logger';
import { toAppError } from './neo4j-errors';

/**
 * The one gateway to Neo4j. Every statement runs inside a managed transaction
 * (`executeRead` / `executeWrite`; a single read first as an auto-commit query, falling back to
 * one on a transient error: `read`) with a timeout and metadata naming the operation, so that a
 * slow query is killed by the server, shows up in `SHOW TRANSACTIONS` under its name, and reads
 * are routed to readers on a cluster (`neo4j://` URIs). Neo4j errors leave here as the service's
 * own errors (see neo4j-errors.ts).
 *
 * Every transaction also has a client-side deadline: its server timeout plus DEADLINE_GRACE_MS
 * (room for a busy server to report its own timeout first).
 * The server's timeout cannot fire when the server itself is hung (SIGSTOP, a stalled VM, a
 * black-holed network), and the driver has no read timeout, so without it a request would wait
 * for as long as the hang lasts. Past the deadline the caller gets SERVICE_UNAVAILABLE; the
 * transaction is abandoned (its connection comes back to the pool when the server answers or
 * the socket dies). A write abandoned this way may still commit if the server resumes, which the
 * error message says.
 *
 * Managed transactions are also what makes a cluster safe to use: the driver retries a unit of
 * work on a transient error (a leader switch, a deadlock, a member that is not caught up yet),
 * with a fresh routing table, for up to maxTransactionRetryTime, which createDriver keeps below
 * the client-side deadline, so the deadline always bounds the wait.
 * A view made with `causal(bookmarks)` runs every transaction with that request's bookmarks
 * (see bookmarks.ts): a read waits until the member serving it has applied the request's writes.
 */

/** How long past a transaction's own timeout the client waits before calling Neo4j unresponsive. */
export const DEADLINE_GRACE_MS = 2_000;

export type Params = Record<string, unknown>;

export interface DatabaseOptions {
  database: string;
  transactionTimeoutMs: number;
  /**
   * When given, every statement is logged at `debug` before it runs: operation, mode, Cypher and
   * its parameters (bounded, see boundedForLog). Nothing is logged at any other level.
   */
  logger?: Logger;
}

export interface StatementEvent {
  operation: string;
  mode: 'READ' | 'WRITE';
  durationMs: number;
  failed: boolean;
}

/** A transaction handed to a unit of work: `run` is counted and timed like any other statement. */
export interface Tx {
  run<R extends RecordShape = RecordShape>(cypher: string, params?: Params): Promise<R[]>;
}

export interface DriverOptions {
  uri: string;
  user: string;
  password: string;
  acquisitionTimeoutMs: number;
  maxPoolSize: number;
  /** The gateway's transaction timeout: retries end before its deadline (timeout + grace). */
  transactionTimeoutMs?: number;
}

/** Longest the driver retries one transaction on transient errors (leader switch, deadlock). */
export function maxRetryTimeMs(options: Pick<DriverOptions, 'acquisitionTimeoutMs' | 'transactionTimeoutMs'>): number {
  const deadline = (options.transactionTimeoutMs ?? Infinity) + DEADLINE_GRACE_MS;
  return Math.min(options.acquisitionTimeoutMs, 3_000, deadline);
}

export function createDriver(options: DriverOptions): Driver {
  return neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    // Counts and sizes in this graph stay far below 2^53; plain numbers keep resolvers simple.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: options.maxPoolSize,
    connectionAcquisitionTimeout: options.acquisitionTimeoutMs,
    connectionTimeout: Math.min(options.acquisitionTimeoutMs, 5_000),
    // Retries of a failing transaction must end well inside a request's patience: a database
    // that is down should produce SERVICE_UNAVAILABLE quickly, not after the default 30 s, and
    // never after the transaction's client-side deadline.
    maxTransactionRetryTime: maxRetryTimeMs(options),
    userAgent: 'sahel-graph/0.1',
  });
}

export type StatementListener = (event: StatementEvent) => void;

/** Transactions open right now, shared by a gateway and its observed views: each holds a pooled connection. */
export interface PoolUsage {
  active: number;
}

/** Told the feed's new head after a write transaction that numbered changes has committed. */
export type CommitListener = (head: number) => void;

/** State shared by a gateway and its observed views: pool usage, the availability breaker, commit listeners. */
interface SharedState {
  pool: PoolUsage;
  availability: AvailabilityGuard;
  commitListeners: Set<CommitListener>;
}

/** What one view of the gateway adds: statement listeners, and a request's bookmarks. */
interface View {
  listeners: readonly StatementListener[];
  bookmarks?: RequestBookmarks;
}

export class Database {
  private readonly shared: SharedState;
  private readonly view: View;

  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions,
    listeners: readonly StatementListener[] = [],
    shared?: SharedState,
    bookmarks?: RequestBookmarks,
  ) {
    this.shared = shared ?? {
      pool: { active: 0 },
      availability: new AvailabilityGuard({ probe: (timeoutMs) => this.probe(timeoutMs) }),
      commitListeners: new Set(),
    };
    this.view = { listeners, bookmarks };
  }

  get pool(): PoolUsage {
    return this.shared.pool;
  }

  /** True while Neo4j is known not to answer and transactions are refused at once. */
  get refusing(): boolean {
    return this.shared.availability.refusing;
  }

  /**
   * The same gateway, also reporting each statement to `listener`. A request gets its own
   * observed view, which is how it counts the statements it ran without global state.
   */
  observed(listener: StatementListener): Database {
    const { listeners, bookmarks } = this.view;
    return new Database(this.driver, this.options, [...listeners, listener], this.shared, bookmarks);
  }

  /**
   * The same gateway, running every transaction after `bookmarks` (and adding each write's
   * bookmark to them): one request's view, for read-your-writes across transactions and replicas.
   */
  causal(bookmarks: RequestBookmarks): Database {
    return new Database(this.driver, this.options, this.view.listeners, this.shared, bookmarks);
  }

  /**
   * One read statement in its own transaction: first as an auto-commit query (one round trip:
   * RUN and PULL together, no BEGIN and no COMMIT to wait for; measured on the seed's entity
   * lookup, p50 0.89 ms against executeRead's 1.27 ms), and on a transient error (a leader switch,
   * a member not caught up, a dead pooled connection) again as a managed transaction, which the
   * driver retries with a fresh routing table. One statement that only reads has nothing to roll
   * back, so running it again is safe; the timeout, metadata, bookmarks and deadline are the same.
   */
  read<R extends RecordShape = RecordShape>(operation: string, cypher: string, params: Params = {}): Promise<R[]> {
    const timeoutMs = this.options.transactionTimeoutMs;
    return this.guarded('READ', operation, timeoutMs + DEADLINE_GRACE_MS, () =>
      this.autoCommitRead<R>(operation, cypher, params, timeoutMs),
    );
  }

  /** One write statement in its own transaction. */
  write<R extends RecordShape = RecordShape>(operation: string, cypher: string, params: Params = {}): Promise<R[]> {
    return this.writeTransaction(operation, (tx) => tx.run<R>(cypher, params));
  }

  readTransaction<T>(operation: string, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.transaction('READ', operation, work, timeoutMs);
  }

  /**
   * All statements of `work` commit together or not at all. The history entries `work` wrote are
   * numbered for the change feed by one last statement (change-sequence.ts), in this transaction;
   * once it has committed, the commit listeners learn the feed's new head (never inside the
   * transaction: a listener must not announce what could still roll back).
   */
  async writeTransaction<T>(operation: string, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
    const sequenced: { head?: number } = {};
    const result = await this.transaction('WRITE', operation, withSequencedChanges(work, sequenced), timeoutMs);
    if (sequenced.head !== undefined) this.announceCommit(sequenced.head);
    return result;
  }

  /**
   * Calls `listener` with the feed's head after each committed write transaction that numbered
   * changes, on this gateway and all its views. Returns how to stop.
   */
  onChangesCommitted(listener: CommitListener): () => void {
    this.shared.commitListeners.add(listener);
    return () => this.shared.commitListeners.delete(listener);
  }

  private announceCommit(head: number): void {
    for (const listener of this.shared.commitListeners) {
      try {
        listener(head);
      } catch (error) {
        // The write is committed whatever a listener does; the feed's poll still finds it.
        this.options.logger?.warn({ err: error }, 'a commit listener failed');
      }
    }
  }

  /**
   * One schema statement (a migration's constraint or index): Neo4j refuses data statements in
   * a transaction that changed the schema, so this one leaves out the feed's sequencing.
   */
  async schemaWrite(operation: string, cypher: string): Promise<void> {
    await this.transaction('WRITE', operation, (tx) => tx.run(cypher));
  }

  /** Round trip to the server within `deadlineMs` (connection included): used by /readyz. */
  async ping(deadlineMs: number): Promise<void> {
    const timeoutMs = Math.max(100, deadlineMs - DEADLINE_GRACE_MS);
    await this.transaction('READ', 'ping', (tx) => tx.run('RETURN 1 AS ok'), timeoutMs, deadlineMs);
  }

  /**
   * One round trip with no retries, no breaker and no bookmarks: how the availability guard
   * learns that Neo4j answers again (see availability.ts).
   */
  private async probe(timeoutMs: number): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1 AS ok', {}, transactionConfig('probe', timeoutMs));
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.shared.availability.shutdown();
    await this.driver.close();
  }

  private transaction<T>(
    mode: 'READ' | 'WRITE',
    operation: string,
    work: (tx: Tx) => Promise<T>,
    timeoutMs = this.options.transactionTimeoutMs,
    deadlineMs = timeoutMs + DEADLINE_GRACE_MS,
  ): Promise<T> {
    return this.guarded(mode, operation, deadlineMs, () => this.managed(mode, operation, work, timeoutMs));
  }

  /** Refused at once while Neo4j is known down (the breaker); abandoned past `deadlineMs`. */
  private guarded<T>(mode: 'READ' | 'WRITE', operation: string, deadlineMs: number, run: () => Promise<T>): Promise<T> {
    return this.shared.availability.run(() => withDeadline(run(), deadlineMs, mode, operation));
  }

  /**
   * A session for `mode` with the view's bookmarks (the driver reads them before the transaction
   * and stores the new one after commit), counted as a pooled connection in use while `use` runs.
   */
  private async inSession<T>(mode: 'READ' | 'WRITE', use: (session: Session) => Promise<T>): Promise<T> {
    const session: Session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.view.bookmarks?.manager,
    });
    this.shared.pool.active += 1;
    try {
      return await use(session);
    } finally {
      this.shared.pool.active -= 1;
      await session.close().catch(() => undefined);
    }
  }

  private async managed<T>(
    mode: 'READ' | 'WRITE',
    operation: string,
    work: (tx: Tx) => Promise<T>,
    timeoutMs: number,
  ): Promise<T> {
    const config = transactionConfig(operation, timeoutMs);
    const unit = (managed: ManagedTransaction) => work(this.wrap(managed, mode, operation));
    try {
      return await this.inSession(mode, async (session) => {
        if (mode === 'READ') return session.executeRead(unit, config);
        const result = await session.executeWrite(unit, config);
        this.view.bookmarks?.recordWrite();
        return result;
      });
    } catch (error) {
      throw toAppError(error, operation, timeoutMs);
    }
  }

  private async autoCommitRead<R extends RecordShape>(
    operation: string,
    cypher: string,
    params: Params,
    timeoutMs: number,
  ): Promise<R[]> {
    this.logStatement('READ', operation, cypher, params);
    try {
      const result = await this.inSession('READ', (session) =>
        this.observe(operation, 'READ', () => session.run<R>(cypher, params, transactionConfig(operation, timeoutMs))),
      );
      return result.records.map((record) => record.toObject() as R);
    } catch (error) {
      if (!isRetryableError(error)) throw toAppError(error, operation, timeoutMs);
    }
    // Transient: the managed transaction's retries take over (the deadline above still bounds them).
    return this.managed('READ', operation, (tx) => tx.run<R>(cypher, params), timeoutMs);
  }

  /** Runs one statement, telling the view's listeners how long it took and whether it failed. */
  private async observe<T>(operation: string, mode: 'READ' | 'WRITE', statement: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let failed = false;
    try {
      return await statement();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const event = { operation, mode, durationMs: performance.now() - started, failed };
      for (const listener of this.view.listeners) listener(event);
    }
  }

  private wrap(managed: ManagedTransaction, mode: 'READ' | 'WRITE', operation: string): Tx {
    return {
      run: async <R extends RecordShape>(cypher: string, params: Params = {}) => {
        this.logStatement(mode, operation, cypher, params);
        const result: QueryResult<R> = await this.observe(operation, mode, () => managed.run<R>(cypher, params));
        return result.records.map((record) => record.toObject() as R);
      },
    };
  }

  /** The neo4j/graphql Executor's debug line, ours: what ran, under which operation, with what. */
  private logStatement(mode: 'READ' | 'WRITE', operation: string, cypher: string, params: Params): void {
    const logger = this.options.logger;
    // Bounding the parameters costs a walk over them: only when someone reads debug lines.
    if (!logger?.isLevelEnabled('debug')) return;
    logger.debug({ operation, mode, cypher, params: boundedForLog(params) }, 'cypher');
  }
}

/** Longest string logged whole; longer ones keep their start and say how much was cut. */
export const LOG_MAX_STRING = 200;
/** Items logged of a list (an import batch has 1,000 rows); the rest are counted. */
export const LOG_MAX_ITEMS = 10;
/** Nesting logged below the parameters object (rows hold props which hold lists). */
const LOG_MAX_DEPTH = 4;

/**
 * A copy of statement parameters small enough for a log line: long strings and lists are cut
 * with a note of what was left out, deep nesting is elided, and driver values (integers, dates)
 * become plain numbers and strings. A 20 MB import logs a few kilobytes per statement.
 */
export function boundedForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > LOG_MAX_STRING
      ? `${value.slice(0, LOG_MAX_STRING)}… (${value.length - LOG_MAX_STRING} more characters)`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (isInt(value)) return value.toNumber();
  if (
    isDate(value) ||
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  )
    return String(value);
  if (depth >= LOG_MAX_DEPTH) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    const shown = value.slice(0, LOG_MAX_ITEMS).map((item) => boundedForLog(item, depth + 1));
    return value.length > LOG_MAX_ITEMS ? [...shown, `… (${value.length - LOG_MAX_ITEMS} more items)`] : shown;
  }
  const entries = Object.entries(value);
  const shown = entries.slice(0, LOG_MAX_ITEMS * 2).map(([key, item]) => [key, boundedForLog(item, depth + 1)]);
  if (entries.length > LOG_MAX_ITEMS * 2) shown.push(['…', `${entries.length - LOG_MAX_ITEMS * 2} more keys`]);
  return Object.fromEntries(shown);
}

/**
 * `work`, then the feed's numbering of the history entries it wrote, in the same transaction; the
 * highest number goes into `sequenced` (reset on each attempt: the driver may retry the unit).
 */
function withSequencedChanges<T>(work: (tx: Tx) => Promise<T>, sequenced: { head?: number }): (tx: Tx) => Promise<T> {
  return async (tx) => {
    sequenced.head = undefined;
    const result = await work(tx);
    const [numbered] = await tx.run<{ head: number | null }>(SEQUENCE_CHANGES);
    if (typeof numbered?.head === 'number') sequenced.head = numbered.head;
    return result;
  };
}

/** A transaction's server-side timeout, and the metadata that names it in `SHOW TRANSACTIONS`. */
function transactionConfig(operation: string, timeoutMs: number) {
  return { timeout: timeoutMs, metadata: { app: 'sahel-graph', operation } };
}

/** Rejects with SERVICE_UNAVAILABLE when `pending` has not settled within `deadlineMs`. */
function withDeadline<T>(
  pending: Promise<T>,
  deadlineMs: number,
  mode: 'READ' | 'WRITE',
  operation: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const outcome =
        mode === 'WRITE' ? '; the write may still be applied if the database resumes, so read before retrying' : '';
      reject(new UnansweredError(`The graph database did not answer "${operation}" within ${deadlineMs} ms${outcome}`));
    }, deadlineMs);
  });
  // The abandoned transaction settles later (or never); its outcome is no longer anyone's.
  pending.catch(() => undefined);
  return Promise.race([pending, expired]).finally(() => clearTimeout(timer));
}
