import { startLocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { createLogger } from '../logger';
import { configOrExit, parseCommandLine } from './command-line';

/**
 * `npm run neo4j`: the local Neo4j that `npm start` would run (same store, port and memory), in
 * the foreground, until Ctrl-C. Its Bolt URI is the one line on stdout; logs go to stderr.
 */
parseCommandLine({
  usage: `Usage: npm run neo4j

Runs the local Neo4j in the foreground until Ctrl-C (SIGINT) or SIGTERM: store NEO4J_LOCAL_DATA_DIR
(default .data/neo4j), Bolt on 127.0.0.1:NEO4J_LOCAL_PORT (default 7687), no authentication,
memory NEO4J_HEAP / NEO4J_PAGECACHE. Prints its Bolt URI on stdout once it is ready.

While it runs, \`npm start\`, \`npm run import\` and \`npm run export\` with NEO4J_URI unset use it
(they try 127.0.0.1:NEO4J_LOCAL_PORT first), and so can Neo4j Browser (https://browser.neo4j.io).`,
  options: {},
});

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, process.stderr);
  let neo4j;
  try {
    neo4j = await startLocalNeo4j({ ...config.localNeo4j, log: (line) => logger.info(line) });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`${neo4j.uri}\n`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping the local Neo4j');
      void neo4j.stop().then(() => process.exit(0));
    });
  }
}

void main();
