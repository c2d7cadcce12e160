import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Keeps the Cypher snapshots complete: every operation name the service runs statements under
 * (found in src/ by grep) appears in a pinned snapshot of tests/cypher, and every full statement a
 * repository exports appears in one, word for word. A new repository method or statement without
 * a snapshot fails here, naming it. (Reads the files only: no other test's state.)
 */

const ROOT = path.join(__dirname, '..', '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );

const sourceFiles = filesUnder(path.join(ROOT, 'src')).filter((file) => file.endsWith('.ts'));
/** The snapshots as the statements read: template-literal escapes undone. */
const snapshots = readdirSync(__dirname)
  .filter((file) => file.endsWith('.cypher.test.ts'))
  .map((file) => readFileSync(path.join(__dirname, file), 'utf8').replace(/\\([\\`$])/g, '$1'))
  .join('\n');
const pinnedOperations = new Set([...snapshots.matchAll(/"operation": "([^"]+)"/g)].map((match) => match[1]));

/** `db.read('x', ...)`, `this.db.writeTransaction(\`curation.${op}\`, ...)`: the operation names in src. */
function operationsInSource(): string[] {
  const call = /\b(?:this\.)?db\.(?:read|write|readTransaction|writeTransaction)\s*(?:<[^>]*>)?\(\s*(['`])([^'`]+)\1/g;
  return sourceFiles.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(call)].map((match) => match[2]));
}

describe('Cypher snapshot coverage', () => {
  it('finds the operations of every repository (the grep itself works)', () => {
    const found = operationsInSource();
    expect(found).toEqual(
      expect.arrayContaining([
        'entities.byIds',
        'search.entities',
        'curation.retract',
        'migrations.record',
        'seed.isEmpty',
      ]),
    );
    expect(found.length).toBeGreaterThan(25);
  });

  it('every operation name in src appears in a snapshot', () => {
    const unpinned = operationsInSource().filter((operation) => {
      const pattern = new RegExp(
        `^${operation
          .split(/\$\{[^}]+\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+')}$`,
      );
      return ![...pinnedOperations].some((pinned) => pattern.test(pinned));
    });
    expect(unpinned).toEqual([]);
  });

  it('every statement a repository exports appears word for word in a snapshot', async () => {
    const modules = sourceFiles.filter((file) => /\.(repository|cypher)\.ts$/.test(file));
    const statements: Array<[string, string]> = [];
    for (const file of modules) {
      const exported = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        if (
          typeof value === 'string' &&
          /^\s*(MATCH|UNWIND|CALL|MERGE|OPTIONAL MATCH|CREATE|RETURN|WITH)\b/.test(value)
        ) {
          statements.push([`${path.relative(ROOT, file)}: ${name}`, value.trim()]);
        }
      }
    }
    expect(statements.length).toBeGreaterThan(15);
    expect(statements.filter(([, cypher]) => !snapshots.includes(cypher)).map(([name]) => name)).toEqual([]);
  });
});
