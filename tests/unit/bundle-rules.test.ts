import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SECTION_OF_KIND, type RecordKind } from '../../src/bundle/format';
import { BUNDLE_RULES, parseBundle, validateImportFile, type KnownEntities } from '../../src/bundle/validate';
import { BadUserInputError, type FieldProblem } from '../../src/errors';
import { EntityKind } from '../../src/model/vocabulary';

/**
 * One rule engine for the bundle format: the whole-bundle check (parseBundle: importBundle, the
 * seed, STIX) and the streamed one (validateImportFile: `npm run import`) must find the same
 * problems in the same records, whatever the file's layout. Each case is a bad bundle; it goes
 * through parseBundle, through the streamed check as a bundle file, and as JSON Lines, and the
 * three problem lists must agree (the JSON Lines one once its places are written as lines).
 */

type Json = Record<string, unknown>;

const FORMAT = { format: 'sahel-graph-bundle', version: 1 };
const evidence = (...sourceIds: string[]) => ({ sourceIds, credibility: 2, excerpt: 'as reported' });
const source = (id: string) => ({ id, title: `Source ${id}`, kind: 'ARTICLE', reliability: 'B' });
const actor = (id: string, ...sourceIds: string[]) => ({
  id,
  name: `Actor ${id}`,
  kind: 'ARMED_GROUP',
  ...evidence(...(sourceIds.length ? sourceIds : ['s1'])),
});
const location = (id: string) => ({ id, name: `Place ${id}`, kind: 'COUNTRY', ...evidence('s1') });
const event = (id: string, extra: Json = {}) => ({
  id,
  type: 'BLOCKADE',
  title: `Event ${id}`,
  ...evidence('s1'),
  ...extra,
});
const rel = (type: string, from: string, to: string, extra: Json = {}) => ({
  type,
  from,
  to,
  ...evidence('s1'),
  ...extra,
});

interface Case {
  name: string;
  /** The rules (BUNDLE_RULES names), or `fields` / `header` for the checks before them. */
  rules: string[];
  bundle: Json;
  /** Kinds the graph holds. */
  graph?: Array<[string, EntityKind]>;
}

const CASES: Case[] = [
  {
    name: 'a valid bundle: no problems either way',
    rules: [],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1'), actor('a2')],
      relationships: [rel('OPPOSES', 'a1', 'a2')],
    },
  },
  {
    name: 'field rules (class-validator) on entity and relationship records',
    rules: ['fields'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [
        { ...actor('a1'), kind: 'NOT_A_KIND', credibility: 9 },
        { ...actor('a2'), quantity: { measure: 'x', value: 'many' } },
      ],
      relationships: [{ ...rel('OPPOSES', 'a1', 'a2'), from: 'Not An Id', extra: true }],
    },
  },
  {
    name: 'a record that is not an object',
    rules: ['fields'],
    bundle: { ...FORMAT, sources: [source('s1')], actors: [actor('a1'), 42, ['a']] },
  },
  {
    name: 'the bundle header: format, version, description',
    rules: ['header'],
    bundle: { format: 'other', version: 2, description: 'x'.repeat(2_001), sources: [source('s1')] },
  },
  {
    name: 'an id used twice, in one section and across sections',
    rules: ['DuplicateId'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1'), actor('a1'), actor('x')],
      locations: [location('x')],
      relationships: [rel('OPERATES_IN', 'x', 'a1')],
    },
  },
  {
    name: 'an id the graph holds as another kind',
    rules: ['GraphKind'],
    bundle: { ...FORMAT, sources: [source('s1')], actors: [actor('mali'), actor('a1')] },
    graph: [
      ['mali', EntityKind.LOCATION],
      ['a1', EntityKind.ACTOR],
    ],
  },
  {
    name: 'cited sources that are missing or are not sources (bundle and graph)',
    rules: ['CitedSources'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1', 'gone'), actor('a2', 'a1', 's1', 'graph-source'), actor('a3', 'graph-actor')],
      relationships: [{ ...rel('OPPOSES', 'a1', 'a2'), sourceIds: ['s1', 'a3'] }],
    },
    graph: [
      ['graph-source', EntityKind.SOURCE],
      ['graph-actor', EntityKind.ACTOR],
    ],
  },
  {
    name: 'an event that ends before it starts',
    rules: ['EventDates'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      events: [event('e1', { start: '2024-05', end: '2024-04-30' }), event('e2', { start: '2024', end: '2024-01-01' })],
    },
  },
  {
    name: 'REPORTED_BY given as a relationship',
    rules: ['DerivedReportedBy'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1')],
      relationships: [rel('REPORTED_BY', 'a1', 's1')],
    },
  },
  {
    name: 'roles: PARTICIPATED_IN without one, another type with one',
    rules: ['ParticipationRole'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1'), actor('a2')],
      events: [event('e1')],
      relationships: [rel('PARTICIPATED_IN', 'a1', 'e1'), rel('OPPOSES', 'a1', 'a2', { role: 'PERPETRATOR' })],
    },
  },
  {
    name: 'a relationship from an entity to itself',
    rules: ['SelfLoop'],
    bundle: { ...FORMAT, sources: [source('s1')], actors: [actor('a1')], relationships: [rel('OPPOSES', 'a1', 'a1')] },
  },
  {
    name: 'validity that ends before it begins',
    rules: ['ValidityDates'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1'), actor('a2')],
      relationships: [rel('OPPOSES', 'a1', 'a2', { validFrom: '2020-02', validTo: '2019' })],
    },
  },
  {
    name: 'the same relationship twice',
    rules: ['DuplicateRelationship'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1'), actor('a2')],
      relationships: [
        rel('OPPOSES', 'a1', 'a2'),
        rel('OPPOSES', 'a1', 'a2', { excerpt: 'again' }),
        rel('OPPOSES', 'a2', 'a1'),
      ],
    },
  },
  {
    name: 'ends that are missing or of the wrong kind (bundle and graph)',
    rules: ['Endpoints'],
    bundle: {
      ...FORMAT,
      sources: [source('s1')],
      actors: [actor('a1')],
      locations: [location('l1')],
      relationships: [
        rel('OPPOSES', 'a1', 'nowhere'),
        rel('PART_OF', 'a1', 'l1'),
        rel('OPERATES_IN', 'a1', 'graph-actor'),
        rel('OPERATES_IN', 'a1', 'graph-place'),
      ],
    },
    graph: [
      ['graph-actor', EntityKind.ACTOR],
      ['graph-place', EntityKind.LOCATION],
    ],
  },
  {
    name: 'references that point forward in the file (relationships and citations first)',
    rules: ['Endpoints', 'CitedSources'],
    bundle: {
      ...FORMAT,
      relationships: [rel('OPPOSES', 'a1', 'a2'), rel('MEMBER_OF', 'a1', 'l1')],
      actors: [actor('a1'), actor('a2', 'a1')],
      locations: [location('l1')],
      sources: [source('s1')],
    },
  },
  {
    name: 'offsets of an excerpt in a document: partial, another source, or not the excerpt’s length',
    rules: ['ExcerptOffsets'],
    bundle: {
      ...FORMAT,
      sources: [source('s1'), source('doc')],
      actors: [
        // Whole and right: no problem (the text itself is compared in the import's transaction).
        { ...actor('a1', 'doc'), excerptSourceId: 'doc', excerptStart: 10, excerptEnd: 21 },
        { ...actor('a2'), excerptSourceId: 's1', excerptStart: 10 },
      ],
      locations: [location('l1')],
      relationships: [
        rel('OPERATES_IN', 'a1', 'l1', { sourceIds: ['doc'], excerptSourceId: 'doc', excerptStart: 0, excerptEnd: 11 }),
        rel('MEMBER_OF', 'a1', 'a2', { excerptSourceId: 'doc', excerptStart: 0, excerptEnd: 40 }),
      ],
    },
  },
];

const byPlace = (a: FieldProblem, b: FieldProblem) => `${a.field} ${a.reason}`.localeCompare(`${b.field} ${b.reason}`);

function problemsOf(error: unknown): FieldProblem[] {
  if (error === undefined) return [];
  expect(error).toBeInstanceOf(BadUserInputError);
  return [...(error as BadUserInputError).problems].sort(byPlace);
}

function wholeBundleProblems(testCase: Case): FieldProblem[] {
  try {
    parseBundle(structuredClone(testCase.bundle), new Map(testCase.graph ?? []));
    return [];
  } catch (error) {
    return problemsOf(error);
  }
}

/** The graph lookup of the streaming importer, answered from the case's graph. */
const graphOf = (testCase: Case) => {
  const graph: KnownEntities = new Map(testCase.graph ?? []);
  return async (validator: Parameters<Parameters<typeof validateImportFile>[2]['graphKinds']>[0]) => {
    const kinds = new Map<string, EntityKind>();
    for (const id of [...validator.unresolvedIds(), ...validator.defined.keys()]) {
      const kind = graph.get(id);
      if (kind && validator.keepsGraphKind(id, kind)) kinds.set(id, kind);
    }
    return kinds;
  };
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'bundle-rules-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function streamedProblems(
  testCase: Case,
  file: string,
  format: 'bundle' | 'jsonl',
  workers = 0,
): Promise<FieldProblem[]> {
  try {
    // rangeBytes 64: nearly every line is a range of its own, cut mid-line, for the workers.
    await validateImportFile(file, format, { graphKinds: graphOf(testCase), workers, rangeBytes: 64 });
    return [];
  } catch (error) {
    return problemsOf(error);
  }
}

const KIND_OF_SECTION = new Map(Object.entries(SECTION_OF_KIND).map(([kind, section]) => [section, kind]));

/**
 * The bundle as JSON Lines (a header line, then its records in the file's order), and where each
 * bundle place (`actors[1]`) lands: its line and kind.
 */
function asJsonLines(bundle: Json): { text: string; lineOf: Map<string, { line: number; kind: string }> } {
  const { format, version, description, ...sections } = bundle;
  const lines = [JSON.stringify({ kind: 'header', format, version, description })];
  const lineOf = new Map<string, { line: number; kind: string }>();
  for (const [section, records] of Object.entries(sections)) {
    const kind = KIND_OF_SECTION.get(section) as RecordKind;
    (records as unknown[]).forEach((record, index) => {
      lines.push(JSON.stringify({ kind, record }));
      lineOf.set(`${section}[${index}]`, { line: lines.length, kind });
    });
  }
  return { text: lines.join('\n') + '\n', lineOf };
}

/** A whole-bundle problem with its places written as JSON Lines ones. */
function asLineProblem(problem: FieldProblem, lineOf: Map<string, { line: number; kind: string }>): FieldProblem {
  const match = /^(\w+\[\d+\])(.*)$/.exec(problem.field);
  if (!match) return { ...problem, field: `line 1: ${problem.field}` }; // a header field
  const { line, kind } = lineOf.get(match[1])!;
  const rest = match[2];
  return {
    ...problem,
    field: rest ? `line ${line}: record${rest}` : `line ${line}: record`,
    ...(problem.record ? { record: problem.record.replace(match[1], `line ${line} ${kind}`) } : {}),
  };
}

describe('bundle rules: the whole-bundle and the streamed check agree', () => {
  it('the cases cover every rule of BUNDLE_RULES, the field rules and the header', () => {
    const covered = new Set(CASES.flatMap((testCase) => testCase.rules));
    expect(BUNDLE_RULES.length).toBeGreaterThanOrEqual(10);
    for (const rule of BUNDLE_RULES) expect(covered).toContain(rule.name);
    expect(covered).toContain('fields');
    expect(covered).toContain('header');
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const whole = wholeBundleProblems(testCase);
    // Every case but the valid one has problems, so agreeing on nothing would not pass.
    expect(whole.length > 0).toBe(testCase.rules.length > 0);

    const bundleFile = path.join(dir, `${CASES.indexOf(testCase)}.json`);
    writeFileSync(bundleFile, JSON.stringify(testCase.bundle));
    expect(await streamedProblems(testCase, bundleFile, 'bundle')).toEqual(whole);

    const { text, lineOf } = asJsonLines(testCase.bundle);
    const linesFile = path.join(dir, `${CASES.indexOf(testCase)}.jsonl`);
    writeFileSync(linesFile, text);
    const expected = whole.map((problem) => asLineProblem(problem, lineOf)).sort(byPlace);
    expect(await streamedProblems(testCase, linesFile, 'jsonl')).toEqual(expected);
    // Checked in worker threads (issue 25): the same problems, in the same order.
    expect(await streamedProblems(testCase, linesFile, 'jsonl', 2)).toEqual(expected);
  });

  it('names each rule problem by record and field (the messages the docs quote)', () => {
    const [duplicate] = wholeBundleProblems(
      CASES.find((testCase) => testCase.rules.includes('DuplicateRelationship'))!,
    );
    expect(duplicate).toEqual({
      field: 'relationships[1].type',
      reason: 'duplicate of an earlier relationship (OPPOSES:a1->a2)',
      record: 'relationships[1] "a1 OPPOSES a2"',
    });
    const offsets = wholeBundleProblems(CASES.find((testCase) => testCase.rules.includes('ExcerptOffsets'))!);
    expect(offsets.map(({ field, reason }) => ({ field, reason }))).toEqual([
      {
        field: 'actors[1].excerptStart',
        reason: 'excerptSourceId, excerptStart and excerptEnd come together, or not at all',
      },
      { field: 'relationships[1].excerptEnd', reason: '[0, 40) spans 40 characters, the excerpt has 11' },
      { field: 'relationships[1].excerptSourceId', reason: '"doc" is not one of the record\'s sourceIds' },
    ]);
  });
});

describe('the streamed reader: a bundle file that is not shaped like one', () => {
  const streamed = async (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return streamedProblems({ name, rules: [], bundle: {} }, file, 'bundle');
  };

  it('names fields that are not a bundle’s, sections that are not arrays, and records that are not objects', async () => {
    const text = JSON.stringify({
      ...FORMAT,
      extra: { nested: [1, 2] },
      actors: { a: 1 },
      events: 3,
      sources: [source('s1'), 42],
      note: 'x',
    });
    expect(await streamed('shape.json', text)).toEqual(
      [
        { field: 'extra', reason: 'is not a field of a bundle' },
        { field: 'actors', reason: 'must be an array' },
        { field: 'events', reason: 'must be an array' },
        { field: 'sources[1]', reason: 'must be a JSON object' },
        { field: 'note', reason: 'is not a field of a bundle' },
      ].sort(byPlace),
    );
  });

  it('stops at a file whose top level is not an object', async () => {
    expect(await streamed('array.json', '[{"id": "a"}]')).toEqual([
      { field: 'bundle', reason: 'must be a JSON object' },
      { field: 'format', reason: 'format must be "sahel-graph-bundle"' },
      { field: 'version', reason: 'version must be 1' },
    ]);
  });
});
