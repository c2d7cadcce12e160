import { joinHalves, type WalkIds } from '../../src/traversal/path-halves';

/** Walks as element ids: nodes a, b, m1, m2...; a relationship is named by its two ends. */
const walk = (...nodes: string[]): WalkIds => ({
  nodes,
  rels: nodes.slice(1).map((node, i) => `${nodes[i]}-${node}`),
});

describe('joinHalves: longer paths from walks at both ends', () => {
  it('joins a forward and a backward walk where they meet, into one path from start to end', () => {
    // a-m1-m2-b (3 hops): 2 steps from a, 1 from b, meeting at m2.
    const forward = [[walk('a', 'm1')], [walk('a', 'm1', 'm2')]];
    const backward = [[walk('b', 'm2')]];
    const { paths, capped } = joinHalves(forward, backward, 3, 3, 10);
    expect(paths).toEqual([{ nodes: ['a', 'm1', 'm2', 'b'], rels: ['a-m1', 'm1-m2', 'b-m2'] }]); // rels are ids: b-m2 is the link m2-b
    expect(capped).toBe(false);
  });

  it('splits each length once (ceil from the start, floor from the end), so no path comes twice', () => {
    // a-m1-m2-b: at length 3 only the 2+1 split is tried, though a 1+2 split also meets (at m1).
    const forward = [[walk('a', 'm1')], [walk('a', 'm1', 'm2')]];
    const backward = [[walk('b', 'm2')], [walk('b', 'm2', 'm1')]];
    expect(joinHalves(forward, backward, 2, 4, 10).paths.map((path) => path.nodes.join(''))).toEqual(['am1m2b']);
  });

  it('leaves out walks that share an entity besides the meeting point (paths stay simple)', () => {
    // a-x-m and b-x-m meet at m but both pass x: not a path.
    const forward = [[walk('a', 'x')], [walk('a', 'x', 'm')]];
    const backward = [[walk('b', 'x')], [walk('b', 'x', 'm')]];
    expect(joinHalves(forward, backward, 4, 4, 10).paths).toEqual([]);
  });

  it('keeps at most `perLength` paths of each length and says a cap cut them', () => {
    const forward = [[walk('a', 'm1'), walk('a', 'm2'), walk('a', 'm3')]];
    const backward = [[walk('b', 'm1'), walk('b', 'm2'), walk('b', 'm3')]];
    const { paths, capped } = joinHalves(forward, backward, 2, 2, 2);
    expect(paths.map((path) => path.nodes.join(''))).toEqual(['am1b', 'am2b']);
    expect(capped).toBe(true);
    expect(joinHalves(forward, backward, 2, 2, 3).capped).toBe(false);
  });

  it('finds nothing for lengths the walks do not reach', () => {
    expect(joinHalves([[walk('a', 'm')]], [[walk('b', 'm')]], 3, 6, 10)).toEqual({ paths: [], capped: false });
  });
});
