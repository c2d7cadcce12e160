import { execFileSync } from 'node:child_process';
import { startLocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { provisionSystemTools } from './system-tools';

/**
 * Starts a throw-away Neo4j on a random port for the whole run, unless NEO4J_URI points at one.
 * Workers inherit process.env, so every test reads the URI from there.
 */
export default async function globalSetup(): Promise<void> {
  // Java, Maven, chromium, redis-server, python3-venv: installed here when missing (root with
  // apt-get), so `npm ci && npm test` needs nothing installed by hand.
  provisionSystemTools((line) => process.stderr.write(`\n[setup] ${line}\n`));
  // End-to-end start-up tests run the built service (dist/) exactly as `npm start` does.
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (process.env.NEO4J_URI) return;
  const neo4j = await startLocalNeo4j({
    heap: process.env.NEO4J_HEAP ?? '768m',
    pageCache: process.env.NEO4J_PAGECACHE ?? '128m',
    log: (line) => process.stderr.write(`\n[neo4j] ${line}`),
  });
  process.env.NEO4J_URI = neo4j.uri;
  process.env.SAHEL_TEST_LOCAL_NEO4J = '1';
  (globalThis as { sahelLocalNeo4j?: typeof neo4j }).sahelLocalNeo4j = neo4j;
}
