import { Actor } from '../../src/actors/actor.type';
import { Allegation } from '../../src/allegations/allegation.type';
import { AllegationStatus, ClaimType, Reliability } from '../../src/model/vocabulary';
import { Source } from '../../src/sources/source.type';
import { citation, gradePath, hopScore } from '../../src/traversal/path-score';

const source = (id: string, reliability: Reliability) => Object.assign(new Source(), { id, title: `Source ${id}`, reliability, sourceIds: [] });
const actor = (id: string, name: string) => Object.assign(new Actor(), { id, name, aliases: [], sourceIds: ['s1'] });
const edge = (type: string, fromId: string, toId: string, credibility: number) => ({
  type,
  fromId,
  toId,
  props: { id: `${type}:${fromId}->${toId}`, credibility, excerpt: 'quoted', sourceIds: ['s1', 's2'] },
});

describe('path grading', () => {
  const sources = new Map([
    ['s1', source('s1', Reliability.C)],
    ['s2', source('s2', Reliability.F)],
  ]);

  it('scores a hop by its credibility and its best source, and a path by the product', () => {
    expect(hopScore(2, [sources.get('s1')!, sources.get('s2')!])).toBeCloseTo(0.8 * 0.6);
    expect(hopScore(6, [])).toBeCloseTo(0.3 * 0.3);
    const path = gradePath(
      { nodes: [actor('a', 'A'), actor('b', 'B'), actor('c', 'C')], edges: [edge('SUPPORTS', 'a', 'b', 1), edge('OPPOSES', 'c', 'b', 3)], allegations: [] },
      sources,
    );
    expect(path.hops.map((h) => h.direction)).toEqual(['OUTGOING', 'INCOMING']);
    expect(path.score).toBeCloseTo(1.0 * 0.6 * (0.6 * 0.6), 4);
    expect(path.viaAllegation).toBe(false);
    expect(path.explanation).toBe('A supports B [Source s1 +1 more, C1]; C opposes B [Source s1 +1 more, C3]');
  });

  it('reads an allegation on the path as who alleges what against whom, and who denies it', () => {
    const allegation = Object.assign(new Allegation(), {
      id: 'claim',
      name: 'claim',
      claimTypes: [ClaimType.SUPPORTS, ClaimType.FACILITATES],
      status: AllegationStatus.DENIED,
      credibility: 2,
      sourceIds: ['s1'],
    });
    const path = gradePath(
      {
        nodes: [actor('x', 'X'), allegation, actor('z', 'Z')],
        edges: [edge('DENIES', 'x', 'claim', 2), edge('CONCERNS', 'claim', 'z', 2)],
        allegations: [{ id: 'claim', accusers: ['Y'], accused: ['P', 'Q'], concerns: ['Z'], deniers: ['X'] }],
      },
      sources,
    );
    expect(path.viaAllegation).toBe(true);
    expect(path.explanation).toBe(
      'Y alleges that P and Q support or facilitate Z (allegation, denied) [Source s1, C2]; X denies it [Source s1 +1 more, C2]',
    );
  });

  it('cites an unsourced link as such', () => {
    expect(citation([], 4)).toBe('[unsourced, 4]');
  });
});
