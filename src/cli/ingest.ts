import 'reflect-metadata';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { clearanceOf, loadConfig } from '../config';
import { migrate, Visibility } from '../db';
import { DocumentService } from '../documents/document.service';
import { BadUserInputError } from '../errors';
import { Reliability, SourceKind, Tlp } from '../model/vocabulary';
import { parseCommandLine, usageError } from './command-line';
import { runWithDatabase } from './run-with-database';

/**
 * `npm run ingest -- FILE…`: each file becomes a document (a Source with its full text), one
 * write transaction per document, as ingestDocument does (src/documents/document.service.ts).
 */
const USAGE = `Usage: npm run ingest -- FILE... [options]
       node dist/src/cli/ingest.js FILE... [options]

Ingests each FILE (.txt, .md, .html, .pdf; the format is told by content, then extension) as a
document: a Source with its full text kept, normalised (NFC, LF line ends), with a content hash.
A file whose text is already held is reported as a duplicate and nothing is written for it. One
transaction per document; a file that cannot be read is reported and the others still go in
(exit 1 when any failed). Files over DOCUMENT_MAX_BYTES (10 MB) are refused before they are read.

Options (the same for every FILE given):
  --title T          title (default: the document's own, else the file name)
  --kind K           ${Object.values(SourceKind).join(', ')} (default REPORT)
  --publisher P      publisher
  --author A         author
  --url U            http(s) URL of the original
  --published D      published date: YYYY, YYYY-MM or YYYY-MM-DD
  --undated          the document states no date (give this or --published)
  --language L       language code, e.g. en, fr
  --reliability R    source reliability A-F (default F, "cannot be judged")
  --tlp LEVEL        CLEAR, GREEN, AMBER, AMBER+STRICT or RED (default CLEAR)
  --id ID            the Source id (one FILE only; default: from the title and the hash)
  -h, --help         this text

Neo4j: NEO4J_URI, else the local Neo4j running on 127.0.0.1:NEO4J_LOCAL_PORT, else one started
on NEO4J_LOCAL_DATA_DIR for the command.

Examples:
  npm run ingest -- report.pdf --published 2025-11 --reliability C --language en
  npm run ingest -- notes.md article.html --undated --tlp AMBER`;

const { values, positionals } = parseCommandLine({
  usage: USAGE,
  options: {
    title: { type: 'string' },
    kind: { type: 'string', default: SourceKind.REPORT },
    publisher: { type: 'string' },
    author: { type: 'string' },
    url: { type: 'string' },
    published: { type: 'string' },
    undated: { type: 'boolean', default: false },
    language: { type: 'string' },
    reliability: { type: 'string', default: Reliability.F },
    tlp: { type: 'string', default: Tlp.CLEAR },
    id: { type: 'string' },
  },
  allowPositionals: true,
});

if (positionals.length === 0) usageError('which documents? npm run ingest -- FILE...');
if (values.id !== undefined && positionals.length > 1) usageError('--id names one document: give one FILE with it');
if (!(Object.values(SourceKind) as string[]).includes(values.kind))
  usageError(`--kind must be one of ${Object.values(SourceKind).join(', ')} (got "${values.kind}")`);
if (!(Object.values(Reliability) as string[]).includes(values.reliability))
  usageError(`--reliability must be A to F (got "${values.reliability}")`);
const tlp = clearanceOf(values.tlp) ?? usageError(`--tlp must be a TLP level (got "${values.tlp}")`);
const who = process.env.USER ? `cli:${process.env.USER}` : 'cli';

void runWithDatabase(async (db) => {
  await migrate(db);
  const { documents: limits } = loadConfig(process.env);
  // The operator's tool: it writes at any level, as the other command-line imports do.
  const service = new DocumentService(db, Visibility.operator(db), limits);
  let failed = 0;
  for (const file of positionals) {
    try {
      checkFileSize(file, limits.maxBytes);
      const document = await service.ingest(
        {
          ...metadata(),
          content: { bytes: readFileSync(file), field: file, filename: path.basename(file) },
        },
        who,
      );
      process.stdout.write(
        `${document.duplicate ? 'duplicate' : 'ingested'} ${file}: ${document.id} (${document.format}, ${document.length} characters, sha256 ${document.contentHash.slice(0, 12)}…)\n`,
      );
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      failed += 1;
      process.stderr.write(`not ingested: ${error.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}\n`);
    }
  }
  if (failed) throw new Error(`${failed} of ${positionals.length} documents not ingested`);
});

/** The flags as the service's metadata; the id and title only go with one file. */
function metadata() {
  return {
    kind: values.kind as SourceKind,
    reliability: values.reliability as Reliability,
    tlp,
    undated: values.undated,
    ...(values.id ? { id: values.id } : {}),
    ...(values.title ? { title: values.title } : {}),
    ...(values.publisher ? { publisher: values.publisher } : {}),
    ...(values.author ? { author: values.author } : {}),
    ...(values.url ? { url: values.url } : {}),
    ...(values.published ? { published: values.published } : {}),
    ...(values.language ? { language: values.language } : {}),
  };
}

/** Refused from the file system's size, before a byte of it is read. */
function checkFileSize(file: string, maxBytes: number): void {
  const size = statSync(file).size;
  if (size > maxBytes) {
    throw BadUserInputError.field(
      file,
      `is ${size} bytes: a document may have at most ${maxBytes} bytes (DOCUMENT_MAX_BYTES)`,
    );
  }
}
