import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
} from 'neo4j-driver';
import { toAppError } from './neo4j-errors';

/**
 * The one gateway to Neo4j. Every statement runs inside a managed transaction
 * (`executeRead` / `executeWrite`) with a timeout and metadata naming the operation, so that a
 * slow query is killed by the server, shows up in `SHOW TRANSACTIONS` under its name, and reads
 * are routed to readers on a cluster (`neo4j://` URIs). Neo4j errors leave here as the service's
 * own errors (see neo4j-errors.ts).
 */

export type Params = Record<string, unknown>;

export interface DatabaseOptions {
  database: string;
  transactionTimeoutMs: number;
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
}

export function createDriver(options: DriverOptions): Driver {
  return neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    // Counts and sizes in this graph stay far below 2^53; plain numbers keep resolvers simple.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: options.maxPoolSize,
    connectionAcquisitionTimeout: options.acquisitionTimeoutMs,
    connectionTimeout: Math.min(options.acquisitionTimeoutMs, 5_000),
    // Retries of a failing transaction must end well inside a request's patience: a database
    // that is down should produce SERVICE_UNAVAILABLE quickly, not after the default 30 s.
    maxTransactionRetryTime: Math.min(options.acquisitionTimeoutMs, 3_000),
    userAgent: 'sahel-graph/0.1',
  });
}

export type StatementListener = (event: StatementEvent) => void;

/** Transactions open right now, shared by a gateway and its observed views: each holds a pooled connection. */
export interface PoolUsage {
  active: number;
}

export class Database {
  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions,
    private readonly listeners: readonly StatementListener[] = [],
    readonly pool: PoolUsage = { active: 0 },
  ) {}

  /**
   * The same gateway, also reporting each statement to `listener`. A request gets its own
   * observed view, which is how it counts the statements it ran without global state.
   */
  observed(listener: StatementListener): Database {
    return new Database(this.driver, this.options, [...this.listeners, listener], this.pool);
  }

  /** One read statement in its own transaction. */
  read<R extends RecordShape = RecordShape>(operation: string, cypher: string, params: Params = {}): Promise<R[]> {
    return this.readTransaction(operation, (tx) => tx.run<R>(cypher, params));
  }

  /** One write statement in its own transaction. */
  write<R extends RecordShape = RecordShape>(operation: string, cypher: string, params: Params = {}): Promise<R[]> {
    return this.writeTransaction(operation, (tx) => tx.run<R>(cypher, params));
  }

  readTransaction<T>(operation: string, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.transaction('READ', operation, work, timeoutMs);
  }

  /** All statements of `work` commit together or not at all. */
  writeTransaction<T>(operation: string, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.transaction('WRITE', operation, work, timeoutMs);
  }

  /** Round trip to the server: used by /readyz. */
  async ping(): Promise<void> {
    await this.read('ping', 'RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    operation: string,
    work: (tx: Tx) => Promise<T>,
    timeoutMs = this.options.transactionTimeoutMs,
  ): Promise<T> {
    const session: Session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: timeoutMs, metadata: { app: 'sahel-graph', operation } };
    const unit = (managed: ManagedTransaction) => work(this.wrap(managed, mode, operation));
    this.pool.active += 1;
    try {
      return mode === 'READ' ? await session.executeRead(unit, config) : await session.executeWrite(unit, config);
    } catch (error) {
      throw toAppError(error, operation, timeoutMs);
    } finally {
      this.pool.active -= 1;
      await session.close().catch(() => undefined);
    }
  }

  private wrap(managed: ManagedTransaction, mode: 'READ' | 'WRITE', operation: string): Tx {
    return {
      run: async <R extends RecordShape>(cypher: string, params: Params = {}) => {
        const started = performance.now();
        let failed = false;
        try {
          const result: QueryResult<R> = await managed.run<R>(cypher, params);
          return result.records.map((record) => record.toObject() as R);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          const event = { operation, mode, durationMs: performance.now() - started, failed };
          for (const listener of this.listeners) listener(event);
        }
      },
    };
  }
}

/**
 * JavaScript numbers reach Cypher as floats; LIMIT and SKIP need integers. Wrap counts with this.
 */
export function int(value: number) {
  return neo4j.int(Math.trunc(value));
}
