import { graphql, type GraphQLSchema } from 'graphql';
import { createRequestContext } from '../../src/graphql/context';
import { buildGraphSchema } from '../../src/graphql/schema';
import { recordingDatabase } from '../support/recording-database';

/**
 * Pins the Cypher each root field sends and its parameters (no database). A change to a statement
 * shows up as a snapshot diff to review; user input only ever appears among the parameters.
 */
describe('Cypher sent per operation', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it.each([
    ['neighborhood', '{ neighborhood(id: "jnim", depth: 2, direction: OUTGOING, minCredibility: 3, asOf: "2019", limit: 10) { truncated } }'],
    ['shortestPath', '{ shortestPath(fromId: "ukraine", toId: "jnim", maxHops: 3, relationTypes: [DENIES, CONCERNS]) { length } }'],
    ['paths without allegations', '{ paths(fromId: "mali", toId: "france", maxHops: 5, includeAllegations: false, first: 3) { length } }'],
    ['connect', '{ connect(ids: ["mali", "niger", "france"], maxHops: 2) { truncated } }'],
    ['timeline', '{ timeline(actorId: "jnim", locationId: "mali-country", from: "2020", to: "2025-06", types: [BLOCKADE]) { totalCount } }'],
    ['allegations', '{ allegations(accuserId: "russia", accusedId: "ukrainian-intelligence", concerningId: "jnim", status: DENIED) { totalCount } }'],
    ['actors', '{ actors(filter: { kinds: [STATE], country: "ML", text: "mal" }, first: 5) { totalCount } }'],
    ['search', '{ search(query: "Jama\'at Nusrat (al-Islam) OR *", kinds: [ACTOR], first: 3) { score } }'],
  ])('%s', async (_name, source) => {
    const { db, recorded } = recordingDatabase();
    const result = await graphql({ schema, source, contextValue: createRequestContext(db) });
    expect(result.errors).toBeUndefined();
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded).toMatchSnapshot();
  });

  it('hostile text stays in parameters and never reaches the statement', async () => {
    const hostile = "x' }) DETACH DELETE n //";
    const { db, recorded } = recordingDatabase();
    await graphql({
      schema,
      source: 'query($t: String!) { actors(filter: { text: $t }) { totalCount } search(query: $t) { score } }',
      variableValues: { t: hostile },
      contextValue: createRequestContext(db),
    });
    expect(recorded.length).toBe(2);
    for (const { cypher } of recorded) expect(cypher).not.toContain('DETACH DELETE');
    expect(recorded[0].params.text).toBe(hostile);
    // Search keeps only letters and digits of what was typed.
    expect(String(recorded[1].params.lucene)).not.toMatch(/['}/]/);
  });
});
