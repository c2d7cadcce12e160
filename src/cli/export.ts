import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ExportRepository } from '../bundle/export.repository';
import { exportWholeBundle, streamExport } from '../bundle/export.service';
import { exportStix } from '../interop/stix/stix.service';
import { parseTlp } from '../interop/stix/stix-markings';
import { parseCommandLine, usageError } from './command-line';
import { runWithDatabase, warnIfNpmBannerOnStdout } from './run-with-database';

const USAGE = `Usage: npm run --silent export -- [--format json|graphml|csv|stix] [--tlp LEVEL] [--out PATH]
       node dist/src/cli/export.js [--format json|graphml|csv|stix] [--tlp LEVEL] [--out PATH]

Exports the whole graph (retracted items left out).

Options:
  -f, --format FORMAT  json (the bundle format, imports again with \`npm run import\`; default),
                       graphml (Gephi, yEd), csv (nodes.csv and edges.csv) or stix
                       (a STIX 2.1 bundle for OpenCTI and MISP; README, "STIX 2.1")
      --tlp LEVEL      stix: the export's TLP level, CLEAR (default), GREEN, AMBER,
                       AMBER+STRICT or RED; items of sources above it are left out
  -o, --out PATH       json, graphml: the file to write (missing folders are created);
                       without it the data goes to stdout and nothing else does.
                       csv: the folder for nodes.csv and edges.csv (created if missing; default .)
  -h, --help           this text

Neo4j: NEO4J_URI, else the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT (npm start),
else one started on NEO4J_LOCAL_DATA_DIR for the export. Logs and timing go to stderr.

Examples:
  npm run --silent export -- --format json > graph.json
  npm run export -- --format csv --out ./export
  npm run --silent export -- --format stix --tlp GREEN --out sahel.stix.json`;

const FORMATS = ['json', 'graphml', 'csv', 'stix'] as const;

const { values } = parseCommandLine({
  usage: USAGE,
  options: {
    format: { type: 'string', short: 'f', default: 'json' },
    out: { type: 'string', short: 'o' },
    tlp: { type: 'string', default: 'CLEAR' },
  },
});
const format = values.format as (typeof FORMATS)[number];
if (!FORMATS.includes(format)) usageError(`--format must be json, graphml, csv or stix (got "${values.format}")`);
const tlp = parseTlp(values.tlp);
if (!tlp) usageError(`--tlp must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED (got "${values.tlp}")`);
if (!values.out && format !== 'csv') warnIfNpmBannerOnStdout('export');

void runWithDatabase(async (db) => {
  const repo = new ExportRepository(db);
  const started = performance.now();
  if (format === 'json' || format === 'stix') {
    const exported = format === 'json' ? await exportWholeBundle(repo) : await exportStix(repo, tlp);
    const text = JSON.stringify(exported, null, 2) + '\n';
    await (values.out ? writeFile(values.out, (write) => write(text)) : writeStdout(text));
  } else if (format === 'graphml') {
    if (values.out) await writeFile(values.out, (write) => streamExport(repo, 'graphml', write));
    else await streamExport(repo, 'graphml', writeStdout);
  } else {
    const dir = values.out ?? '.';
    mkdirSync(dir, { recursive: true });
    for (const file of ['nodes.csv', 'edges.csv'] as const) {
      await writeFile(path.join(dir, file), (write) => streamExport(repo, file, write));
    }
  }
  const where = format === 'csv' ? path.resolve(values.out ?? '.') : values.out ? path.resolve(values.out) : 'stdout';
  process.stderr.write(`exported (${format}) to ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
});

/** Writes to stdout, waiting while the reader is behind (back-pressure). */
function writeStdout(chunk: string): Promise<void> {
  return new Promise<void>((resolve) =>
    process.stdout.write(chunk) ? resolve() : process.stdout.once('drain', resolve),
  );
}

/** Writes chunks into a file (its folder created if missing); an I/O error rejects instead of crashing. */
async function writeFile(
  file: string,
  produce: (write: (chunk: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const handle = await open(file, 'w');
  try {
    await produce(async (chunk) => {
      await handle.write(chunk);
    });
  } finally {
    await handle.close();
  }
}
