import { Actor } from '../../src/actors/actor.type';
import { Allegation } from '../../src/allegations/allegation.type';
import type { AnyEntity } from '../../src/entities/entity.mapper';
import { Event } from '../../src/events/event.type';
import { Location } from '../../src/locations/location.type';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  EventStatus,
  EventType,
  LocationKind,
  ParticipationRole,
  RelationshipType,
  Reliability,
} from '../../src/model/vocabulary';
import { Source } from '../../src/sources/source.type';
import { infinitive } from '../../src/traversal/explanation';
import { gradePath, type AllegationContext, type RawPath } from '../../src/traversal/path-score';

/** One sentence per hop for every relationship type and every participation role, pinned. */

const article = Object.assign(new Source(), {
  id: 'art',
  name: 'The article',
  title: 'The article',
  reliability: Reliability.C,
  sourceIds: [],
  retraction: null,
});
const media = Object.assign(new Source(), {
  id: 'media',
  name: 'Local media',
  title: 'Local media',
  reliability: Reliability.F,
  sourceIds: [],
  retraction: null,
});
const sources = new Map([
  ['art', article],
  ['media', media],
]);

const actor = (id: string, name: string, kind = ActorKind.STATE, plural = false) =>
  Object.assign(new Actor(), { id, name, aliases: [], sourceIds: ['art'], kind, plural, quantity: null });
const place = (id: string, name: string, kind = LocationKind.COUNTRY) =>
  Object.assign(new Location(), { id, name, aliases: [], sourceIds: ['art'], kind });
const event = (id: string, title: string, status = EventStatus.OCCURRED) =>
  Object.assign(new Event(), { id, name: title, title, type: EventType.OTHER, status, sourceIds: ['art'] });
const source = (s: Source) => s;

const mali = actor('mali', 'Mali');
const maliCountry = place('mali-country', 'Mali');
const forces = actor('forces', 'French forces', ActorKind.FORCE, true);
const drivers = actor('drivers', 'Six Senegalese truck drivers', ActorKind.GROUP, true);
const jnim = actor('jnim', 'JNIM', ActorKind.ARMED_GROUP);
const kayes = place('kayes', 'Kayes', LocationKind.REGION);
const abduction = event('abduction', 'Abduction of six drivers');
const blockade = event('blockade', 'JNIM blockade', EventStatus.ONGOING);
const legal = event('legal', 'Legal action at the ICJ', EventStatus.CONSIDERED);
const claim = Object.assign(new Allegation(), {
  id: 'claim',
  name: 'French forces support JNIM in Kayes.',
  statement: 'French forces support JNIM in Kayes.',
  claimTypes: [ClaimType.SUPPORTS],
  status: AllegationStatus.DENIED,
  claimCredibility: 6,
  credibility: 2,
  sourceIds: ['art'],
});
const party = (entity: Actor | Location) => ({
  id: entity.id,
  name: entity.name,
  labels: entity instanceof Actor ? ['Entity', 'Actor', 'State'] : ['Entity', 'Location', 'Region'],
  plural: entity instanceof Actor && entity.plural,
});
const claimContext: AllegationContext = {
  id: 'claim',
  accusers: [party(actor('russia', 'Russia'))],
  accused: [party(forces)],
  concerns: [party(jnim), party(kayes)],
  deniers: [party(actor('france', 'France'))],
};

/** A one-hop path from `from` to `to` over a relationship that points `edgeFrom -> edgeTo`. */
function sentence(
  type: RelationshipType,
  from: AnyEntity,
  to: AnyEntity,
  options: {
    reverse?: boolean;
    role?: ParticipationRole;
    sourceIds?: string[];
    credibility?: number;
    citations?: Array<[string, string]>;
  } = {},
) {
  const [edgeFrom, edgeTo] = options.reverse ? [to, from] : [from, to];
  const raw: RawPath = {
    nodes: [from, to],
    edges: [
      {
        type,
        fromId: edgeFrom.id,
        toId: edgeTo.id,
        props: {
          id: `${type}:${edgeFrom.id}->${edgeTo.id}`,
          credibility: options.credibility ?? 2,
          excerpt: 'x',
          sourceIds: options.sourceIds ?? ['art'],
          role: options.role ?? null,
        },
      },
    ],
    allegations: [claimContext],
    citations: options.citations ?? [],
  };
  return gradePath(raw, sources).explanation;
}

describe('explanations', () => {
  const russia = actor('russia', 'Russia');
  const aes = actor('aes', 'Alliance of Sahel States', ActorKind.ALLIANCE);
  const cases: Array<[string, string]> = [
    ['MEMBER_OF', sentence(RelationshipType.MEMBER_OF, mali, aes)],
    ['MEMBER_OF, plural subject', sentence(RelationshipType.MEMBER_OF, forces, aes)],
    [
      'AFFILIATED_WITH',
      sentence(RelationshipType.AFFILIATED_WITH, jnim, actor('aq', 'Al-Qaeda', ActorKind.ARMED_GROUP)),
    ],
    ['SUBORDINATE_TO, plural subject', sentence(RelationshipType.SUBORDINATE_TO, forces, actor('france', 'France'))],
    ['NATIONAL_OF, a group', sentence(RelationshipType.NATIONAL_OF, drivers, actor('senegal', 'Senegal'))],
    ['SUPPORTS, read against the arrow', sentence(RelationshipType.SUPPORTS, mali, russia, { reverse: true })],
    ['OPPOSES', sentence(RelationshipType.OPPOSES, jnim, mali)],
    ['GOVERNS, a state and its territory of the same name', sentence(RelationshipType.GOVERNS, mali, maliCountry)],
    ['OPERATES_IN', sentence(RelationshipType.OPERATES_IN, jnim, kayes)],
    ['PART_OF', sentence(RelationshipType.PART_OF, kayes, maliCountry)],
    ['BORDERS', sentence(RelationshipType.BORDERS, maliCountry, place('sn', 'Senegal'))],
    [
      'CONNECTS',
      sentence(RelationshipType.CONNECTS, place('corridor', 'Kayes corridor', LocationKind.CORRIDOR), maliCountry),
    ],
    ['OCCURRED_IN, happened', sentence(RelationshipType.OCCURRED_IN, abduction, kayes)],
    ['OCCURRED_IN, going on', sentence(RelationshipType.OCCURRED_IN, blockade, kayes)],
    ['OCCURRED_IN, considered', sentence(RelationshipType.OCCURRED_IN, legal, kayes)],
    ['DISRUPTS', sentence(RelationshipType.DISRUPTS, blockade, kayes)],
    ['FOLLOWS', sentence(RelationshipType.FOLLOWS, blockade, abduction)],
    ['ALLEGES', sentence(RelationshipType.ALLEGES, russia, claim)],
    ['DENIES', sentence(RelationshipType.DENIES, actor('france', 'France'), claim)],
    ['ACCUSES', sentence(RelationshipType.ACCUSES, claim, forces)],
    ['CONCERNS', sentence(RelationshipType.CONCERNS, claim, jnim)],
    ['CONCERNS, reached from what it concerns', sentence(RelationshipType.CONCERNS, jnim, claim, { reverse: true })],
    ['REPORTED_BY (evidence link)', sentence(RelationshipType.REPORTED_BY, mali, source(article))],
    [
      'CITES (evidence link), two sources',
      sentence(RelationshipType.CITES, source(article), source(media), { sourceIds: ['art', 'media'] }),
    ],
  ];
  for (const role of Object.values(ParticipationRole)) {
    cases.push([
      `PARTICIPATED_IN ${role}, happened`,
      sentence(RelationshipType.PARTICIPATED_IN, mali, abduction, { role }),
    ]);
    cases.push([
      `PARTICIPATED_IN ${role}, going on, plural subject`,
      sentence(RelationshipType.PARTICIPATED_IN, forces, blockade, { role }),
    ]);
    cases.push([
      `PARTICIPATED_IN ${role}, considered`,
      sentence(RelationshipType.PARTICIPATED_IN, aes, legal, { role }),
    ]);
  }

  it('covers every relationship type and role', () => {
    const covered = new Set(cases.map(([name]) => name.split(/[ ,]/)[0]));
    expect([...covered].sort()).toEqual(Object.values(RelationshipType).sort());
  });

  it.each(cases)('%s', (_name, text) => {
    expect(text).toMatchSnapshot();
    expect(text).not.toMatch(/\(as \w+\)|\) \(/); // no "(as target)", no doubled brackets
  });

  it('reads a considered legal action as something the initiator considers and the target would face', () => {
    expect(
      sentence(RelationshipType.PARTICIPATED_IN, actor('france', 'France'), legal, { role: ParticipationRole.TARGET }),
    ).toMatch(
      /^France would be a target of the legal action at the ICJ \(considered, not carried out\)\. \[fairly reliable source, probably true: C2; The article\]$/,
    );
    expect(sentence(RelationshipType.PARTICIPATED_IN, aes, legal, { role: ParticipationRole.INITIATOR })).toMatch(
      /^The Alliance of Sahel States is considering the legal action at the ICJ\./,
    );
  });

  it('tells a state from its territory of the same name', () => {
    expect(sentence(RelationshipType.GOVERNS, mali, maliCountry)).toMatch(/^Mali \(state\) governs Mali \(country\)\./);
  });

  it('words a link the source does not state in its own voice as a report or as an inference, never as a fact', () => {
    const perpetrator = { role: ParticipationRole.PERPETRATOR };
    expect(sentence(RelationshipType.PARTICIPATED_IN, jnim, abduction, { ...perpetrator, credibility: 3 })).toBe(
      "JNIM is assessed to have carried out the abduction of six drivers. [fairly reliable source, possibly true: C3, the curator's reading of the source; The article]",
    );
    const attributed = { sourceIds: ['art', 'media'], citations: [['art', 'media']] as Array<[string, string]> };
    expect(sentence(RelationshipType.OPERATES_IN, forces, kayes, { ...attributed, credibility: 3 })).toBe(
      'French forces are reported to operate in Kayes. [fairly reliable source, possibly true: C3, attributed by the source to another; The article +1 more]',
    );
    // Two sources that do not cite each other: nothing says the article only repeats the other.
    expect(
      sentence(RelationshipType.OPERATES_IN, jnim, kayes, { sourceIds: ['art', 'media'], credibility: 3 }),
    ).toMatch(/^JNIM is assessed to operate in Kayes\./);
    expect(sentence(RelationshipType.OPERATES_IN, jnim, kayes)).toMatch(/^JNIM operates in Kayes\./);
  });

  it("reads a curator's inferred CONCERNS link as the curator's reading, with its own grade", () => {
    expect(sentence(RelationshipType.CONCERNS, claim, jnim, { credibility: 4 })).toBe(
      "Russia's allegation that French forces support JNIM in Kayes is assessed to concern JNIM (denied by France). [fairly reliable source, truth cannot be judged: C6 for the claim; the curator's reading that it concerns JNIM: C4; The article]",
    );
  });

  it('gives the claim as its statement, and never calls the report of it "probably true"', () => {
    const text = sentence(RelationshipType.ALLEGES, actor('russia', 'Russia'), claim);
    expect(text).toContain('alleges that French forces support JNIM in Kayes (denied by France).');
    expect(text).not.toContain('probably true');
  });

  it.each([
    ['is a member of', 'be a member of'],
    ['are members of', 'be members of'],
    ['was a victim of', 'have been a victim of'],
    ['carried out', 'have carried out'],
    ['took place in', 'have taken place in'],
    ['came after', 'have come after'],
    ['disrupted', 'have disrupted'],
    ['supports', 'support'],
    ['denies', 'deny'],
    ['accuses', 'accuse'],
    ['connects to', 'connect to'],
    ['is considering', 'be considering'],
    ['support', 'support'],
  ])('after a hedge, "%s" reads "%s"', (verb, expected) => {
    expect(infinitive(verb)).toBe(expected);
  });
});
