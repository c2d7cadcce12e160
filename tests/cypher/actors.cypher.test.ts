import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the actor fields (actor writes: curation.cypher.test.ts).
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('actors: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('actors(filter:) is one list statement', async () => {
    const sent = await statementsOf(
      schema,
      '{ actors(filter: { kinds: [STATE], country: "ML", text: "mal", includeRetracted: false }, first: 5, after: "azptYWxp") { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Actor) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.country = $country AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Actor) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.country = $country AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Actor",
    "params": {
      "after": "mali",
      "countCap": 10000,
      "country": "ML",
      "hiddenSourceIds": [],
      "kinds": [
        "STATE",
      ],
      "limit": 6,
      "text": "mal",
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

  it('actors without totalCount: a page read in id order, nothing counted', async () => {
    const sent = await statementsOf(schema, '{ actors(first: 2) { nodes { id } } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (n:Actor) WHERE n.id > $after AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN null AS total, true AS exact, items",
    "operation": "entities.list.Actor",
    "params": {
      "after": "",
      "hiddenSourceIds": [],
      "limit": 3,
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

  it('actors { totalCount } unfiltered: the count store minus the retracted, no scan', async () => {
    const sent = await statementsOf(schema, '{ actors(first: 2) { totalCount } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Actor) RETURN count(n) AS stored }
CALL () { MATCH (n:Actor) WHERE n.retracted IS NOT NULL RETURN count(n) AS retracted }
WITH stored - retracted AS total, true AS exact
CALL () {
  MATCH (n:Actor) WHERE n.id > $after AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Actor",
    "params": {
      "after": "",
      "hiddenSourceIds": [],
      "limit": 3,
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

  it('actor(id:) with the allegations it makes and faces: a read by id, then one batch for both lists', async () => {
    const sent = await statementsOf(
      schema,
      '{ actor(id: "russia") { id allegationsMade { id } allegationsAgainst { id } } }',
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
        "russia",
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
    "cypher": "UNWIND $ids AS actorId
MATCH (a:Actor {id: actorId})
RETURN actorId,
  [(a)-[r:ALLEGES]->(al:Allegation) WHERE al.retracted IS NULL AND r.retracted IS NULL AND ((al.tlp IS NULL OR al.tlp IN $visibleTlp) AND (al.sourceIds IS NULL OR size(al.sourceIds) = 0 OR any(sid IN al.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds))) | {props: properties(al), labels: labels(al)}][0..$limit] AS made,
  [(al:Allegation)-[r:ACCUSES]->(a) WHERE al.retracted IS NULL AND r.retracted IS NULL AND ((al.tlp IS NULL OR al.tlp IN $visibleTlp) AND (al.sourceIds IS NULL OR size(al.sourceIds) = 0 OR any(sid IN al.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds))) | {props: properties(al), labels: labels(al)}][0..$limit] AS against",
    "operation": "allegations.ofActors",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "russia",
      ],
      "limit": 100,
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
