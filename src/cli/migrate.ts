import 'reflect-metadata';
import { migrate } from '../db';
import { parseCommandLine } from './command-line';
import { runWithDatabase } from './run-with-database';

/** `npm run migrate`: applies pending migrations from cypher/migrations. */
parseCommandLine({
  usage: `Usage: npm run migrate

Applies the pending migrations from cypher/migrations (constraints, indexes, data changes) and
prints which ran. Neo4j: NEO4J_URI, else the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT,
else one started on NEO4J_LOCAL_DATA_DIR.`,
  options: {},
});

void runWithDatabase(async (db) => {
  const applied = await migrate(db);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'migrations are current\n');
});
