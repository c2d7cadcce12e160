import type { GraphQLSchema } from 'graphql';
import { COMBINE_PROPERTIES, moveRelationshipsStatement, RETIRE_DUPLICATES } from '../../src/curation/merge.repository';
import { buildGraphSchema } from '../../src/graphql/schema';
import { RelationshipType } from '../../src/model/vocabulary';
import { statementsOf } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of mergeEntities (entity resolution), with its parameters, without a database: ONE
 * write transaction that locks the target and the duplicates (sorted), reads their states,
 * combines properties, moves every relationship type (one statement each, the type from the
 * closed vocabulary), retires the duplicates with their history, then reloads the target.
 */
describe('merge: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('the statements of a merge', () => {
    expect(COMBINE_PROPERTIES).toMatchInlineSnapshot(`
"
MATCH (t:Entity {id: $targetId})
UNWIND $duplicateIds AS dupId
MATCH (d:Entity {id: dupId})
WITH t, collect(d) AS dups
SET t.aliases = reduce(acc = [], item IN coalesce(t.aliases, []) + [d IN dups | d.name] + reduce(all = [], d IN dups | all + coalesce(d.aliases, [])) | CASE WHEN item IN acc OR item = t.name THEN acc ELSE acc + item END),
    t.sourceIds = reduce(acc = [], item IN coalesce(t.sourceIds, []) + reduce(all = [], d IN dups | all + coalesce(d.sourceIds, [])) | CASE WHEN item IN acc OR item = NULL THEN acc ELSE acc + item END),
    t.contentHash = NULL,
    t.updatedAt = datetime()
RETURN t.aliases AS aliases"
`);
    expect(moveRelationshipsStatement(RelationshipType.MEMBER_OF)).toMatchInlineSnapshot(`
"
MATCH (t:Entity {id: $targetId})
UNWIND $duplicateIds AS dupId
MATCH (d:Entity {id: dupId})
CALL (t, d) {
  MATCH (d)-[r:MEMBER_OF]->(x:Entity) WHERE x <> t
  WITH t, r, t AS a, x AS b
  WITH t, r, a, b, 'MEMBER_OF:' + a.id + '->' + b.id + coalesce('#' + r.role, '') AS newId
  MERGE (a)-[n:MEMBER_OF {id: newId}]->(b)
  ON CREATE SET n += properties(r), n.id = newId
  ON MATCH SET n.sourceIds = reduce(acc = [], item IN n.sourceIds + r.sourceIds | CASE WHEN item IN acc OR item = NULL THEN acc ELSE acc + item END)
  DELETE r
  RETURN count(*) AS moved
}
WITH t, d, moved AS outgoing
CALL (t, d) {
  MATCH (x:Entity)-[r:MEMBER_OF]->(d) WHERE x <> t
  WITH t, r, x AS a, t AS b
  WITH t, r, a, b, 'MEMBER_OF:' + a.id + '->' + b.id + coalesce('#' + r.role, '') AS newId
  MERGE (a)-[n:MEMBER_OF {id: newId}]->(b)
  ON CREATE SET n += properties(r), n.id = newId
  ON MATCH SET n.sourceIds = reduce(acc = [], item IN n.sourceIds + r.sourceIds | CASE WHEN item IN acc OR item = NULL THEN acc ELSE acc + item END)
  DELETE r
  RETURN count(*) AS moved
}
WITH t, d, outgoing + moved AS moved
CALL (t, d) {
  MATCH (d)-[r:MEMBER_OF]-(t) DELETE r RETURN count(*) AS dropped
}
RETURN sum(moved) AS moved"
`);
    expect(RETIRE_DUPLICATES).toMatchInlineSnapshot(`
"
MATCH (t:Entity {id: $targetId})
UNWIND $duplicateIds AS dupId
MATCH (d:Entity {id: dupId})
SET d.retracted = true, d.retractedReason = 'merged into ' + t.id, d.retractedAt = toString(datetime()),
    d.retractedBy = $who, d.mergedInto = t.id
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'mergeEntities', targetId: d.id,
                 targetType: $label, change: 'MERGED_INTO', changedFields: ['mergedInto'], record: t.id})
WITH t, collect(d.id) AS merged
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'mergeEntities', targetId: t.id,
                 targetType: $label, change: 'MERGED', changedFields: ['aliases', 'sourceIds'], record: $record})
RETURN merged"
`);
  });

  it('moving relationships: one statement per type, differing only in the type', () => {
    for (const type of Object.values(RelationshipType)) {
      expect(moveRelationshipsStatement(type)).toBe(
        moveRelationshipsStatement(RelationshipType.MEMBER_OF).replaceAll('MEMBER_OF', type),
      );
    }
  });

  it('mergeEntities: lock, read states, combine, move each type, retire, reload', async () => {
    const sent = await statementsOf(
      schema,
      'mutation { mergeEntities(targetId: "jnim", duplicateIds: ["jnim-dup", "gsim"]) { merged relationshipsMoved entity { id } } }',
      {
        kinds: { jnim: 'Actor', 'jnim-dup': 'Actor', gsim: 'Actor' },
      },
    );
    const moves = sent.filter((statement) => statement.cypher.includes('AS moved'));
    // Every relationship type is moved, in the vocabulary's order, each with the same parameters.
    expect(named(moves).map((move) => move.statement)).toEqual(
      Object.values(RelationshipType).map((type) => `moveRelationshipsStatement(${type})`),
    );
    expect(new Set(moves.map((move) => JSON.stringify(move.params))).size).toBe(1);
    // The first move stands for all of them.
    expect(named(sent.filter((statement) => !moves.slice(1).includes(statement)))).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.mergeEntities",
    "params": {
      "ids": [
        "gsim",
        "jnim",
        "jnim-dup",
      ],
    },
    "statement": "LOCK_EXISTING_ENTITIES",
  },
  {
    "operation": "curation.mergeEntities",
    "params": {
      "ids": [
        "gsim",
        "jnim",
        "jnim-dup",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "ENTITY_STATES",
  },
  {
    "operation": "curation.mergeEntities",
    "params": {
      "duplicateIds": [
        "jnim-dup",
        "gsim",
      ],
      "label": "Actor",
      "record": "{"merged":["jnim-dup","gsim"],"into":"jnim"}",
      "targetId": "jnim",
      "who": "cypher-snapshot",
    },
    "statement": "COMBINE_PROPERTIES",
  },
  {
    "operation": "curation.mergeEntities",
    "params": {
      "duplicateIds": [
        "jnim-dup",
        "gsim",
      ],
      "label": "Actor",
      "record": "{"merged":["jnim-dup","gsim"],"into":"jnim"}",
      "targetId": "jnim",
      "who": "cypher-snapshot",
    },
    "statement": "moveRelationshipsStatement(MEMBER_OF)",
  },
  {
    "operation": "curation.mergeEntities",
    "params": {
      "duplicateIds": [
        "jnim-dup",
        "gsim",
      ],
      "label": "Actor",
      "record": "{"merged":["jnim-dup","gsim"],"into":"jnim"}",
      "targetId": "jnim",
      "who": "cypher-snapshot",
    },
    "statement": "RETIRE_DUPLICATES",
  },
  {
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
    "statement": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT EXISTS { MATCH (cited:Entity {id: sid}) WHERE cited:Source AND cited.tlp IS NOT NULL AND NOT cited.tlp IN $visibleTlp })))
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels",
  },
]
`);
  });
});
