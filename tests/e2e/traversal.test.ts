import type { Database } from '../../src/db';
import { startTestApp } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';

type PathResult = {
  length: number;
  score: number;
  viaAllegation: boolean;
  explanation: string;
  nodes: Array<{ id: string }>;
  hops: Array<{ from: { id: string }; to: { id: string }; type: string; direction: string; credibility: number; excerpt: string; score: number; sources: Array<{ id: string; reliability: string }> }>;
};
type SubgraphResult = { truncated: boolean; nodes: Array<{ id: string; __typename: string }>; edges: Array<{ id: string; type: string; fromId: string; toId: string; credibility: number; sources: Array<{ id: string }> }> };

const PATH_FIELDS = `length score viaAllegation explanation nodes { id }
  hops { from { id } to { id } type direction credibility excerpt score sources { id reliability } }`;
const SUBGRAPH_FIELDS = 'truncated nodes { __typename id } edges { id type fromId toId credibility sources { id } }';

/** Investigator traversals over real HTTP on the seeded real Neo4j. */
describe('traversal on the seeded graph', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const ask = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql<T>(app.url, query, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  };

  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('the shortest path from Ukraine to JNIM goes through the allegation, says so, and names Russia and the denial', async () => {
    const { shortestPath } = await ask<{ shortestPath: PathResult }>(`{ shortestPath(fromId: "ukraine", toId: "jnim") { ${PATH_FIELDS} } }`);
    expect(shortestPath.viaAllegation).toBe(true);
    expect(shortestPath.length).toBe(2);
    expect(shortestPath.nodes.map((n) => n.id)).toEqual(['ukraine', 'russia-accuses-ukrainian-intelligence', 'jnim']);
    expect(shortestPath.explanation).toMatch(/Russia alleges that Ukrainian intelligence supports JNIM/);
    expect(shortestPath.explanation).toMatch(/Ukraine denies it \[.+, C2\]/);
    for (const hop of shortestPath.hops) {
      expect(hop.sources.length).toBeGreaterThan(0);
      expect(hop.excerpt.length).toBeGreaterThan(0);
      expect(hop.score).toBeGreaterThan(0);
    }
    expect(shortestPath.hops[0]).toMatchObject({ type: 'DENIES', direction: 'OUTGOING' });
    expect(shortestPath.score).toBeCloseTo(shortestPath.hops.reduce((p, h) => p * h.score, 1), 3);
  });

  it('without allegations, Ukraine and JNIM are not linked within 4 hops', async () => {
    const data = await ask<{ shortestPath: PathResult | null }>(
      `{ shortestPath(fromId: "ukraine", toId: "jnim", includeAllegations: false, maxHops: 4) { ${PATH_FIELDS} } }`,
    );
    expect(data.shortestPath?.viaAllegation ?? false).toBe(false);
  });

  it('the AES members connect to France through the AES allegation', async () => {
    const { connect } = await ask<{ connect: SubgraphResult }>(
      `{ connect(ids: ["mali", "burkina-faso", "niger", "france"], maxHops: 3) { ${SUBGRAPH_FIELDS} } }`,
    );
    const ids = connect.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['mali', 'burkina-faso', 'niger', 'france', 'aes', 'aes-accuses-france-ukraine']));
    expect(connect.edges).toContainEqual(expect.objectContaining({ type: 'ACCUSES', fromId: 'aes-accuses-france-ukraine', toId: 'france' }));
    expect(connect.edges).toContainEqual(expect.objectContaining({ type: 'ALLEGES', fromId: 'aes', toId: 'aes-accuses-france-ukraine' }));
    for (const edge of connect.edges) {
      expect(ids).toContain(edge.fromId);
      expect(ids).toContain(edge.toId);
    }
  });

  it('asOf before 2012 finds no JNIM insurgency link; from 2012 on it does', async () => {
    const query = `query($asOf: String) { neighborhood(id: "jnim", depth: 1, asOf: $asOf, limit: 100) { ${SUBGRAPH_FIELDS} } }`;
    const before = await ask<{ neighborhood: SubgraphResult }>(query, { asOf: '2011' });
    const ids = before.neighborhood.nodes.map((n) => n.id);
    expect(ids).not.toContain('jnim-insurgency');
    expect(before.neighborhood.edges.find((e) => e.type === 'OPERATES_IN' && e.toId === 'mali-country')).toBeUndefined();
    const after = await ask<{ neighborhood: SubgraphResult }>(query, { asOf: '2013' });
    expect(after.neighborhood.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['jnim-insurgency', 'mali-country']));
  });

  it('minCredibility filters hops', async () => {
    const all = await ask<{ neighborhood: SubgraphResult }>(`{ neighborhood(id: "jnim", limit: 100) { ${SUBGRAPH_FIELDS} } }`);
    const strict = await ask<{ neighborhood: SubgraphResult }>(`{ neighborhood(id: "jnim", minCredibility: 2, limit: 100) { ${SUBGRAPH_FIELDS} } }`);
    expect(all.neighborhood.edges.some((e) => e.credibility > 2)).toBe(true);
    expect(strict.neighborhood.edges.length).toBeGreaterThan(0);
    expect(strict.neighborhood.edges.every((e) => e.credibility <= 2)).toBe(true);
    expect(strict.neighborhood.nodes.length).toBeLessThan(all.neighborhood.nodes.length);

    const paths = await ask<{ paths: PathResult[] }>(`{ paths(fromId: "ukraine", toId: "jnim", minCredibility: 3, first: 20) { ${PATH_FIELDS} } }`);
    expect(paths.paths.length).toBeGreaterThan(0);
    expect(paths.paths.every((p) => p.hops.every((h) => h.credibility <= 3))).toBe(true);
  });

  it('neighborhood grows with depth and marks a cut result as truncated', async () => {
    const depth1 = await ask<{ neighborhood: SubgraphResult }>(`{ neighborhood(id: "mali", depth: 1, limit: 500) { ${SUBGRAPH_FIELDS} } }`);
    const depth2 = await ask<{ neighborhood: SubgraphResult }>(`{ neighborhood(id: "mali", depth: 2, limit: 500) { ${SUBGRAPH_FIELDS} } }`);
    expect(depth2.neighborhood.nodes.length).toBeGreaterThan(depth1.neighborhood.nodes.length);
    expect(depth1.neighborhood.truncated).toBe(false);
    const capped = await ask<{ neighborhood: SubgraphResult }>(`{ neighborhood(id: "mali", depth: 2, limit: 3) { ${SUBGRAPH_FIELDS} } }`);
    expect(capped.neighborhood.nodes).toHaveLength(4); // the entity itself and the 3 nearest
    expect(capped.neighborhood.truncated).toBe(true);
    expect(capped.neighborhood.nodes[0].id).toBe('mali');
  });

  it('paths are distinct and ordered by length or by score', async () => {
    const byLength = await ask<{ paths: PathResult[] }>(`{ paths(fromId: "mali", toId: "france", maxHops: 4, first: 10) { ${PATH_FIELDS} } }`);
    const lengths = byLength.paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    const keys = byLength.paths.map((p) => p.hops.map((h) => `${h.from.id}>${h.type}>${h.to.id}`).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(byLength.paths.length).toBeGreaterThan(1);
    const byScore = await ask<{ paths: PathResult[] }>(`{ paths(fromId: "mali", toId: "france", maxHops: 4, first: 10, orderBy: SCORE) { ${PATH_FIELDS} } }`);
    const scores = byScore.paths.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('rejects out-of-range traversal arguments naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{ neighborhood(id: "jnim", depth: 4) { truncated } }', /depth/],
      ['{ neighborhood(id: "jnim", limit: 100000) { truncated } }', /limit/],
      ['{ shortestPath(fromId: "jnim", toId: "mali", maxHops: 7) { length } }', /maxHops/],
      ['{ paths(fromId: "jnim", toId: "mali", first: 500) { length } }', /first/],
      ['{ connect(ids: ["jnim"]) { truncated } }', /ids/],
      ['{ connect(ids: ["jnim", "nobody-here"]) { truncated } }', /ids\[1\]/],
      ['{ neighborhood(id: "jnim", asOf: "2011-02-30") { truncated } }', /asOf/],
      ['{ neighborhood(id: "jnim", minCredibility: 0) { truncated } }', /minCredibility/],
      ['{ shortestPath(fromId: "jnim", toId: "jnim") { length } }', /toId/],
    ];
    for (const [query, field] of cases) {
      const response = await gql(app.url, query);
      expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].message).toMatch(field);
    }
  });
});
