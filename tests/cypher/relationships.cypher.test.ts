import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the relationships field of every entity: one batch per distinct set of arguments.
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('relationships: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('relationships without totalCount: a bounded page per entity, nothing counted', async () => {
    const sent = await statementsOf(schema, '{ entity(id: "jnim") { relationships(first: 3) { edges { id } } } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "jnim",
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
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m)
  WHERE r.id > $after
  WITH r, m ORDER BY r.id LIMIT $probe
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.r.retracted IS NULL AND ((c.r.tlp IS NULL OR c.r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.r.sourceIds IS NULL OR size(c.r.sourceIds) = 0 OR any(sid IN c.r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
    AND c.m.retracted IS NULL AND ((c.m.tlp IS NULL OR c.m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.m.sourceIds IS NULL OR size(c.m.sourceIds) = 0 OR any(sid IN c.m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)][0..$limit] AS kept
  RETURN [c IN kept | {type: type(c.r), values: [key IN $linkProperties | c.r[key]], outgoing: startNode(c.r) = n,
                  other: {values: [key IN $otherProperties | c.m[key]], labels: labels(c.m)}}] AS items,
         size(candidates) = $probe AND size(kept) < $limit AS incomplete
}
RETURN entityId, null AS total, true AS exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "",
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
      ],
      "limit": 4,
      "linkProperties": [
        "id",
      ],
      "otherProperties": [
        "id",
        "name",
      ],
      "probe": 24,
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

  it('entity(id:) { relationships } with types, direction and a page', async () => {
    const sent = await statementsOf(
      schema,
      '{ entity(id: "jnim") { id relationships(types: [OPPOSES, SUPPORTS], direction: OUTGOING, first: 5, after: "azpPUFBPU0VTOmpuaW0tPm1hbGk") { totalCount } } }',
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
        "jnim",
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
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r:OPPOSES|SUPPORTS]->(m) WHERE true AND r.retracted IS NULL AND m.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((m.tlp IS NULL OR m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE m.sourceIds IS NULL OR size(m.sourceIds) = 0 OR any(sid IN m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH r LIMIT $countCap
  RETURN count(r) AS total
}
WITH entityId, n, total, total < $countCap AS exact
CALL (n) {
  MATCH (n)-[r:OPPOSES|SUPPORTS]->(m)
  WHERE r.id > $after
  WITH r, m ORDER BY r.id LIMIT $probe
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.r.retracted IS NULL AND ((c.r.tlp IS NULL OR c.r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.r.sourceIds IS NULL OR size(c.r.sourceIds) = 0 OR any(sid IN c.r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
    AND c.m.retracted IS NULL AND ((c.m.tlp IS NULL OR c.m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.m.sourceIds IS NULL OR size(c.m.sourceIds) = 0 OR any(sid IN c.m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)][0..$limit] AS kept
  RETURN [c IN kept | {type: type(c.r), values: [key IN $linkProperties | c.r[key]], outgoing: startNode(c.r) = n,
                  other: {values: [key IN $otherProperties | c.m[key]], labels: labels(c.m)}}] AS items,
         size(candidates) = $probe AND size(kept) < $limit AS incomplete
}
RETURN entityId, total, exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "OPPOSES:jnim->mali",
      "countCap": 1000,
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
      ],
      "limit": 6,
      "linkProperties": [
        "id",
      ],
      "otherProperties": [
        "id",
        "name",
      ],
      "probe": 28,
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

  it('two aliases with different arguments are two batches', async () => {
    const sent = await statementsOf(
      schema,
      '{ a: entity(id: "jnim") { id relationships { totalCount } } b: entity(id: "mali") { id relationships(includeRetracted: true, direction: INCOMING) { totalCount } } }',
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
        "jnim",
        "mali",
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
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m) WHERE true AND r.retracted IS NULL AND m.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((m.tlp IS NULL OR m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE m.sourceIds IS NULL OR size(m.sourceIds) = 0 OR any(sid IN m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH r LIMIT $countCap
  RETURN count(r) AS total
}
WITH entityId, n, total, total < $countCap AS exact
CALL (n) {
  MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m)
  WHERE r.id > $after
  WITH r, m ORDER BY r.id LIMIT $probe
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.r.retracted IS NULL AND ((c.r.tlp IS NULL OR c.r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.r.sourceIds IS NULL OR size(c.r.sourceIds) = 0 OR any(sid IN c.r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
    AND c.m.retracted IS NULL AND ((c.m.tlp IS NULL OR c.m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.m.sourceIds IS NULL OR size(c.m.sourceIds) = 0 OR any(sid IN c.m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)][0..$limit] AS kept
  RETURN [c IN kept | {type: type(c.r), values: [key IN $linkProperties | c.r[key]], outgoing: startNode(c.r) = n,
                  other: {values: [key IN $otherProperties | c.m[key]], labels: labels(c.m)}}] AS items,
         size(candidates) = $probe AND size(kept) < $limit AS incomplete
}
RETURN entityId, total, exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "",
      "countCap": 1000,
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
      ],
      "limit": 21,
      "linkProperties": [
        "id",
      ],
      "otherProperties": [
        "id",
        "name",
      ],
      "probe": 58,
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
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
WITH entityId, n, COUNT { (n)<-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-() } AS total, true AS exact
CALL (n) {
  MATCH (n)<-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m)
  WHERE r.id > $after AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((m.tlp IS NULL OR m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE m.sourceIds IS NULL OR size(m.sourceIds) = 0 OR any(sid IN m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH r, m ORDER BY r.id LIMIT $limit
  RETURN collect({type: type(r), values: [key IN $linkProperties | r[key]], outgoing: startNode(r) = n,
                  other: {values: [key IN $otherProperties | m[key]], labels: labels(m)}}) AS items, false AS incomplete
}
RETURN entityId, total, exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "",
      "countCap": 1000,
      "hiddenSourceIds": [],
      "ids": [
        "mali",
      ],
      "limit": 21,
      "linkProperties": [
        "id",
      ],
      "otherProperties": [
        "id",
        "name",
      ],
      "probe": 58,
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
