import 'reflect-metadata';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createDriver, Database, migrate } from '../src/db';
import { StixImportService } from '../src/interop/stix/stix-import.service';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';
import { syntheticStixBundle } from '../tools/synthetic-stix';

/**
 * `npm run build && node dist/bench/stix.bench.js`: how many STIX objects one importStix transaction holds on the test
 * Neo4j's heap (NEO4J_HEAP, default 768m as in tests/support/global-setup.ts). Imports synthetic
 * bundles of growing size (BENCH_STIX_SIZES, objects) into an emptied graph and prints, for each,
 * the bytes, the wall-clock time, the longest event-loop stall and garbage collection, and the outcome.
 */
const SIZES = (process.env.BENCH_STIX_SIZES ?? '5000,10000,20000,40000,80000').split(',').map(Number);

async function main(): Promise<void> {
  const neo4j = await startLocalNeo4j({ heap: process.env.NEO4J_HEAP ?? '768m', pageCache: '128m' });
  const driver = createDriver({
    uri: neo4j.uri,
    user: 'neo4j',
    password: '',
    acquisitionTimeoutMs: 5_000,
    maxPoolSize: 5,
  });
  const db = new Database(driver, { database: 'neo4j', transactionTimeoutMs: 300_000 });
  try {
    await migrate(db);
    for (const size of SIZES) {
      await db.write('bench.clear', 'MATCH (n) WHERE n:Entity OR n:Change DETACH DELETE n');
      const bundle = syntheticStixBundle(size, String(size));
      const bytes = JSON.stringify(bundle).length;
      const lag = monitorEventLoopDelay({ resolution: 10 });
      let longestGc = 0;
      const gc = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
      });
      gc.observe({ entryTypes: ['gc'] });
      lag.enable();
      const started = performance.now();
      let outcome: string;
      try {
        const summary = await new StixImportService(db).import(bundle, {
          who: 'bench',
          limits: { maxObjects: Infinity, maxBytes: Infinity },
        });
        outcome = `ok: ${summary.nodes.created} nodes, ${summary.relationships.created} relationships`;
      } catch (error) {
        const code = (error as { extensions?: { code?: string } }).extensions?.code;
        outcome = `${code ?? 'error'}: ${(error as Error).message.slice(0, 160)}`;
      }
      lag.disable();
      gc.disconnect();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `${size} objects, ${(bytes / 1e6).toFixed(1)} MB: ${seconds} s, longest event-loop stall ${(lag.max / 1e6).toFixed(0)} ms (longest garbage collection ${longestGc.toFixed(0)} ms), rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, ${outcome}\n`,
      );
    }
  } finally {
    await db.close();
    await neo4j.stop();
  }
}

void main();
