import { graphql, type GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { createRequestContext } from '../../src/graphql/request-composition';
import { buildGraphSchema } from '../../src/graphql/schema';
import { seededDatabase } from '../support/database';

/**
 * Principle 7: nested fields never cost a statement per parent. Each operation below runs on the
 * real seeded graph and the gateway counts the statements it sends. The caller is anonymous
 * (clearance CLEAR), so each request also reads, once, which sources lie above its clearance
 * (VISIBILITY_LOOKUP; src/db/visibility.ts), whatever the number of parents.
 */
const VISIBILITY_LOOKUP = 1;
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
    // list with the relationships of every actor folded in + sources of every actor + sources of every edge
    [
      'actors with relationships and sources',
      '{ actors(first: 50) { nodes { id sources { id } relationships(first: 50) { edges { node { id } sources { reliability } } } } } }',
      3,
    ],
    [
      'entity with nested relationships two levels deep',
      '{ entity(id: "aes") { relationships { edges { node { id relationships { edges { node { id } } } } } } } }',
      3,
    ],
    [
      'search with relationships of every hit',
      '{ search(query: "mali", first: 20) { entity { id relationships { totalCount } } } }',
      2,
    ],
    [
      'every kind listed at once',
      '{ actors { totalCount } locations { totalCount } events { totalCount } allegations { totalCount } sources { totalCount } }',
      5,
    ],
    // the anchor (NOT_FOUND when unknown) + traversal + one batch of sources for every node and edge
    [
      'neighborhood with nested sources',
      '{ neighborhood(id: "mali", depth: 2, limit: 100) { nodes { id sources { id } } edges { id sources { reliability } } } }',
      3,
    ],
    // the ends' check, the candidate paths and every source they cite (hops and nodes) in one
    [
      'shortestPath with hops, sources and nodes',
      '{ shortestPath(fromId: "ukraine", toId: "jnim") { explanation hops { sources { id } from { id sources { id } } } nodes { id sources { id } } } }',
      1,
    ],
    // shortest paths (ends and their sources) + bounded walks from each end for the longer ones + the longer paths found with their sources
    [
      'paths with hops and sources',
      '{ paths(fromId: "mali", toId: "france", maxHops: 4, first: 20) { score hops { sources { reliability } to { id } } } }',
      4,
    ],
    // anchors, shortest paths of every pair and the sources of every edge and node in one
    [
      'connect with nested sources',
      '{ connect(ids: ["mali", "burkina-faso", "niger", "france"], maxHops: 3) { nodes { id sources { id } } edges { sources { id } } } }',
      1,
    ],
    // timeline + sources of every event
    [
      'timeline with participants, places and sources',
      '{ timeline(first: 50) { nodes { event { id sources { id } } participants { actor { id } role } places { id } } } }',
      2,
    ],
    // list + details of every allegation + sources of every denial and allegation
    [
      'allegations with accusers, denials and corroboration',
      '{ allegations { nodes { id corroboration accusers { id } accused { id } concerns { id } denials { actor { id } sources { id } } sources { id } } } }',
      3,
    ],
    // list + one batch of what every source supports (entities and relationships citing it)
    [
      'sources with what each supports',
      '{ sources(first: 20) { nodes { id supports(first: 5) { entityCount relationshipCount entities { id } relationships { id from { id } to { id } } } } } }',
      2,
    ],
    [
      'actors with the allegations they make and face',
      '{ actors(first: 50) { nodes { id allegationsMade { id accusers { id } } allegationsAgainst { id denials { actor { id } } } } } }',
      3,
    ],
  ])('%s: a fixed, small number of statements', async (_name, query, max) => {
    expect(await statementsFor(query)).toBeLessThanOrEqual(max + VISIBILITY_LOOKUP);
  });

  it('a neighbourhood is one statement: it reads the hidden sources itself, and its nested sources one more', async () => {
    const bare = '{ neighborhood(id: "mali", depth: 2, limit: 50) { truncated nodes { id } edges { id } } }';
    expect(await statementsFor(bare)).toBe(1);
    // The sources' loader uses the hidden sources the neighbourhood read (Visibility.remember).
    const withSources = '{ neighborhood(id: "mali", depth: 2, limit: 50) { nodes { id sources { id } } } }';
    expect(await statementsFor(withSources)).toBe(2);
  });

  it('a shortest path is one statement: the ends, the search, the hidden sources and the sources its candidates cite', async () => {
    const query = '{ shortestPath(fromId: "ukraine", toId: "jnim") { length hops { sources { id } } } }';
    expect(await statementsFor(query)).toBe(1);
    const withNodeSources = '{ shortestPath(fromId: "ukraine", toId: "jnim") { nodes { id sources { id } } } }';
    expect(await statementsFor(withNodeSources)).toBe(1);
    // connect too: its anchors, the paths of every pair and the sources of every node and edge.
    const connect =
      '{ connect(ids: ["mali", "niger", "france"], maxHops: 3) { nodes { id sources { id } } edges { sources { id } } } }';
    expect(await statementsFor(connect)).toBe(1);
  });

  it('does not grow with the number of parents', async () => {
    const query = (n: number) =>
      `{ actors(first: ${n}) { nodes { relationships { edges { node { id } sources { id } } } } } }`;
    const few = await statementsFor(query(4));
    const many = await statementsFor(query(16));
    // The list with every actor's relationships folded in (it reads the hidden sources itself),
    // then one batch of the relationships' sources.
    expect(few).toBe(2);
    expect(many).toBe(few);
  });
});
