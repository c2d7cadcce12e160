import { graphql, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { createRequestContext } from '../../src/graphql/context';
import { buildGraphSchema } from '../../src/graphql/schema';
import { seededDatabase } from '../support/database';

/**
 * Principle 7: nested fields never cost a statement per parent. Each operation below runs on the
 * real seeded graph and the gateway counts the statements it sends.
 */
describe('statements per operation', () => {
  let db: Database;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    db = await seededDatabase();
    schema = await buildGraphSchema();
  });
  afterAll(() => db.close());

  async function statementsFor(source: string): Promise<number> {
    const context = createRequestContext(db);
    const result = await graphql({ schema, source, contextValue: context });
    expect(result.errors).toBeUndefined();
    return context.stats.statements;
  }

  it.each([
    // list + relationships of every actor + sources of every actor + sources of every edge
    ['actors with relationships and sources', '{ actors(first: 50) { nodes { id sources { id } relationships(first: 50) { edges { node { id } sources { reliability } } } } } }', 4],
    ['entity with nested relationships two levels deep', '{ entity(id: "aes") { relationships { edges { node { id relationships { edges { node { id } } } } } } } }', 3],
    ['search with relationships of every hit', '{ search(query: "mali", first: 20) { entity { id relationships { totalCount } } } }', 2],
    ['every kind listed at once', '{ actors { totalCount } locations { totalCount } events { totalCount } allegations { totalCount } sources { totalCount } }', 5],
  ])('%s: a fixed, small number of statements', async (_name, query, max) => {
    expect(await statementsFor(query)).toBeLessThanOrEqual(max);
  });

  it('does not grow with the number of parents', async () => {
    const query = (n: number) => `{ actors(first: ${n}) { nodes { relationships { edges { node { id } sources { id } } } } } }`;
    const few = await statementsFor(query(4));
    const many = await statementsFor(query(16));
    expect(few).toBe(3); // list, relationships, sources
    expect(many).toBe(few);
  });
});
