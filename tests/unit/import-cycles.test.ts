import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * No file of src/ imports itself back through others, type-only imports included (issue 21):
 * oxlint's import/no-cycle passes over `import type`, yet a type cycle still ties two files'
 * changes together. A depth-first walk of the relative imports finds any cycle.
 */
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(path.posix.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.posix.join(dir, entry.name)]
        : [],
  );
}

/** The src files a file imports (`import` and `export ... from`, types included), resolved. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^'";]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]);
  return specifiers.flatMap((specifier) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const found = [`${base}.ts`, `${base}/index.ts`].find((candidate) => existsSync(path.join(ROOT, candidate)));
    return found ? [found] : [];
  });
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('file imports in src/', () => {
  const files = sourceFiles('src');
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('reads the import graph', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('finds a cycle when there is one', () => {
    const toy = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(toy)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('has no cycle, type-only imports included', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
