import { graphql, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { generateGraph, removeGeneratedGraph } from '../../tools/generate-graph';
import { openDatabase } from '../support/database';

/**
 * Traversals answer at scale instead of timing out, and say when a cap cut the answer: a generated
 * graph of 100,000 actors around 10 hubs of ~10,000 spokes each (tools/generate-graph.ts). Hubs two
 * apart on the MEMBER_OF chain (gen-0 and gen-2) share ~1,000 spokes, so ~1,000 shortest paths of
 * two hops join them: more than any cap. Behaviour only (answers, caps, flags), not timings.
 */
const NODES = 100_000;
const HUBS = 10;
/** Generous for a loaded machine: the point is an answer, not a TIMEOUT error. */
const TX_TIMEOUT_MS = 20_000;
const NEIGHBOURHOOD_LIMIT = 50;

type Path = { length: number; truncated: boolean; nodes: Array<{ id: string }> };
type Subgraph = {
  truncated: boolean;
  nodes: Array<{ id: string }>;
  edges: Array<{ id: string; fromId: string; toId: string }>;
};
type GradedSubgraph = Omit<Subgraph, 'edges'> & {
  edges: Array<{ id: string; fromId: string; toId: string; credibility: number }>;
};

describe('traversal caps at 100,000 actors with hubs', () => {
  let db: Database;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    db = openDatabase({ transactionTimeoutMs: TX_TIMEOUT_MS });
    await migrate(db);
    await removeGeneratedGraph(db);
    await generateGraph(db, NODES, HUBS);
    schema = await buildGraphSchema();
  }, 240_000);

  afterAll(async () => {
    await removeGeneratedGraph(db);
    await db.close();
  }, 240_000);

  /** Runs a query; fails the test on any error (a TIMEOUT included). */
  async function ask<T>(source: string): Promise<T> {
    const result = await graphql({ schema, source, contextValue: createRequestContext(db) });
    expect(result.errors?.map((error) => `${String(error.extensions?.code)}: ${error.message}`) ?? []).toEqual([]);
    return result.data as T;
  }

  const endsOf = (path: Path) => [path.nodes[0].id, path.nodes.at(-1)?.id];

  it('is the graph it claims to be: hubs of ~10,000 links, two hubs sharing hundreds of spokes', async () => {
    const [row] = await db.read<{ actors: number; hubDegree: number; shared: number }>(
      'test.size',
      `CALL () { MATCH (n:Actor) WHERE n.id STARTS WITH 'gen-' RETURN count(n) AS actors }
       CALL () { MATCH (:Actor {id: 'gen-0'})-[r]-() RETURN count(r) AS hubDegree }
       CALL () { MATCH (:Actor {id: 'gen-0'})--(spoke)--(:Actor {id: 'gen-2'}) RETURN count(DISTINCT spoke) AS shared }
       RETURN actors, hubDegree, shared`,
    );
    expect(row.actors).toBe(NODES);
    expect(row.hubDegree).toBeGreaterThan(9_000);
    expect(row.shared).toBeGreaterThan(500);
  });

  it('shortestPath between hubs answers with a two-hop path and says the candidates were cut', async () => {
    const { shortestPath } = await ask<{ shortestPath: Path }>(
      '{ shortestPath(fromId: "gen-0", toId: "gen-2", maxHops: 6) { length truncated nodes { id } } }',
    );
    expect(shortestPath.length).toBe(2);
    expect(endsOf(shortestPath)).toEqual(['gen-0', 'gen-2']);
    expect(shortestPath.truncated).toBe(true); // ~1,000 shortest paths, 50 read
  });

  it('shortestPath between hubs with no shared spoke answers within maxHops 6', async () => {
    const { shortestPath } = await ask<{ shortestPath: Path | null }>(
      '{ shortestPath(fromId: "gen-3", toId: "gen-8", maxHops: 6) { length truncated nodes { id } } }',
    );
    expect(shortestPath).not.toBeNull();
    expect(shortestPath!.length).toBeLessThanOrEqual(6);
    expect(endsOf(shortestPath!)).toEqual(['gen-3', 'gen-8']);
  });

  it('paths between hubs up to 6 hops: at most `first`, shortest first, all flagged truncated', async () => {
    const { paths } = await ask<{ paths: Path[] }>(
      '{ paths(fromId: "gen-0", toId: "gen-2", maxHops: 6, first: 20) { length truncated nodes { id } } }',
    );
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.length).toBeLessThanOrEqual(20);
    expect(paths[0].length).toBe(2);
    const lengths = paths.map((path) => path.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    for (const path of paths) {
      expect(path.length).toBeLessThanOrEqual(6);
      expect(endsOf(path)).toEqual(['gen-0', 'gen-2']);
      expect(path.truncated).toBe(true);
    }
  });

  it('connect two hubs and two spokes answers with every id and says a pair was cut', async () => {
    const ids = ['gen-0', 'gen-2', 'gen-1234', 'gen-98765'];
    const { connect } = await ask<{ connect: Subgraph }>(
      `{ connect(ids: ${JSON.stringify(ids)}, maxHops: 6) { truncated nodes { id } edges { id fromId toId } } }`,
    );
    expect(connect.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(ids));
    expect(connect.edges.length).toBeGreaterThan(0);
    expect(connect.truncated).toBe(true); // gen-0 to gen-2: ~1,000 shortest paths, 5 read
  });

  it('a hub neighbourhood at depth 2, limit 50, keeps at most 50 entities besides the hub and says it was cut', async () => {
    const { neighborhood } = await ask<{ neighborhood: Subgraph }>(
      `{ neighborhood(id: "gen-0", depth: 2, limit: ${NEIGHBOURHOOD_LIMIT}) { truncated nodes { id } edges { id fromId toId } } }`,
    );
    expect(neighborhood.truncated).toBe(true);
    expect(neighborhood.nodes[0].id).toBe('gen-0');
    expect(neighborhood.nodes.length - 1).toBeLessThanOrEqual(NEIGHBOURHOOD_LIMIT);
    expect(neighborhood.nodes.length - 1).toBe(NEIGHBOURHOOD_LIMIT); // ~10,000 at one hop: the limit is filled
    const members = new Set(neighborhood.nodes.map((node) => node.id));
    expect(members.size).toBe(neighborhood.nodes.length);
    expect(neighborhood.edges.filter((edge) => !members.has(edge.fromId) || !members.has(edge.toId))).toEqual([]);
  });

  it('a hub neighbourhood graded by minCredibility keeps the same caps: at most 50 entities, truncated, best links of the hub first', async () => {
    const { neighborhood } = await ask<{ neighborhood: GradedSubgraph }>(
      `{ neighborhood(id: "gen-0", depth: 2, limit: ${NEIGHBOURHOOD_LIMIT}, minCredibility: 6) { truncated nodes { id } edges { id fromId toId credibility } } }`,
    );
    expect(neighborhood.truncated).toBe(true);
    expect(neighborhood.nodes[0].id).toBe('gen-0');
    expect(neighborhood.nodes.length - 1).toBe(NEIGHBOURHOOD_LIMIT);
    // Graded: each kept entity came through one of the hub's best-graded links (credibility 1:
    // thousands of spokes have one), not the first links read.
    const bestLinked = new Set(
      neighborhood.edges
        .filter((edge) => edge.credibility === 1 && (edge.toId === 'gen-0' || edge.fromId === 'gen-0'))
        .map((edge) => (edge.toId === 'gen-0' ? edge.fromId : edge.toId)),
    );
    expect(neighborhood.nodes.slice(1).filter((node) => !bestLinked.has(node.id))).toEqual([]);
  });

  it('an ordinary spoke under every cap answers in full: truncated is false', async () => {
    // gen-12345 (a spoke of gen-5): its hub, whom it supports and who supports it.
    const { neighborhood } = await ask<{ neighborhood: Subgraph }>(
      '{ neighborhood(id: "gen-12345", depth: 1, limit: 50) { truncated nodes { id } edges { id fromId toId } } }',
    );
    expect(neighborhood.truncated).toBe(false);
    expect(neighborhood.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(['gen-12345', 'gen-5']));
    expect(neighborhood.nodes.length).toBeLessThan(NEIGHBOURHOOD_LIMIT);
    const { shortestPath } = await ask<{ shortestPath: Path }>(
      '{ shortestPath(fromId: "gen-12345", toId: "gen-5", maxHops: 6) { length truncated nodes { id } } }',
    );
    expect(shortestPath).toMatchObject({ length: 1, truncated: false });
    const { paths } = await ask<{ paths: Path[] }>(
      '{ paths(fromId: "gen-12345", toId: "gen-5", maxHops: 1) { length truncated } }',
    );
    expect(paths).toEqual([{ length: 1, truncated: false }]);
  });
});
