import 'reflect-metadata';
import { migrate } from '../db';
import { loadSeed } from '../seed/seed-loader';
import { runWithDatabase } from './run-with-database';

/** `npm run seed`: migrates, then loads seed/sahel.bundle.json (idempotent: MERGE by id). */
void runWithDatabase(async (db) => {
  await migrate(db);
  const summary = await loadSeed(db);
  process.stdout.write(`seed loaded: nodes ${JSON.stringify(summary.nodes)}, relationships ${JSON.stringify(summary.relationships)}\n`);
});
