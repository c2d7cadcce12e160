import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the traversal fields (neighborhood, shortestPath, paths, connect).
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('traversal: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('neighborhood', async () => {
    const sent = await statementsOf(
      schema,
      '{ neighborhood(id: "jnim", depth: 2, direction: OUTGOING, minCredibility: 3, asOf: "2019", limit: 10) { truncated } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
MATCH (start:Entity {id: $id}) WHERE ((start.tlp IS NULL OR start.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE start.sourceIds IS NULL OR size(start.sourceIds) = 0 OR any(sid IN start.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
WITH hiddenSourceIds, [start] AS kept, [start] AS frontier, false AS capped
CALL (kept, frontier, hiddenSourceIds) {
  UNWIND frontier AS x
  CALL (x, kept, hiddenSourceIds) {
    MATCH (x)-[r]->(y)
    WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END AND CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT x:Allegation OR coalesce(x.claimCredibility, 6) <= $maxCredibility END AND y.retracted IS NULL AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT y:Event OR coalesce(y.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT y:Event OR NOT coalesce(y.status, 'OCCURRED') IN $hypotheticalStatuses) END AND NOT y IN kept
    WITH r, y ORDER BY r.credibility, r.id LIMIT $perNodePlusOne
    RETURN collect({node: y, credibility: r.credibility}) AS reached
  }
  WITH collect(reached) AS reachedByNode
  CALL (reachedByNode) {
    UNWIND reachedByNode AS reached
    UNWIND reached[0..$perNode] AS step
    WITH step.node AS node, min(step.credibility) AS best
    ORDER BY best, node.id
    RETURN collect(node) AS fresh
  }
  RETURN any(reached IN reachedByNode WHERE size(reached) > $perNode) AS nodeCapped, fresh
}
WITH hiddenSourceIds, kept + fresh[0..($nodeLimit + 2 - size(kept))] AS kept, fresh, capped OR nodeCapped AS capped
WITH hiddenSourceIds, kept, CASE WHEN size(kept) > $nodeLimit THEN [] ELSE fresh END AS frontier, capped
CALL (kept, frontier, hiddenSourceIds) {
  UNWIND frontier AS x
  CALL (x, kept, hiddenSourceIds) {
    MATCH (x)-[r]->(y)
    WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END AND CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT x:Allegation OR coalesce(x.claimCredibility, 6) <= $maxCredibility END AND y.retracted IS NULL AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT y:Event OR coalesce(y.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT y:Event OR NOT coalesce(y.status, 'OCCURRED') IN $hypotheticalStatuses) END AND NOT y IN kept
    WITH r, y ORDER BY r.credibility, r.id LIMIT $perNodePlusOne
    RETURN collect({node: y, credibility: r.credibility}) AS reached
  }
  WITH collect(reached) AS reachedByNode
  CALL (reachedByNode) {
    UNWIND reachedByNode AS reached
    UNWIND reached[0..$perNode] AS step
    WITH step.node AS node, min(step.credibility) AS best
    ORDER BY best, node.id
    RETURN collect(node) AS fresh
  }
  RETURN any(reached IN reachedByNode WHERE size(reached) > $perNode) AS nodeCapped, fresh
}
WITH hiddenSourceIds, kept + fresh[0..($nodeLimit + 2 - size(kept))] AS kept, fresh, capped OR nodeCapped AS capped
WITH hiddenSourceIds, kept, CASE WHEN size(kept) > $nodeLimit THEN [] ELSE fresh END AS frontier, capped
WITH hiddenSourceIds, kept[0..($nodeLimit + 1)] AS members, capped OR size(kept) > $nodeLimit + 1 AS nodesTruncated
CALL (members, hiddenSourceIds) {
  CALL (members, hiddenSourceIds) {
    UNWIND members AS member
    WITH members, member WHERE COUNT { (member)--() } > $denseDegree
    RETURN collect(member) AS dense
  }
  CALL (members, dense, hiddenSourceIds) {
    UNWIND members AS a
    WITH members, dense, a, hiddenSourceIds WHERE NOT a IN dense
    MATCH (a)-[r]-(b) WHERE CASE WHEN b IN members AND (startNode(r) = a OR b IN dense) THEN type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END ELSE false END
    RETURN r
    UNION
    UNWIND dense AS a
    UNWIND dense AS b
    WITH a, b, hiddenSourceIds WHERE a <> b
    MATCH (a)-[r]->(b) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END
    RETURN r
  }
  WITH r ORDER BY r.id LIMIT $edgeLimitPlusOne
  RETURN collect({type: type(r), values: [key IN $edgeProperties | r[key]], fromId: startNode(r).id, toId: endNode(r).id}) AS edges
}
RETURN [n IN members | {values: [key IN $nodeProperties | n[key]], labels: labels(n)}] AS nodes, edges, nodesTruncated, hiddenSourceIds",
    "operation": "traversal.neighborhood",
    "params": {
      "asOfEnd": "date(2019-12-31)",
      "asOfStart": "date(2019-01-01)",
      "denseDegree": 1000,
      "edgeLimitPlusOne": 2001,
      "edgeProperties": [
        "id",
      ],
      "factsOnly": false,
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "id": "jnim",
      "maxCredibility": 3,
      "nodeLimit": 10,
      "nodeProperties": [
        "id",
        "name",
      ],
      "perNode": 10,
      "perNodePlusOne": 11,
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

  it('neighborhood with the defaults', async () => {
    const sent = await statementsOf(schema, '{ neighborhood(id: "mali") { truncated } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
MATCH (start:Entity {id: $id}) WHERE ((start.tlp IS NULL OR start.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE start.sourceIds IS NULL OR size(start.sourceIds) = 0 OR any(sid IN start.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
WITH hiddenSourceIds, [start] AS kept, [start] AS frontier, false AS capped
CALL (kept, frontier, hiddenSourceIds) {
  UNWIND frontier AS x
  CALL (x, kept, hiddenSourceIds) {
    MATCH (x)-[r]-(y)
    WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END AND CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT x:Allegation OR coalesce(x.claimCredibility, 6) <= $maxCredibility END AND y.retracted IS NULL AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT y:Event OR coalesce(y.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT y:Event OR NOT coalesce(y.status, 'OCCURRED') IN $hypotheticalStatuses) END AND NOT y IN kept
    WITH y LIMIT $perNodePlusOne
    RETURN collect(y) AS reached
  }
  UNWIND CASE WHEN size(reached) > $perNode THEN reached[0..$perNode] + [null] ELSE reached END AS node
  WITH DISTINCT node LIMIT $nodeLimit + 3
  RETURN collect(node) AS fresh, count(*) > count(node) AS nodeCapped
}
WITH hiddenSourceIds, kept + fresh[0..($nodeLimit + 2 - size(kept))] AS kept, fresh, capped OR nodeCapped AS capped
WITH hiddenSourceIds, kept, CASE WHEN size(kept) > $nodeLimit THEN [] ELSE fresh END AS frontier, capped
WITH hiddenSourceIds, kept[0..($nodeLimit + 1)] AS members, capped OR size(kept) > $nodeLimit + 1 AS nodesTruncated
CALL (members, hiddenSourceIds) {
  CALL (members, hiddenSourceIds) {
    UNWIND members AS member
    WITH members, member WHERE COUNT { (member)--() } > $denseDegree
    RETURN collect(member) AS dense
  }
  CALL (members, dense, hiddenSourceIds) {
    UNWIND members AS a
    WITH members, dense, a, hiddenSourceIds WHERE NOT a IN dense
    MATCH (a)-[r]-(b) WHERE CASE WHEN b IN members AND (startNode(r) = a OR b IN dense) THEN type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END ELSE false END
    RETURN r
    UNION
    UNWIND dense AS a
    UNWIND dense AS b
    WITH a, b, hiddenSourceIds WHERE a <> b
    MATCH (a)-[r]->(b) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END
    RETURN r
  }
  WITH r ORDER BY r.id LIMIT $edgeLimitPlusOne
  RETURN collect({type: type(r), values: [key IN $edgeProperties | r[key]], fromId: startNode(r).id, toId: endNode(r).id}) AS edges
}
RETURN [n IN members | {values: [key IN $nodeProperties | n[key]], labels: labels(n)}] AS nodes, edges, nodesTruncated, hiddenSourceIds",
    "operation": "traversal.neighborhood",
    "params": {
      "asOfEnd": null,
      "asOfStart": null,
      "denseDegree": 1000,
      "edgeLimitPlusOne": 2001,
      "edgeProperties": [
        "id",
      ],
      "factsOnly": false,
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "id": "mali",
      "maxCredibility": 6,
      "nodeLimit": 50,
      "nodeProperties": [
        "id",
        "name",
      ],
      "perNode": 50,
      "perNodePlusOne": 51,
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

  describe('a neighbourhood reads only the properties its query selects', () => {
    const neighbourhood = async (selection: string) => {
      const [sent] = await statementsOf(schema, `{ neighborhood(id: "mali") { ${selection} } }`);
      return sent;
    };
    const NODES_WHOLE = '[n IN members | {props: properties(n), labels: labels(n)}] AS nodes';
    const EDGES_WHOLE = 'collect({type: type(r), props: properties(r), fromId: startNode(r).id, toId: endNode(r).id})';

    it('the fields of every fragment, and the properties each one reads, as parameters', async () => {
      const sent = await neighbourhood(`
        nodes { id ... on Actor { kind plural } ...place }
        edges { credibility sources { id } }
        more: nodes { __typename ... on Allegation { date { value } } }
      } }
      fragment place on Location { latitude sources { name } } #`);
      expect(sent.params.nodeProperties).toEqual([
        'date',
        'id',
        'kind',
        'latitude',
        'name',
        'plural',
        'quantityApproximate',
        'quantityMeasure',
        'quantityValue',
        'sourceIds',
      ]);
      expect(sent.params.edgeProperties).toEqual(['credibility', 'id', 'sourceIds']);
      expect(sent.cypher).toContain('[n IN members | {values: [key IN $nodeProperties | n[key]], labels: labels(n)}]');
      expect(sent.cypher).toContain('values: [key IN $edgeProperties | r[key]]');
    });

    it('whole nodes for a field the table does not list, whole links likewise, each side on its own', async () => {
      const nodesWhole = await neighbourhood('nodes { id ... on Allegation { accusedParts } } edges { id }');
      expect(nodesWhole.cypher).toContain(NODES_WHOLE);
      expect(nodesWhole.params).not.toHaveProperty('nodeProperties');
      expect(nodesWhole.params.edgeProperties).toEqual(['id']);

      const edgesWhole = await neighbourhood('nodes { id } edges { id evidence { excerpt } }');
      expect(edgesWhole.cypher).toContain(EDGES_WHOLE);
      expect(edgesWhole.params).not.toHaveProperty('edgeProperties');
      expect(edgesWhole.params.nodeProperties).toEqual(['id', 'name']);
    });

    it('whole reads when a directive makes the selection depend on variables', async () => {
      const sent = await neighbourhood(
        'nodes { id ... on Actor @include(if: true) { kind } } edges @skip(if: false) { id }',
      );
      expect(sent.cypher).toContain(NODES_WHOLE);
      expect(sent.cypher).toContain(EDGES_WHOLE);
    });
  });

  it('shortestPath', async () => {
    const sent = await statementsOf(
      schema,
      '{ shortestPath(fromId: "ukraine", toId: "jnim", maxHops: 3, relationTypes: [DENIES, CONCERNS]) { length } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
OPTIONAL MATCH (a:Entity {id: $fromId}) WHERE ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
OPTIONAL MATCH (b:Entity {id: $toId}) WHERE ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
CALL (a, b, hiddenSourceIds) {
  WITH a, b, hiddenSourceIds WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  CALL (a, b, hiddenSourceIds) {
    MATCH p = (a)-[r1:CONCERNS|DENIES]-(b)
    WHERE all(r IN relationships(p) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
    WITH p LIMIT $candidatesPlusOne
    RETURN collect(p) AS adjacent
  }
  CALL (a, b, hiddenSourceIds, adjacent) {
    WITH a, b, hiddenSourceIds WHERE size(adjacent) = 0
    MATCH p = (a)-[r1:CONCERNS|DENIES]-(via)-[r2:CONCERNS|DENIES]-(b)
    WHERE all(r IN relationships(p) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
    WITH p LIMIT $candidatesPlusOne
    RETURN collect(p) AS throughOne
  }
  CALL (a, b, hiddenSourceIds, adjacent, throughOne) {
    WITH a, b, hiddenSourceIds WHERE size(adjacent) + size(throughOne) = 0
    MATCH p = allShortestPaths((a)-[rs:CONCERNS|DENIES*1..3]-(b))
    WHERE all(r IN rs WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
    WITH p LIMIT $candidatesPlusOne
    RETURN collect(p) AS longer
  }
  UNWIND adjacent + throughOne + longer AS p
  WITH [n IN nodes(p) | {props: properties(n), labels: labels(n)}] AS nodes, [rel IN relationships(p) | {type: type(rel), props: properties(rel), fromId: startNode(rel).id, toId: endNode(rel).id}] AS edges, [n IN nodes(p) WHERE n:Allegation | {id: n.id,
    accusers: [(accuser)-[r:ALLEGES]->(n) WHERE accuser.retracted IS NULL AND r.retracted IS NULL AND ((accuser.tlp IS NULL OR accuser.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE accuser.sourceIds IS NULL OR size(accuser.sourceIds) = 0 OR any(sid IN accuser.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: accuser.id, name: accuser.name, labels: labels(accuser), plural: accuser.plural = true OR coalesce(accuser.quantityValue, 0) > 1}],
    accused: [(n)-[r:ACCUSES]->(target) WHERE target.retracted IS NULL AND r.retracted IS NULL AND ((target.tlp IS NULL OR target.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE target.sourceIds IS NULL OR size(target.sourceIds) = 0 OR any(sid IN target.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: target.id, name: target.name, labels: labels(target), plural: target.plural = true OR coalesce(target.quantityValue, 0) > 1}],
    concerns: [(n)-[r:CONCERNS]->(subject) WHERE subject.retracted IS NULL AND r.retracted IS NULL AND ((subject.tlp IS NULL OR subject.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE subject.sourceIds IS NULL OR size(subject.sourceIds) = 0 OR any(sid IN subject.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: subject.id, name: subject.name, labels: labels(subject), plural: subject.plural = true OR coalesce(subject.quantityValue, 0) > 1}],
    deniers: [(denier)-[r:DENIES]->(n) WHERE denier.retracted IS NULL AND r.retracted IS NULL AND ((denier.tlp IS NULL OR denier.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE denier.sourceIds IS NULL OR size(denier.sourceIds) = 0 OR any(sid IN denier.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: denier.id, name: denier.name, labels: labels(denier), plural: denier.plural = true OR coalesce(denier.quantityValue, 0) > 1}]}] AS allegations, COLLECT {
    UNWIND reduce(ids = [], rel IN relationships(p) | ids + coalesce(rel.sourceIds, [])) AS citing
    MATCH (s:Entity {id: citing})-[c:CITES]->(t:Source)
    WHERE s:Source AND c.retracted IS NULL AND ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((t.tlp IS NULL OR t.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE t.sourceIds IS NULL OR size(t.sourceIds) = 0 OR any(sid IN t.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((c.tlp IS NULL OR c.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE c.sourceIds IS NULL OR size(c.sourceIds) = 0 OR any(sid IN c.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
      AND any(rel IN relationships(p) WHERE t.id IN coalesce(rel.sourceIds, []))
    RETURN DISTINCT [s.id, t.id]
  } AS citations
  RETURN collect({nodes: nodes, edges: edges, allegations: allegations, citations: citations}) AS paths
}
CALL (paths, hiddenSourceIds) {
  UNWIND paths AS path
  UNWIND path.nodes + path.edges AS item
  UNWIND coalesce(item.props.sourceIds, []) AS citedId
  WITH DISTINCT citedId, hiddenSourceIds
  OPTIONAL MATCH (cited:Entity {id: citedId}) WHERE ((cited.tlp IS NULL OR cited.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE cited.sourceIds IS NULL OR size(cited.sourceIds) = 0 OR any(sid IN cited.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  RETURN collect({id: citedId, entity: CASE WHEN cited IS NULL THEN null ELSE {props: properties(cited), labels: labels(cited)} END}) AS cited
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths, cited, hiddenSourceIds",
    "operation": "traversal.paths",
    "params": {
      "asOfEnd": null,
      "asOfStart": null,
      "candidatesPlusOne": 51,
      "factsOnly": false,
      "fromId": "ukraine",
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "maxCredibility": 6,
      "toId": "jnim",
      "types": [
        "DENIES",
        "CONCERNS",
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

  it('paths without allegations', async () => {
    const sent = await statementsOf(
      schema,
      '{ paths(fromId: "mali", toId: "france", maxHops: 5, includeAllegations: false, first: 3) { length } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
OPTIONAL MATCH (a:Entity {id: $fromId}) WHERE ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
OPTIONAL MATCH (b:Entity {id: $toId}) WHERE ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
CALL (a, b, hiddenSourceIds) {
  WITH a, b, hiddenSourceIds WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  CALL (a, b, hiddenSourceIds) {
    MATCH p = (a)-[r1:AFFILIATED_WITH|BORDERS|CONNECTS|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(b)
    WHERE all(r IN relationships(p) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
    WITH p LIMIT $candidatesPlusOne
    RETURN collect(p) AS adjacent
  }
  CALL (a, b, hiddenSourceIds, adjacent) {
    WITH a, b, hiddenSourceIds WHERE size(adjacent) = 0
    MATCH p = (a)-[r1:AFFILIATED_WITH|BORDERS|CONNECTS|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(via)-[r2:AFFILIATED_WITH|BORDERS|CONNECTS|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(b)
    WHERE all(r IN relationships(p) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
    WITH p LIMIT $candidatesPlusOne
    RETURN collect(p) AS throughOne
  }
  CALL (a, b, hiddenSourceIds, adjacent, throughOne) {
    WITH a, b, hiddenSourceIds WHERE size(adjacent) + size(throughOne) = 0
    MATCH p = allShortestPaths((a)-[rs:AFFILIATED_WITH|BORDERS|CONNECTS|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS*1..5]-(b))
    WHERE all(r IN rs WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
    WITH p LIMIT $candidatesPlusOne
    RETURN collect(p) AS longer
  }
  UNWIND adjacent + throughOne + longer AS p
  WITH [n IN nodes(p) | {props: properties(n), labels: labels(n)}] AS nodes, [rel IN relationships(p) | {type: type(rel), props: properties(rel), fromId: startNode(rel).id, toId: endNode(rel).id}] AS edges, [n IN nodes(p) WHERE n:Allegation | {id: n.id,
    accusers: [(accuser)-[r:ALLEGES]->(n) WHERE accuser.retracted IS NULL AND r.retracted IS NULL AND ((accuser.tlp IS NULL OR accuser.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE accuser.sourceIds IS NULL OR size(accuser.sourceIds) = 0 OR any(sid IN accuser.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: accuser.id, name: accuser.name, labels: labels(accuser), plural: accuser.plural = true OR coalesce(accuser.quantityValue, 0) > 1}],
    accused: [(n)-[r:ACCUSES]->(target) WHERE target.retracted IS NULL AND r.retracted IS NULL AND ((target.tlp IS NULL OR target.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE target.sourceIds IS NULL OR size(target.sourceIds) = 0 OR any(sid IN target.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: target.id, name: target.name, labels: labels(target), plural: target.plural = true OR coalesce(target.quantityValue, 0) > 1}],
    concerns: [(n)-[r:CONCERNS]->(subject) WHERE subject.retracted IS NULL AND r.retracted IS NULL AND ((subject.tlp IS NULL OR subject.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE subject.sourceIds IS NULL OR size(subject.sourceIds) = 0 OR any(sid IN subject.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: subject.id, name: subject.name, labels: labels(subject), plural: subject.plural = true OR coalesce(subject.quantityValue, 0) > 1}],
    deniers: [(denier)-[r:DENIES]->(n) WHERE denier.retracted IS NULL AND r.retracted IS NULL AND ((denier.tlp IS NULL OR denier.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE denier.sourceIds IS NULL OR size(denier.sourceIds) = 0 OR any(sid IN denier.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: denier.id, name: denier.name, labels: labels(denier), plural: denier.plural = true OR coalesce(denier.quantityValue, 0) > 1}]}] AS allegations, COLLECT {
    UNWIND reduce(ids = [], rel IN relationships(p) | ids + coalesce(rel.sourceIds, [])) AS citing
    MATCH (s:Entity {id: citing})-[c:CITES]->(t:Source)
    WHERE s:Source AND c.retracted IS NULL AND ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((t.tlp IS NULL OR t.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE t.sourceIds IS NULL OR size(t.sourceIds) = 0 OR any(sid IN t.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((c.tlp IS NULL OR c.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE c.sourceIds IS NULL OR size(c.sourceIds) = 0 OR any(sid IN c.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
      AND any(rel IN relationships(p) WHERE t.id IN coalesce(rel.sourceIds, []))
    RETURN DISTINCT [s.id, t.id]
  } AS citations
  RETURN collect({nodes: nodes, edges: edges, allegations: allegations, citations: citations}) AS paths
}
CALL (paths, hiddenSourceIds) {
  UNWIND paths AS path
  UNWIND path.nodes + path.edges AS item
  UNWIND coalesce(item.props.sourceIds, []) AS citedId
  WITH DISTINCT citedId, hiddenSourceIds
  OPTIONAL MATCH (cited:Entity {id: citedId}) WHERE ((cited.tlp IS NULL OR cited.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE cited.sourceIds IS NULL OR size(cited.sourceIds) = 0 OR any(sid IN cited.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  RETURN collect({id: citedId, entity: CASE WHEN cited IS NULL THEN null ELSE {props: properties(cited), labels: labels(cited)} END}) AS cited
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths, cited, hiddenSourceIds",
    "operation": "traversal.paths",
    "params": {
      "asOfEnd": null,
      "asOfStart": null,
      "candidatesPlusOne": 51,
      "factsOnly": true,
      "fromId": "mali",
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "maxCredibility": 6,
      "toId": "france",
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

  it('paths longer than the shortest: bounded walks from each end, then the joined paths by id', async () => {
    const place = (id: string) => ({
      props: { id, name: id, createdAt: 'then', sourceIds: [] },
      labels: ['Entity', 'Location'],
    });
    const source = (id: string) => ({
      props: { id, name: id, createdAt: 'then', sourceIds: [], reliability: 'B' },
      labels: ['Entity', 'Source'],
    });
    const evidence = { sourceIds: ['wellbrock-mali-blockade'], credibility: 3, excerpt: 'as reported' };
    const sent = await statementsOf(
      schema,
      '{ paths(fromId: "mali", toId: "france", maxHops: 3, first: 3) { length truncated } }',
      {
        answer: ({ operation, params }) => {
          if (operation === 'traversal.paths')
            return [
              {
                fromFound: true,
                toFound: true,
                paths: [
                  {
                    nodes: [place('mali'), place('france')],
                    edges: [{ type: 'BORDERS', fromId: 'mali', toId: 'france', props: { id: 'r-mf', ...evidence } }],
                    allegations: [],
                    citations: [],
                  },
                ],
                cited: [{ id: 'wellbrock-mali-blockade', entity: source('wellbrock-mali-blockade') }],
                hiddenSourceIds: [],
              },
            ];
          if (operation === 'traversal.pathWalks')
            return [
              {
                capped: false,
                walks: params.fromStart
                  ? [[{ nodes: ['mali', 'niger'], rels: ['r-mn'] }]]
                  : [[{ nodes: ['france', 'niger'], rels: ['r-fn'] }]],
              },
            ];
          return undefined;
        },
      },
    );
    // The shortest paths with their ends' check (NOT_FOUND when one is unknown or hidden) and
    // what they cite, then the longer paths' statements in order (the last with what they cite):
    // grading sends nothing more.
    const operations = sent.map((statement) => statement.operation);
    expect(operations).toEqual([
      'traversal.paths',
      'traversal.pathWalks',
      'traversal.pathWalks',
      'traversal.pathsByIds',
    ]);
    const search = sent.filter((statement) => statement.operation.startsWith('traversal.'));
    expect(search.slice(1, 4)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}) WHERE ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH a, b, [{ns: [CASE WHEN $fromStart THEN a ELSE b END], rs: []}] AS walks0, false AS capped
  CALL (a, b, walks0) {
    UNWIND walks0 AS w
    CALL (a, b, w) {
      WITH a, b, w, last(w.ns) AS x
      MATCH (x)-[r]-(y) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END AND (y = a OR (y.retracted IS NULL AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT y:Event OR coalesce(y.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT y:Event OR NOT coalesce(y.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (y = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT y:Allegation OR coalesce(y.claimCredibility, 6) <= $maxCredibility END) AND NOT y IN w.ns
      WITH w, r, y LIMIT $perNodePlusOne
      RETURN collect({ns: w.ns + y, rs: w.rs + r}) AS extended
    }
    WITH collect(extended) AS extendedByWalk
    CALL (extendedByWalk) {
      UNWIND extendedByWalk AS extended
      UNWIND extended[0..$perNode] AS walk
      RETURN collect(walk) AS flat
    }
    RETURN any(extended IN extendedByWalk WHERE size(extended) > $perNode) OR size(flat) > $walksPerLayer AS walks1Cut,
           flat[0..$walksPerLayer] AS walks1
  }
  WITH *, capped OR walks1Cut AS capped
  CALL (a, b, walks1) {
    UNWIND walks1 AS w
    CALL (a, b, w) {
      WITH a, b, w, last(w.ns) AS x
      MATCH (x)-[r]-(y) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END AND (y = a OR (y.retracted IS NULL AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT y:Event OR coalesce(y.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT y:Event OR NOT coalesce(y.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (y = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT y:Allegation OR coalesce(y.claimCredibility, 6) <= $maxCredibility END) AND NOT y IN w.ns
      WITH w, r, y LIMIT $perNodePlusOne
      RETURN collect({ns: w.ns + y, rs: w.rs + r}) AS extended
    }
    WITH collect(extended) AS extendedByWalk
    CALL (extendedByWalk) {
      UNWIND extendedByWalk AS extended
      UNWIND extended[0..$perNode] AS walk
      RETURN collect(walk) AS flat
    }
    RETURN any(extended IN extendedByWalk WHERE size(extended) > $perNode) OR size(flat) > $walksPerLayer AS walks2Cut,
           flat[0..$walksPerLayer] AS walks2
  }
  WITH *, capped OR walks2Cut AS capped
RETURN [[w IN walks1 | {nodes: [n IN w.ns | elementId(n)], rels: [r IN w.rs | elementId(r)]}], [w IN walks2 | {nodes: [n IN w.ns | elementId(n)], rels: [r IN w.rs | elementId(r)]}]] AS walks, capped",
    "operation": "traversal.pathWalks",
    "params": {
      "asOfEnd": null,
      "asOfStart": null,
      "factsOnly": false,
      "fromId": "mali",
      "fromStart": true,
      "hiddenSourceIds": [],
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "maxCredibility": 6,
      "perNode": 50,
      "perNodePlusOne": 51,
      "toId": "france",
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
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
      "walksPerLayer": 500,
    },
  },
  {
    "cypher": "MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}) WHERE ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH a, b, [{ns: [CASE WHEN $fromStart THEN a ELSE b END], rs: []}] AS walks0, false AS capped
  CALL (a, b, walks0) {
    UNWIND walks0 AS w
    CALL (a, b, w) {
      WITH a, b, w, last(w.ns) AS x
      MATCH (x)-[r]-(y) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END AND (y = a OR (y.retracted IS NULL AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT y:Event OR coalesce(y.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT y:Event OR NOT coalesce(y.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (y = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT y:Allegation OR coalesce(y.claimCredibility, 6) <= $maxCredibility END) AND NOT y IN w.ns
      WITH w, r, y LIMIT $perNodePlusOne
      RETURN collect({ns: w.ns + y, rs: w.rs + r}) AS extended
    }
    WITH collect(extended) AS extendedByWalk
    CALL (extendedByWalk) {
      UNWIND extendedByWalk AS extended
      UNWIND extended[0..$perNode] AS walk
      RETURN collect(walk) AS flat
    }
    RETURN any(extended IN extendedByWalk WHERE size(extended) > $perNode) OR size(flat) > $walksPerLayer AS walks1Cut,
           flat[0..$walksPerLayer] AS walks1
  }
  WITH *, capped OR walks1Cut AS capped
RETURN [[w IN walks1 | {nodes: [n IN w.ns | elementId(n)], rels: [r IN w.rs | elementId(r)]}]] AS walks, capped",
    "operation": "traversal.pathWalks",
    "params": {
      "asOfEnd": null,
      "asOfStart": null,
      "factsOnly": false,
      "fromId": "mali",
      "fromStart": false,
      "hiddenSourceIds": [],
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "maxCredibility": 6,
      "perNode": 50,
      "perNodePlusOne": 51,
      "toId": "france",
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
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
      "walksPerLayer": 500,
    },
  },
  {
    "cypher": "UNWIND $paths AS path
CALL (path) {
  UNWIND range(0, size(path.nodes) - 1) AS i
  MATCH (n) WHERE elementId(n) = path.nodes[i]
  WITH i, n ORDER BY i
  RETURN collect(n) AS ns
}
CALL (path) {
  UNWIND range(0, size(path.rels) - 1) AS i
  MATCH ()-[rel]->() WHERE elementId(rel) = path.rels[i]
  WITH i, rel ORDER BY i
  RETURN collect(rel) AS rs
}
WITH [n IN ns | {props: properties(n), labels: labels(n)}] AS nodes, [rel IN rs | {type: type(rel), props: properties(rel), fromId: startNode(rel).id, toId: endNode(rel).id}] AS edges, [n IN ns WHERE n:Allegation | {id: n.id,
    accusers: [(accuser)-[r:ALLEGES]->(n) WHERE accuser.retracted IS NULL AND r.retracted IS NULL AND ((accuser.tlp IS NULL OR accuser.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE accuser.sourceIds IS NULL OR size(accuser.sourceIds) = 0 OR any(sid IN accuser.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {id: accuser.id, name: accuser.name, labels: labels(accuser), plural: accuser.plural = true OR coalesce(accuser.quantityValue, 0) > 1}],
    accused: [(n)-[r:ACCUSES]->(target) WHERE target.retracted IS NULL AND r.retracted IS NULL AND ((target.tlp IS NULL OR target.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE target.sourceIds IS NULL OR size(target.sourceIds) = 0 OR any(sid IN target.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {id: target.id, name: target.name, labels: labels(target), plural: target.plural = true OR coalesce(target.quantityValue, 0) > 1}],
    concerns: [(n)-[r:CONCERNS]->(subject) WHERE subject.retracted IS NULL AND r.retracted IS NULL AND ((subject.tlp IS NULL OR subject.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE subject.sourceIds IS NULL OR size(subject.sourceIds) = 0 OR any(sid IN subject.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {id: subject.id, name: subject.name, labels: labels(subject), plural: subject.plural = true OR coalesce(subject.quantityValue, 0) > 1}],
    deniers: [(denier)-[r:DENIES]->(n) WHERE denier.retracted IS NULL AND r.retracted IS NULL AND ((denier.tlp IS NULL OR denier.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE denier.sourceIds IS NULL OR size(denier.sourceIds) = 0 OR any(sid IN denier.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) | {id: denier.id, name: denier.name, labels: labels(denier), plural: denier.plural = true OR coalesce(denier.quantityValue, 0) > 1}]}] AS allegations, COLLECT {
    UNWIND reduce(ids = [], rel IN rs | ids + coalesce(rel.sourceIds, [])) AS citing
    MATCH (s:Entity {id: citing})-[c:CITES]->(t:Source)
    WHERE s:Source AND c.retracted IS NULL AND ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((t.tlp IS NULL OR t.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE t.sourceIds IS NULL OR size(t.sourceIds) = 0 OR any(sid IN t.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((c.tlp IS NULL OR c.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE c.sourceIds IS NULL OR size(c.sourceIds) = 0 OR any(sid IN c.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
      AND any(rel IN rs WHERE t.id IN coalesce(rel.sourceIds, []))
    RETURN DISTINCT [s.id, t.id]
  } AS citations
WITH collect({nodes: nodes, edges: edges, allegations: allegations, citations: citations}) AS paths, $hiddenSourceIds AS hiddenSourceIds
CALL (paths, hiddenSourceIds) {
  UNWIND paths AS path
  UNWIND path.nodes + path.edges AS item
  UNWIND coalesce(item.props.sourceIds, []) AS citedId
  WITH DISTINCT citedId, hiddenSourceIds
  OPTIONAL MATCH (cited:Entity {id: citedId}) WHERE ((cited.tlp IS NULL OR cited.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE cited.sourceIds IS NULL OR size(cited.sourceIds) = 0 OR any(sid IN cited.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  RETURN collect({id: citedId, entity: CASE WHEN cited IS NULL THEN null ELSE {props: properties(cited), labels: labels(cited)} END}) AS cited
}
RETURN paths, cited",
    "operation": "traversal.pathsByIds",
    "params": {
      "hiddenSourceIds": [],
      "paths": [
        {
          "nodes": [
            "mali",
            "niger",
            "france",
          ],
          "rels": [
            "r-mn",
            "r-fn",
          ],
        },
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

  it('connect is one statement: its anchors, the paths of every pair and what they cite', async () => {
    const sent = await statementsOf(schema, '{ connect(ids: ["mali", "niger", "france"], maxHops: 2) { truncated } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
  RETURN collect(s.id) AS hiddenSourceIds
}
CALL (hiddenSourceIds) {
  UNWIND range(0, size($ids) - 1) AS i
  OPTIONAL MATCH (anchor:Entity {id: $ids[i]}) WHERE ((anchor.tlp IS NULL OR anchor.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE anchor.sourceIds IS NULL OR size(anchor.sourceIds) = 0 OR any(sid IN anchor.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  RETURN collect({i: i, entity: CASE WHEN anchor IS NULL THEN null ELSE {props: properties(anchor), labels: labels(anchor)} END}) AS anchors
}
CALL (anchors, hiddenSourceIds) {
  WITH anchors, hiddenSourceIds WHERE all(anchor IN anchors WHERE anchor.entity IS NOT NULL)
  UNWIND range(0, size($pairs) - 1) AS pair
  MATCH (a:Entity {id: $pairs[pair][0]}), (b:Entity {id: $pairs[pair][1]})
  CALL (a, b, hiddenSourceIds) {
    CALL (a, b, hiddenSourceIds) {
      MATCH p = (a)-[r1:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(b)
      WHERE all(r IN relationships(p) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
      WITH p LIMIT $pathsPerPairPlusOne
      RETURN collect(p) AS adjacent
    }
    CALL (a, b, hiddenSourceIds, adjacent) {
      WITH a, b, hiddenSourceIds WHERE size(adjacent) = 0
      MATCH p = (a)-[r1:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(via)-[r2:ACCUSES|AFFILIATED_WITH|ALLEGES|BORDERS|CONCERNS|CONNECTS|DENIES|DISRUPTS|FOLLOWS|GOVERNS|MEMBER_OF|NATIONAL_OF|OCCURRED_IN|OPERATES_IN|OPPOSES|PARTICIPATED_IN|PART_OF|SUBORDINATE_TO|SUPPORTS]-(b)
      WHERE all(r IN relationships(p) WHERE type(r) IN $types AND r.retracted IS NULL AND r.credibility <= $maxCredibility AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $maxCredibility >= 6 OR NOT type(r) IN ['ACCUSES', 'CONCERNS'] THEN true ELSE coalesce(startNode(r).claimCredibility, 6) <= $maxCredibility END AND CASE WHEN $asOfStart IS NULL THEN true ELSE coalesce(coalesce(r.validFromDate, startNode(r).startDate, endNode(r).startDate) <= $asOfEnd, false) AND (r.validToDate IS NULL OR r.validToDate >= $asOfStart) END) AND all(n IN nodes(p) WHERE (n = a OR (n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND CASE WHEN $asOfStart IS NULL AND NOT $factsOnly THEN true ELSE ($asOfStart IS NULL OR NOT n:Event OR coalesce(n.startDate <= $asOfEnd, false)) AND (NOT $factsOnly OR NOT n:Event OR NOT coalesce(n.status, 'OCCURRED') IN $hypotheticalStatuses) END)) AND (n = b OR CASE WHEN $maxCredibility >= 6 THEN true ELSE NOT n:Allegation OR coalesce(n.claimCredibility, 6) <= $maxCredibility END))
      WITH p LIMIT $pathsPerPairPlusOne
      RETURN collect(p) AS throughOne
    }
    UNWIND adjacent + throughOne AS p
    RETURN p
  }
  WITH pair, [n IN nodes(p) | {props: properties(n), labels: labels(n)}] AS nodes, [rel IN relationships(p) | {type: type(rel), props: properties(rel), fromId: startNode(rel).id, toId: endNode(rel).id}] AS edges, [n IN nodes(p) WHERE n:Allegation | {id: n.id,
    accusers: [(accuser)-[r:ALLEGES]->(n) WHERE accuser.retracted IS NULL AND r.retracted IS NULL AND ((accuser.tlp IS NULL OR accuser.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE accuser.sourceIds IS NULL OR size(accuser.sourceIds) = 0 OR any(sid IN accuser.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: accuser.id, name: accuser.name, labels: labels(accuser), plural: accuser.plural = true OR coalesce(accuser.quantityValue, 0) > 1}],
    accused: [(n)-[r:ACCUSES]->(target) WHERE target.retracted IS NULL AND r.retracted IS NULL AND ((target.tlp IS NULL OR target.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE target.sourceIds IS NULL OR size(target.sourceIds) = 0 OR any(sid IN target.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: target.id, name: target.name, labels: labels(target), plural: target.plural = true OR coalesce(target.quantityValue, 0) > 1}],
    concerns: [(n)-[r:CONCERNS]->(subject) WHERE subject.retracted IS NULL AND r.retracted IS NULL AND ((subject.tlp IS NULL OR subject.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE subject.sourceIds IS NULL OR size(subject.sourceIds) = 0 OR any(sid IN subject.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: subject.id, name: subject.name, labels: labels(subject), plural: subject.plural = true OR coalesce(subject.quantityValue, 0) > 1}],
    deniers: [(denier)-[r:DENIES]->(n) WHERE denier.retracted IS NULL AND r.retracted IS NULL AND ((denier.tlp IS NULL OR denier.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE denier.sourceIds IS NULL OR size(denier.sourceIds) = 0 OR any(sid IN denier.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN hiddenSourceIds) END) | {id: denier.id, name: denier.name, labels: labels(denier), plural: denier.plural = true OR coalesce(denier.quantityValue, 0) > 1}]}] AS allegations, COLLECT {
    UNWIND reduce(ids = [], rel IN relationships(p) | ids + coalesce(rel.sourceIds, [])) AS citing
    MATCH (s:Entity {id: citing})-[c:CITES]->(t:Source)
    WHERE s:Source AND c.retracted IS NULL AND ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((t.tlp IS NULL OR t.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE t.sourceIds IS NULL OR size(t.sourceIds) = 0 OR any(sid IN t.sourceIds WHERE NOT sid IN hiddenSourceIds) END) AND ((c.tlp IS NULL OR c.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE c.sourceIds IS NULL OR size(c.sourceIds) = 0 OR any(sid IN c.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
      AND any(rel IN relationships(p) WHERE t.id IN coalesce(rel.sourceIds, []))
    RETURN DISTINCT [s.id, t.id]
  } AS citations
  RETURN collect({pair: pair, nodes: nodes, edges: edges, allegations: allegations, citations: citations}) AS paths
}
CALL (paths, hiddenSourceIds) {
  UNWIND paths AS path
  UNWIND path.nodes + path.edges AS item
  UNWIND coalesce(item.props.sourceIds, []) AS citedId
  WITH DISTINCT citedId, hiddenSourceIds
  OPTIONAL MATCH (cited:Entity {id: citedId}) WHERE ((cited.tlp IS NULL OR cited.tlp IN $visibleTlp) AND CASE WHEN size(hiddenSourceIds) = 0 THEN true ELSE cited.sourceIds IS NULL OR size(cited.sourceIds) = 0 OR any(sid IN cited.sourceIds WHERE NOT sid IN hiddenSourceIds) END)
  RETURN collect({id: citedId, entity: CASE WHEN cited IS NULL THEN null ELSE {props: properties(cited), labels: labels(cited)} END}) AS cited
}
RETURN anchors, paths, cited, hiddenSourceIds",
    "operation": "traversal.connect",
    "params": {
      "asOfEnd": null,
      "asOfStart": null,
      "factsOnly": false,
      "hypotheticalStatuses": [
        "THREATENED",
        "PLANNED",
        "CONSIDERED",
      ],
      "ids": [
        "mali",
        "niger",
        "france",
      ],
      "maxCredibility": 6,
      "pairs": [
        [
          "mali",
          "niger",
        ],
        [
          "mali",
          "france",
        ],
        [
          "niger",
          "france",
        ],
      ],
      "pathsPerPairPlusOne": 6,
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
