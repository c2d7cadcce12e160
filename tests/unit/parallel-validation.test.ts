import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileQuotedExcerpts, validateImportFile, type KnownEntities } from '../../src/bundle/validate';
import { BadUserInputError, type FieldProblem } from '../../src/errors';
import { EntityKind } from '../../src/model/vocabulary';

/**
 * Validation in worker threads (issue 25, item 5): a JSON Lines file cut into byte ranges, each
 * checked by a worker, must give exactly the problems of the one-thread check (fields, places,
 * record labels, first definer wins, the cap on listed problems), wherever the cuts fall.
 */

type Json = Record<string, unknown>;
const evidence = { sourceIds: ['pv-src'], credibility: 3, excerpt: 'reported' };
const source = (id = 'pv-src') => ({
  kind: 'source',
  record: { id, title: `Source ${id}`, kind: 'OTHER', reliability: 'C' },
});
const actor = (id: string, extra: Json = {}) => ({
  kind: 'actor',
  record: { id, name: `Group ${id}`, kind: 'ARMED_GROUP', ...evidence, ...extra },
});
const place = (id: string) => ({ kind: 'location', record: { id, name: `Place ${id}`, kind: 'CITY', ...evidence } });
const rel = (type: string, from: string, to: string, extra: Json = {}) => ({
  kind: 'relationship',
  record: { type, from, to, ...evidence, ...extra },
});
const HEADER = { kind: 'header', format: 'sahel-graph-bundle', version: 1 };

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'parallel-validation-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const write = (content: string | Buffer) => {
  const file = path.join(dir, `${(files += 1)}.jsonl`);
  writeFileSync(file, content);
  return file;
};
const lines = (items: unknown[]) =>
  items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n') + '\n';

/** The graph lookup, answered from a fixed graph (as the importer's would be). */
const graphOf =
  (graph: KnownEntities) =>
  async (validator: Parameters<Parameters<typeof validateImportFile>[2]['graphKinds']>[0]) => {
    const kinds = new Map<string, EntityKind>();
    for (const id of [...validator.unresolvedIds(), ...validator.defined.keys()]) {
      const kind = graph.get(id);
      if (kind && validator.keepsGraphKind(id, kind)) kinds.set(id, kind);
    }
    return kinds;
  };

/** What validation says of `file`: its record count, or its problems. */
async function outcome(file: string, workers: number, rangeBytes?: number, graph: KnownEntities = new Map()) {
  try {
    return { records: await validateImportFile(file, 'jsonl', { graphKinds: graphOf(graph), workers, rangeBytes }) };
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    return { problems: error.problems as FieldProblem[] };
  }
}

/** The one-thread outcome, and the same with workers for several ways of cutting the file. */
async function expectSameEverywhere(file: string, graph?: KnownEntities) {
  const alone = await outcome(file, 0, undefined, graph);
  for (const [workers, rangeBytes] of [
    [2, 50],
    [2, 333],
    [3, 4096],
    [2, undefined],
  ] as const) {
    expect({ workers, rangeBytes, ...(await outcome(file, workers, rangeBytes, graph)) }).toEqual({
      workers,
      rangeBytes,
      ...alone,
    });
  }
  return alone;
}

describe('validation in worker threads gives the one-thread problems', () => {
  it('field problems spread over the whole file, each named by its line', async () => {
    const items: unknown[] = [HEADER, source()];
    for (let i = 0; i < 200; i++) {
      if (i % 17 === 3) items.push(actor(`pv-a${i}`, { kind: 'NOT_A_KIND', credibility: 9 }));
      else if (i % 23 === 5) items.push({ kind: 'relationship', record: { type: 'SUPPORTS', from: `pv-a${i}` } });
      else if (i % 31 === 7) items.push({ kind: 'actor', record: [1, 2] });
      else items.push(actor(`pv-a${i}`));
    }
    const alone = await expectSameEverywhere(write(lines(items)));
    expect(alone.problems!.length).toBeGreaterThan(20);
    expect(alone.problems).toContainEqual(
      expect.objectContaining({ field: 'line 6: record.kind', record: 'line 6 actor "pv-a3"' }),
    );
    expect(alone.problems).toContainEqual({ field: 'line 10: record', reason: 'must be a JSON object' });
  });

  it('references forward across ranges, ids defined twice in different ranges (first definer wins), rules on records', async () => {
    const items: unknown[] = [
      rel('SUPPORTS', 'pv-a1', 'pv-a2'), // both ends defined far below
      rel('OCCURRED_IN', 'pv-a1', 'pv-p1'), // goes to an actor: a wrong kind once the file is read
      actor('pv-a1', { sourceIds: ['pv-src', 'pv-late'] }), // cites a source defined later
    ];
    for (let i = 0; i < 60; i++) items.push(actor(`pv-f${i}`));
    items.push(place('pv-a2')); // pv-a2 first defined as a place...
    for (let i = 0; i < 60; i++) items.push(rel(i % 2 ? 'OPPOSES' : 'SUPPORTS', `pv-f${i}`, `pv-f${(i + 1) % 60}`));
    items.push(
      actor('pv-a2'), // ...then as an actor: a duplicate, and the place stays the definition
      actor('pv-f7'), // a duplicate far from its first
      rel('SUPPORTS', 'pv-f0', 'pv-f1'), // a duplicate relationship far from its first
      rel('SUPPORTS', 'pv-f3', 'pv-f3'), // a self-loop (a record-only rule, in the worker)
      rel('REPORTED_BY', 'pv-f4', 'pv-src'), // derived only
      rel('SUPPORTS', 'pv-f5', 'pv-f6', { validFrom: '2020', validTo: '2019' }),
      rel('SUPPORTS', 'pv-f8', 'pv-nowhere'),
      source('pv-late'),
      source(),
      place('pv-p1'),
      actor('pv-g1'), // the graph holds it as a location
      {
        kind: 'event',
        record: { id: 'pv-e1', type: 'BLOCKADE', title: 'E', start: '2021-05', end: '2020', ...evidence },
      },
    );
    const graph: KnownEntities = new Map([['pv-g1', EntityKind.LOCATION]]);
    const alone = await expectSameEverywhere(write(lines(items)), graph);
    const reasons = alone.problems!.map((problem) => `${problem.field}: ${problem.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 1: record\.to: SUPPORTS goes .*"pv-a2" is a location$/),
        expect.stringMatching(/^line \d+: record\.id: id "pv-a2" is used by another record/),
        expect.stringMatching(/^line \d+: record\.id: id "pv-f7" is used by another record/),
        expect.stringMatching(/^line \d+: record\.type: duplicate of an earlier relationship/),
        expect.stringMatching(/^line \d+: record\.to: a relationship cannot join an entity to itself/),
        expect.stringMatching(/^line \d+: record\.type: REPORTED_BY is derived/),
        expect.stringMatching(/^line \d+: record\.validTo: validTo 2019 is before validFrom 2020/),
        expect.stringMatching(/^line \d+: record\.to: "pv-nowhere" is not an entity/),
        expect.stringMatching(/^line \d+: record\.id: id "pv-g1" already belongs to a location in the graph/),
        expect.stringMatching(/^line \d+: record\.end: end 2020 is before start 2021-05/),
      ]),
    );
    // pv-late is defined further on: cited before, it is still a source.
    expect(reasons.some((reason) => reason.includes('pv-late'))).toBe(false);
  });

  it('a long line across many ranges, lines that are not JSON, a header out of place, blank lines and CRLF', async () => {
    const long = actor('pv-long', { description: 'x'.repeat(20_000) }); // over the field's 2,000 characters
    const text =
      lines([HEADER, source(), actor('pv-1'), long, 'not json', '', '[1]', HEADER, { kind: 'planet', record: {} }]) +
      `${JSON.stringify(actor('pv-2'))}\r\n\n{"kind": "actor", "record": {"id": "pv-3"`;
    const alone = await expectSameEverywhere(write(text));
    expect(alone.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'line 4: record.description', record: 'line 4 actor "pv-long"' }),
        expect.objectContaining({ field: 'line 5: line', reason: expect.stringMatching(/^not JSON/) }),
        { field: 'line 7: line', reason: 'must be a JSON object' },
        { field: 'line 8: kind', reason: 'the header must be the first line' },
        expect.objectContaining({ field: 'line 9: kind' }),
        expect.objectContaining({ field: 'line 12: line', reason: expect.stringMatching(/^not JSON/) }),
      ]),
    );
  });

  it('bytes that are not UTF-8 at a range boundary: every line before them is checked, nothing after', async () => {
    const before = lines([source(), actor('pv-1', { kind: 'NOPE' }), actor('pv-2')]);
    const bad = Buffer.concat([
      Buffer.from('{"kind": "actor", "record": {"id": "pv-'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}\n'),
    ]);
    const after = lines([actor('pv-3', { kind: 'NOPE' })]);
    const file = write(Buffer.concat([Buffer.from(before), bad, Buffer.from(after)]));
    // Ranges that begin exactly at the bad line, inside it, and just before it.
    const at = Buffer.byteLength(before);
    const alone = await outcome(file, 0);
    for (const rangeBytes of [at, at + 5, at - 1, 7])
      expect({ rangeBytes, ...(await outcome(file, 2, rangeBytes)) }).toEqual({ rangeBytes, ...alone });
    expect(alone.problems).toEqual([
      expect.objectContaining({ field: 'line 2: record.kind' }),
      { field: 'line 4: line', reason: expect.stringMatching(/^is not UTF-8/) },
    ]);
  });

  it('past the cap of listed problems, the same thousand and the same count of the rest', async () => {
    const items: unknown[] = [source()];
    for (let i = 0; i < 1_500; i++) items.push(actor(`pv-c${i}`, { kind: 'NOPE' }));
    const alone = await expectSameEverywhere(write(lines(items)));
    expect(alone.problems).toHaveLength(1_001);
    expect(alone.problems![1_000].reason).toBe('... 500 more problems not listed');
  });

  it('a valid file: the same count of records, and the same quoted excerpts found for the document check', async () => {
    const items: unknown[] = [HEADER, source()];
    for (let i = 0; i < 100; i++) items.push(actor(`pv-v${i}`));
    for (let i = 0; i < 99; i++) {
      const quote = i % 10 ? {} : { excerptSourceId: 'pv-src', excerptStart: i, excerptEnd: i + 8 };
      items.push(rel('SUPPORTS', `pv-v${i}`, `pv-v${i + 1}`, quote));
    }
    const file = write(lines(items));
    expect(await expectSameEverywhere(file)).toEqual({ records: 200 });
    const quotes = async (workers: number, rangeBytes?: number) => {
      const found = [];
      for await (const batch of fileQuotedExcerpts(file, 'jsonl', workers, rangeBytes)) found.push(...batch);
      return found;
    };
    const alone = await quotes(0);
    expect(alone).toHaveLength(10);
    expect(alone[0]).toEqual({
      field: 'line 103.excerpt',
      documentId: 'pv-src',
      start: 0,
      end: 8,
      excerpt: 'reported',
    });
    expect(await quotes(2, 100)).toEqual(alone);
  });
});
