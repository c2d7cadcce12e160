import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root (where package.json is), found from this file so that the same code works
 * from src/ under jest and from dist/ after `npm run build`.
 */
export const PROJECT_ROOT = findUp(__dirname);

function findUp(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'cypher'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project root above ${start}`);
  }
}

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');
export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');
export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
/** The browser pages and bundles that `npm run build` makes (tools/web/build-web.ts). */
export const WEB_DIR = path.join(PROJECT_ROOT, 'dist', 'web');
