import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDriver, Database } from './database';

export class Neo4jConnectError extends Error {}

/**
 * Creates the process's one driver and waits (up to `waitMs`) for the server to answer, so that a
 * Neo4j still booting next to us (docker compose, CI) is tolerated while a wrong NEO4J_URI fails
 * start-up with a message naming the variable. `statementLogger`, when given, receives every
 * statement the gateway runs at debug level (see DatabaseOptions.logger); by default none.
 */
export async function connect(
  options: Config['neo4j'] & { uri: string },
  logger: Logger,
  statementLogger?: Logger,
): Promise<Database> {
  const driver = createDriver(options);
  const deadline = Date.now() + options.startupWaitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await driver.verifyConnectivity({ database: options.database });
      return new Database(driver, { ...options, logger: statementLogger });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const authProblem = /auth|credentials|unauthorized/i.test(reason);
      if (authProblem || Date.now() >= deadline) {
        await driver.close();
        const variable = authProblem ? 'NEO4J_USER / NEO4J_PASSWORD' : 'NEO4J_URI';
        throw new Neo4jConnectError(`Cannot connect to Neo4j at ${options.uri} (check ${variable}): ${reason}`);
      }
      logger.warn({ attempt, reason }, 'Neo4j is not answering yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * attempt, 5_000)));
    }
  }
}
