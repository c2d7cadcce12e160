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
    "cypher": "OPTIONAL MATCH (hiddenNode:Entity {id: $id}) WHERE NOT ((hiddenNode.tlp IS NULL OR hiddenNode.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE hiddenNode.sourceIds IS NULL OR size(hiddenNode.sourceIds) = 0 OR any(sid IN hiddenNode.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
OPTIONAL MATCH (:Entity {id: $from})-[hiddenLink {id: $id}]->() WHERE NOT ((hiddenLink.tlp IS NULL OR hiddenLink.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE hiddenLink.sourceIds IS NULL OR size(hiddenLink.sourceIds) = 0 OR any(sid IN hiddenLink.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH hiddenNode, hiddenLink WHERE hiddenNode IS NULL AND hiddenLink IS NULL
CALL () {
  MATCH (c:Change {targetId: $id})
  WHERE c.targetType <> 'Alert'
  WITH c ORDER BY c.at DESC LIMIT $first
  RETURN c.at AS at, c.who AS who, c.operation AS operation, c.change AS change, c.targetType AS targetType,
         c.changedFields AS changedFields, c.record AS record, c.importRun AS importRun
  UNION ALL
  OPTIONAL MATCH (n:Entity {id: $id})
  OPTIONAL MATCH (:Entity {id: $from})-[r {id: $id}]->()
  WITH coalesce(n.importRun, r.importRun) AS runId, coalesce(n.createdAt, r.createdAt) AS createdAt,
       CASE WHEN n IS NULL THEN type(r) ELSE [label IN labels(n) WHERE label IN $kindLabels][0] END AS targetType
  MATCH (run:ImportRun {id: runId})
  WHERE run.status = 'completed' AND NOT EXISTS { MATCH (:Change {targetId: $id, importRun: run.id}) }
  RETURN run.finishedAt AS at, run.who AS who, run.operation AS operation,
         CASE WHEN createdAt >= run.startedAt THEN 'CREATED' ELSE 'UPDATED' END AS change, targetType,
         [] AS changedFields, '{"importRun":"' + run.id + '"}' AS record, run.id AS importRun
}
WITH * ORDER BY at DESC LIMIT $first
RETURN toString(at) AS at, who, operation, change, targetType, changedFields, record, importRun",
    "operation": "history.of",
    "params": {
      "first": 5,
      "from": null,
      "hiddenSourceIds": [],
      "id": "jnim",
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
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
]
`);
  });

  it('history of a relationship', async () => {
    const sent = await statementsOf(schema, '{ history(id: "MEMBER_OF:mali->aes") { at } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "OPTIONAL MATCH (hiddenNode:Entity {id: $id}) WHERE NOT ((hiddenNode.tlp IS NULL OR hiddenNode.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE hiddenNode.sourceIds IS NULL OR size(hiddenNode.sourceIds) = 0 OR any(sid IN hiddenNode.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
OPTIONAL MATCH (:Entity {id: $from})-[hiddenLink {id: $id}]->() WHERE NOT ((hiddenLink.tlp IS NULL OR hiddenLink.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE hiddenLink.sourceIds IS NULL OR size(hiddenLink.sourceIds) = 0 OR any(sid IN hiddenLink.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH hiddenNode, hiddenLink WHERE hiddenNode IS NULL AND hiddenLink IS NULL
CALL () {
  MATCH (c:Change {targetId: $id})
  WHERE c.targetType <> 'Alert'
  WITH c ORDER BY c.at DESC LIMIT $first
  RETURN c.at AS at, c.who AS who, c.operation AS operation, c.change AS change, c.targetType AS targetType,
         c.changedFields AS changedFields, c.record AS record, c.importRun AS importRun
  UNION ALL
  OPTIONAL MATCH (n:Entity {id: $id})
  OPTIONAL MATCH (:Entity {id: $from})-[r {id: $id}]->()
  WITH coalesce(n.importRun, r.importRun) AS runId, coalesce(n.createdAt, r.createdAt) AS createdAt,
       CASE WHEN n IS NULL THEN type(r) ELSE [label IN labels(n) WHERE label IN $kindLabels][0] END AS targetType
  MATCH (run:ImportRun {id: runId})
  WHERE run.status = 'completed' AND NOT EXISTS { MATCH (:Change {targetId: $id, importRun: run.id}) }
  RETURN run.finishedAt AS at, run.who AS who, run.operation AS operation,
         CASE WHEN createdAt >= run.startedAt THEN 'CREATED' ELSE 'UPDATED' END AS change, targetType,
         [] AS changedFields, '{"importRun":"' + run.id + '"}' AS record, run.id AS importRun
}
WITH * ORDER BY at DESC LIMIT $first
RETURN toString(at) AS at, who, operation, change, targetType, changedFields, record, importRun",
    "operation": "history.of",
    "params": {
      "first": 20,
      "from": "mali",
      "hiddenSourceIds": [],
      "id": "MEMBER_OF:mali->aes",
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
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
    "cypher": "MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE r.id = $id AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId",
    "operation": "relationships.edge",
    "params": {
      "from": "mali",
      "hiddenSourceIds": [],
      "id": "MEMBER_OF:mali->aes",
      "to": "aes",
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

  it('recentChanges(first:) reads the newest changes by the change_at index and keeps the visible ones', async () => {
    const sent = await statementsOf(schema, '{ recentChanges(first: 3) { at targetId entities { id } } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (c:Change) WHERE c.at IS NOT NULL AND ($evidenceLinks OR NOT c.targetType IN $evidenceTypes)
WITH c ORDER BY c.at DESC, c.id LIMIT $scan
WITH c, CASE WHEN c.targetId CONTAINS '->' THEN split(split(c.targetId, ':')[1], '->') END AS ends
WITH c, ends[0] AS fromId, split(ends[1], '#')[0] AS toId
OPTIONAL MATCH (n:Entity {id: c.targetId}) WHERE fromId IS NULL
OPTIONAL MATCH (a:Entity {id: fromId})-[r {id: c.targetId}]->(b:Entity {id: toId}) USING INDEX SEEK a:Entity(id)
WITH c, n, a, b, r
WHERE (n IS NOT NULL AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END))
   OR (r IS NOT NULL AND r.retracted IS NULL AND a.retracted IS NULL AND b.retracted IS NULL
       AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END))
WITH c, CASE WHEN n IS NULL THEN [a, b] ELSE [n] END AS touched
ORDER BY c.at DESC, c.id
LIMIT $first
RETURN toString(c.at) AS at, c.who AS who, c.operation AS operation, c.change AS change, c.targetType AS targetType,
       c.targetId AS targetId, [x IN touched | {props: properties(x), labels: labels(x)}] AS entities",
    "operation": "history.recent",
    "params": {
      "evidenceLinks": false,
      "evidenceTypes": [
        "REPORTED_BY",
        "CITES",
      ],
      "first": 3,
      "hiddenSourceIds": [],
      "scan": 30,
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
