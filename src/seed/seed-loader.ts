import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadSummary } from '../bundle/load';
import { CurationService } from '../curation/curation.service';
import type { Database } from '../db';
import { SEED_DIR } from '../paths';

/** The seed graph: the Sahel conflict as reported in shared/sources (see seed/README.md). */
export const SEED_FILE = path.join(SEED_DIR, 'sahel.bundle.json');

export function readSeedBundle(file = SEED_FILE): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export async function loadSeed(db: Database, file = SEED_FILE): Promise<LoadSummary> {
  return new CurationService(db).importBundle(readSeedBundle(file), { who: 'system', operation: 'seed' });
}

/** Loads the seed only into an empty graph, so start-up never overwrites curated data. */
export async function seedIfEmpty(db: Database, file = SEED_FILE): Promise<LoadSummary | undefined> {
  const [row] = await db.read<{ empty: boolean }>('seed.isEmpty', 'RETURN NOT EXISTS { MATCH (:Entity) } AS empty');
  return row.empty ? loadSeed(db, file) : undefined;
}
