import * as classValidator from 'class-validator';
import { graphql, type GraphQLSchema } from 'graphql';
import type { Identity } from '../../src/auth/identity';
import { encodeCursor } from '../../src/common/cursor';
import type { Database } from '../../src/db';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { Tlp } from '../../src/model/vocabulary';
import { RelationshipsArgs } from '../../src/relationships/relationship.args';
import { generateGraph } from '../../tools/generate-graph';
import { clearGraph, seededDatabase } from '../support/database';

/**
 * A list whose items ask for their relationships in one shape folds those pages into its own
 * statement (src/graphql/nested-relationships.ts, EntityRepository.listWithRelationships). Here
 * the folded reading is compared with the batched loader's (the same query with `@include(if:
 * true)` on the field, which the fold leaves alone) on a generated graph: the seed plus 1,210
 * actors all AFFILIATED_WITH the hub gen-0, so the hub has more links than the count cap; links
 * and an actor resting only on a RED source (hidden below RED); retracted actors among the hub's
 * first links by id (a probe that comes up short, whose page the loader then reads).
 */
const GENERATED = 1_210;

describe('lists with their relationships in one statement', () => {
  let db: Database;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    db = await seededDatabase();
    await generateGraph(db, GENERATED, 1);
    await db.write(
      'test.redSource',
      `CREATE (:Entity:Source {id: 'fold-red', name: 'Red', kind: 'OTHER', reliability: 'B', tlp: 'RED', createdAt: datetime()})`,
    );
    // Hidden below RED: an actor and some of the hub's links that rest only on the RED source.
    await db.write('test.hide', `MATCH (a:Actor {id: 'gen-3'}) SET a.sourceIds = ['fold-red']`);
    await db.write(
      'test.hide',
      `MATCH (:Actor)-[r:AFFILIATED_WITH]->(:Actor {id: 'gen-0'}) WHERE r.id IN ['gen-hub-10', 'gen-hub-100', 'gen-hub-1010']
       SET r.sourceIds = ['fold-red']`,
    );
    // Retracted: the spokes gen-1000...gen-1099, the first links of the hub by id, and one link.
    await db.write(
      'test.retract',
      `MATCH (a:Actor) WHERE a.id STARTS WITH 'gen-10' AND size(a.id) = 8 SET a.retracted = true`,
    );
    await db.write(
      'test.retract',
      `MATCH (:Actor {id: 'gen-8'})-[r:AFFILIATED_WITH]->(:Actor {id: 'gen-0'}) SET r.retracted = true`,
    );
    schema = await buildGraphSchema();
  }, 180_000);

  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });

  const operator: Identity = { name: 'key:operator', role: 'admin', via: 'api-key', clearance: Tlp.RED };

  async function run(
    source: string,
    variables: Record<string, unknown>,
    auth: Identity | null,
  ): Promise<{ data: unknown; statements: number }> {
    const context = createRequestContext(db, auth);
    const result = await graphql({ schema, source, variableValues: variables, contextValue: context });
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements: context.stats.statements };
  }

  /** The list with `relationships(args)` on each actor; `directive` on the field keeps it out of the fold. */
  const listQuery = (args: string, directive = '') => `
    query ($after: String, $first: Int!) {
      actors(first: $first, after: $after) {
        totalCount totalCountIsExact
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          relationships(${args})${directive} {
            totalCount totalCountIsExact
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { id type direction credibility node { id } sources { id } }
          }
        }
      }
    }`;

  const cases: Array<[string, string, Record<string, unknown>, Identity | null]> = [
    [
      'anonymous, capped SUPPORTS/AFFILIATED_WITH, from the hub on',
      'types: [SUPPORTS, AFFILIATED_WITH], first: 100',
      { after: encodeCursor('gen-'), first: 20 },
      null,
    ],
    ['anonymous, the first page (the seed), default types', 'first: 20', { first: 30 }, null],
    [
      'operator, pages of 5 (the hub probe comes up short)',
      'first: 5',
      { after: encodeCursor('gen-'), first: 12 },
      operator,
    ],
    [
      'operator, retracted included, incoming (totals from degrees)',
      'direction: INCOMING, includeRetracted: true, first: 100',
      { after: encodeCursor('gen-'), first: 4 },
      operator,
    ],
    [
      'anonymous, the hub paged after a cursor',
      `first: 50, after: "${encodeCursor('gen-hub-1050')}"`,
      { after: encodeCursor('gen-'), first: 2 },
      null,
    ],
    ['anonymous, where a RED-only actor would stand', 'first: 10', { after: encodeCursor('gen-2999'), first: 5 }, null],
    ['anonymous, past the last actor: an empty page', 'first: 10', { after: encodeCursor('zzz'), first: 10 }, null],
  ];

  it.each(cases)('%s: the folded reading equals the loader', async (_name, args, variables, auth) => {
    const folded = await run(listQuery(args), variables, auth);
    const batched = await run(listQuery(args, ' @include(if: true)'), variables, auth);
    expect(folded.data).toEqual(batched.data);
    expect(JSON.stringify(folded.data)).toContain('"actors"');
  });

  it.each([
    [
      'allegations against an actor and its parts (a filter that follows links)',
      'allegations(accusedId: "ukraine", includeSubordinates: true, first: 10)',
      'accusedParts',
    ],
    [
      'places part of the country Mali (a filter that walks PART_OF)',
      'locations(filter: { partOf: "mali-country" }, first: 10)',
      'name',
    ],
  ])('%s: the folded reading equals the loader', async (_name, list, field) => {
    const query = (directive: string) => `{ ${list} { totalCount nodes { id ${field}
      relationships(first: 10)${directive} { totalCount edges { id node { id } } } } } }`;
    for (const auth of [null, operator]) {
      const folded = await run(query(''), {}, auth);
      expect(folded.data).toEqual((await run(query(' @include(if: true)'), {}, auth)).data);
      expect(JSON.stringify(folded.data)).toMatch(/"id":"[a-z]/);
    }
  });

  it('the hub: its page is bounded, its total says "at least" past the cap', async () => {
    const { data } = await run(
      listQuery('types: [AFFILIATED_WITH], first: 100'),
      { after: encodeCursor('gen-'), first: 1 },
      null,
    );
    const hub = (
      data as {
        actors: {
          nodes: Array<{
            id: string;
            relationships: {
              totalCount: number;
              totalCountIsExact: boolean;
              edges: unknown[];
              pageInfo: { hasNextPage: boolean };
            };
          }>;
        };
      }
    ).actors.nodes;
    expect(hub[0].id).toBe('gen-0');
    expect(hub[0].relationships.edges).toHaveLength(100);
    expect(hub[0].relationships.pageInfo.hasNextPage).toBe(true);
    expect(hub[0].relationships.totalCount).toBe(1_000);
    expect(hub[0].relationships.totalCountIsExact).toBe(false);
  });

  it('hides from anonymous callers what rests only on a RED source, in the folded reading too', async () => {
    const query = listQuery('types: [AFFILIATED_WITH], first: 100');
    const hub = JSON.stringify((await run(query, { after: encodeCursor('gen-'), first: 5 }, null)).data);
    expect(hub).not.toContain('"gen-hub-10"');
    expect(hub).not.toContain('"gen-hub-100"');
    expect(hub).toContain('"gen-hub-101"');
    expect(hub).not.toContain('fold-red');
    const redHub = JSON.stringify((await run(query, { after: encodeCursor('gen-'), first: 5 }, operator)).data);
    expect(redHub).toContain('"gen-hub-100"');
    // gen-3 rests only on the RED source: the page after gen-2999 starts at gen-30 below RED.
    const page = (auth: Identity | null) =>
      run(query, { after: encodeCursor('gen-2999'), first: 1 }, auth).then(
        ({ data }) => (data as { actors: { nodes: Array<{ id: string }> } }).actors.nodes[0].id,
      );
    expect(await page(null)).toBe('gen-30');
    expect(await page(operator)).toBe('gen-3');
  });

  it('a list with its relationships is one statement, whatever the number of actors', async () => {
    const query = `query ($first: Int!) { actors(first: $first, after: "${encodeCursor('gen-')}") {
      totalCount nodes { id relationships(types: [SUPPORTS, AFFILIATED_WITH], first: 100) { totalCount edges { id node { id } } } } } }`;
    for (const auth of [null, operator]) {
      expect((await run(query, { first: 5 }, auth)).statements).toBe(1);
      expect((await run(query, { first: 60 }, auth)).statements).toBe(1);
    }
    // The same through the loader: the hidden sources (below RED), the list, the batch.
    const batched = query.replace('first: 100)', 'first: 100) @include(if: true)');
    expect((await run(batched, { first: 60 }, null)).statements).toBe(3);
  });

  it("a bad nested argument is the field's own BAD_USER_INPUT, not folded", async () => {
    const context = createRequestContext(db, null);
    const result = await graphql({
      schema,
      source: '{ actors(first: 2) { nodes { id relationships(first: 500) { edges { id } } } } }',
      contextValue: context,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain('first');
  });

  it("a nested field's arguments are validated once per request, and a bad value is still refused in the next", async () => {
    const validate = jest.spyOn(classValidator, 'validate');
    try {
      const query = `query ($first: Int!) { actors(first: 20, after: "${encodeCursor('gen-')}") {
        nodes { id relationships(first: $first) { edges { id } } } } }`;
      const nestedChecks = () =>
        validate.mock.calls.filter(([target]) => (target as unknown) instanceof RelationshipsArgs).length;
      const { data } = await run(query, { first: 3 }, null);
      expect((data as { actors: { nodes: unknown[] } }).actors.nodes).toHaveLength(20);
      expect(nestedChecks()).toBe(1);
      // Another request (other variables) is validated afresh: its bad value is refused, naming the field.
      const refused = await graphql({
        schema,
        source: query,
        variableValues: { first: 500 },
        contextValue: createRequestContext(db, null),
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(refused.errors?.[0]?.extensions)).toContain('first');
      expect(nestedChecks()).toBe(2);
    } finally {
      validate.mockRestore();
    }
  });
});
