import type { Database, Tx } from './database';

/** Thrown inside a dry run's transaction to roll it back, carrying what the write returned. */
class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

/**
 * One write transaction that, for a dry run, is rolled back once `work` has returned: the caller
 * gets what the write would have done (its counts) and the graph is unchanged. The one place the
 * importers (bundle, ACLED, STIX) and curation roll a dry run back.
 */
export async function writeOrDryRun<T>(
  db: Database,
  operation: string,
  work: (tx: Tx) => Promise<T>,
  options: { dryRun: boolean; timeoutMs?: number },
): Promise<T> {
  try {
    return await db.writeTransaction(
      operation,
      async (tx) => {
        const result = await work(tx);
        if (options.dryRun) throw new DryRunRollback(result);
        return result;
      },
      options.timeoutMs,
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}
