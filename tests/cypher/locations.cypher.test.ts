import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the location fields (location writes: curation.cypher.test.ts).
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('locations: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('locations(filter:) with every filter', async () => {
    const sent = await statementsOf(
      schema,
      '{ locations(filter: { kinds: [COUNTRY], isoCode: "ML", partOf: "sahel", text: "ma" }, first: 10) { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Location) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.isoCode = $isoCode AND EXISTS { (n) ((:Location)-[p:PART_OF]->(up:Location) WHERE ((p.tlp IS NULL OR p.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE p.sourceIds IS NULL OR size(p.sourceIds) = 0 OR any(sid IN p.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((up.tlp IS NULL OR up.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE up.sourceIds IS NULL OR size(up.sourceIds) = 0 OR any(sid IN up.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,4} (:Location {id: $partOf}) } AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Location) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.isoCode = $isoCode AND EXISTS { (n) ((:Location)-[p:PART_OF]->(up:Location) WHERE ((p.tlp IS NULL OR p.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE p.sourceIds IS NULL OR size(p.sourceIds) = 0 OR any(sid IN p.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((up.tlp IS NULL OR up.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE up.sourceIds IS NULL OR size(up.sourceIds) = 0 OR any(sid IN up.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,4} (:Location {id: $partOf}) } AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Location",
    "params": {
      "after": "",
      "countCap": 10000,
      "hiddenSourceIds": [],
      "isoCode": "ML",
      "kinds": [
        "COUNTRY",
      ],
      "limit": 11,
      "nodeProperties": [
        "id",
        "name",
      ],
      "partOf": "sahel",
      "text": "ma",
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

  it('locations without a filter hide retracted places only', async () => {
    const sent = await statementsOf(schema, '{ locations { totalCount } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Location) RETURN count(n) AS stored }
CALL () { MATCH (n:Location) WHERE n.retracted IS NOT NULL RETURN count(n) AS retracted }
WITH stored - retracted AS total, true AS exact
CALL () {
  MATCH (n:Location) WHERE n.id > $after AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Location",
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

  it('location(id:) is the shared read by id', async () => {
    const sent = await statementsOf(schema, '{ location(id: "mali-country") { id } }', {
      kinds: { 'mali-country': 'Location' },
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "mali-country",
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
