import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ExportRepository, exportWholeBundle, streamExport, streamNeo4jCsv, NEO4J_CSV_FILES } from '../bundle/export';
import { exportStix } from '../interop/stix/stix.service';
import { parseTlp } from '../interop/stix/stix-markings';
import { parseCommandLine, usageError } from './command-line';
import { runWithDatabase, warnIfNpmBannerOnStdout } from './run-with-database';

const USAGE = `Usage: npm run --silent export -- [--format json|graphml|csv|neo4j-csv|stix] [--tlp LEVEL] [--out PATH]
       node dist/src/cli/export.js [--format json|graphml|csv|neo4j-csv|stix] [--tlp LEVEL] [--out PATH]

Exports the whole graph (retracted items left out) at a TLP level: nothing above --tlp
leaves, in any format (docs/security.md).

Options:
  -f, --format FORMAT  json (the bundle format, imports again with \`npm run import\`; default),
                       graphml (Gephi, yEd), csv (nodes.csv and edges.csv, for spreadsheets),
                       neo4j-csv (lossless, in the header convention of neo4j-admin's bulk
                       importer: nodes.csv, relationships.csv, empty-lists.jsonl, manifest.json;
                       loads offline with \`npm run import:bulk -- PATH\`) or stix (a STIX 2.1
                       bundle for OpenCTI and MISP; docs/stix.md)
      --tlp LEVEL      every format: the export's TLP level, CLEAR (default), GREEN, AMBER,
                       AMBER+STRICT or RED. Sources above it, items with their own level
                       above it and items resting only on such sources are left out, and
                       kept items cite only the kept sources. A full copy (a backup, a
                       neo4j-csv bulk load) needs --tlp RED
  -o, --out PATH       json, graphml: the file to write (missing folders are created);
                       without it the data goes to stdout and nothing else does.
                       csv, neo4j-csv: the folder for the files (created if missing; default .)
  -h, --help           this text

Neo4j: NEO4J_URI, else the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT (npm start),
else one started on NEO4J_LOCAL_DATA_DIR for the export. Logs and timing go to stderr.

Examples:
  npm run --silent export -- --format json > graph.json
  npm run export -- --format csv --out ./export
  npm run export -- --format neo4j-csv --out ./bulk && npm run import:bulk -- ./bulk
  npm run --silent export -- --format stix --tlp GREEN --out sahel.stix.json
  npm run export -- --format neo4j-csv --tlp RED --out ./backup`;

const FORMATS = ['json', 'graphml', 'csv', 'neo4j-csv', 'stix'] as const;
const FOLDER_FORMATS: readonly string[] = ['csv', 'neo4j-csv'];

const { values } = parseCommandLine({
  usage: USAGE,
  options: {
    format: { type: 'string', short: 'f', default: 'json' },
    out: { type: 'string', short: 'o' },
    tlp: { type: 'string', default: 'CLEAR' },
  },
});
const format = values.format as (typeof FORMATS)[number];
if (!FORMATS.includes(format))
  usageError(`--format must be json, graphml, csv, neo4j-csv or stix (got "${values.format}")`);
const tlp = parseTlp(values.tlp);
if (!tlp) usageError(`--tlp must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED (got "${values.tlp}")`);
if (!values.out && !FOLDER_FORMATS.includes(format)) warnIfNpmBannerOnStdout('export');

void runWithDatabase(async (db) => {
  // The operator's view lowered to the asked level: the default (CLEAR) never leaks by omission.
  const repo = new ExportRepository(db).lowered(tlp);
  const started = performance.now();
  if (format === 'json' || format === 'stix') {
    const exported = format === 'json' ? await exportWholeBundle(repo) : await exportStix(repo, tlp);
    const text = JSON.stringify(exported, null, 2) + '\n';
    await (values.out ? writeFile(values.out, (write) => write(text)) : writeStdout(text));
  } else if (format === 'graphml') {
    if (values.out) await writeFile(values.out, (write) => streamExport(repo, 'graphml', write));
    else await streamExport(repo, 'graphml', writeStdout);
  } else if (format === 'csv') {
    const dir = values.out ?? '.';
    mkdirSync(dir, { recursive: true });
    for (const file of ['nodes.csv', 'edges.csv'] as const) {
      await writeFile(path.join(dir, file), (write) => streamExport(repo, file, write));
    }
  } else {
    await exportNeo4jCsv(repo, values.out ?? '.');
  }
  const where = FOLDER_FORMATS.includes(format)
    ? path.resolve(values.out ?? '.')
    : values.out
      ? path.resolve(values.out)
      : 'stdout';
  process.stderr.write(
    `exported (${format}) to ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s, TLP:${tlp} and below\n`,
  );
});

/** The four files of the neo4j-csv format; manifest.json last, so a folder with one is complete. */
async function exportNeo4jCsv(repo: ExportRepository, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const manifestFile = path.join(dir, NEO4J_CSV_FILES.manifest);
  rmSync(manifestFile, { force: true });
  const { nodes: nodesFile, relationships: relationshipsFile, emptyLists: emptyListsFile } = NEO4J_CSV_FILES;
  const handles = await Promise.all(
    [nodesFile, relationshipsFile, emptyListsFile].map((file) => open(path.join(dir, file), 'w')),
  );
  try {
    const [nodes, relationships, emptyLists] = handles;
    const manifest = await streamNeo4jCsv(repo, {
      nodes: async (chunk) => void (await nodes.write(chunk)),
      relationships: async (chunk) => void (await relationships.write(chunk)),
      emptyLists: async (chunk) => void (await emptyLists.write(chunk)),
    });
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    process.stderr.write(
      `${manifest.counts.nodes} nodes, ${manifest.counts.relationships} relationships` +
        (manifest.multilineFields ? ' (some text spans lines: the load runs with --multiline-fields)' : '') +
        '\n',
    );
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
}

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
