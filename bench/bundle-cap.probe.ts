import 'reflect-metadata';
import neo4j from 'neo4j-driver';
import { BundleRepository } from '../src/bundle/load';
import { parseBundleFields } from '../src/bundle/validate';
import { migrate, Database } from '../src/db';
import { generateBundle } from '../tools/generate-bundle';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:bundle-cap`: how large a bundle ONE importBundle transaction holds. Writes
 * importBundle's transaction (locks, checks, the write and its history; past the service's caps,
 * which are what this measures), then rolls it back, for generated bundles of growing size, a third actors
 * and two thirds relationships, into a throw-away Neo4j with NEO4J_HEAP (default 512m, the
 * production default of docker-compose.yml), and prints, per size: JSON bytes, JSON.parse and
 * field-validation time in Node, and the transaction's time or its error. Stops at the first
 * failure. PROBE_SIZES: comma-separated record counts (default 5k ... 160k, doubling);
 * PROBE_TEXT: characters of description given to every actor, and of excerpt (at most 1000) to
 * every claim (default 0: the small records of tools/generate-bundle.ts; 2000 is the most a
 * description takes), to measure bytes rather than records.
 */
const SIZES = (process.env.PROBE_SIZES ?? '5000,10000,20000,40000,80000,160000').split(',').map(Number);
const TEXT = 'x'.repeat(Number(process.env.PROBE_TEXT ?? 0));

/** generateBundle's records, with long texts when PROBE_TEXT is set. */
function probeBundle(records: number): Record<string, unknown> {
  const actors = Math.ceil(records / 3);
  const bundle = generateBundle(actors, records - actors) as Record<string, Array<Record<string, unknown>>>;
  if (!TEXT) return bundle;
  for (const actor of bundle.actors) actor.description = TEXT;
  for (const claim of [...bundle.actors, ...bundle.relationships]) claim.excerpt = TEXT.slice(0, 1_000);
  return bundle;
}

/** Thrown at the end of the work: the transaction rolls back, as a dry run does. */
class RolledBack extends Error {}

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (start: bigint) => (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);

async function main(): Promise<void> {
  const heap = process.env.NEO4J_HEAP ?? '512m';
  const server = await startLocalNeo4j({ heap, pageCache: process.env.NEO4J_PAGECACHE ?? '64m' });
  const driver = neo4j.driver(server.uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  try {
    const db = new Database(driver, { database: 'neo4j', transactionTimeoutMs: 600_000 });
    await migrate(db);
    const bundles = new BundleRepository();
    log(`Neo4j heap ${heap}, descriptions of ${TEXT.length} characters`);
    for (const records of SIZES) {
      const text = JSON.stringify(probeBundle(records));
      let start = process.hrtime.bigint();
      const json = JSON.parse(text) as unknown;
      const parse = seconds(start);
      start = process.hrtime.bigint();
      const bundle = parseBundleFields(json);
      const validate = seconds(start);
      start = process.hrtime.bigint();
      let outcome: string;
      try {
        await db.writeTransaction('probe.importBundle', async (tx) => {
          await bundles.lockCheckAndWrite(tx, bundle, { who: 'probe', operation: 'importBundle' });
          throw new RolledBack();
        });
        outcome = 'committed?';
      } catch (error) {
        outcome =
          error instanceof RolledBack
            ? `transaction ${seconds(start)} s`
            : `FAILED after ${seconds(start)} s: ${(error as Error).message.slice(0, 200)}`;
      }
      const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
      log(
        `${records} records, ${(text.length / 1e6).toFixed(1)} MB: JSON.parse ${parse} s, fields ${validate} s, ${outcome} (node rss ${rss} MiB)`,
      );
      if (outcome.startsWith('FAILED')) break;
    }
  } finally {
    await driver.close();
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
