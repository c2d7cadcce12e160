import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { CurationService } from '../curation/curation.service';
import { migrate } from '../db';
import { BadUserInputError } from '../errors';
import { runWithDatabase } from './run-with-database';

/**
 * `npm run import -- FILE [--dry-run]`: the importBundle use case (CurationService): validates the
 * bundle, then locks, checks and writes it in one transaction (UNWIND batches of 1,000) with a
 * progress bar; a dry run counts and rolls back.
 */
const { values, positionals } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, allowPositionals: true });

void runWithDatabase(async (db) => {
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import -- FILE [--dry-run]');
  const started = performance.now();
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  await migrate(db);
  // noTTYOutput: CI logs and pipes get the bar too, as a line now and then.
  const bar = new SingleBar(
    { format: 'importing [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2_000 },
    Presets.shades_classic,
  );
  let barStarted = false;
  try {
    const summary = await new CurationService(db).importBundle(json, {
      who: process.env.USER ? `cli:${process.env.USER}` : 'cli',
      operation: 'import',
      dryRun: values['dry-run'],
      onProgress: (done, total) => {
        if (!barStarted) {
          bar.start(total, 0);
          barStarted = true;
        }
        bar.update(done);
      },
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const line = (label: string, c: { created: number; updated: number; unchanged: number }) =>
      `${label.padEnd(14)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`;
    process.stdout.write(
      [
        `${values['dry-run'] ? 'dry run (nothing written)' : 'imported'} ${file} in ${seconds.toFixed(1)} s`,
        line('nodes', summary.nodes),
        line('relationships', summary.relationships),
      ].join('\n') + '\n',
    );
  } catch (error) {
    bar.stop();
    if (error instanceof BadUserInputError) {
      throw new Error(`${file} was not imported (nothing written):\n${error.problems.map((p) => `  ${p.record ? `${p.record} ` : ''}${p.field}: ${p.reason}`).join('\n')}`, { cause: error });
    }
    throw error;
  }
});
