import 'reflect-metadata';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config';
import { createDriver, Database, migrate } from '../src/db';
import { buildGraphSchema } from '../src/graphql/schema';
import { createLogger } from '../src/logger';
import { loadSeed } from '../src/seed/seed-loader';
import { startApp } from '../src/server';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:load`: a bounded load test on 127.0.0.1. 50 connections for 30 s (LOAD_CONNECTIONS,
 * LOAD_SECONDS) against the real server and a throw-away Neo4j with the seed, cycling through
 * lookups, search, lists and traversals. Prints throughput, latency percentiles and errors, and
 * fails if any request errored.
 */
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);

const OPERATIONS = [
  '{ actor(id: "jnim") { id name aliases sources { title reliability } } }',
  '{ search(query: "Kyiv") { entity { id } matched } }',
  '{ actors(first: 20) { totalCount nodes { id relationships(first: 10) { edges { type node { id } } } } } }',
  '{ neighborhood(id: "mali", depth: 2, limit: 50) { truncated nodes { id } edges { type } } }',
  '{ shortestPath(fromId: "ukraine", toId: "jnim") { length score explanation } }',
  '{ paths(fromId: "mali", toId: "france", maxHops: 4, first: 5, orderBy: SCORE) { score } }',
  '{ timeline(actorId: "jnim") { nodes { event { id } participants { role } } } }',
  '{ allegations { nodes { id corroboration denials { actor { id } } } } }',
];

async function main(): Promise<void> {
  const neo4j = await startLocalNeo4j({
    heap: process.env.NEO4J_HEAP ?? '1g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '256m',
  });
  const config = loadConfig({
    NODE_ENV: 'development',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
  });
  const db = new Database(createDriver({ ...config.neo4j, uri: neo4j.uri, maxPoolSize: 100 }), config.neo4j);
  try {
    await migrate(db);
    await loadSeed(db);
    const app = await startApp({
      config: { ...config, host: '127.0.0.1', port: 0 },
      db,
      schema: await buildGraphSchema(),
      logger: createLogger('silent'),
    });
    try {
      const result = await autocannon({
        url: app.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: OPERATIONS.map((query) => ({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })),
      });
      const failed = result.errors + result.timeouts + result.non2xx;
      process.stdout.write(
        [
          `load: ${CONNECTIONS} connections for ${SECONDS} s on 127.0.0.1, ${OPERATIONS.length} operations in rotation (lookups, search, lists, traversals)`,
          `requests: ${result.requests.total} (${result.requests.average.toFixed(0)}/s average)`,
          `latency ms: p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`,
          `errors: ${result.errors}, timeouts: ${result.timeouts}, non-2xx: ${result.non2xx}`,
        ].join('\n') + '\n',
      );
      if (failed > 0) process.exitCode = 1;
    } finally {
      await app.stop();
    }
  } finally {
    await db.close();
    await neo4j.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
