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
    "cypher": "CALL () { MATCH (n:Actor) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.country = $country AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Actor) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.country = $country AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
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
      "nodeProperties": [
        "id",
        "name",
      ],
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
  MATCH (n:Actor) WHERE n.id > $after AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN null AS total, true AS exact, items",
    "operation": "entities.list.Actor",
    "params": {
      "after": "",
      "hiddenSourceIds": [],
      "limit": 3,
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

  it('actors { totalCount } unfiltered: the count store minus the retracted, no scan', async () => {
    const sent = await statementsOf(schema, '{ actors(first: 2) { totalCount } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Actor) RETURN count(n) AS stored }
CALL () { MATCH (n:Actor) WHERE n.retracted IS NOT NULL RETURN count(n) AS retracted }
WITH stored - retracted AS total, true AS exact
CALL () {
  MATCH (n:Actor) WHERE n.id > $after AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Actor",
    "params": {
      "after": "",
      "hiddenSourceIds": [],
      "limit": 3,
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
  [(a)-[r:ALLEGES]->(al:Allegation) WHERE al.retracted IS NULL AND r.retracted IS NULL AND ((al.tlp IS NULL OR al.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE al.sourceIds IS NULL OR size(al.sourceIds) = 0 OR any(sid IN al.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {props: properties(al), labels: labels(al)}][0..$limit] AS made,
  [(al:Allegation)-[r:ACCUSES]->(a) WHERE al.retracted IS NULL AND r.retracted IS NULL AND ((al.tlp IS NULL OR al.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE al.sourceIds IS NULL OR size(al.sourceIds) = 0 OR any(sid IN al.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {props: properties(al), labels: labels(al)}][0..$limit] AS against",
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
  it('actors { nodes { relationships } }: the relationships folded into the list, one statement', async () => {
    const sent = await statementsOf(
      schema,
      '{ actors(first: 3) { nodes { id relationships(types: [SUPPORTS, AFFILIATED_WITH], first: 100) { totalCount edges { id } } } } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
CALL (hiddenSourceIds) {
  MATCH (n:Actor) WHERE n.id > $after AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  WITH n ORDER BY n.id LIMIT $limit
  WITH collect(n) AS read
  RETURN read[0..$first] AS shown, size(read) > $first AS more
}
CALL (shown, hiddenSourceIds) {
  UNWIND shown AS n
  CALL (n, hiddenSourceIds) {
    MATCH (n)-[r:AFFILIATED_WITH|SUPPORTS]-(m) WHERE true AND r.retracted IS NULL AND m.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((m.tlp IS NULL OR m.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE m.sourceIds IS NULL OR size(m.sourceIds) = 0 OR any(sid IN m.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
    WITH r LIMIT $relCountCap
    WITH count(r) AS counted
    RETURN counted AS total, counted < $relCountCap AS exact
  }
  CALL (n, hiddenSourceIds) {
    MATCH (n)-[r:AFFILIATED_WITH|SUPPORTS]-(m)
    WHERE r.id > $relAfter
    WITH r, m ORDER BY r.id LIMIT $relProbe
    WITH collect({r: r, m: m}) AS candidates
    WITH candidates, [c IN candidates WHERE c.r.retracted IS NULL AND ((c.r.tlp IS NULL OR c.r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE c.r.sourceIds IS NULL OR size(c.r.sourceIds) = 0 OR any(sid IN c.r.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
      AND c.m.retracted IS NULL AND ((c.m.tlp IS NULL OR c.m.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE c.m.sourceIds IS NULL OR size(c.m.sourceIds) = 0 OR any(sid IN c.m.sourceIds WHERE NOT sid IN hiddenSourceIds) END)][0..$relLimit] AS kept
    RETURN [c IN kept | {type: type(c.r), values: [key IN $linkProperties | c.r[key]], outgoing: startNode(c.r) = n,
                    other: {values: [key IN $otherProperties | c.m[key]], labels: labels(c.m)}}] AS items,
           size(candidates) = $relProbe AND size(kept) < $relLimit AS incomplete
  }
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n),
                  relationships: {total: total, exact: exact, items: items, incomplete: incomplete}}) AS nodes
}
RETURN null AS total, true AS exact, nodes, more, hiddenSourceIds",
    "operation": "entities.listWithRelationships.Actor",
    "params": {
      "after": "",
      "first": 3,
      "limit": 4,
      "linkProperties": [
        "id",
      ],
      "nodeProperties": [
        "id",
        "name",
      ],
      "otherProperties": [
        "id",
        "name",
      ],
      "relAfter": "",
      "relCountCap": 1000,
      "relLimit": 101,
      "relProbe": 218,
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

  it('a filtered, counted list with relationships under edges.node: still one statement', async () => {
    const sent = await statementsOf(
      schema,
      '{ actors(filter: { text: "mal" }, first: 2, after: "azptYWxp") { totalCount edges { node { relationships(direction: OUTGOING, includeRetracted: true, after: "azpPUFBPU0VTOmpuaW0tPm1hbGk") { edges { id } } } } } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
CALL (hiddenSourceIds) {
  MATCH (n:Actor) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  WITH n LIMIT $countCap
  WITH count(n) AS counted
  RETURN counted AS total, counted < $countCap AS exact
}
CALL (hiddenSourceIds) {
  MATCH (n:Actor) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  WITH n ORDER BY n.id LIMIT $limit
  WITH collect(n) AS read
  RETURN read[0..$first] AS shown, size(read) > $first AS more
}
CALL (shown, hiddenSourceIds) {
  UNWIND shown AS n
  CALL (n, hiddenSourceIds) {
    RETURN null AS total, true AS exact
  }
  CALL (n, hiddenSourceIds) {
    MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]->(m)
    WHERE r.id > $relAfter AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((m.tlp IS NULL OR m.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE m.sourceIds IS NULL OR size(m.sourceIds) = 0 OR any(sid IN m.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
    WITH r, m ORDER BY r.id LIMIT $relLimit
    RETURN collect({type: type(r), values: [key IN $linkProperties | r[key]], outgoing: startNode(r) = n,
                    other: {values: [key IN $otherProperties | m[key]], labels: labels(m)}}) AS items, false AS incomplete
  }
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n),
                  relationships: {total: total, exact: exact, items: items, incomplete: incomplete}}) AS nodes
}
RETURN total, exact, nodes, more, hiddenSourceIds",
    "operation": "entities.listWithRelationships.Actor",
    "params": {
      "after": "mali",
      "countCap": 10000,
      "first": 2,
      "limit": 3,
      "linkProperties": [
        "id",
      ],
      "nodeProperties": [
        "id",
        "name",
      ],
      "otherProperties": [
        "id",
        "name",
      ],
      "relAfter": "OPPOSES:jnim->mali",
      "relLimit": 21,
      "relProbe": 58,
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

  it('relationships asked twice with other arguments: not folded, the list then the batches', async () => {
    const sent = await statementsOf(
      schema,
      '{ actors(first: 3) { nodes { a: relationships(first: 2) { edges { id } } b: relationships(types: [SUPPORTS]) { edges { id } } } } }',
    );
    expect(sent.map((statement) => statement.operation)).toEqual(['entities.list.Actor']);
  });
});
