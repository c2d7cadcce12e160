import 'reflect-metadata';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { loadConfig } from '../config';
import type { Database } from '../db';
import { connect } from '../db/connect';
import { createLogger, type Logger } from '../logger';

/**
 * Runs a command-line task against the configured Neo4j (or the local persistent one that
 * `npm start` uses when NEO4J_URI is unset), then closes everything. Exit code 1 on failure,
 * with the error's message on stderr.
 */
export async function runWithDatabase(task: (db: Database, logger: Logger) => Promise<void>): Promise<void> {
  let local: LocalNeo4j | undefined;
  let db: Database | undefined;
  let failed = false;
  try {
    const config = loadConfig(process.env);
    const logger = createLogger(config.logLevel);
    let uri = config.neo4j.uri;
    if (!uri) {
      local = await startLocalNeo4j({ ...config.localNeo4j, log: (line) => logger.info(line) });
      uri = local.uri;
    }
    db = await connect({ ...config.neo4j, uri }, logger, logger);
    await task(db, logger);
  } catch (error) {
    failed = true;
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    const cause = error instanceof Error ? (error.cause as Error | undefined) : undefined;
    if (cause?.message) process.stderr.write(`caused by: ${cause.message}\n`);
  } finally {
    await db?.close();
    await local?.stop();
  }
  process.exit(failed ? 1 : 0);
}
