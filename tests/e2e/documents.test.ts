import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { clearGraph, graphCounts, neo4jUri, seededDatabase } from '../support/database';
import { gql } from '../support/http';
import { minimalPdf } from '../support/pdf';

/**
 * Documents in over real HTTP and from the command line (issue 22): the roles at the door, the
 * request body limit before any parsing (a 20 MB body), the document size cap when the body limit
 * lets a large one through, and `npm run ingest` on files (dist/, as npm runs it).
 */

type App = Awaited<ReturnType<typeof startTestApp>>;
const INGEST =
  'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id format duplicate length } }';
const INGEST_CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'ingest.js');

async function ingestCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [INGEST_CLI, ...args], {
      env: { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('documents over HTTP and the command line', () => {
  let db: Database;
  let app: App;
  let roomy: App;
  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db);
    // A deployment that raised the body limit: the document cap (10 MB) still holds.
    roomy = await startTestApp(db, { MAX_BODY_BYTES: '30000000' });
  });
  afterAll(async () => {
    await app.stop();
    await roomy.stop();
    await clearGraph(db);
    await db.close();
  });

  const editor = { 'x-api-key': TEST_KEYS.editor };

  it('an editor ingests HTML; a reader is refused (403) and an anonymous caller asked for credentials (401)', async () => {
    const input = {
      text: '<html><head><title>Over HTTP</title><script>alert(1)</script></head><body><p>JNIM fighters were seen near Kayes, officials said on the radio.</p></body></html>',
      undated: true,
    };
    const written = await gql(app.url, INGEST, { input }, 20_000, editor);
    expect(written.status).toBe(200);
    expect(written.body.data?.ingestDocument).toMatchObject({ format: 'HTML', duplicate: false });
    const reader = await gql(app.url, INGEST, { input: { ...input, text: 'other' } }, 20_000, {
      'x-api-key': TEST_KEYS.reader,
    });
    expect(reader.status).toBe(403);
    expect(reader.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(app.url, INGEST, { input: { ...input, text: 'other' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a 20 MB body is refused before it is parsed, and nothing is written', async () => {
    const before = await graphCounts(db);
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({ query: INGEST, variables: { input: { text: 'a'.repeat(20_000_000), undated: true } } }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(response.status).toBe(413);
    await response.arrayBuffer();
    expect(await graphCounts(db)).toEqual(before);
  });

  it('past a raised body limit, a document over the cap is BAD_USER_INPUT naming the field, nothing written', async () => {
    const before = await graphCounts(db);
    const big = { text: 'word '.repeat(2_200_000), undated: true }; // 11 MB
    const response = await gql(roomy.url, INGEST, { input: big }, 30_000, editor);
    expect(response.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    expect(response.body.errors?.[0].message).toMatch(/at most 10000000 bytes/);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('an unknown document or entity id is NOT_FOUND naming the argument; a known one named nowhere is []', async () => {
    const reader = { 'x-api-key': TEST_KEYS.reader };
    const ask = (query: string) => gql<Record<string, unknown>>(app.url, query, {}, 20_000, reader);
    // A NOT_FOUND nulls its own field only: the sibling root field still answers.
    const unknownDocument = await ask('{ document(id: "no-such-document") { id } about { nodeCount } }');
    expect(unknownDocument.body.errors?.map((error) => error.extensions)).toEqual([
      { code: 'NOT_FOUND', field: 'id', id: 'no-such-document' },
    ]);
    expect(unknownDocument.body.data?.document).toBeNull();
    expect(unknownDocument.body.data?.about).toMatchObject({ nodeCount: expect.any(Number) });
    // An entity that is not a document (an actor) is as unknown to document(id).
    const notADocument = await ask('{ document(id: "jnim") { id } }');
    expect(notADocument.body.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id', id: 'jnim' });
    const unknownEntity = await ask('{ mentions(entityId: "no-such-entity") { sentence } }');
    expect(unknownEntity.body.errors?.[0].extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'entityId',
      id: 'no-such-entity',
    });
    expect(unknownEntity.body.errors?.[0].message).toBe('Entity "no-such-entity" does not exist');
    // An entity that exists but that no document names: an empty answer, no error.
    const named = await ask('{ mentions(entityId: "ukrainian-intelligence") { sentence } }');
    expect(named.body).toEqual({ data: { mentions: [] } });
  });

  it('npm run ingest: --help lists the flags; files go in one by one, a duplicate writes nothing, a bad file fails alone', async () => {
    const help = await ingestCli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--title',
      '--publisher',
      '--author',
      '--url',
      '--published',
      '--language',
      '--reliability',
      '--tlp',
    ])
      expect(help.stdout).toContain(flag);
    const dir = mkdtempSync(path.join(tmpdir(), 'ingest-'));
    const markdown = path.join(dir, 'notes.md');
    const pdf = path.join(dir, 'report.pdf');
    const binary = path.join(dir, 'image.txt');
    writeFileSync(markdown, '# Notes\n\nGSIM convoys near Nioro du Sahel.\n');
    writeFileSync(pdf, minimalPdf(['Fuel imports to Bamako were blocked.'], { title: 'CLI report' }));
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const first = await ingestCli([markdown, pdf, '--published', '2025-11', '--reliability', 'C', '--language', 'en']);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^ingested .*notes\.md: notes-[0-9a-f]{8} \(MARKDOWN/m);
    expect(first.stdout).toMatch(/^ingested .*report\.pdf: cli-report-[0-9a-f]{8} \(PDF/m);
    const before = await graphCounts(db);
    const again = await ingestCli([markdown, binary, '--undated']);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^duplicate .*notes\.md/m);
    expect(again.stderr).toMatch(/image\.txt: is not a PDF and not text/);
    expect(await graphCounts(db)).toEqual(before);
    const usage = await ingestCli([markdown, '--tlp', 'PURPLE']);
    expect(usage.code).toBe(2);
  });
});
