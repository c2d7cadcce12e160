import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR } from '../paths';
import type { Database } from './database';

/**
 * Applies cypher/migrations/NNNN_name.cypher in order, each once: an applied migration is
 * recorded as a (:Migration {id, checksum, appliedAt}) node. Statements are idempotent
 * (IF NOT EXISTS) because Neo4j runs schema changes in their own transactions, so a crash
 * between a statement and its record must be safe to repeat.
 */

export const MIGRATIONS_DIR = path.join(CYPHER_DIR, 'migrations');
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.cypher$/;

export interface Migration {
  id: string;
  file: string;
  checksum: string;
  statements: string[];
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Splits a migration into statements: `;` at the end of a line ends one; `//` lines are comments. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.cypher'))
    .sort();
  return files.map((file) => {
    if (!FILE_PATTERN.test(file)) {
      throw new MigrationError(file, new Error('file name must look like 0001_short_name.cypher'));
    }
    const text = readFileSync(path.join(dir, file), 'utf8');
    return {
      id: file.replace(/\.cypher$/, ''),
      file,
      checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
      statements: splitStatements(text),
    };
  });
}

export async function appliedMigrationIds(db: Database): Promise<Set<string>> {
  const rows = await db.read<{ id: string }>('migrations.applied', 'MATCH (m:Migration) RETURN m.id AS id');
  return new Set(rows.map((row) => row.id));
}

/** Returns the ids it applied (empty when the graph was already current). */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  const applied = await appliedMigrationIds(db);
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    try {
      for (const statement of migration.statements) {
        await db.schemaWrite(`migration.${migration.id}`, statement);
      }
      await db.write(
        'migrations.record',
        'MERGE (m:Migration {id: $id}) SET m.checksum = $checksum, m.appliedAt = datetime()',
        { id: migration.id, checksum: migration.checksum },
      );
    } catch (error) {
      throw new MigrationError(migration.file, error);
    }
    done.push(migration.id);
  }
  return done;
}

/** True when every migration on disk is recorded in the graph (used by /readyz). */
export async function migrationsCurrent(db: Database, migrations = readMigrations()): Promise<boolean> {
  const applied = await appliedMigrationIds(db);
  return migrations.every((migration) => applied.has(migration.id));
}
