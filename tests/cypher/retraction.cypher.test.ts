import type { GraphQLSchema } from 'graphql';
import { RETRACT_ENTITY, RETRACT_RELATIONSHIP } from '../../src/curation/retraction.repository';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of retract, with its parameters, without a database: ONE write transaction that
 * locks the entity (or the relationship's endpoints and the relationship), reads it under the
 * lock, then marks it retracted with its (:Change) record.
 */
describe('retraction: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('the statements that mark an entity or a relationship retracted', () => {
    expect(RETRACT_ENTITY).toMatchInlineSnapshot(`
"
MATCH (n:Entity {id: $id})
SET n.retracted = true, n.retractedReason = $reason, n.retractedAt = toString(datetime()), n.retractedBy = $who
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'retract', targetId: n.id,
                   targetType: [label IN labels(n) WHERE label IN $kindLabels][0], change: 'RETRACTED', changedFields: ['retracted', 'retractedReason'], record: $reason})
RETURN n.retractedAt AS at"
`);
    expect(RETRACT_RELATIONSHIP).toMatchInlineSnapshot(`
"
MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE r.id = $id
SET r.retracted = true, r.retractedReason = $reason, r.retractedAt = toString(datetime()), r.retractedBy = $who
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: 'retract', targetId: r.id,
                   targetType: type(r), change: 'RETRACTED', changedFields: ['retracted', 'retractedReason'], record: $reason})
RETURN r.retractedAt AS at"
`);
  });

  it('retract an entity: lock, read its state, mark', async () => {
    const sent = await statementsOf(
      schema,
      'mutation { retract(id: "jnim-dup", reason: "duplicate of jnim") { at by } }',
      { kinds: { 'jnim-dup': 'Actor' } },
    );
    expect(named(sent)).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.retract",
    "params": {
      "ids": [
        "jnim-dup",
      ],
    },
    "statement": "LOCK_EXISTING_ENTITIES",
  },
  {
    "operation": "curation.retract",
    "params": {
      "ids": [
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
    "operation": "curation.retract",
    "params": {
      "id": "jnim-dup",
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
      "reason": "duplicate of jnim",
      "who": "cypher-snapshot",
    },
    "statement": "RETRACT_ENTITY",
  },
]
`);
  });

  it('retract a relationship: lock its endpoints and itself, read it, mark', async () => {
    const sent = await statementsOf(
      schema,
      'mutation { retract(id: "OPPOSES:jnim->mali", reason: "misread the source") { at by } }',
    );
    expect(named(sent)).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.retract",
    "params": {
      "endpointIds": [
        "jnim",
        "mali",
      ],
      "from": "jnim",
      "id": "OPPOSES:jnim->mali",
      "to": "mali",
    },
    "statement": "LOCK_RELATIONSHIP",
  },
  {
    "operation": "curation.retract",
    "params": {
      "from": "jnim",
      "id": "OPPOSES:jnim->mali",
      "to": "mali",
    },
    "statement": "EDGE_BETWEEN",
  },
  {
    "operation": "curation.retract",
    "params": {
      "from": "jnim",
      "id": "OPPOSES:jnim->mali",
      "reason": "misread the source",
      "to": "mali",
      "who": "cypher-snapshot",
    },
    "statement": "RETRACT_RELATIONSHIP",
  },
]
`);
  });
});
