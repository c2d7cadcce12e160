import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the timeline.
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('timeline: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('timeline with every filter', async () => {
    const sent = await statementsOf(
      schema,
      '{ timeline(actorId: "jnim", locationId: "mali-country", from: "2020", to: "2025-06", types: [BLOCKADE]) { totalCount } }',
      { kinds: { jnim: 'Actor', 'mali-country': 'Location' } },
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
  {
    "cypher": "CALL () {
  MATCH (n:Event) WHERE EXISTS { MATCH (x:Actor {id: $actorId})-[r:PARTICIPATED_IN]->(n) WHERE ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND EXISTS { MATCH (n)-[o:OCCURRED_IN|DISRUPTS]->(l:Location) ((:Location)-[p:PART_OF]->(up:Location) WHERE ((p.tlp IS NULL OR p.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE p.sourceIds IS NULL OR size(p.sourceIds) = 0 OR any(sid IN p.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((up.tlp IS NULL OR up.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE up.sourceIds IS NULL OR size(up.sourceIds) = 0 OR any(sid IN up.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){0,4} (:Location {id: $locationId}) WHERE ((o.tlp IS NULL OR o.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE o.sourceIds IS NULL OR size(o.sourceIds) = 0 OR any(sid IN o.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((l.tlp IS NULL OR l.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE l.sourceIds IS NULL OR size(l.sourceIds) = 0 OR any(sid IN l.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND n.type IN $types AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.startDate IS NOT NULL AND (n.endDate IS NULL OR n.endDate >= date($from)) AND n.startDate <= date($to)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Event) WHERE EXISTS { MATCH (x:Actor {id: $actorId})-[r:PARTICIPATED_IN]->(n) WHERE ((x.tlp IS NULL OR x.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE x.sourceIds IS NULL OR size(x.sourceIds) = 0 OR any(sid IN x.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND EXISTS { MATCH (n)-[o:OCCURRED_IN|DISRUPTS]->(l:Location) ((:Location)-[p:PART_OF]->(up:Location) WHERE ((p.tlp IS NULL OR p.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE p.sourceIds IS NULL OR size(p.sourceIds) = 0 OR any(sid IN p.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((up.tlp IS NULL OR up.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE up.sourceIds IS NULL OR size(up.sourceIds) = 0 OR any(sid IN up.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){0,4} (:Location {id: $locationId}) WHERE ((o.tlp IS NULL OR o.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE o.sourceIds IS NULL OR size(o.sourceIds) = 0 OR any(sid IN o.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((l.tlp IS NULL OR l.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE l.sourceIds IS NULL OR size(l.sourceIds) = 0 OR any(sid IN l.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) } AND n.type IN $types AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.startDate IS NOT NULL AND (n.endDate IS NULL OR n.endDate >= date($from)) AND n.startDate <= date($to)
  WITH n,
    COLLECT { MATCH (n) ((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ((f.tlp IS NULL OR f.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE f.sourceIds IS NULL OR size(f.sourceIds) = 0 OR any(sid IN f.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,10} (m:Event) WHERE m.startDate IS NOT NULL RETURN m.startDate } AS earlier,
    COLLECT { MATCH (m:Event) ((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ((f.tlp IS NULL OR f.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE f.sourceIds IS NULL OR size(f.sourceIds) = 0 OR any(sid IN f.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,10} (n) WHERE m.startDate IS NOT NULL RETURN m.startDate } AS later,
    coalesce(COLLECT { MATCH p = (n) ((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ((f.tlp IS NULL OR f.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE f.sourceIds IS NULL OR size(f.sourceIds) = 0 OR any(sid IN f.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,10} (:Event) RETURN length(p) ORDER BY length(p) DESC LIMIT 1 }[0], 0) AS depth
  WITH n, depth, CASE
      WHEN n.startDate IS NOT NULL THEN reduce(latest = n.startDate, d IN earlier | CASE WHEN d > latest THEN d ELSE latest END)
      WHEN size(earlier) > 0 THEN reduce(latest = earlier[0], d IN earlier | CASE WHEN d > latest THEN d ELSE latest END)
      WHEN size(later) > 0 THEN reduce(first = later[0], d IN later | CASE WHEN d < first THEN d ELSE first END)
      ELSE date('9999-12-31') END AS sortDate
  WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND (depth > $afterDepth OR (depth = $afterDepth AND n.id > $afterId)))
  WITH n, sortDate, depth ORDER BY sortDate, depth, n.id LIMIT $limit
  RETURN collect({
    sortKey: toString(sortDate) + '|' + toString(depth) + '|' + n.id,
    event: {props: properties(n), labels: labels(n)},
    participants: [(a:Actor)-[r:PARTICIPATED_IN]->(n) WHERE a.retracted IS NULL AND r.retracted IS NULL AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) |
                   {actor: {props: properties(a), labels: labels(a)}, role: r.role}],
    places: [(n)-[r:OCCURRED_IN|DISRUPTS]->(l:Location) WHERE l.retracted IS NULL AND r.retracted IS NULL AND ((l.tlp IS NULL OR l.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE l.sourceIds IS NULL OR size(l.sourceIds) = 0 OR any(sid IN l.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) |
             {props: properties(l), labels: labels(l)}]
  }) AS items
}
RETURN total, items",
    "operation": "traversal.timeline",
    "params": {
      "actorId": "jnim",
      "afterDate": null,
      "afterDepth": 0,
      "afterId": null,
      "from": "2020-01-01",
      "hiddenSourceIds": [],
      "limit": 21,
      "locationId": "mali-country",
      "to": "2025-06-30",
      "types": [
        "BLOCKADE",
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

  it('timeline after a cursor', async () => {
    const sent = await statementsOf(
      schema,
      '{ timeline(first: 5, after: "azoyMDI1LTA5LTAxfDF8am5pbS1ibG9ja2FkZQ") { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () {
  MATCH (n:Event) WHERE n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Event) WHERE n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH n,
    COLLECT { MATCH (n) ((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ((f.tlp IS NULL OR f.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE f.sourceIds IS NULL OR size(f.sourceIds) = 0 OR any(sid IN f.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,10} (m:Event) WHERE m.startDate IS NOT NULL RETURN m.startDate } AS earlier,
    COLLECT { MATCH (m:Event) ((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ((f.tlp IS NULL OR f.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE f.sourceIds IS NULL OR size(f.sourceIds) = 0 OR any(sid IN f.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,10} (n) WHERE m.startDate IS NOT NULL RETURN m.startDate } AS later,
    coalesce(COLLECT { MATCH p = (n) ((a)-[f:FOLLOWS]->(b) WHERE f.retracted IS NULL AND b.retracted IS NULL AND ((f.tlp IS NULL OR f.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE f.sourceIds IS NULL OR size(f.sourceIds) = 0 OR any(sid IN f.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,10} (:Event) RETURN length(p) ORDER BY length(p) DESC LIMIT 1 }[0], 0) AS depth
  WITH n, depth, CASE
      WHEN n.startDate IS NOT NULL THEN reduce(latest = n.startDate, d IN earlier | CASE WHEN d > latest THEN d ELSE latest END)
      WHEN size(earlier) > 0 THEN reduce(latest = earlier[0], d IN earlier | CASE WHEN d > latest THEN d ELSE latest END)
      WHEN size(later) > 0 THEN reduce(first = later[0], d IN later | CASE WHEN d < first THEN d ELSE first END)
      ELSE date('9999-12-31') END AS sortDate
  WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND (depth > $afterDepth OR (depth = $afterDepth AND n.id > $afterId)))
  WITH n, sortDate, depth ORDER BY sortDate, depth, n.id LIMIT $limit
  RETURN collect({
    sortKey: toString(sortDate) + '|' + toString(depth) + '|' + n.id,
    event: {props: properties(n), labels: labels(n)},
    participants: [(a:Actor)-[r:PARTICIPATED_IN]->(n) WHERE a.retracted IS NULL AND r.retracted IS NULL AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) |
                   {actor: {props: properties(a), labels: labels(a)}, role: r.role}],
    places: [(n)-[r:OCCURRED_IN|DISRUPTS]->(l:Location) WHERE l.retracted IS NULL AND r.retracted IS NULL AND ((l.tlp IS NULL OR l.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE l.sourceIds IS NULL OR size(l.sourceIds) = 0 OR any(sid IN l.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) |
             {props: properties(l), labels: labels(l)}]
  }) AS items
}
RETURN total, items",
    "operation": "traversal.timeline",
    "params": {
      "afterDate": "date(2025-09-01)",
      "afterDepth": 1,
      "afterId": "jnim-blockade",
      "hiddenSourceIds": [],
      "limit": 6,
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
