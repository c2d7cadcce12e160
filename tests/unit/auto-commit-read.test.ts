import { Neo4jError, type Driver } from 'neo4j-driver';
import { Database, type StatementEvent } from '../../src/db';
import { AppError, ErrorCode } from '../../src/errors';

/**
 * Database.read runs one statement as an auto-commit query and, only on a transient error, again
 * as a managed transaction (which the driver retries). What the real driver does on an outage is
 * the e2e tests' job (neo4j-outage, neo4j-recovery, replicas, against a real Neo4j); this pins the
 * gateway's own decision, which no real server can be made to fail on cue: a stand-in session
 * records which of the two ways ran and answers as told.
 */
const neo4jError = (message: string, code: string) => new Neo4jError(message, code as never, '50N42', 'error');

function driverAnswering(autoCommit: () => Promise<unknown>) {
  const ran: string[] = [];
  const configs: unknown[] = [];
  const records = (value: string) => ({ records: [{ toObject: () => ({ value }) }] });
  const driver = {
    session: () => ({
      run: (_cypher: string, _params: unknown, config: unknown) => {
        ran.push('auto-commit');
        configs.push(config);
        return autoCommit().then(() => records('auto-commit'));
      },
      executeRead: async (work: (tx: { run: () => Promise<unknown> }) => Promise<unknown>) => {
        ran.push('managed');
        return work({ run: async () => records('managed') });
      },
      close: async () => undefined,
    }),
    close: async () => undefined,
  } as unknown as Driver;
  return { driver, ran, configs };
}

describe('Database.read: auto-commit first, a managed transaction on a transient error', () => {
  const open = (driver: Driver, events: StatementEvent[] = []) =>
    new Database(driver, { database: 'neo4j', transactionTimeoutMs: 5_000 }).observed((event) => events.push(event));

  it('answers from one auto-commit query, with the timeout and the operation named', async () => {
    const { driver, ran, configs } = driverAnswering(async () => undefined);
    const events: StatementEvent[] = [];
    const db = open(driver, events);
    try {
      expect(await db.read('entities.byIds', 'RETURN 1')).toEqual([{ value: 'auto-commit' }]);
      expect(ran).toEqual(['auto-commit']);
      expect(configs).toEqual([{ timeout: 5_000, metadata: { app: 'sahel-graph', operation: 'entities.byIds' } }]);
      expect(events.map(({ operation, mode, failed }) => ({ operation, mode, failed }))).toEqual([
        { operation: 'entities.byIds', mode: 'READ', failed: false },
      ]);
    } finally {
      await db.close();
    }
  });

  it('runs the statement again as a managed transaction after a transient error', async () => {
    const transient = neo4jError('member not caught up', 'Neo.TransientError.General.DatabaseUnavailable');
    expect(transient.retryable).toBe(true);
    const { driver, ran } = driverAnswering(() => Promise.reject(transient));
    const db = open(driver);
    try {
      expect(await db.read('entities.byIds', 'RETURN 1')).toEqual([{ value: 'managed' }]);
      expect(ran).toEqual(['auto-commit', 'managed']);
    } finally {
      await db.close();
    }
  });

  it('does not run again after an error that is not transient: the service error leaves at once', async () => {
    const timedOut = neo4jError('too slow', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration');
    const { driver, ran } = driverAnswering(() => Promise.reject(timedOut));
    const db = open(driver);
    try {
      const failure = await db.read('traversal.paths', 'RETURN 1').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe(ErrorCode.TIMEOUT);
      expect(ran).toEqual(['auto-commit']);
    } finally {
      await db.close();
    }
  });
});
