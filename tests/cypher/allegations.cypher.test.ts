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
    "cypher": "CALL () { MATCH (n:Allegation) WHERE EXISTS { (:Actor {id: $accuserId})-[:ALLEGES]->(n) } AND EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) } AND EXISTS { (n)-[:CONCERNS]->(:Entity {id: $concerningId}) } AND n.status = $status AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Allegation) WHERE n.id > $after AND EXISTS { (:Actor {id: $accuserId})-[:ALLEGES]->(n) } AND EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) } AND EXISTS { (n)-[:CONCERNS]->(:Entity {id: $concerningId}) } AND n.status = $status AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Allegation",
    "params": {
      "accusedId": "ukrainian-intelligence",
      "accuserId": "russia",
      "after": "",
      "concerningId": "jnim",
      "countCap": 10000,
      "limit": 21,
      "status": "DENIED",
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
    "cypher": "CALL () { MATCH (n:Allegation) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.status IN $statuses AND any(claim IN n.claimTypes WHERE claim IN $claimTypes) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Allegation) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.status IN $statuses AND any(claim IN n.claimTypes WHERE claim IN $claimTypes) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
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
      "limit": 5,
      "statuses": [
        "ALLEGED",
        "DISPUTED",
      ],
      "text": "arms",
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
    "cypher": "CALL () { MATCH (n:Allegation) WHERE (EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) } OR EXISTS { MATCH (n)-[r:ACCUSES]->(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId}) WHERE r.retracted IS NULL AND part.retracted IS NULL }) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Allegation) WHERE n.id > $after AND (EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) } OR EXISTS { MATCH (n)-[r:ACCUSES]->(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId}) WHERE r.retracted IS NULL AND part.retracted IS NULL }) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Allegation",
    "params": {
      "accusedId": "ukraine",
      "after": "",
      "countCap": 10000,
      "limit": 21,
    },
  },
  {
    "cypher": "UNWIND $ids AS allegationId
MATCH (n:Allegation {id: allegationId})
WHERE NOT EXISTS { (n)-[:ACCUSES]->(:Actor {id: $accusedId}) }
RETURN allegationId AS id, COLLECT { MATCH (n)-[r:ACCUSES]->(part:Actor)-[:SUBORDINATE_TO]->{1,3}(:Actor {id: $accusedId}) WHERE r.retracted IS NULL AND part.retracted IS NULL RETURN DISTINCT part.id } AS parts",
    "operation": "allegations.accusedParts",
    "params": {
      "accusedId": "ukraine",
      "ids": [
        "russia-accuses-ukraine",
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
MATCH (n:Entity {id: entityId})
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "russia-accuses-ukraine",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS allegationId
MATCH (al:Allegation {id: allegationId})
RETURN allegationId,
  [(a)-[r:ALLEGES]->(al) WHERE a.retracted IS NULL AND r.retracted IS NULL | {node: {props: properties(a), labels: labels(a)}, rel: properties(r)}] AS accusers,
  [(al)-[r:ACCUSES]->(x) WHERE x.retracted IS NULL AND r.retracted IS NULL | {node: {props: properties(x), labels: labels(x)}, rel: properties(r)}] AS accused,
  [(al)-[r:CONCERNS]->(x) WHERE x.retracted IS NULL AND r.retracted IS NULL | {node: {props: properties(x), labels: labels(x)}, rel: properties(r)}] AS concerns,
  [(d)-[r:DENIES]->(al) WHERE d.retracted IS NULL AND r.retracted IS NULL | {node: {props: properties(d), labels: labels(d)}, rel: properties(r)}] AS denials",
    "operation": "allegations.details",
    "params": {
      "ids": [
        "russia-accuses-ukraine",
      ],
    },
  },
]
`);
  });
});
