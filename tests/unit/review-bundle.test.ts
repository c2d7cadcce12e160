import { buildReviewBundle, recordKey } from '../../src/documents/review/review-bundle';
import { proposalFlags } from '../../src/documents/review/review-flags';
import type { DecisionRow } from '../../src/documents/review/review.repository';
import { ReviewAction, ProposalFlagCode } from '../../src/documents/review/review.type';
import type { ExtractionResult, Proposal } from '../../src/documents/extraction';
import { BadUserInputError } from '../../src/errors';

/**
 * The review's pure parts (issue 22): decisions made into one bundle (links rewritten,
 * dependencies checked against this review and earlier ones, the document cited, excerpts
 * checked against the text, TLP inherited) and the contradiction flags.
 */

const TEXT = 'The Macina group attacked Kayes. Ukrainian intelligence supports JNIM.';
const doc = { id: 'note', tlp: 'AMBER', text: TEXT };

function proposal(
  id: string,
  section: Proposal['section'],
  record: Record<string, unknown>,
  dependsOn: string[] = [],
): Proposal {
  const excerpt = id.startsWith('support')
    ? 'Ukrainian intelligence supports JNIM.'
    : 'The Macina group attacked Kayes.';
  const start = TEXT.indexOf(excerpt);
  return {
    id,
    kind: section === 'relationships' ? 'RELATIONSHIP' : section === 'events' ? 'EVENT' : 'ENTITY',
    rule: 'test',
    excerpt,
    start,
    end: start + excerpt.length,
    voice: 'STATED',
    suggestedCredibility: 2,
    section,
    record: { ...record, sourceIds: ['note'], credibility: 2, excerpt },
    dependsOn,
  };
}

const macina = proposal('entity-macina', 'actors', { id: 'macina-group', name: 'Macina group', kind: 'ARMED_GROUP' });
const attack = proposal('event-attack', 'events', { id: 'attack-kayes', type: 'ATTACK', title: 'Attack on Kayes' });
const took = proposal(
  'relationship-took-part',
  'relationships',
  { type: 'PARTICIPATED_IN', from: 'macina-group', to: 'attack-kayes', role: 'PERPETRATOR' },
  ['entity-macina', 'event-attack'],
);
const supports = proposal('support-fact', 'relationships', {
  type: 'SUPPORTS',
  from: 'ukrainian-intelligence',
  to: 'jnim',
  date: '2019-05',
});
const all = new Map([macina, attack, took, supports].map((p) => [p.id, p]));

function problemsOf(run: () => unknown): Array<{ field: string; reason: string }> {
  try {
    run();
  } catch (error) {
    return error instanceof BadUserInputError ? error.problems : [{ field: '?', reason: String(error) }];
  }
  return [];
}

describe('a review made into one bundle', () => {
  it('a LINK rewrites references to the proposed entity; records cite the document and take its TLP', () => {
    const built = buildReviewBundle(
      doc,
      [
        { proposalId: 'entity-macina', action: ReviewAction.LINK, entityId: 'jnim' },
        { proposalId: 'event-attack', action: ReviewAction.ACCEPT },
        { proposalId: 'relationship-took-part', action: ReviewAction.ACCEPT },
      ],
      all,
      [],
    );
    expect(built.bundle.actors).toEqual([]);
    expect(built.bundle.relationships[0]).toMatchObject({
      from: 'jnim',
      to: 'attack-kayes',
      tlp: 'AMBER',
      sourceIds: ['note'],
    });
    expect(built.bundle.events[0]).toMatchObject({ id: 'attack-kayes', tlp: 'AMBER' });
    expect(built.relationships[0]).toMatchObject({ from: 'jnim', start: 0, end: 32 });
    expect(built.decisions.map((d) => d.status)).toEqual(['LINKED', 'ACCEPTED', 'ACCEPTED']);
    expect(built.decisions[0].entityId).toBe('jnim');
  });

  it('a dependency decided in an earlier review counts; an unaccepted or rejected one is BAD_USER_INPUT naming both', () => {
    const earlier: DecisionRow[] = [
      { proposalId: 'entity-macina', status: 'ACCEPTED', by: 'a', at: 't', entityId: null, recordId: 'macina-group' },
      { proposalId: 'event-attack', status: 'REJECTED', by: 'a', at: 't', entityId: null, recordId: null },
    ];
    const problems = problemsOf(() =>
      buildReviewBundle(doc, [{ proposalId: 'relationship-took-part', action: ReviewAction.ACCEPT }], all, earlier),
    );
    expect(problems).toEqual([
      {
        field: 'decisions[0]',
        reason: expect.stringContaining('depends on proposal "event-attack", which is REJECTED'),
      },
    ]);
  });

  it('an edited excerpt must be the text at the offsets given; a record never loses the document among its sources', () => {
    const edited = { ...attack.record, excerpt: 'attacked Kayes', sourceIds: ['other-source'] };
    const problems = problemsOf(() =>
      buildReviewBundle(
        doc,
        [{ proposalId: 'event-attack', action: ReviewAction.EDIT, record: edited, start: 0, end: 14 }],
        all,
        [],
      ),
    );
    expect(problems.map((p) => p.field)).toEqual(['decisions[0].record.excerpt']);
    const start = TEXT.indexOf('attacked Kayes');
    const built = buildReviewBundle(
      doc,
      [{ proposalId: 'event-attack', action: ReviewAction.EDIT, record: edited, start, end: start + 14 }],
      all,
      [],
    );
    expect(built.bundle.events[0].sourceIds).toEqual(['note', 'other-source']);
    expect(built.nodes[0]).toEqual({ id: 'attack-kayes', excerpt: 'attacked Kayes', start, end: start + 14 });
  });

  it('refuses a decision twice, an unknown proposal, an EDIT without a record and a LINK without an entity', () => {
    const problems = problemsOf(() =>
      buildReviewBundle(
        doc,
        [
          { proposalId: 'event-attack', action: ReviewAction.EDIT },
          { proposalId: 'event-attack', action: ReviewAction.REJECT },
          { proposalId: 'nothing', action: ReviewAction.ACCEPT },
          { proposalId: 'entity-macina', action: ReviewAction.LINK },
          { proposalId: 'support-fact', action: ReviewAction.LINK, entityId: 'x' },
        ],
        all,
        [],
      ),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'decisions[0].record',
      'decisions[1].proposalId',
      'decisions[2].proposalId',
      'decisions[3].entityId',
      'decisions[4].action',
    ]);
  });

  it('keys records by id, and relationships by type, ends and role', () => {
    expect(recordKey(macina.record)).toBe('macina-group');
    expect(recordKey(took.record)).toBe('PARTICIPATED_IN:macina-group->attack-kayes:PERPETRATOR');
  });
});

describe('contradiction flags', () => {
  const extraction: ExtractionResult = {
    sentences: [],
    proposals: [macina, attack, supports],
    mentions: [
      {
        start: 4,
        end: 16,
        surface: 'Macina group',
        proposalId: 'entity-macina',
        candidates: [{ entityId: 'jnim', score: 0.5 }],
      },
    ],
  };

  it('flags a different kind for the same id, a denied claim stated as fact, a date outside a validity, a possible existing entity', () => {
    const flags = proposalFlags(extraction, {
      existing: [
        { id: 'macina-group', label: 'Location', subKind: 'REGION' },
        { id: 'attack-kayes', label: 'Event', subKind: 'ATTACK' },
      ],
      denied: [{ key: 'support-fact', allegationId: 'russia-accuses-ukrainian-intelligence', status: 'DENIED' }],
      validity: [
        { key: 'support-fact', id: 'SUPPORTS:ukrainian-intelligence->jnim', validFrom: '2021-03', validTo: null },
      ],
    });
    expect(flags.get('entity-macina')!.map((f) => f.code)).toEqual([
      ProposalFlagCode.KIND_CONFLICT,
      ProposalFlagCode.POSSIBLE_EXISTING,
    ]);
    expect(flags.get('entity-macina')![1].candidates).toEqual([{ entityId: 'jnim', score: 0.5 }]);
    expect(flags.get('event-attack')!.map((f) => f.code)).toEqual([ProposalFlagCode.ID_EXISTS]);
    expect(flags.get('support-fact')!.map((f) => f.code)).toEqual([
      ProposalFlagCode.DENIED_AS_FACT,
      ProposalFlagCode.OUTSIDE_VALIDITY,
    ]);
  });

  it('no flag when the graph holds nothing against a proposal, or its date is inside the validity', () => {
    const flags = proposalFlags(
      { ...extraction, mentions: [] },
      { existing: [], denied: [], validity: [{ key: 'support-fact', id: 'x', validFrom: '2018', validTo: '2020' }] },
    );
    expect([...flags.values()].flat()).toEqual([]);
  });
});
