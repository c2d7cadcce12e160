import { graphql, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { ENTITY_FIELD_PROPERTIES } from '../../src/entities/entity-projection';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { EDGE_FIELD_PROPERTIES } from '../../src/traversal/subgraph-projection';
import { seededDatabase } from '../support/database';
import { statementsOf } from '../support/recording-database';
import { listedEntityFields, listedFields } from '../support/selections';

/**
 * A neighbourhood reads only the properties its query selects (src/traversal/subgraph-projection.ts).
 * The tables that say which properties each field reads are checked here against the real seeded
 * graph: every field they list, on every entity type, answers the same whether the neighbourhood
 * read its nodes and links projected or whole. A property missing from the table shows up as a
 * field that answers null, [] or a default instead of the stored value.
 */
describe('a projected neighbourhood answers as a whole one', () => {
  let db: Database;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    db = await seededDatabase();
    schema = await buildGraphSchema();
  });
  afterAll(() => db.close());

  /** Every field the tables list, on every type of entity, and on the links. */
  const everyListedField = () => ({
    nodes: listedEntityFields(schema, ENTITY_FIELD_PROPERTIES),
    edges: listedFields(schema.getType('SubgraphEdge') as GraphQLObjectType, EDGE_FIELD_PROPERTIES),
  });

  async function answer(query: string) {
    const result = await graphql({ schema, source: query, contextValue: createRequestContext(db) });
    expect(result.errors).toBeUndefined();
    return result.data!.neighborhood as {
      nodes: Array<Record<string, unknown>>;
      edges: Array<Record<string, unknown>>;
    };
  }

  it.each([
    ['an actor, its places, events and allegations', 'mali', ''],
    ['a source and what it reports', 'mali', ', relationTypes: [REPORTED_BY, CITES, SUPPORTS, ALLEGES]'],
  ])('%s', async (_, id, types) => {
    const { nodes, edges } = everyListedField();
    const projected = `{ neighborhood(id: "${id}", depth: 2, limit: 300${types}) { truncated nodes { ${nodes} } edges { ${edges} } } }`;
    // One field the tables do not list on each side makes the read whole.
    const whole = `{ neighborhood(id: "${id}", depth: 2, limit: 300${types}) { truncated nodes { ${nodes} ... on Allegation { accusedParts } } edges { ${edges} evidence { excerpt } } } }`;

    const [projectedSent] = await statementsOf(schema, projected);
    expect(projectedSent.params.nodeProperties).toEqual(
      expect.arrayContaining(['id', 'name', 'sourceIds', 'quantityValue']),
    );
    expect(projectedSent.params.edgeProperties).toEqual(
      expect.arrayContaining(['id', 'credibility', 'sourceIds', 'validFrom']),
    );
    const [wholeSent] = await statementsOf(schema, whole);
    expect(wholeSent.params).not.toHaveProperty('nodeProperties');
    expect(wholeSent.params).not.toHaveProperty('edgeProperties');

    const a = await answer(projected);
    const b = await answer(whole);
    const withoutExtras = b.nodes.map(({ accusedParts: _parts, ...rest }) => rest);
    const edgesWithoutExtras = b.edges.map(({ evidence: _evidence, ...rest }) => rest);
    expect(a.nodes).toEqual(withoutExtras);
    expect(a.edges).toEqual(edgesWithoutExtras);
    // The comparison means something only if the answer holds stored values to lose.
    expect(a.nodes.length).toBeGreaterThan(5);
    expect(a.edges.length).toBeGreaterThan(5);
    expect(a.edges.some((edge) => (edge.SubgraphEdge_sources as unknown[]).length > 0)).toBe(true);
  });

  it('reaches every kind of entity between the two neighbourhoods', async () => {
    const kinds = new Set<string>();
    for (const types of ['', ', relationTypes: [REPORTED_BY, CITES, SUPPORTS, ALLEGES]']) {
      const { nodes } = await answer(
        `{ neighborhood(id: "mali", depth: 2, limit: 300${types}) { nodes { __typename } edges { id } } }`,
      );
      nodes.forEach((node) => kinds.add(String(node.__typename)));
    }
    expect([...kinds].sort()).toEqual(['Actor', 'Allegation', 'Event', 'Location', 'Source']);
  });
});
