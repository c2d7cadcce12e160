import { graphql, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { TimeoutError } from '../../src/errors';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { generateGraph } from '../../tools/generate-graph';
import { clearGraph, openDatabase } from '../support/database';

/**
 * The caps hold on a graph far larger than the seed: 10,000 actors, 10 hubs of ~1,000 spokes each,
 * ~20,000 relationships. Every traversal either answers within its cap or stops with TIMEOUT at
 * its transaction timeout; none runs on.
 */
const NODES = 10_000;
const HUBS = 10;
/**
 * The hub's depth-3 neighbourhood, which must answer, takes 2-3 s on a quiet 2-core machine:
 * 6 s leaves it room on a loaded one while still stopping anything that runs on.
 */
const TX_TIMEOUT_MS = 6_000;
const SLACK_MS = 4_000;
/** The caps the schema documents (src/traversal): nodes per subgraph, edges per neighborhood, paths per answer, hops per path. */
const MAX_NODE_LIMIT = 500;
const EDGE_LIMIT = 2_000;
const MAX_PATHS = 20;
const MAX_HOPS = 6;

describe('traversal caps on a generated graph', () => {
  let db: Database;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    const setup = openDatabase();
    await migrate(setup);
    await clearGraph(setup);
    await generateGraph(setup, NODES, HUBS);
    await setup.close();
    db = openDatabase({ transactionTimeoutMs: TX_TIMEOUT_MS });
    schema = await buildGraphSchema();
  }, 180_000);

  it('is the graph it claims to be', async () => {
    const [row] = await db.read<{ nodes: number; rels: number; hubDegree: number }>(
      'test.size',
      `CALL () { MATCH (n:Actor) RETURN count(n) AS nodes }
       CALL () { MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS rels }
       CALL () { MATCH (:Actor {id: 'gen-0'})-[r]-() RETURN count(r) AS hubDegree }
       RETURN nodes, rels, hubDegree`,
    );
    expect(row.nodes).toBe(NODES);
    expect(row.rels).toBeGreaterThan(19_000);
    expect(row.hubDegree).toBeGreaterThan(900);
  });

  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });

  async function run(source: string) {
    const started = Date.now();
    const result = await graphql({ schema, source, contextValue: createRequestContext(db) });
    const elapsed = Date.now() - started;
    const codes = (result.errors ?? []).map((error) => error.extensions?.code ?? error.message);
    return { data: result.data as Record<string, unknown> | null | undefined, codes, elapsed };
  }

  type Subgraph = {
    truncated: boolean;
    nodes: Array<{ id: string }>;
    edges: Array<{ id: string; fromId: string; toId: string }>;
  };
  type Path = { length: number; score: number; nodes: Array<{ id: string }> };

  /** A subgraph is well formed: distinct nodes, distinct edges, every edge between two of its nodes. */
  function expectWellFormed(subgraph: Subgraph) {
    const ids = subgraph.nodes.map((node) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(subgraph.edges.map((edge) => edge.id)).size).toBe(subgraph.edges.length);
    const members = new Set(ids);
    expect(subgraph.edges.filter((edge) => !members.has(edge.fromId) || !members.has(edge.toId))).toEqual([]);
  }

  /** A path runs from its first id to its last, within the hop cap. */
  function expectPathWithin(path: Path, fromId: string, toId: string) {
    expect(path.length).toBeGreaterThanOrEqual(1);
    expect(path.length).toBeLessThanOrEqual(MAX_HOPS);
    expect(path.nodes).toHaveLength(path.length + 1);
    expect([path.nodes[0].id, path.nodes.at(-1)?.id]).toEqual([fromId, toId]);
  }

  it('a depth-3 neighborhood of a hub is cut at its cap and says so', async () => {
    const { data, codes, elapsed } = await run(
      '{ neighborhood(id: "gen-0", depth: 3, limit: 200) { truncated nodes { id } edges { id fromId toId } } }',
    );
    expect(codes).toEqual([]);
    const subgraph = data!.neighborhood as Subgraph;
    expect(subgraph.truncated).toBe(true);
    expect(subgraph.nodes).toHaveLength(201); // the hub and the 200 nearest of its ~1,000 spokes
    expect(subgraph.nodes[0].id).toBe('gen-0');
    expect(subgraph.edges.length).toBeGreaterThanOrEqual(200); // each kept spoke is linked to the hub
    expect(subgraph.edges.length).toBeLessThanOrEqual(EDGE_LIMIT);
    expectWellFormed(subgraph);
    expect(elapsed).toBeLessThan(TX_TIMEOUT_MS + SLACK_MS);
  });

  const neighbourhoodOf = async (id: string, args: string): Promise<Subgraph> => {
    const { data, codes } = await run(
      `{ neighborhood(id: "${id}", ${args}) { truncated nodes { id } edges { id fromId toId } } }`,
    );
    expect(codes).toEqual([]);
    return data!.neighborhood as Subgraph;
  };
  const sortedIds = (items: Array<{ id: string }>) => items.map((item) => item.id).sort();

  /**
   * Without minCredibility a neighbourhood reads each node's links unsorted and grades nothing
   * before its limit (NeighbourOrder.NEAREST); minCredibility 6 lets every grade through but
   * takes the graded reading. Under every cap the two must find the same entities and links.
   */
  it('a neighbourhood under its caps finds the same entities and links unsorted as graded', async () => {
    for (const id of ['gen-123', 'gen-4567', 'gen-9001']) {
      const args = 'depth: 3, limit: 500, relationTypes: [SUPPORTS]';
      const nearest = await neighbourhoodOf(id, args);
      const graded = await neighbourhoodOf(id, `${args}, minCredibility: 6`);
      expect([nearest.truncated, graded.truncated]).toEqual([false, false]);
      expect(nearest.nodes[0].id).toBe(id);
      expect(nearest.nodes.length).toBeGreaterThan(3); // one SUPPORTS out and about one in per actor, 3 hops
      expect(sortedIds(nearest.nodes)).toEqual(sortedIds(graded.nodes));
      expect(sortedIds(nearest.edges)).toEqual(sortedIds(graded.edges));
      expectWellFormed(nearest);
    }
  });

  /**
   * At a hub the unsorted reading keeps the caps: the limit filled and said to be cut, and every
   * link among the entities it kept (checked against the graph itself), none to an entity left out.
   */
  it('a hub neighbourhood read unsorted keeps its caps, says truncated and has every link among its entities', async () => {
    const subgraph = await neighbourhoodOf('gen-3', 'depth: 2, limit: 50');
    expect(subgraph.truncated).toBe(true); // ~1,000 spokes at one hop
    expect(subgraph.nodes).toHaveLength(51);
    expect(subgraph.nodes[0].id).toBe('gen-3');
    expectWellFormed(subgraph);
    const [row] = await db.read<{ ids: string[] }>(
      'test.linksAmong',
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND r.retracted IS NULL
       RETURN collect(r.id) AS ids`,
      { ids: subgraph.nodes.map((node) => node.id) },
    );
    expect(row.ids.length).toBeGreaterThanOrEqual(50); // each spoke kept is linked to its hub
    expect(sortedIds(subgraph.edges)).toEqual([...row.ids].sort());
  });

  /**
   * Each traversal below either answers, and then its answer keeps every cap it names, or stops
   * with TIMEOUT (and nothing else) no later than its transaction timeout.
   */
  async function expectCappedOrTimeout(source: string, checkAnswer: (data: Record<string, unknown>) => void) {
    const { data, codes, elapsed } = await run(source);
    expect(elapsed).toBeLessThan(TX_TIMEOUT_MS + SLACK_MS);
    expect(codes.filter((code) => code !== 'TIMEOUT')).toEqual([]);
    if (codes.length > 0) return; // stopped at its timeout, in time
    if (!data) throw new Error(`no data and no error for ${source}`);
    checkAnswer(data);
  }

  it('neighborhood at the node cap: at most the limit plus the start, truncated, answers or stops with TIMEOUT in time', async () => {
    await expectCappedOrTimeout(
      '{ neighborhood(id: "gen-5", depth: 3, limit: 500) { truncated nodes { id } edges { id fromId toId } } }',
      (data) => {
        const subgraph = data.neighborhood as Subgraph;
        expect(subgraph.truncated).toBe(true); // the hub alone has ~1,000 spokes
        expect(subgraph.nodes).toHaveLength(MAX_NODE_LIMIT + 1);
        expect(subgraph.nodes[0].id).toBe('gen-5');
        expect(subgraph.edges.length).toBeLessThanOrEqual(EDGE_LIMIT);
        expectWellFormed(subgraph);
      },
    );
  });

  it('paths between far spokes, best evidence first: at most `first` paths of at most `maxHops`, answers or stops with TIMEOUT in time', async () => {
    await expectCappedOrTimeout(
      '{ paths(fromId: "gen-1234", toId: "gen-9876", maxHops: 6, first: 20, orderBy: SCORE) { length score nodes { id } } }',
      (data) => {
        const paths = data.paths as Path[];
        // gen-1234 -> hub gen-4 -> gen-5 -> hub gen-6 <- gen-9876 is one path of 4 hops.
        expect(paths.length).toBeGreaterThan(0);
        expect(paths.length).toBeLessThanOrEqual(MAX_PATHS);
        for (const path of paths) expectPathWithin(path, 'gen-1234', 'gen-9876');
        const scores = paths.map((path) => path.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      },
    );
  });

  it('shortestPath across hubs: one path of at most `maxHops`, answers or stops with TIMEOUT in time', async () => {
    await expectCappedOrTimeout(
      '{ shortestPath(fromId: "gen-4321", toId: "gen-8765", maxHops: 6) { length score nodes { id } } }',
      (data) => {
        // gen-4321 -> hub gen-1 -> gen-2 -> gen-3 -> gen-4 -> hub gen-5 <- gen-8765 is 6 hops, so one exists.
        const path = data.shortestPath as Path | null;
        expect(path).not.toBeNull();
        expectPathWithin(path!, 'gen-4321', 'gen-8765');
      },
    );
  });

  it('connect ten spokes: at most the node cap, every id kept, answers or stops with TIMEOUT in time', async () => {
    const spokes = [
      'gen-101',
      'gen-202',
      'gen-303',
      'gen-404',
      'gen-505',
      'gen-606',
      'gen-707',
      'gen-808',
      'gen-909',
      'gen-1000',
    ];
    await expectCappedOrTimeout(
      `{ connect(ids: ${JSON.stringify(spokes)}, maxHops: 6) { truncated nodes { id } edges { id fromId toId } } }`,
      (data) => {
        const subgraph = data.connect as Subgraph;
        expect(subgraph.nodes.length).toBeLessThanOrEqual(MAX_NODE_LIMIT);
        expect(subgraph.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(spokes));
        expect(subgraph.edges.length).toBeGreaterThan(0);
        expectWellFormed(subgraph);
      },
    );
  });

  it('a statement past its transaction timeout is stopped by Neo4j and reported as TIMEOUT', async () => {
    const started = Date.now();
    const attempt = db.readTransaction(
      'test.slow',
      (tx) => tx.run('UNWIND range(1, 1000000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i) AS n'),
      500,
    );
    await expect(attempt).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(500 + SLACK_MS);
  });
});
