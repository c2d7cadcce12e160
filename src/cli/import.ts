import 'reflect-metadata';
import { createReadStream, readFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { CurationService } from '../curation/curation.service';
import { migrate } from '../db';
import { BadUserInputError } from '../errors';
import { AcledImportService } from '../interop/acled/acled.service';
import { importInFormat } from '../interop/stix/stix.service';
import type { Reliability } from '../model/vocabulary';
import { parseCommandLine, usageError } from './command-line';
import { runWithDatabase } from './run-with-database';

/**
 * `npm run import -- FILE [--dry-run]`: the importBundle use case (CurationService): validates the
 * bundle, then locks, checks and writes it in one transaction (UNWIND batches of 1,000) with a
 * progress bar on stderr; a dry run counts and rolls back. The summary is the command's output
 * (stdout).
 */
const USAGE = `Usage: npm run import -- FILE [--dry-run]
       npm run import -- --format acled FILE.csv [--credibility 1-6] [--reliability A-F] [--dry-run]
       node dist/src/cli/import.js FILE [--dry-run]

Imports a bundle (the JSON format of \`npm run export\` and seed/): validates it, then writes it
all or nothing in one transaction, creating or updating entities and relationships by id.
Prints created / updated / unchanged counts on stdout; progress and logs go to stderr.

Options:
  --format F   bundle (default); stix: a STIX 2.1 bundle (OpenCTI, MISP, /export/stix.json),
               converted to a bundle first, objects the model has no place for counted;
               acled: an ACLED CSV export (README, "ACLED import")
  --dry-run    validate and count, then roll back: nothing is written
  --credibility N   acled: information credibility 1-6 of what the file says (default 3)
  --reliability R   acled: reliability A-F of the outlets ACLED names (default F)
  -h, --help   this text

Neo4j: NEO4J_URI, else the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT (npm start),
else one started on NEO4J_LOCAL_DATA_DIR for the import.

Examples:
  npm run import -- my-bundle.json --dry-run
  NEO4J_URI=bolt://db.example:7687 NEO4J_PASSWORD=... npm run import -- my-bundle.json`;

const { values, positionals } = parseCommandLine({
  usage: USAGE,
  options: {
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string', default: 'bundle' },
    credibility: { type: 'string' },
    reliability: { type: 'string' },
  },
  allowPositionals: true,
});
if (positionals.length !== 1)
  usageError(
    positionals.length
      ? `one bundle file at a time (got ${positionals.length})`
      : 'which bundle? npm run import -- FILE',
  );
const file = positionals[0];
const FORMATS: readonly string[] = ['bundle', 'stix', 'acled'];
if (!FORMATS.includes(values.format)) usageError(`--format must be bundle, stix or acled (got "${values.format}")`);
const acled = values.format === 'acled';
if (!acled && (values.credibility !== undefined || values.reliability !== undefined))
  usageError('--credibility and --reliability are for --format acled');

void runWithDatabase(async (db) => {
  const started = performance.now();
  const json = acled ? undefined : readBundleFile(file);
  await migrate(db);
  // noTTYOutput: CI logs and pipes get the bar too, as a line now and then.
  const bar = new SingleBar(
    {
      format: 'importing [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}',
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2_000,
    },
    Presets.shades_classic,
  );
  let barStarted = false;
  try {
    const options = {
      who: process.env.USER ? `cli:${process.env.USER}` : 'cli',
      operation: 'import',
      dryRun: values['dry-run'],
      onProgress: (done: number, total: number) => {
        if (!barStarted) {
          bar.start(total, 0);
          barStarted = true;
        }
        bar.update(done);
      },
    };
    const summary = acled
      ? await new AcledImportService(db).importCsv(createReadStream(file), {
          ...options,
          operation: 'import.acled',
          credibility: values.credibility === undefined ? undefined : Number(values.credibility),
          reliability: values.reliability as Reliability | undefined,
        })
      : await importInFormat(values.format, new CurationService(db), json, options);
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const line = (label: string, c: { created: number; updated: number; unchanged: number }) =>
      `${label.padEnd(14)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`;
    process.stdout.write(
      [
        `${values['dry-run'] ? 'dry run (nothing written)' : 'imported'} ${file} in ${seconds.toFixed(1)} s`,
        line('nodes', summary.nodes),
        line('relationships', summary.relationships),
        ...Object.entries(('skipped' in summary ? summary.skipped : undefined) ?? {}).map(
          ([why, n]) => `skipped        ${n} ${why}`,
        ),
      ].join('\n') + '\n',
    );
  } catch (error) {
    bar.stop();
    if (error instanceof BadUserInputError) {
      throw new Error(
        `${file} was not imported (nothing written):\n${error.problems.map((p) => `  ${p.record ? `${p.record} ` : ''}${p.field}: ${p.reason}`).join('\n')}`,
        { cause: error },
      );
    }
    throw error;
  }
});

function readBundleFile(bundlePath: string): unknown {
  let text: string;
  try {
    text = readFileSync(bundlePath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${bundlePath}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${bundlePath} is not JSON (nothing written): ${(error as Error).message}`, { cause: error });
  }
}
