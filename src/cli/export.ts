import 'reflect-metadata';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExportRepository } from '../bundle/export.repository';
import { exportWholeBundle, streamExport } from '../bundle/export.service';
import { runWithDatabase } from './run-with-database';

/**
 * `npm run export -- --format json|graphml|csv [--out PATH]`
 * json and graphml go to --out (a file) or stdout; csv writes nodes.csv and edges.csv into --out
 * (a folder, default the current one).
 */
const { values } = parseArgs({ options: { format: { type: 'string', default: 'json' }, out: { type: 'string' } } });

void runWithDatabase(async (db) => {
  const repo = new ExportRepository(db);
  const started = performance.now();
  const format = values.format;
  if (format === 'json') {
    const text = JSON.stringify(await exportWholeBundle(repo), null, 2) + '\n';
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
  } else if (format === 'graphml') {
    if (values.out) {
      await writeFile(values.out, (write) => streamExport(repo, 'graphml', write));
    } else {
      await streamExport(repo, 'graphml', (chunk) => new Promise<void>((resolve) => (process.stdout.write(chunk) ? resolve() : process.stdout.once('drain', resolve))));
    }
  } else if (format === 'csv') {
    const dir = values.out ?? '.';
    for (const file of ['nodes.csv', 'edges.csv'] as const) {
      await writeFile(path.join(dir, file), (write) => streamExport(repo, file, write));
    }
  } else {
    throw new Error(`--format must be json, graphml or csv (got "${format}")`);
  }
  process.stderr.write(`exported (${format}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
});

/** Streams chunks into a file, respecting back-pressure, and waits until it is flushed. */
async function writeFile(file: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<void> {
  const out = createWriteStream(file);
  await produce((chunk) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once('drain', () => resolve()))));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
