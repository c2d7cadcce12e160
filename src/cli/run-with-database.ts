import 'reflect-metadata';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { loadConfig, type Config } from '../config';
import { createDriver, type Database } from '../db';
import { connect } from '../db/connect';
import { createLogger, type Logger } from '../logger';

/**
 * Runs a command-line task against Neo4j, then closes everything. Exit code 1 on failure, with
 * the error's message on stderr. Logs go to stderr too: stdout is the command's data.
 *
 * Which Neo4j (see docs/curation.md):
 * 1. NEO4J_URI when set;
 * 2. else the local Neo4j that a running `npm start` (or `npm run neo4j`) serves on
 *    bolt://127.0.0.1:NEO4J_LOCAL_PORT, when something answers there;
 * 3. else a local Neo4j started on the store (NEO4J_LOCAL_DATA_DIR) for the command's duration.
 *    Never a second Neo4j on a store another process holds: that fails with a message naming
 *    the store and what to do (LocalNeo4jStoreLockedError).
 */
export async function runWithDatabase(task: (db: Database, logger: Logger) => Promise<void>): Promise<void> {
  let local: LocalNeo4j | undefined;
  let db: Database | undefined;
  let failed = false;
  exitQuietlyWhenStdoutCloses();
  try {
    const config = loadConfig(process.env);
    const logger = createLogger(config.logLevel, process.stderr);
    let uri = config.neo4j.uri;
    if (!uri) {
      const running = `bolt://127.0.0.1:${config.localNeo4j.port}`;
      if (await neo4jAnswers(config, running)) {
        logger.info(`NEO4J_URI is unset: using the local Neo4j already running at ${running}`);
        uri = running;
      } else {
        logger.info(
          `NEO4J_URI is unset and nothing answers at ${running}: starting a local Neo4j on ${config.localNeo4j.dataDir}`,
        );
        local = await startLocalNeo4j({ ...config.localNeo4j, log: (line) => logger.info(line) });
        uri = local.uri;
      }
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
  // Data written to a pipe must be flushed before process.exit cuts it off.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(failed ? 1 : 0);
}

/**
 * One quick connection attempt (no retries): false when nothing listens there, true when a Neo4j
 * answers. A Neo4j that answers but refuses the credentials is an error worth reporting as such.
 */
async function neo4jAnswers(config: Config, uri: string): Promise<boolean> {
  const driver = createDriver({ ...config.neo4j, uri, acquisitionTimeoutMs: 2_000, maxPoolSize: 1 });
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ServiceUnavailable') return false;
    throw new Error(
      `A Neo4j answers at ${uri} (NEO4J_LOCAL_PORT) but could not be used (check NEO4J_USER / NEO4J_PASSWORD, or set NEO4J_URI)`,
      {
        cause: error,
      },
    );
  } finally {
    await driver.close();
  }
}

/** `npm run --silent export | head` closes the pipe early: that is the reader's choice, not an error. */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/**
 * Data goes to stdout, but `npm run` (without --silent) prints its banner there first, so the
 * output would not parse. npm tells its scripts the log level; warn on stderr when it is not silent.
 */
export function warnIfNpmBannerOnStdout(script: string): void {
  // Only when npm runs this very script: a program run from some other npm script has no banner.
  if (
    process.env.npm_lifecycle_event === script &&
    process.env.npm_config_loglevel !== 'silent' &&
    !process.stdout.isTTY
  ) {
    process.stderr.write(
      `warning: npm printed its banner ("> ${process.env.npm_package_name}@${process.env.npm_package_version} ${process.env.npm_lifecycle_event}") on stdout before this data; ` +
        `use \`npm run --silent ${process.env.npm_lifecycle_event} -- ...\` (or --out FILE) for output that parses\n`,
    );
  }
}
