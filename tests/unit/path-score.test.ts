import { Actor } from '../../src/actors/actor.type';
import { Allegation } from '../../src/allegations/allegation.type';
import { Retraction } from '../../src/common/retraction.type';
import { Event } from '../../src/events/event.type';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  EventStatus,
  EventType,
  Reliability,
} from '../../src/model/vocabulary';
import { Source } from '../../src/sources/source.type';
import {
  gradePath,
  hopScore,
  sourceSupport,
  type AllegationContext,
  type RawEdge,
  type RawPath,
} from '../../src/traversal/path-score';

/** The scoring invariants of docs/evidence.md, each on a path built for it (no database). */

const source = (id: string, reliability: Reliability) =>
  Object.assign(new Source(), { id, title: `Source ${id}`, reliability, sourceIds: [], retraction: null });
const actor = (id: string, name = id.toUpperCase()) =>
  Object.assign(new Actor(), {
    id,
    name,
    aliases: [],
    sourceIds: ['c1'],
    kind: ActorKind.STATE,
    plural: false,
    quantity: null,
  });
const claim = (id: string, status = AllegationStatus.ALLEGED, claimCredibility = 6) =>
  Object.assign(new Allegation(), {
    id,
    name: `U supports J (${id})`,
    statement: `U supports J (${id})`,
    claimTypes: [ClaimType.SUPPORTS],
    status,
    claimCredibility,
    credibility: 2,
    sourceIds: ['c1'],
  });
const event = (id: string, status: EventStatus) =>
  Object.assign(new Event(), { id, name: id, title: `Event ${id}`, type: EventType.OTHER, status, sourceIds: ['c1'] });
const edge = (
  type: string,
  fromId: string,
  toId: string,
  credibility: number,
  sourceIds = ['c1'],
  role?: string,
): RawEdge => ({
  type,
  fromId,
  toId,
  props: { id: `${type}:${fromId}->${toId}`, credibility, excerpt: 'quoted', sourceIds, role: role ?? null },
});
const party = (id: string) => ({ id, name: id.toUpperCase(), labels: ['Entity', 'Actor', 'State'], plural: false });
const context = (id: string, deniers: string[] = []): AllegationContext => ({
  id,
  accusers: [party('r')],
  accused: [party('u')],
  concerns: [party('j')],
  deniers: deniers.map(party),
});

const sources = new Map([
  ['a1', source('a1', Reliability.A)],
  ['b1', source('b1', Reliability.B)],
  ['c1', source('c1', Reliability.C)],
  ['c2', source('c2', Reliability.C)],
  ['f1', source('f1', Reliability.F)],
]);
const grade = (raw: RawPath) => gradePath(raw, sources);

describe('path score invariants', () => {
  it('a path scores the product of its hops, so an extra hop never raises it', () => {
    const two = grade({
      nodes: [actor('a'), actor('b'), actor('c')],
      edges: [edge('SUPPORTS', 'a', 'b', 1), edge('OPPOSES', 'c', 'b', 3)],
      allegations: [],
    });
    expect(two.hops.map((h) => h.direction)).toEqual(['OUTGOING', 'INCOMING']);
    expect(two.score).toBeCloseTo(1.0 * 0.6 * (0.6 * 0.6), 4);
    const three = grade({
      nodes: [actor('a'), actor('b'), actor('c'), actor('d')],
      edges: [edge('SUPPORTS', 'a', 'b', 1), edge('OPPOSES', 'c', 'b', 3), edge('SUPPORTS', 'c', 'd', 1, ['a1'])],
      allegations: [],
    });
    expect(three.score).toBeLessThanOrEqual(two.score);
  });

  it('an independent corroborating source raises a score; a source citing one already there does not', () => {
    const one = sourceSupport([sources.get('c1')!]);
    const independent = sourceSupport([sources.get('c1')!, sources.get('c2')!]);
    const citing = sourceSupport([sources.get('c1')!, sources.get('c2')!], [['c1', 'c2']]);
    expect(one).toBeCloseTo(0.6);
    expect(independent).toBeCloseTo(1 - 0.4 * 0.4);
    expect(independent).toBeGreaterThan(one);
    expect(citing).toBeCloseTo(one);
    const path = (ids: string[]) =>
      grade({ nodes: [actor('a'), actor('b')], edges: [edge('SUPPORTS', 'a', 'b', 2, ids)], allegations: [] }).score;
    expect(path(['c1', 'f1'])).toBeGreaterThan(path(['c1']));
  });

  it('a retracted source removes its support', () => {
    const retracted = Object.assign(source('c2', Reliability.C), {
      retraction: Object.assign(new Retraction(), { reason: 'fabricated' }),
    });
    const withRetracted = new Map(sources).set('c2', retracted);
    const path = (map: Map<string, Source>) =>
      gradePath(
        { nodes: [actor('a'), actor('b')], edges: [edge('SUPPORTS', 'a', 'b', 2, ['c1', 'c2'])], allegations: [] },
        map,
      );
    expect(path(withRetracted).score).toBeCloseTo(path(new Map([['c1', sources.get('c1')!]])).score);
    expect(path(withRetracted).score).toBeLessThan(path(sources).score);
    expect(path(withRetracted).hops[0].sources.map((s) => s.id)).toEqual(['c1']);
    // Only a retracted source left: the link counts as unsourced.
    const alone = new Map([['c2', retracted]]);
    expect(
      gradePath(
        { nodes: [actor('a'), actor('b')], edges: [edge('SUPPORTS', 'a', 'b', 2, ['c2'])], allegations: [] },
        alone,
      ).score,
    ).toBeCloseTo(hopScore(2, []));
  });

  it('a hop from an allegation to what it alleges is graded by the claim, not by the report that it was made', () => {
    const path = grade({
      nodes: [actor('r'), claim('x'), actor('j')],
      edges: [edge('ALLEGES', 'r', 'x', 2), edge('CONCERNS', 'x', 'j', 2)],
      allegations: [context('x')],
    });
    expect(path.hops.map((h) => [h.credibility, h.reportCredibility])).toEqual([
      [2, 2],
      [6, 2],
    ]);
    expect(path.hops[1].score).toBeCloseTo(0.8 * 0.3 * 0.6); // the link (2) and the claim (6)
    expect(path.viaAllegation).toBe(true);
    expect(path.contested).toBe(false);
    // A curator corroborating the claim (claimCredibility 2) raises the score.
    const corroborated = grade({
      nodes: [actor('r'), claim('x', AllegationStatus.CORROBORATED, 2), actor('j')],
      edges: [edge('ALLEGES', 'r', 'x', 2), edge('CONCERNS', 'x', 'j', 2)],
      allegations: [context('x')],
    });
    expect(corroborated.score).toBeGreaterThan(path.score);
  });

  it('grades a hop by its link and its claim, whichever way the path travels', () => {
    const forward = grade({
      nodes: [actor('u'), claim('x'), actor('r')],
      edges: [edge('DENIES', 'u', 'x', 2), edge('ALLEGES', 'r', 'x', 2)],
      allegations: [context('x')],
    });
    const backward = grade({
      nodes: [actor('r'), claim('x'), actor('u')],
      edges: [edge('ALLEGES', 'r', 'x', 2), edge('DENIES', 'u', 'x', 2)],
      allegations: [context('x')],
    });
    // Report links: that the claim was made, that it was denied.
    expect(forward.hops.map((h) => [h.type, h.credibility, h.score])).toEqual([
      ['DENIES', 2, 0.48],
      ['ALLEGES', 2, 0.48],
    ]);
    expect(backward.hops.map((h) => [h.type, h.credibility, h.score])).toEqual([
      ['ALLEGES', 2, 0.48],
      ['DENIES', 2, 0.48],
    ]);
    // Yet the chain passes through a claim nobody has established.
    expect(forward.unestablished).toBe(true);
  });

  it('a denial lowers a score, whether recorded as a DENIES link or as the status', () => {
    const nodes = (status = AllegationStatus.ALLEGED) => [actor('r'), claim('x', status), actor('j')];
    const edges = [edge('ALLEGES', 'r', 'x', 2), edge('CONCERNS', 'x', 'j', 2)];
    const undisputed = grade({ nodes: nodes(), edges, allegations: [context('x')] });
    const deniedByLink = grade({ nodes: nodes(), edges, allegations: [context('x', ['u'])] });
    const deniedByStatus = grade({ nodes: nodes(AllegationStatus.DENIED), edges, allegations: [context('x')] });
    const disputed = grade({ nodes: nodes(AllegationStatus.DISPUTED), edges, allegations: [context('x')] });
    for (const contested of [deniedByLink, deniedByStatus, disputed]) {
      expect(contested.score).toBeLessThan(undisputed.score);
      expect(contested.contested).toBe(true);
      expect(contested.hops.every((h) => h.contested)).toBe(true);
    }
    expect(undisputed.contested).toBe(false);
  });

  it("scores a curator's doubtful reading of what a claim concerns below what the report states", () => {
    const concerns = (credibility: number) =>
      grade({
        nodes: [actor('r'), claim('x'), actor('j')],
        edges: [edge('ALLEGES', 'r', 'x', 2), edge('CONCERNS', 'x', 'j', credibility)],
        allegations: [context('x')],
      }).hops[1];
    expect(concerns(2)).toMatchObject({ credibility: 6, reportCredibility: 2, reading: 'STATED' });
    expect(concerns(4)).toMatchObject({ credibility: 6, reportCredibility: 4, reading: 'INFERRED' });
    expect(concerns(2).score).toBeCloseTo(0.8 * 0.3 * 0.6);
    expect(concerns(4).score).toBeCloseTo(0.4 * 0.3 * 0.6);
  });

  it('an event that did not happen makes the path hypothetical and halves the hops that join it', () => {
    const path = (status: EventStatus) =>
      grade({
        nodes: [actor('a'), event('e', status), actor('b')],
        edges: [
          edge('PARTICIPATED_IN', 'a', 'e', 2, ['c1'], 'INITIATOR'),
          edge('PARTICIPATED_IN', 'b', 'e', 2, ['c1'], 'TARGET'),
        ],
        allegations: [],
      });
    const happened = path(EventStatus.OCCURRED);
    const considered = path(EventStatus.CONSIDERED);
    expect(happened.hypothetical).toBe(false);
    expect(considered.hypothetical).toBe(true);
    expect(considered.hops.every((h) => h.hypothetical)).toBe(true);
    expect(considered.score).toBeCloseTo(happened.score * 0.25);
    expect(path(EventStatus.ONGOING).hypothetical).toBe(false);
  });
});
