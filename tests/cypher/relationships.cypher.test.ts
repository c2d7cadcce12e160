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

  it('entity(id:) { relationships } with types, direction and a page', async () => {
    const sent = await statementsOf(
      schema,
      '{ entity(id: "jnim") { id relationships(types: [OPPOSES, SUPPORTS], direction: OUTGOING, first: 5, after: "azpPUFBPU0VTOmpuaW0tPm1hbGk") { totalCount } } }',
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
        "jnim",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
  RETURN count(r) AS total
}
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
    AND ($after IS NULL OR r.id > $after)
  WITH r, m ORDER BY r.id LIMIT $limit
  RETURN collect({type: type(r), props: properties(r), outgoing: startNode(r) = n,
                  other: {props: properties(m), labels: labels(m)}}) AS items
}
RETURN entityId, total, items",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "OPPOSES:jnim->mali",
      "direction": "OUTGOING",
      "ids": [
        "jnim",
      ],
      "includeRetracted": false,
      "limit": 6,
      "types": [
        "OPPOSES",
        "SUPPORTS",
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
MATCH (n:Entity {id: entityId})
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "jnim",
        "mali",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
  RETURN count(r) AS total
}
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
    AND ($after IS NULL OR r.id > $after)
  WITH r, m ORDER BY r.id LIMIT $limit
  RETURN collect({type: type(r), props: properties(r), outgoing: startNode(r) = n,
                  other: {props: properties(m), labels: labels(m)}}) AS items
}
RETURN entityId, total, items",
    "operation": "relationships.ofEntities",
    "params": {
      "after": null,
      "direction": "BOTH",
      "ids": [
        "jnim",
      ],
      "includeRetracted": false,
      "limit": 21,
      "types": [
        "MEMBER_OF",
        "AFFILIATED_WITH",
        "SUBORDINATE_TO",
        "NATIONAL_OF",
        "SUPPORTS",
        "OPPOSES",
        "GOVERNS",
        "OPERATES_IN",
        "PART_OF",
        "BORDERS",
        "CONNECTS",
        "PARTICIPATED_IN",
        "OCCURRED_IN",
        "DISRUPTS",
        "FOLLOWS",
        "ALLEGES",
        "ACCUSES",
        "CONCERNS",
        "DENIES",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
  RETURN count(r) AS total
}
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
    AND ($after IS NULL OR r.id > $after)
  WITH r, m ORDER BY r.id LIMIT $limit
  RETURN collect({type: type(r), props: properties(r), outgoing: startNode(r) = n,
                  other: {props: properties(m), labels: labels(m)}}) AS items
}
RETURN entityId, total, items",
    "operation": "relationships.ofEntities",
    "params": {
      "after": null,
      "direction": "INCOMING",
      "ids": [
        "mali",
      ],
      "includeRetracted": true,
      "limit": 21,
      "types": [
        "MEMBER_OF",
        "AFFILIATED_WITH",
        "SUBORDINATE_TO",
        "NATIONAL_OF",
        "SUPPORTS",
        "OPPOSES",
        "GOVERNS",
        "OPERATES_IN",
        "PART_OF",
        "BORDERS",
        "CONNECTS",
        "PARTICIPATED_IN",
        "OCCURRED_IN",
        "DISRUPTS",
        "FOLLOWS",
        "ALLEGES",
        "ACCUSES",
        "CONCERNS",
        "DENIES",
      ],
    },
  },
]
`);
  });
});
