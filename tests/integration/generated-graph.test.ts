import { graphql, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { TimeoutError } from '../../src/errors';
import { createRequestContext } from '../../src/graphql/context';
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
const TX_TIMEOUT_MS = 3_000;
const SLACK_MS = 4_000;

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

  it('a depth-3 neighborhood of a hub is cut at its cap and says so', async () => {
    const { data, codes, elapsed } = await run('{ neighborhood(id: "gen-0", depth: 3, limit: 200) { truncated nodes { id } edges { id } } }');
    expect(codes).toEqual([]);
    const subgraph = data!.neighborhood as { truncated: boolean; nodes: unknown[]; edges: unknown[] };
    expect({ truncated: subgraph.truncated, nodes: subgraph.nodes.length, edges: subgraph.edges.length }).toEqual({ truncated: true, nodes: 201, edges: subgraph.edges.length });
    expect(subgraph.nodes).toHaveLength(201);
    expect(subgraph.edges.length).toBeLessThanOrEqual(2_000);
    expect(elapsed).toBeLessThan(TX_TIMEOUT_MS + SLACK_MS);
  });

  it.each([
    ['neighborhood at the node cap', '{ neighborhood(id: "gen-5", depth: 3, limit: 500) { truncated nodes { id } } }'],
    ['paths between far spokes, best evidence first', '{ paths(fromId: "gen-1234", toId: "gen-9876", maxHops: 6, first: 20, orderBy: SCORE) { length score } }'],
    ['shortestPath across hubs', '{ shortestPath(fromId: "gen-4321", toId: "gen-8765", maxHops: 6) { length } }'],
    ['connect ten spokes', '{ connect(ids: ["gen-101","gen-202","gen-303","gen-404","gen-505","gen-606","gen-707","gen-808","gen-909","gen-1000"], maxHops: 6) { truncated nodes { id } } }'],
  ])('%s: answers within its caps or stops with TIMEOUT, never later than its timeout', async (_name, source) => {
    const { data, codes, elapsed } = await run(source);
    expect(elapsed).toBeLessThan(TX_TIMEOUT_MS + SLACK_MS);
    expect(codes.every((code) => code === 'TIMEOUT')).toBe(true);
    expect(codes.length === 0 ? data !== null : true).toBe(true);
  });

  it('a statement past its transaction timeout is stopped by Neo4j and reported as TIMEOUT', async () => {
    const started = Date.now();
    const attempt = db.readTransaction('test.slow', (tx) => tx.run('UNWIND range(1, 1000000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i) AS n'), 500);
    await expect(attempt).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(500 + SLACK_MS);
  });
});
