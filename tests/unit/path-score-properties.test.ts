import { Actor } from '../../src/actors/actor.type';
import { Allegation } from '../../src/allegations/allegation.type';
import type { AnyEntity } from '../../src/entities/entity.mapper';
import { ActorKind, AllegationStatus, ClaimType, Reliability } from '../../src/model/vocabulary';
import { Source } from '../../src/sources/source.type';
import { gradePath, type RawEdge, type RawPath } from '../../src/traversal/path-score';
import { PathOrder } from '../../src/traversal/traversal.args';
import { rankPaths } from '../../src/traversal/traversal.service';
import { random } from '../../tools/scale-graph';

/**
 * The score invariants of docs/evidence.md as properties over generated paths (a seeded
 * generator, so a failure repeats): any length, any grades, any sources, any claim.
 */

const RUNS = 2_000;
const RELIABILITIES = Object.values(Reliability);
const sources = new Map(
  RELIABILITIES.flatMap((r) => [1, 2].map((n) => `${r}${n}`)).map((id) => [
    id,
    Object.assign(new Source(), { id, title: id, reliability: id[0] as Reliability, sourceIds: [], retraction: null }),
  ]),
);
const FACT_TYPES = ['SUPPORTS', 'OPPOSES', 'MEMBER_OF', 'AFFILIATED_WITH', 'SUBORDINATE_TO'];
const CONTESTED = [AllegationStatus.DENIED, AllegationStatus.DISPUTED, AllegationStatus.REFUTED];

function generator(seed: number) {
  const next = random(seed);
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)];
  const sourceIds = () => [...new Set(Array.from({ length: int(1, 3) }, () => `${pick(RELIABILITIES)}${int(1, 2)}`))];
  let counter = 0;
  const actor = () => {
    const id = `a${counter++}`;
    return Object.assign(new Actor(), {
      id,
      name: id,
      aliases: [],
      sourceIds: ['C1'],
      kind: ActorKind.STATE,
      plural: false,
    });
  };
  const link = (type: string, from: AnyEntity, to: AnyEntity, credibility = int(1, 6)): RawEdge => ({
    type,
    fromId: from.id,
    toId: to.id,
    props: { id: `${type}:${from.id}->${to.id}`, credibility, excerpt: 'x', sourceIds: sourceIds() },
  });
  /** A hop of a fact chain between two actors, either way round. */
  const factLink = (a: AnyEntity, b: AnyEntity, credibility?: number) =>
    next() < 0.5 ? link(pick(FACT_TYPES), a, b, credibility) : link(pick(FACT_TYPES), b, a, credibility);
  const factChain = (length: number, credibility?: () => number): RawPath => {
    const nodes: AnyEntity[] = Array.from({ length: length + 1 }, actor);
    return {
      nodes,
      edges: nodes.slice(1).map((node, i) => factLink(nodes[i], node, credibility?.())),
      allegations: [],
    };
  };
  /** A hop joining an actor and an allegation by any claim link, graded anyhow. */
  const claimLink = (party: AnyEntity, allegation: Allegation) =>
    pick(['ALLEGES', 'DENIES', 'ACCUSES', 'CONCERNS']).startsWith('A') && next() < 0.5
      ? link(pick(['ALLEGES', 'DENIES']), party, allegation)
      : link(pick(['ACCUSES', 'CONCERNS']), allegation, party);
  /** A chain of `length` hops through an unestablished claim at a random place, other links graded anyhow. */
  const claimChain = (length: number): RawPath => {
    const at = int(1, length - 1);
    const contested = next() < 0.5;
    const allegation = Object.assign(new Allegation(), {
      id: `x${counter++}`,
      name: 'claim',
      statement: 'A claim.',
      claimTypes: [ClaimType.SUPPORTS],
      status: contested ? pick(CONTESTED) : AllegationStatus.ALLEGED,
      claimCredibility: contested ? int(1, 6) : int(4, 6),
      credibility: int(1, 3),
      sourceIds: ['A1'],
    });
    const nodes: AnyEntity[] = Array.from({ length: length + 1 }, actor);
    nodes[at] = allegation;
    const edges = nodes.slice(1).map((node, i) => {
      if (node === allegation) return claimLink(nodes[i], allegation);
      if (nodes[i] === allegation) return claimLink(node, allegation);
      return factLink(nodes[i], node);
    });
    return { nodes, edges, allegations: [{ id: allegation.id, accusers: [], accused: [], concerns: [], deniers: [] }] };
  };
  return { int, pick, link, factChain, claimChain, sourceIds };
}

const reverse = (raw: RawPath): RawPath => ({
  ...raw,
  nodes: [...raw.nodes].reverse(),
  edges: [...raw.edges].reverse(),
});

describe('path score properties over generated paths', () => {
  it('at equal length, a chain of reported facts ranks above any chain through an unjudged, denied or disputed claim', () => {
    const { int, factChain, claimChain } = generator(20);
    for (let run = 0; run < RUNS; run++) {
      const length = int(2, 6);
      // Reported facts: stated or attributed grades (1-3), any sources; the claim chain's other links anything.
      const facts = gradePath(
        factChain(length, () => int(1, 3)),
        sources,
      );
      const throughClaim = gradePath(claimChain(length), sources);
      expect(throughClaim.unestablished).toBe(true);
      expect(facts.unestablished).toBe(false);
      for (const order of [PathOrder.SCORE, PathOrder.LENGTH])
        expect(rankPaths([throughClaim, facts], order)[0]).toBe(facts);
    }
  });

  it('an inferred link never scores like a stated one: the same link and sources score lower graded as an inference', () => {
    const { int, pick, link, sourceIds } = generator(21);
    for (let run = 0; run < RUNS; run++) {
      const ids = sourceIds();
      const [a, b] = [new Actor(), new Actor()].map((x, i) => Object.assign(x, { id: `p${i}`, name: `p${i}` }));
      const claimCredibility = int(1, 6);
      const allegation = Object.assign(new Allegation(), {
        id: 'x',
        statement: 'A claim.',
        claimTypes: [ClaimType.SUPPORTS],
        status: AllegationStatus.ALLEGED,
        claimCredibility,
        credibility: 2,
      });
      const content = run % 2 === 0;
      const hop = (credibility: number) => {
        const edge = content
          ? link(pick(['ACCUSES', 'CONCERNS']), allegation, b, credibility)
          : link(pick(FACT_TYPES), a, b, credibility);
        edge.props.sourceIds = ids;
        const nodes = content ? [allegation, b] : [a, b];
        return gradePath({ nodes, edges: [edge], allegations: [] }, sources).hops[0];
      };
      const stated = hop(int(1, 2));
      const inferred = hop(int(3, 6));
      expect([stated.reading, inferred.reading]).toEqual(['STATED', 'INFERRED']);
      expect(inferred.score).toBeLessThan(stated.score);
    }
  });

  it("a hop's grade and score do not depend on the direction the path travels", () => {
    const { int, factChain, claimChain } = generator(22);
    for (let run = 0; run < RUNS; run++) {
      const raw = run % 2 ? claimChain(int(2, 6)) : factChain(int(1, 6));
      const there = gradePath(raw, sources);
      const back = gradePath(reverse(raw), sources);
      const gradesOf = (path: typeof there) =>
        path.hops.map((h) => [h.type, h.credibility, h.reportCredibility, h.score, h.reading]);
      expect(gradesOf(back)).toEqual(gradesOf(there).reverse());
      expect(back.score).toBeCloseTo(there.score, 4);
      expect(back.unestablished).toBe(there.unestablished);
      // The sentence of each hop carries the same grade code either way.
      expect(back.steps.map((s) => s.grade)).toEqual(there.steps.map((s) => s.grade).reverse());
    }
  });
});
