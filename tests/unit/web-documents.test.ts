import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import {
  acceptWithDependencies,
  candidatesFor,
  ChoiceError,
  decisionsFrom,
  summary,
  type Choice,
} from '../../web/documents/decisions';
import * as documentQueries from '../../web/documents/queries';
import type { ProposalData } from '../../web/documents/queries';
import { segments, windowAround } from '../../web/documents/segments';
import * as explorerQueries from '../../web/explorer/queries';
import * as investigationQueries from '../../web/explorer/investigation-queries';

/** The documents page's pure parts, and every operation the pages send checked against the schema. */

function proposal(id: string, overrides: Partial<ProposalData> = {}): ProposalData {
  return {
    id,
    kind: 'ENTITY',
    rule: 'test.rule',
    section: 'actors',
    excerpt: id,
    start: 0,
    end: id.length,
    voice: 'STATED',
    suggestedCredibility: 2,
    record: { id, name: id },
    dependsOn: [],
    status: 'PENDING',
    flags: [],
    ...overrides,
  };
}

describe('the pages’ operations', () => {
  const schema = buildSchema(readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
  const operations = (
    Object.entries({ ...explorerQueries, ...investigationQueries, ...documentQueries }) as Array<[string, unknown]>
  ).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && /^\s*(query|mutation)\b/.test(entry[1]),
  );

  it('finds them all (a page operation is an exported string)', () => {
    expect(operations.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'NEIGHBORHOOD',
        'PATHS',
        'INGEST',
        'DOCUMENT',
        'PROPOSALS',
        'REVIEW',
        'SEARCH_DOCUMENTS',
        'SAVE_INVESTIGATION',
        'INVESTIGATION',
        'INVESTIGATIONS',
        'NEIGHBORHOOD_EXPAND',
        'CONNECT',
      ]),
    );
  });

  it.each(operations.map(([name, text]) => ({ name, text })))(
    '$name is valid against schema/schema.graphql',
    ({ text }) => {
      expect(validate(schema, parse(text)).map((error) => error.message)).toEqual([]);
    },
  );
});

describe('the document text cut at its highlights', () => {
  it('cuts at every boundary and says which highlights cover each piece, overlaps included', () => {
    const cut = segments(0, 20, [
      { start: 2, end: 12, kind: 'selected' },
      { start: 4, end: 8, kind: 'mention' },
      { start: 10, end: 15, kind: 'focus' },
    ]);
    expect(cut.map((s) => [s.start, s.end, s.covering.map((m) => m.kind).join('+')])).toEqual([
      [0, 2, ''],
      [2, 4, 'selected'],
      [4, 8, 'selected+mention'],
      [8, 10, 'selected'],
      [10, 12, 'selected+focus'],
      [12, 15, 'focus'],
      [15, 20, ''],
    ]);
  });

  it('clips highlights to the window and drops those outside it or empty', () => {
    const cut = segments(100, 110, [
      { start: 95, end: 103, kind: 'a' },
      { start: 108, end: 130, kind: 'b' },
      { start: 0, end: 50, kind: 'outside' },
      { start: 105, end: 105, kind: 'empty' },
    ]);
    expect(cut.map((s) => [s.start, s.end, s.covering.map((m) => m.kind).join('+')])).toEqual([
      [100, 103, 'a'],
      [103, 108, ''],
      [108, 110, 'b'],
    ]);
  });

  it('loads a long text around the excerpt opened, within the slice the API allows', () => {
    expect(windowAround(50, 100)).toEqual({ start: 0, end: 50 });
    expect(windowAround(500_000, 100_000, 300_000)).toEqual({ start: 280_000, end: 380_000 });
    expect(windowAround(500_000, 100_000, 499_990)).toEqual({ start: 400_000, end: 500_000 });
    expect(windowAround(500_000, 100_000, 5)).toEqual({ start: 0, end: 100_000 });
  });
});

describe('the curator’s choices as decisions', () => {
  it('sends only pending proposals with a choice, in the proposals’ order', () => {
    const proposals = [proposal('a'), proposal('b', { status: 'ACCEPTED' }), proposal('c'), proposal('d')];
    const choices = new Map<string, Choice>([
      ['c', { action: 'REJECT' }],
      ['a', { action: 'LINK', entityId: ' jnim ' }],
      ['b', { action: 'ACCEPT' }],
    ]);
    expect(decisionsFrom(choices, proposals)).toEqual([
      { proposalId: 'a', action: 'LINK', entityId: 'jnim' },
      { proposalId: 'c', action: 'REJECT' },
    ]);
  });

  it('refuses a LINK without an entity and an EDIT that is not one JSON object, naming the proposal', () => {
    const proposals = [proposal('a')];
    expect(() => decisionsFrom(new Map([['a', { action: 'LINK' }]]), proposals)).toThrow(ChoiceError);
    for (const recordText of ['{not json', '[1, 2]', 'null']) {
      let thrown: unknown;
      try {
        decisionsFrom(new Map([['a', { action: 'EDIT', recordText }]]), proposals);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ChoiceError);
      expect((thrown as ChoiceError).proposalId).toBe('a');
    }
    expect(
      decisionsFrom(new Map([['a', { action: 'EDIT', recordText: '{"id":"a","name":"A."}' }]]), proposals),
    ).toEqual([{ proposalId: 'a', action: 'EDIT', record: { id: 'a', name: 'A.' } }]);
  });

  it('accepting a record accepts the pending proposals it needs, transitively, but not ones already decided', () => {
    const proposals = [
      proposal('rel', { kind: 'RELATIONSHIP', dependsOn: ['event', 'actor'] }),
      proposal('event', { kind: 'EVENT', dependsOn: ['place'] }),
      proposal('place'),
      proposal('actor'),
      proposal('done', { status: 'ACCEPTED' }),
      proposal('unrelated'),
    ];
    const choices = new Map<string, Choice>([['actor', { action: 'LINK', entityId: 'jnim' }]]);
    acceptWithDependencies(choices, proposals, 'rel');
    expect(Object.fromEntries(choices)).toEqual({
      rel: { action: 'ACCEPT' },
      event: { action: 'ACCEPT' },
      place: { action: 'ACCEPT' },
      actor: { action: 'LINK', entityId: 'jnim' },
    });
  });

  it('says what a proposal adds from its record', () => {
    expect(
      summary({
        section: 'relationships',
        record: { type: 'PARTICIPATED_IN', from: 'jnim', to: 'blockade', role: 'PERPETRATOR' },
      }),
    ).toBe('jnim participated in blockade as perpetrator');
    expect(
      summary({
        section: 'events',
        record: { id: 'e', title: 'Blockade of Kayes', type: 'BLOCKADE', start: '2025-09' },
      }),
    ).toBe('Blockade of Kayes (blockade, 2025-09)');
    expect(summary({ section: 'allegations', record: { statement: 'Ukraine supports JNIM' } })).toBe(
      '“Ukraine supports JNIM”',
    );
    expect(summary({ section: 'actors', record: { id: 'jnim', name: 'JNIM', kind: 'GROUP' } })).toBe(
      'JNIM (actor, group)',
    );
  });

  it('ranks the entities a proposal may be: from its flags and its mentions, best score kept per entity', () => {
    const mine = proposal('new-jnim', {
      flags: [{ code: 'POSSIBLE_EXISTING', message: '', candidates: [{ entityId: 'jnim', score: 0.7 }] }],
    });
    const mentions = [
      {
        start: 0,
        end: 4,
        surface: 'JNIM',
        proposalId: 'new-jnim',
        candidates: [
          { entityId: 'jnim', score: 0.9 },
          { entityId: 'isgs', score: 0.4 },
        ],
      },
      { start: 9, end: 13, surface: 'ISGS', proposalId: 'other', candidates: [{ entityId: 'isgs', score: 1 }] },
    ];
    expect(candidatesFor(mine, mentions).map((c) => [c.entityId, c.score])).toEqual([
      ['jnim', 0.9],
      ['isgs', 0.4],
    ]);
  });
});
