import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind history.
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('history: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('history of an entity', async () => {
    const sent = await statementsOf(schema, '{ history(id: "jnim", first: 5) { at } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (c:Change {targetId: $id})
WITH c ORDER BY c.at DESC LIMIT $first
RETURN toString(c.at) AS at, c.who AS who, c.operation AS operation, c.change AS change,
       c.targetType AS targetType, c.changedFields AS changedFields, c.record AS record",
    "operation": "history.of",
    "params": {
      "first": 5,
      "id": "jnim",
    },
  },
]
`);
  });

  it('history of a relationship', async () => {
    const sent = await statementsOf(schema, '{ history(id: "MEMBER_OF:mali->aes") { at } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (c:Change {targetId: $id})
WITH c ORDER BY c.at DESC LIMIT $first
RETURN toString(c.at) AS at, c.who AS who, c.operation AS operation, c.change AS change,
       c.targetType AS targetType, c.changedFields AS changedFields, c.record AS record",
    "operation": "history.of",
    "params": {
      "first": 20,
      "id": "MEMBER_OF:mali->aes",
    },
  },
]
`);
  });
});
