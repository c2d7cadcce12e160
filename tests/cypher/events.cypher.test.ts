import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the event fields (event writes: curation.cypher.test.ts).
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('events: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('events(filter:) with types, text and a period', async () => {
    const sent = await statementsOf(
      schema,
      '{ events(filter: { types: [BLOCKADE, ATTACK], text: "kayes", from: "2023", to: "2025-06" }, first: 3) { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Event) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.type IN $types AND n.startDate IS NOT NULL AND (n.endDate IS NULL OR n.endDate >= date($from)) AND n.startDate <= date($to) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Event) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.type IN $types AND n.startDate IS NOT NULL AND (n.endDate IS NULL OR n.endDate >= date($from)) AND n.startDate <= date($to) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Event",
    "params": {
      "after": "",
      "countCap": 10000,
      "from": "2023-01-01",
      "hiddenSourceIds": [],
      "limit": 4,
      "nodeProperties": [
        "id",
        "name",
      ],
      "text": "kayes",
      "to": "2025-06-30",
      "types": [
        "BLOCKADE",
        "ATTACK",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });

  it('events(filter:) with retracted events included drops that clause', async () => {
    const sent = await statementsOf(schema, '{ events(filter: { includeRetracted: true }) { totalCount } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Event) RETURN count(n) AS total, true AS exact }
CALL () {
  MATCH (n:Event) WHERE n.id > $after AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Event",
    "params": {
      "after": "",
      "hiddenSourceIds": [],
      "limit": 21,
      "nodeProperties": [
        "id",
        "name",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });
});
