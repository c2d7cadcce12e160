import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind about: graph counts from the count store and the applied migrations.
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('meta: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('about', async () => {
    const sent = await statementsOf(schema, '{ about { version nodeCount relationshipCount migrations } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
       CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
       RETURN nodes, relationships",
    "operation": "meta.counts",
    "params": {},
  },
  {
    "cypher": "MATCH (m:Migration) RETURN m.id AS id ORDER BY id",
    "operation": "meta.migrations",
    "params": {},
  },
]
`);
  });
});
