import 'reflect-metadata';
import { startLocalNeo4j, type LocalNeo4j } from '../tools/neo4j/local-neo4j';
import { ConfigError, loadConfig, type Config } from './config';
import { connect } from './db/connect';
import { migrate } from './db';
import { buildGraphSchema } from './graphql/schema';
import { createLogger, type Logger } from './logger';
import { seedIfEmpty } from './seed/seed-loader';
import { connectRedis, type SharedStateLink } from './http/redis';
import { startApp } from './server';

/**
 * Start-up: config -> Neo4j (a local one when NEO4J_URI is unset) -> migrations -> seed (if the
 * graph is empty) -> HTTP server. Any failure on the way stops the process with a message that
 * says what to fix; SIGTERM/SIGINT drain requests, close the driver and stop the local Neo4j.
 */

/** What start-up set up, undone in reverse order: HTTP drains first, then the driver, then the local Neo4j. */
type Cleanups = Array<{ step: string; run: () => Promise<void> }>;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  const cleanups: Cleanups = [];
  const shutdown = async (code: number) => {
    for (const { step, run } of [...cleanups].reverse()) {
      await run().then(
        () => logger.info({ step }, 'stopped'),
        (error) => logger.error({ err: error, step }, 'shutdown step failed'),
      );
    }
    process.exit(code);
  };
  try {
    await startServices(config, logger, cleanups);
  } catch (error) {
    reportStartupFailure(logger, error);
    await shutdown(1);
    return;
  }
  collectGarbageOnSignal(logger);
  shutDownOnSignals(config, logger, shutdown);
}

/** The configuration, or the process ends with what is wrong in it. */
function readConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Neo4j, migrations, seed, Redis and the HTTP server, each pushing how to stop it onto `cleanups`. */
async function startServices(config: Config, logger: Logger, cleanups: Cleanups): Promise<void> {
  const local = config.neo4j.uri ? undefined : await startLocal(config, logger, cleanups);
  const uri = config.neo4j.uri || local!.uri;

  // Each statement, its Cypher and (bounded) parameters at debug: LOG_LEVEL=debug shows them.
  const db = await connect({ ...config.neo4j, uri }, logger, logger);
  cleanups.push({ step: 'neo4j driver', run: () => db.close() });

  const applied = await migrate(db);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'migrations current');

  if (config.seedOnEmpty) {
    const seeded = await seedIfEmpty(db);
    if (seeded) logger.info(seeded, 'graph was empty: seed bundle loaded');
  }

  let shared: SharedStateLink | undefined;
  if (config.redis.url) {
    shared = await connectRedis({ ...config.redis, url: config.redis.url }, logger);
    cleanups.push({ step: 'redis', run: () => shared!.close() });
    logger.info('rate limits are shared through Redis (REDIS_URL)');
  }

  const app = await startApp({
    config,
    db,
    shared,
    schema: await buildGraphSchema({ anonymousReads: config.auth.anonymousReads }),
    logger,
  });
  cleanups.push({ step: 'http server', run: () => app.stop() });
  announce(config, logger, app.url, uri, local);
}

async function startLocal(config: Config, logger: Logger, cleanups: Cleanups): Promise<LocalNeo4j> {
  logger.info('NEO4J_URI is not set: starting a local Neo4j (tools/neo4j)');
  const local = await startLocalNeo4j({
    port: config.localNeo4j.port,
    dataDir: config.localNeo4j.dataDir,
    heap: config.localNeo4j.heap,
    pageCache: config.localNeo4j.pageCache,
    log: (line) => logger.info(line),
  });
  cleanups.push({ step: 'local neo4j', run: () => local.stop() });
  return local;
}

/** Where to find the running service, for whoever started it. */
function announce(config: Config, logger: Logger, url: string, uri: string, local: LocalNeo4j | undefined): void {
  logger.info({ graphql: url, bolt: uri }, 'sahel-graph is ready');
  process.stdout.write(
    `\n  GraphQL API and IDE:  ${url}${config.web.ideEnabled ? '' : '   (IDE off: IDE_ENABLED=true turns it on)'}` +
      `\n  Graph explorer:       ${url.replace(/\/graphql$/, '/')}` +
      `\n  Documents and review: ${url.replace(/\/graphql$/, '/documents')}` +
      `\n  Neo4j (Bolt):         ${uri}` +
      `${local ? '   (open https://browser.neo4j.io, connect to this URI, no authentication)' : ''}\n\n`,
  );
}

/**
 * Started with `node --expose-gc`, SIGUSR2 collects garbage and logs the memory held after it:
 * how tests/e2e/fuzz.test.ts (or an operator) tells memory held from garbage not yet collected.
 */
function collectGarbageOnSignal(logger: Logger): void {
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  if (!collectGarbage) return;
  process.on('SIGUSR2', () => {
    collectGarbage();
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    logger.info({ rss, heapUsed, heapTotal, external, arrayBuffers }, 'garbage collected');
  });
}

/** SIGTERM/SIGINT drain and stop once; past the grace period (and the drain's own bound) the process exits anyway. */
function shutDownOnSignals(config: Config, logger: Logger, shutdown: (code: number) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: draining requests');
      const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 35_000);
      force.unref();
      void shutdown(0);
    });
  }
}

function reportStartupFailure(logger: Logger, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  logger.fatal({ err: error }, 'start-up failed');
  process.stderr.write(`\nsahel-graph could not start:\n${message}\n`);
}

void main();
