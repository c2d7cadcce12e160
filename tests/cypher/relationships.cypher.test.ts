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
  MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m)
  WHERE r.id > $after AND r.retracted IS NULL
  WITH r, m ORDER BY r.id LIMIT $probe
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.m.retracted IS NULL][0..$limit] AS kept
  RETURN [c IN kept | {type: type(c.r), props: properties(c.r), outgoing: startNode(c.r) = n,
                  other: {props: properties(c.m), labels: labels(c.m)}}] AS items,
         size(candidates) = $probe AND size(kept) < $limit AS incomplete
}
RETURN entityId, null AS total, true AS exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "",
      "ids": [
        "jnim",
      ],
      "limit": 4,
      "probe": 24,
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
  MATCH (n)-[r:OPPOSES|SUPPORTS]->(m) WHERE r.retracted IS NULL AND m.retracted IS NULL
  WITH r LIMIT $countCap
  RETURN count(r) AS total
}
WITH entityId, n, total, total < $countCap AS exact
CALL (n) {
  MATCH (n)-[r:OPPOSES|SUPPORTS]->(m)
  WHERE r.id > $after AND r.retracted IS NULL
  WITH r, m ORDER BY r.id LIMIT $probe
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.m.retracted IS NULL][0..$limit] AS kept
  RETURN [c IN kept | {type: type(c.r), props: properties(c.r), outgoing: startNode(c.r) = n,
                  other: {props: properties(c.m), labels: labels(c.m)}}] AS items,
         size(candidates) = $probe AND size(kept) < $limit AS incomplete
}
RETURN entityId, total, exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "OPPOSES:jnim->mali",
      "countCap": 1000,
      "ids": [
        "jnim",
      ],
      "limit": 6,
      "probe": 28,
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
  MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m) WHERE r.retracted IS NULL AND m.retracted IS NULL
  WITH r LIMIT $countCap
  RETURN count(r) AS total
}
WITH entityId, n, total, total < $countCap AS exact
CALL (n) {
  MATCH (n)-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m)
  WHERE r.id > $after AND r.retracted IS NULL
  WITH r, m ORDER BY r.id LIMIT $probe
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.m.retracted IS NULL][0..$limit] AS kept
  RETURN [c IN kept | {type: type(c.r), props: properties(c.r), outgoing: startNode(c.r) = n,
                  other: {props: properties(c.m), labels: labels(c.m)}}] AS items,
         size(candidates) = $probe AND size(kept) < $limit AS incomplete
}
RETURN entityId, total, exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "",
      "countCap": 1000,
      "ids": [
        "jnim",
      ],
      "limit": 21,
      "probe": 58,
    },
  },
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
WITH entityId, n, COUNT { (n)<-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-() } AS total, true AS exact
CALL (n) {
  MATCH (n)<-[r:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(m)
  WHERE r.id > $after
  WITH r, m ORDER BY r.id LIMIT $limit
  RETURN collect({type: type(r), props: properties(r), outgoing: startNode(r) = n,
                  other: {props: properties(m), labels: labels(m)}}) AS items, false AS incomplete
}
RETURN entityId, total, exact, items, incomplete",
    "operation": "relationships.ofEntities",
    "params": {
      "after": "",
      "countCap": 1000,
      "ids": [
        "mali",
      ],
      "limit": 21,
      "probe": 58,
    },
  },
]
`);
  });
});
