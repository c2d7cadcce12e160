import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf, type Recorded } from '../support/recording-database';

/**
 * The Cypher behind the allegation fields (allegation and denial writes: curation.cypher.test.ts).
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
/** The list statement finds one entity of `label` (so what a page leads to runs too). */
const listed = (id: string, label: string) => (statement: Recorded) =>
  statement.operation.startsWith('entities.list')
    ? [{ total: 1, items: [{ labels: ['Entity', label], props: { id, name: id, createdAt: 'then', sourceIds: [] } }] }]
    : undefined;

describe('allegations: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('allegations(...) with accuser, accused, concerning and status', async () => {
    const sent = await statementsOf(
      schema,
      '{ allegations(accuserId: "russia", accusedId: "ukrainian-intelligence", concerningId: "jnim", status: DENIED) { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Allegation) WHERE EXISTS { MATCH (x:Actor {id: $accuserId})-[r:ALLEGES]->(n) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND EXISTS { MATCH (n)-[r:ACCUSES]->(x:Actor {id: $accusedId}) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND EXISTS { MATCH (n)-[r:CONCERNS]->(x:Entity {id: $concerningId}) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND n.status = $status AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Allegation) WHERE n.id > $after AND EXISTS { MATCH (x:Actor {id: $accuserId})-[r:ALLEGES]->(n) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND EXISTS { MATCH (n)-[r:ACCUSES]->(x:Actor {id: $accusedId}) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND EXISTS { MATCH (n)-[r:CONCERNS]->(x:Entity {id: $concerningId}) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND n.status = $status AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Allegation",
    "params": {
      "accusedId": "ukrainian-intelligence",
      "accuserId": "russia",
      "after": "",
      "concerningId": "jnim",
      "countCap": 10000,
      "hiddenSourceIds": [],
      "limit": 21,
      "nodeProperties": [
        "id",
        "name",
      ],
      "status": "DENIED",
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

  it('allegations(filter:) with text, statuses and claim types', async () => {
    const sent = await statementsOf(
      schema,
      '{ allegations(filter: { text: "arms", statuses: [ALLEGED, DISPUTED], claimTypes: [ARMS, TRAINS] }, first: 4) { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Allegation) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.status IN $statuses AND any(claim IN n.claimTypes WHERE claim IN $claimTypes) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Allegation) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.status IN $statuses AND any(claim IN n.claimTypes WHERE claim IN $claimTypes) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Allegation",
    "params": {
      "after": "",
      "claimTypes": [
        "ARMS",
        "TRAINS",
      ],
      "countCap": 10000,
      "hiddenSourceIds": [],
      "limit": 5,
      "nodeProperties": [
        "id",
        "name",
      ],
      "statuses": [
        "ALLEGED",
        "DISPUTED",
      ],
      "text": "arms",
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

  it('allegations(accusedId:, includeSubordinates:) then the accused parts of the page found', async () => {
    const sent = await statementsOf(
      schema,
      '{ allegations(accusedId: "ukraine", includeSubordinates: true) { totalCount nodes { id accusedParts } } }',
      { answer: listed('russia-accuses-ukraine', 'Allegation') },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Allegation) WHERE (EXISTS { MATCH (n)-[r:ACCUSES]->(x:Actor {id: $accusedId}) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } OR EXISTS { MATCH (n)-[r:ACCUSES]->(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId}) WHERE r.retracted IS NULL AND part.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((part.tlp IS NULL OR part.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE part.sourceIds IS NULL OR size(part.sourceIds) = 0 OR any(sid IN part.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) }) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Allegation) WHERE n.id > $after AND (EXISTS { MATCH (n)-[r:ACCUSES]->(x:Actor {id: $accusedId}) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } OR EXISTS { MATCH (n)-[r:ACCUSES]->(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId}) WHERE r.retracted IS NULL AND part.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((part.tlp IS NULL OR part.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE part.sourceIds IS NULL OR size(part.sourceIds) = 0 OR any(sid IN part.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) }) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Allegation",
    "params": {
      "accusedId": "ukraine",
      "after": "",
      "countCap": 10000,
      "hiddenSourceIds": [],
      "limit": 21,
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS allegationId
MATCH (n:Allegation {id: allegationId})
WHERE NOT EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) }
RETURN allegationId AS id, COLLECT { MATCH (n)-[r:ACCUSES]->(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId}) WHERE r.retracted IS NULL AND part.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((part.tlp IS NULL OR part.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE part.sourceIds IS NULL OR size(part.sourceIds) = 0 OR any(sid IN part.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) RETURN DISTINCT part.id } AS parts",
    "operation": "allegations.accusedParts",
    "params": {
      "accusedId": "ukraine",
      "hiddenSourceIds": [],
      "ids": [
        "russia-accuses-ukraine",
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

  it('allegation(id:) with accusers, accused, concerns and denials: one details batch for all four', async () => {
    const sent = await statementsOf(
      schema,
      '{ allegation(id: "russia-accuses-ukraine") { id accusers { id } accused { id } concerns { id } denials { credibility } } }',
      { kinds: { 'russia-accuses-ukraine': 'Allegation' } },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "russia-accuses-ukraine",
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
  {
    "cypher": "UNWIND $ids AS allegationId
MATCH (al:Allegation {id: allegationId})
RETURN allegationId,
  [(a)-[r:ALLEGES]->(al) WHERE a.retracted IS NULL AND r.retracted IS NULL AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {node: {props: properties(a), labels: labels(a)}, rel: properties(r)}] AS accusers,
  [(al)-[r:ACCUSES]->(x) WHERE x.retracted IS NULL AND r.retracted IS NULL AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {node: {props: properties(x), labels: labels(x)}, rel: properties(r)}] AS accused,
  [(al)-[r:CONCERNS]->(x) WHERE x.retracted IS NULL AND r.retracted IS NULL AND ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {node: {props: properties(x), labels: labels(x)}, rel: properties(r)}] AS concerns,
  [(d)-[r:DENIES]->(al) WHERE d.retracted IS NULL AND r.retracted IS NULL AND ((d.tlp IS NULL OR d.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE d.sourceIds IS NULL OR size(d.sourceIds) = 0 OR any(sid IN d.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {node: {props: properties(d), labels: labels(d)}, rel: properties(r)}] AS denials",
    "operation": "allegations.details",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "russia-accuses-ukraine",
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
