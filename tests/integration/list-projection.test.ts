import { graphql, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { ENTITY_FIELD_PROPERTIES } from '../../src/entities/entity-projection';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { RELATIONSHIP_FIELD_PROPERTIES } from '../../src/relationships/relationship-projection';
import { seededDatabase } from '../support/database';
import { statementsOf } from '../support/recording-database';
import { listedEntityFields, listedFields } from '../support/selections';

/**
 * Lists and relationship pages read only the properties their query selects (issue 25; the
 * tables in src/entities/entity-projection.ts and src/relationships/relationship-projection.ts).
 * On the real seeded graph, every field the tables list, on every kind's list, on its items'
 * links and on the entities at their other ends, answers the same read projected and read whole
 * (a directive on the way reads whole). A property missing from a table shows up here as a field
 * answering null, [] or a default instead of the stored value.
 */
describe('projected lists and relationship pages answer as whole ones', () => {
  let db: Database;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    db = await seededDatabase();
    schema = await buildGraphSchema();
  });
  afterAll(() => db.close());

  async function answer(query: string): Promise<Record<string, unknown>> {
    const result = await graphql({ schema, source: query, contextValue: createRequestContext(db) });
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, unknown>;
  }

  /** Every type the evidence links reach, so sources are on the other ends too. */
  const EVERY_TYPE =
    'types: [MEMBER_OF, AFFILIATED_WITH, SUBORDINATE_TO, NATIONAL_OF, SUPPORTS, OPPOSES, GOVERNS, OPERATES_IN, PART_OF, BORDERS, CONNECTS, PARTICIPATED_IN, OCCURRED_IN, DISRUPTS, FOLLOWS, ALLEGES, ACCUSES, CONCERNS, DENIES, REPORTED_BY, CITES]';
  /** Makes a selection unreadable ahead of time, so the statement reads whole maps. */
  const WHOLE = '... @include(if: true) { __typename }';
  /** The projected side asks the same field plainly. */
  const marker = (whole: boolean) => (whole ? WHOLE : '__typename');

  const links = (whole: boolean) => {
    const link = listedFields(schema.getType('Relationship') as GraphQLObjectType, RELATIONSHIP_FIELD_PROPERTIES, [
      'node',
    ]);
    const other = listedEntityFields(schema, ENTITY_FIELD_PROPERTIES);
    return `relationships(first: 40, direction: BOTH, ${EVERY_TYPE}) { totalCount edges { ${marker(whole)} ${link} node { ${other} } } }`;
  };

  it.each([
    ['actors', 'Actor'],
    ['locations', 'Location'],
    ['events', 'Event'],
    ['allegations', 'Allegation'],
    ['sources', 'Source'],
  ])('%s(first: 50) with their links', async (list, type) => {
    const items = listedFields(schema.getType(type) as GraphQLObjectType, ENTITY_FIELD_PROPERTIES, ['relationships']);
    const projected = `{ ${list}(first: 50) { nodes { __typename ${items} ${links(false)} } } }`;
    const whole = `{ ${list}(first: 50) { nodes { ${WHOLE} ${items} ${links(true)} } } }`;

    const [projectedSent] = await statementsOf(schema, projected);
    expect(projectedSent.params.nodeProperties).toEqual(expect.arrayContaining(['id', 'name', 'sourceIds']));
    expect(projectedSent.params.linkProperties).toEqual(expect.arrayContaining(['id', 'credibility', 'sourceIds']));
    expect(projectedSent.params.otherProperties).toEqual(expect.arrayContaining(['id', 'name', 'description']));
    for (const sent of await statementsOf(schema, whole)) {
      expect(sent.params).not.toHaveProperty('nodeProperties');
      expect(sent.params).not.toHaveProperty('linkProperties');
      expect(sent.params).not.toHaveProperty('otherProperties');
    }

    const a = await answer(projected);
    const b = await answer(whole);
    expect(a).toEqual(b);
    // The comparison means something only if the answer holds stored values to lose.
    const nodes = (a[list] as { nodes: Array<{ relationships: { edges: unknown[] } }> }).nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.some((node) => node.relationships.edges.length > 0)).toBe(true);
  });

  it('one entity through the relationships loader, projected and whole', async () => {
    const projected = `{ entity(id: "mali") { id ${links(false)} } }`;
    const whole = `{ entity(id: "mali") { id ${links(true)} } }`;
    const [, projectedPage] = await statementsOf(schema, projected);
    expect(projectedPage.params.linkProperties).toBeDefined();
    expect(await answer(projected)).toEqual(await answer(whole));
  });

  it('a page a list folded in, read for fewer fields, is not what a field asking more gets', async () => {
    // The list folds its items' pages (ids only) and primes the loader. The other ends on those
    // pages are actors of the same page, and ask the same page (same arguments) with more fields
    // once the list has answered: the projection is part of the loader's key, so they read theirs.
    const more = 'relationships(first: 5) { edges { id excerpt credibility node { id description } } }';
    const together = await answer(
      `{ actors(first: 100) { nodes { id relationships(first: 5) { edges { id node { id ... on Actor { ${more} } } } } } } }`,
    );
    type Page = { edges: Array<{ node: { id: string; relationships?: Page }; excerpt?: string }> };
    const pageIds = new Set((together.actors as { nodes: Array<{ id: string }> }).nodes.map((node) => node.id));
    const nested = (together.actors as { nodes: Array<{ relationships: Page }> }).nodes
      .flatMap((node) => node.relationships.edges.map((edge) => edge.node))
      .filter((node) => pageIds.has(node.id) && node.relationships && node.relationships.edges.length > 0);
    expect(nested.length).toBeGreaterThan(0);
    for (const node of nested.slice(0, 5)) {
      const alone = await answer(`{ entity(id: "${node.id}") { ${more} } }`);
      expect({ relationships: node.relationships }).toEqual(alone.entity);
    }
    expect(nested.some((node) => node.relationships!.edges.some((edge) => (edge.excerpt ?? '').length > 0))).toBe(true);
  });
});
