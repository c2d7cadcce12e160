import 'reflect-metadata';
import { migrate } from '../db';
import { loadSeed } from '../seed/seed-loader';
import { parseCommandLine } from './command-line';
import { runWithDatabase } from './run-with-database';

/** `npm run seed`: migrates, then loads seed/sahel.bundle.json (idempotent: MERGE by id). */
parseCommandLine({
  usage: `Usage: npm run seed

Migrates, then loads seed/sahel.bundle.json (idempotent: MERGE by id). Neo4j: NEO4J_URI, else
the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT, else one started on NEO4J_LOCAL_DATA_DIR.`,
  options: {},
});

void runWithDatabase(async (db) => {
  await migrate(db);
  const summary = await loadSeed(db);
  process.stdout.write(
    `seed loaded: nodes ${JSON.stringify(summary.nodes)}, relationships ${JSON.stringify(summary.relationships)}\n`,
  );
});
