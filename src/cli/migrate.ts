import 'reflect-metadata';
import { migrate } from '../db';
import { runWithDatabase } from './run-with-database';

/** `npm run migrate`: applies pending migrations from cypher/migrations. */
void runWithDatabase(async (db) => {
  const applied = await migrate(db);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'migrations are current\n');
});
