import { graphql, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import type { Identity } from '../../src/auth/identity';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { RELATIONSHIP_COUNT_CAP } from '../../src/common/connection';
import { CONNECTION_TYPES, Tlp } from '../../src/model/vocabulary';
import { generateGraph } from '../../tools/generate-graph';
import { clearGraph, seededDatabase } from '../support/database';

/**
 * Keyset pages and counts on a graph with a hub larger than the relationship count cap: the seed
 * plus 1,210 generated actors, all AFFILIATED_WITH the hub gen-0. Pages walk every item once, in
 * id order; totals are counted only when asked, exactly from Neo4j's counts where it keeps them,
 * and up to the cap ("at least") where it does not.
 */
const GENERATED = 1_210;

describe('lists that touch only their page', () => {
  let db: Database;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    db = await seededDatabase();
    await generateGraph(db, GENERATED, 1);
    // One retracted actor and one retracted spoke of the hub: lists and totals must leave both out.
    await db.write('test.retract', `MATCH (a:Actor {id: 'gen-7'}) SET a.retracted = true`);
    await db.write(
      'test.retract',
      `MATCH (:Actor {id: 'gen-8'})-[r:AFFILIATED_WITH]->(:Actor {id: 'gen-0'}) SET r.retracted = true`,
    );
    schema = await buildGraphSchema();
  }, 120_000);

  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });

  // Exact counts from degrees and the count store hold when nothing can be hidden: an operator's
  // view (RED). A partial view counts up to the cap (tests/cypher/visibility.cypher.test.ts).
  const operator: Identity = { name: 'key:operator', role: 'admin', via: 'api-key', clearance: Tlp.RED };

  async function run<T>(source: string): Promise<{ data: T; statements: number }> {
    const context = createRequestContext(db, operator);
    const result = await graphql({ schema, source, contextValue: context });
    expect(result.errors).toBeUndefined();
    return { data: result.data as T, statements: context.stats.statements };
  }

  async function scalar(cypher: string): Promise<number> {
    const [row] = await db.read<{ value: number }>('test.scalar', cypher);
    return row.value;
  }

  it('walks every visible actor once, in id order, page by page', async () => {
    type Page = {
      actors: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string }> };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { data }: { data: Page } = await run<Page>(
        `{ actors(first: 100${after ? `, after: "${after}"` : ''}) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
      );
      seen.push(...data.actors.nodes.map((node) => node.id));
      if (!data.actors.pageInfo.hasNextPage) break;
      after = data.actors.pageInfo.endCursor;
    }
    const visible = await db.read<{ id: string }>(
      'test.ids',
      'MATCH (n:Actor) WHERE n.retracted IS NULL RETURN n.id AS id ORDER BY id',
    );
    expect(seen).toEqual(visible.map((row) => row.id));
    expect(seen).not.toContain('gen-7');
  });

  it('counts an unfiltered list exactly, with or without the retracted', async () => {
    const { data } = await run<{
      visible: { totalCount: number; totalCountIsExact: boolean };
      all: { totalCount: number; totalCountIsExact: boolean };
    }>(
      `{ visible: actors(first: 1) { totalCount totalCountIsExact }
         all: actors(first: 1, filter: { includeRetracted: true }) { totalCount totalCountIsExact } }`,
    );
    const all = await scalar('MATCH (n:Actor) RETURN count(n) AS value');
    expect(data.visible).toEqual({ totalCount: all - 1, totalCountIsExact: true });
    expect(data.all).toEqual({ totalCount: all, totalCountIsExact: true });
  });

  it('counts a filtered list exactly below the cap', async () => {
    const { data } = await run<{ actors: { totalCount: number; totalCountIsExact: boolean } }>(
      '{ actors(first: 1, filter: { text: "generated actor 12" }) { totalCount totalCountIsExact } }',
    );
    const expected = await scalar(
      `MATCH (n:Actor) WHERE toLower(n.name) CONTAINS 'generated actor 12' AND n.retracted IS NULL RETURN count(n) AS value`,
    );
    expect(expected).toBeGreaterThan(1);
    expect(data.actors).toEqual({ totalCount: expected, totalCountIsExact: true });
  });

  it("bounds a hub's relationship total at the cap and says so; counts it exactly from degrees when retracted ones are included", async () => {
    const { data } = await run<{
      entity: {
        visible: {
          totalCount: number;
          totalCountIsExact: boolean;
          pageInfo: { hasNextPage: boolean };
          edges: unknown[];
        };
        all: { totalCount: number; totalCountIsExact: boolean };
      };
    }>(
      `{ entity(id: "gen-0") {
           visible: relationships(first: 10) { totalCount totalCountIsExact pageInfo { hasNextPage } edges { id } }
           all: relationships(first: 10, includeRetracted: true) { totalCount totalCountIsExact } } }`,
    );
    const degree = await scalar(
      `MATCH (:Actor {id: 'gen-0'})-[r]-() WHERE type(r) IN ['${CONNECTION_TYPES.join("','")}'] RETURN count(r) AS value`,
    );
    expect(degree).toBeGreaterThan(RELATIONSHIP_COUNT_CAP);
    expect(data.entity.visible).toMatchObject({ totalCount: RELATIONSHIP_COUNT_CAP, totalCountIsExact: false });
    expect(data.entity.visible.pageInfo.hasNextPage).toBe(true);
    expect(data.entity.visible.edges).toHaveLength(10);
    expect(data.entity.all).toEqual({ totalCount: degree, totalCountIsExact: true });
  });

  it("pages through all of a hub's relationships by id, skipping the retracted", async () => {
    type Page = {
      entity: {
        relationships: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ id: string }> };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 30; page++) {
      const { data }: { data: Page } = await run<Page>(
        `{ entity(id: "gen-0") { relationships(first: 100${after ? `, after: "${after}"` : ''}) { pageInfo { hasNextPage endCursor } edges { id } } } }`,
      );
      seen.push(...data.entity.relationships.edges.map((edge) => edge.id));
      if (!data.entity.relationships.pageInfo.hasNextPage) break;
      after = data.entity.relationships.pageInfo.endCursor;
    }
    const visible = await db.read<{ id: string }>(
      'test.hub',
      `MATCH (:Actor {id: 'gen-0'})-[r]-(m) WHERE type(r) IN ['${CONNECTION_TYPES.join("','")}']
         AND r.retracted IS NULL AND m.retracted IS NULL
       RETURN r.id AS id ORDER BY id`,
    );
    expect(visible.length).toBeGreaterThan(RELATIONSHIP_COUNT_CAP);
    expect(seen).toEqual(visible.map((row) => row.id));
    expect(seen).not.toContain('gen-hub-8');
  });

  it('answers a list of actors with their relationships in one statement, hub included', async () => {
    const { data, statements } = await run<{
      actors: { nodes: Array<{ id: string; relationships: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }> };
    }>(
      '{ actors(first: 20, after: "azpnZW4t") { nodes { id relationships(first: 10) { pageInfo { hasNextPage } edges { id } } } } }',
    );
    expect(statements).toBe(1); // the relationships folded into the list's statement
    const hub = data.actors.nodes.find((node) => node.id === 'gen-0');
    expect(hub?.relationships.edges).toHaveLength(10);
    expect(hub?.relationships.pageInfo.hasNextPage).toBe(true);
  });

  /** The hub's first five followable links by id, as a plain query finds them (what a page of 5 must hold). */
  const firstFiveOfHub = () =>
    db.read<{ id: string }>(
      'test.hub',
      `MATCH (:Actor {id: 'gen-0'})-[r]-(m) WHERE type(r) IN ['${CONNECTION_TYPES.join("','")}']
         AND r.retracted IS NULL AND m.retracted IS NULL
       RETURN r.id AS id ORDER BY id LIMIT 5`,
    );

  it("reads a hub's page again without probing when the probed window holds retracted links", async () => {
    // The probe reads only each link's id for the sort; whether a link is retracted (or hidden) is
    // read for the candidates after it. 40 retracted links at the lowest ids: more than the probe
    // window of a 5-item page (2 * 6 + 16 = 28), so the probed read comes back short.
    const retract = (value: boolean | null) =>
      db.write(
        'test.retractLinks',
        `MATCH (:Actor)-[r:AFFILIATED_WITH]->(:Actor {id: 'gen-0'}) WITH r ORDER BY r.id LIMIT 40 SET r.retracted = $value`,
        { value },
      );
    await retract(true);
    try {
      const { data, statements } = await run<{ entity: { relationships: { edges: Array<{ id: string }> } } }>(
        '{ entity(id: "gen-0") { relationships(first: 5) { edges { id } } } }',
      );
      const expected = await firstFiveOfHub();
      expect(expected).toHaveLength(5);
      expect(data.entity.relationships.edges.map((edge) => edge.id)).toEqual(expected.map((row) => row.id));
      expect(statements).toBe(3); // the entity, the probed page, the page again for the hub
    } finally {
      await retract(null);
    }
  });

  // Last: it retracts entities the tests above count.
  it("reads a hub's page again without probing when the probed window ends at retracted entities", async () => {
    // The 40 lowest-id relationships of the hub end at actors retracted now: more than the probe
    // window of a 5-item page (2 * 6 + 16 = 28), so the probed read comes back short.
    await db.write(
      'test.retract',
      `MATCH (a:Actor)-[r:AFFILIATED_WITH]->(:Actor {id: 'gen-0'}) WITH a, r ORDER BY r.id LIMIT 40 SET a.retracted = true`,
    );
    const { data, statements } = await run<{ entity: { relationships: { edges: Array<{ id: string }> } } }>(
      '{ entity(id: "gen-0") { relationships(first: 5) { edges { id } } } }',
    );
    const expected = await firstFiveOfHub();
    expect(data.entity.relationships.edges.map((edge) => edge.id)).toEqual(expected.map((row) => row.id));
    expect(statements).toBe(3); // the entity, the probed page, the page again for the hub
  });
});
