import 'reflect-metadata';
import { createDriver, Database, migrate } from '../../src/db';
import type { Logger } from '../../src/logger';
import { loadSeed } from '../../src/seed/seed-loader';

/** Helpers for integration tests: a gateway to the real Neo4j that globalSetup started. */

export function neo4jUri(): string {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set: jest globalSetup should have started Neo4j');
  return uri;
}

export interface DatabaseOverrides {
  transactionTimeoutMs?: number;
  uri?: string;
  maxPoolSize?: number;
  acquisitionTimeoutMs?: number;
  /** Receives each statement at debug level (the gateway's statement log). */
  logger?: Logger;
}

export function openDatabase(overrides: DatabaseOverrides = {}): Database {
  const driver = createDriver({
    uri: overrides.uri ?? neo4jUri(),
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    acquisitionTimeoutMs: overrides.acquisitionTimeoutMs ?? 5_000,
    maxPoolSize: overrides.maxPoolSize ?? 20,
  });
  return new Database(driver, {
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    transactionTimeoutMs: overrides.transactionTimeoutMs ?? 30_000,
    logger: overrides.logger,
  });
}

/**
 * Removes every entity and relationship, the history of changes to them (import runs too) and document texts, saved
 * investigations and watches with their alerts, so no file sees another file's writes (history tests count a record's
 * changes; a watch left behind would alert, and be re-evaluated, on every later file's writes). Migrations, schema and
 * the watcher's cursor in the feed stay.
 */
export async function clearGraph(db: Database): Promise<void> {
  await db.write(
    'test.clear',
    'MATCH (n) WHERE n:Entity OR n:Change OR n:ImportRun OR n:ImportPreImage OR n:DocumentText OR n:DocumentChunk OR n:ProposalDecision OR n:Investigation OR n:InvestigationVersion OR n:Watch OR n:Alert OR n:WatchOwner DETACH DELETE n',
  );
}

export async function graphCounts(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.read<{ nodes: number; relationships: number }>(
    'test.counts',
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return row;
}

/** A migrated graph holding exactly the seed bundle. */
export async function seededDatabase(overrides: DatabaseOverrides = {}): Promise<Database> {
  const db = openDatabase(overrides);
  await migrate(db);
  await clearGraph(db);
  await loadSeed(db);
  return db;
}
