import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the source fields (source writes: curation.cypher.test.ts).
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('sources: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('sources(filter:) with kinds, reliability at least B and text', async () => {
    const sent = await statementsOf(
      schema,
      '{ sources(filter: { kinds: [ARTICLE], minReliability: B, text: "wellbrock" }, first: 2) { totalCount } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL () { MATCH (n:Source) WHERE (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.reliability IN $reliabilities AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact
CALL () {
  MATCH (n:Source) WHERE n.id > $after AND (toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text))) AND n.kind IN $kinds AND n.reliability IN $reliabilities AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND n.retracted IS NULL
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({values: [key IN $nodeProperties | n[key]], labels: labels(n)}) AS items
}
RETURN total, exact, items",
    "operation": "entities.list.Source",
    "params": {
      "after": "",
      "countCap": 10000,
      "hiddenSourceIds": [],
      "kinds": [
        "ARTICLE",
      ],
      "limit": 3,
      "nodeProperties": [
        "id",
        "name",
      ],
      "reliabilities": [
        "A",
        "B",
      ],
      "text": "wellbrock",
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

  it('source(id:) { supports }: the read by id, then one support statement (full-text on relationship sourceIds)', async () => {
    const sent = await statementsOf(
      schema,
      '{ source(id: "wellbrock-mali-blockade") { id supports(first: 5) { entityCount relationshipCount } } }',
      { kinds: { 'wellbrock-mali-blockade': 'Source' } },
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
        "wellbrock-mali-blockade",
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
    "cypher": "UNWIND $sources AS asked
MATCH (s:Source {id: asked.id}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
CALL (s) { MATCH (s)<-[:REPORTED_BY]-(n:Entity) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) RETURN count(n) AS entityCount }
CALL (s) {
  MATCH (s)<-[:REPORTED_BY]-(n:Entity) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS entities
}
CALL (asked) {
  CALL db.index.fulltext.queryRelationships('relationship_sources', asked.lucene) YIELD relationship
  WITH relationship WHERE NOT type(relationship) IN $evidenceTypes AND ((relationship.tlp IS NULL OR relationship.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE relationship.sourceIds IS NULL OR size(relationship.sourceIds) = 0 OR any(sid IN relationship.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
    AND ((startNode(relationship).tlp IS NULL OR startNode(relationship).tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE startNode(relationship).sourceIds IS NULL OR size(startNode(relationship).sourceIds) = 0 OR any(sid IN startNode(relationship).sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((endNode(relationship).tlp IS NULL OR endNode(relationship).tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE endNode(relationship).sourceIds IS NULL OR size(endNode(relationship).sourceIds) = 0 OR any(sid IN endNode(relationship).sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  RETURN count(relationship) AS relationshipCount
}
CALL (asked) {
  CALL db.index.fulltext.queryRelationships('relationship_sources', asked.lucene) YIELD relationship AS r
  WITH r WHERE NOT type(r) IN $evidenceTypes AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((startNode(r).tlp IS NULL OR startNode(r).tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE startNode(r).sourceIds IS NULL OR size(startNode(r).sourceIds) = 0 OR any(sid IN startNode(r).sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((endNode(r).tlp IS NULL OR endNode(r).tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE endNode(r).sourceIds IS NULL OR size(endNode(r).sourceIds) = 0 OR any(sid IN endNode(r).sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH r ORDER BY r.id LIMIT $limit
  WITH r, startNode(r) AS a, endNode(r) AS b
  RETURN collect({id: r.id, type: type(r), credibility: r.credibility, excerpt: r.excerpt,
                  from: {props: properties(a), labels: labels(a)}, to: {props: properties(b), labels: labels(b)}}) AS relationships
}
RETURN s.id AS id, entityCount, entities, relationshipCount, relationships",
    "operation": "sources.support",
    "params": {
      "evidenceTypes": [
        "REPORTED_BY",
        "CITES",
      ],
      "hiddenSourceIds": [],
      "limit": 5,
      "sources": [
        {
          "id": "wellbrock-mali-blockade",
          "lucene": ""wellbrock-mali-blockade"",
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
});
