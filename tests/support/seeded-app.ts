import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from './app';
import { seededDatabase, type DatabaseOverrides } from './database';
import { gql } from './http';

/**
 * The fixture of most end-to-end tests: the seeded real Neo4j behind the real HTTP server,
 * started before the file's tests and stopped after, with helpers to ask and to expect refusals.
 */
export function useSeededApp(database: DatabaseOverrides = {}) {
  const fixture = {} as { db: Database; app: Awaited<ReturnType<typeof startTestApp>> };
  beforeAll(async () => {
    fixture.db = await seededDatabase(database);
    fixture.app = await startTestApp(fixture.db);
  });
  afterAll(async () => {
    await fixture.app.stop();
    await fixture.db.close();
  });

  // Behaviour tests act as an admin; tests/e2e/roles.test.ts covers who may do what.
  const asAdmin = { 'x-api-key': TEST_KEYS.admin };

  /** Runs an operation that must succeed and returns its data. */
  const ask = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gql<T>(fixture.app.url, query, variables, 20_000, asAdmin);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  };

  /** Runs an operation that must fail and returns its first error's code, message and problems. */
  const reject = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql(fixture.app.url, query, variables, 20_000, asAdmin);
    const [error] = response.body.errors ?? [];
    expect(error).toBeDefined();
    return {
      code: error?.extensions?.code,
      message: error?.message ?? '',
      problems: error?.extensions?.problems as Array<{ field: string; reason: string }> | undefined,
    };
  };

  return { fixture, ask, reject };
}
