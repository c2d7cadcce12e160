import type { GraphQLSchema } from 'graphql';
import {
  KNOWN_ENTITIES_STATEMENT,
  LOCK_ENTITIES_STATEMENT,
  upsertNodesStatement,
  upsertRelationshipsStatement,
} from '../../src/bundle/load';
import {
  CITED_SOURCES,
  ENTITY_STATES,
  HIDDEN_ENTITIES,
  LOCK_EXISTING_ENTITIES,
  LOCK_RELATIONSHIP,
  RELATIONSHIPS_AS_SEEN,
} from '../../src/curation/curation.repository';
import { buildGraphSchema } from '../../src/graphql/schema';
import { EntityKind, LABEL_OF_ACTOR_KIND, LABEL_OF_LOCATION_KIND, RelationshipType } from '../../src/model/vocabulary';
import { EDGE_BETWEEN } from '../../src/relationships/relationship.repository';
import { statementsOf } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of the curation mutations (upserts, records, relationships, importBundle), with
 * their parameters, without a database: each is ONE write transaction that locks what it is
 * about (ids in sorted order), reads kinds under the locks, then writes one statement per kind
 * or relationship type; the mutation then reloads what it wrote. The shared statements are pinned
 * in full first; the use cases name them (tests/support/statement-names.ts). Merge and retraction
 * are in their own files; behaviour under real concurrency is in tests/e2e/concurrent-writes.test.ts.
 */

/** What the pretend graph holds: the ids these mutations refer to. */
const KINDS = {
  jnim: 'Actor',
  mali: 'Actor',
  russia: 'Actor',
  ukraine: 'Actor',
  'mali-country': 'Location',
  'wellbrock-mali-blockade': 'Source',
  'russia-accuses-ukraine': 'Allegation',
};
const SOURCE = 'wellbrock-mali-blockade';

describe('curation: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });
  const mutate = async (source: string, variables?: Record<string, unknown>) =>
    named(await statementsOf(schema, source, { kinds: KINDS, variables }));

  it('every bundle write locks its ids first (MERGE, so ids not yet written are locked too), then reads their kinds', () => {
    expect(LOCK_ENTITIES_STATEMENT).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MERGE (n:Entity {id: id})
ON CREATE SET n.placeholder = true
SET n.writeLock = true
REMOVE n.writeLock"
`);
    expect(KNOWN_ENTITIES_STATEMENT).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, [label IN labels(n) WHERE label IN $kindLabels][0] AS label
WHERE label IS NOT NULL
RETURN n.id AS id, label"
`);
  });

  it('locks of existing entities and of a relationship, and the relationship read under its lock', () => {
    expect(LOCK_EXISTING_ENTITIES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.writeLock = true
REMOVE n.writeLock"
`);
    expect(ENTITY_STATES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label, n.retracted IS NOT NULL AS retracted"
`);
    expect(LOCK_RELATIONSHIP).toMatchInlineSnapshot(`
"UNWIND $endpointIds AS endpointId
MATCH (n:Entity {id: endpointId})
SET n.writeLock = true
REMOVE n.writeLock
WITH count(n) AS locked
MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE r.id = $id
SET r.writeLock = true
REMOVE r.writeLock"
`);
    expect(EDGE_BETWEEN).toMatchInlineSnapshot(`
"
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE r.id = $id
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId"
`);
  });

  it('below RED, a write reads which of its ids the writer cannot see (VISIBLE), under their locks', () => {
    expect(HIDDEN_ENTITIES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE NOT ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN n.id AS id"
`);
  });

  it('below RED, a write reads the sources its existing records cite and which of its relationships the writer cannot see', () => {
    expect(CITED_SOURCES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, coalesce(n.sourceIds, []) AS sourceIds"
`);
    expect(RELATIONSHIPS_AS_SEEN).toMatchInlineSnapshot(`
"UNWIND $relationships AS rel
MATCH (:Entity {id: rel.from})-[r]->(:Entity {id: rel.to})
WHERE r.id = rel.id
RETURN r.id AS id, ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AS visible, coalesce(r.sourceIds, []) AS sourceIds"
`);
  });

  it('node upserts: one statement per kind; a node write counts a bare lock node as created and drops its placeholder mark', () => {
    expect(upsertNodesStatement(EntityKind.ACTOR, 'ArmedGroup')).toMatchInlineSnapshot(`
"UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Actor:ArmedGroup, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n:State, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
SET n.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Actor', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
    expect(upsertNodesStatement(EntityKind.LOCATION, 'Country')).toMatchInlineSnapshot(`
"UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Location:Country, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n:Region, n:City, n:Corridor, n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
SET n.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Location', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
    expect(upsertNodesStatement(EntityKind.SOURCE)).toMatchInlineSnapshot(`
"UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Source, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
SET n.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Source', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
    expect(upsertNodesStatement(EntityKind.EVENT)).toMatchInlineSnapshot(`
"UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Event, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
SET n.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Event', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
    expect(upsertNodesStatement(EntityKind.ALLEGATION)).toMatchInlineSnapshot(`
"UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Allegation, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
SET n.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Allegation', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
  });

  it('node upserts per sub-kind differ only in the labels set and removed', () => {
    const labelLines = (kind: EntityKind, label: string) =>
      upsertNodesStatement(kind, label)
        .split('\n')
        .filter((line) => /^(SET n \+=|REMOVE)/.test(line));
    const template = (kind: EntityKind, label: string) =>
      upsertNodesStatement(kind, label)
        .split('\n')
        .filter((line) => !/^(SET n \+=|REMOVE)/.test(line));
    expect(Object.values(LABEL_OF_ACTOR_KIND).map((label) => labelLines(EntityKind.ACTOR, label)))
      .toMatchInlineSnapshot(`
[
  [
    "SET n += row.props, n:Actor:State, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:ArmedGroup, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:Alliance, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:ArmedGroup, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:Organization, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:ArmedGroup, n:Alliance, n:Agency, n:Force, n:Person, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:Agency, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:ArmedGroup, n:Alliance, n:Organization, n:Force, n:Person, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:Force, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Person, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:Person, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Force, n:Group, n.placeholder",
  ],
  [
    "SET n += row.props, n:Actor:Group, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:State, n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n.placeholder",
  ],
]
`);
    expect(Object.values(LABEL_OF_LOCATION_KIND).map((label) => labelLines(EntityKind.LOCATION, label)))
      .toMatchInlineSnapshot(`
[
  [
    "SET n += row.props, n:Location:Country, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:Region, n:City, n:Corridor, n.placeholder",
  ],
  [
    "SET n += row.props, n:Location:Region, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:Country, n:City, n:Corridor, n.placeholder",
  ],
  [
    "SET n += row.props, n:Location:City, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:Country, n:Region, n:Corridor, n.placeholder",
  ],
  [
    "SET n += row.props, n:Location:Corridor, n.createdAt = coalesce(n.createdAt, datetime())",
    "REMOVE n:Country, n:Region, n:City, n.placeholder",
  ],
]
`);
    for (const label of Object.values(LABEL_OF_ACTOR_KIND))
      expect(template(EntityKind.ACTOR, label)).toEqual(template(EntityKind.ACTOR, 'ArmedGroup'));
    for (const label of Object.values(LABEL_OF_LOCATION_KIND))
      expect(template(EntityKind.LOCATION, label)).toEqual(template(EntityKind.LOCATION, 'Country'));
  });

  it('relationship upserts: one statement per type, differing only in the type', () => {
    expect(upsertRelationshipsStatement(RelationshipType.OPPOSES)).toMatchInlineSnapshot(`
"UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:OPPOSES {id: row.id}]->(b)
WITH a, b, row, CASE WHEN old IS NULL THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (old IS NULL OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (a)-[r:OPPOSES {id: row.id}]->(b)
ON CREATE SET r.createdAt = datetime()
SET r += row.props
SET r.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(r.updatedAt, r.createdAt) ELSE datetime() END
SET r.heldBy = CASE WHEN outcome = 'unchanged' THEN CASE WHEN 'curated' IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) + 'curated' ELSE ['earlier'] + [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + 'curated' END ELSE ['curated'] END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'OPPOSES', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
    for (const type of Object.values(RelationshipType)) {
      expect(upsertRelationshipsStatement(type)).toBe(
        upsertRelationshipsStatement(RelationshipType.OPPOSES).replaceAll('OPPOSES', type),
      );
    }
  });

  it('upsertActor: lock ids, read kinds, write the actor and its REPORTED_BY evidence, reload', async () => {
    const sent = await mutate('mutation($actor: ActorInput!) { upsertActor(actor: $actor) { id } }', {
      actor: {
        id: 'jnim',
        name: 'JNIM',
        aliases: ["Jama'at Nusrat al-Islam wal-Muslimin"],
        kind: 'ARMED_GROUP',
        country: 'ML',
        sourceIds: [SOURCE],
        credibility: 2,
        excerpt: 'JNIM blockades Kayes',
      },
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.upsertActor",
    "params": {
      "ids": [
        "jnim",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.upsertActor",
    "params": {
      "ids": [
        "jnim",
        "wellbrock-mali-blockade",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.upsertActor",
    "params": {
      "operation": "upsertActor",
      "rows": [
        {
          "id": "jnim",
          "props": {
            "aliases": [
              "Jama'at Nusrat al-Islam wal-Muslimin",
            ],
            "contentHash": "8f86397e45b2500ce180e0bd",
            "country": "ML",
            "credibility": 2,
            "description": null,
            "excerpt": "JNIM blockades Kayes",
            "kind": "ARMED_GROUP",
            "name": "JNIM",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
          },
          "record": "{"kind":"ARMED_GROUP","country":"ML","id":"jnim","name":"JNIM","aliases":["Jama'at Nusrat al-Islam wal-Muslimin"],"sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"JNIM blockades Kayes"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(ACTOR, ArmedGroup)",
  },
  {
    "operation": "curation.upsertActor",
    "params": {
      "operation": "upsertActor",
      "rows": [
        {
          "from": "jnim",
          "id": "REPORTED_BY:jnim->wellbrock-mali-blockade",
          "props": {
            "contentHash": "775d9f4a5a9355746276a848",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "JNIM blockades Kayes",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"jnim","to":"wellbrock-mali-blockade","sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"JNIM blockades Kayes"}",
          "to": "wellbrock-mali-blockade",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
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

  it('upsertLocation', async () => {
    const sent = await mutate('mutation($location: LocationInput!) { upsertLocation(location: $location) { id } }', {
      location: {
        id: 'kayes',
        name: 'Kayes',
        kind: 'CITY',
        isoCode: 'ML',
        latitude: 14.45,
        longitude: -11.44,
        sourceIds: [SOURCE],
        credibility: 3,
        excerpt: 'Kayes, western Mali',
      },
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.upsertLocation",
    "params": {
      "ids": [
        "kayes",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.upsertLocation",
    "params": {
      "ids": [
        "kayes",
        "wellbrock-mali-blockade",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.upsertLocation",
    "params": {
      "operation": "upsertLocation",
      "rows": [
        {
          "id": "kayes",
          "props": {
            "aliases": [],
            "contentHash": "8d8e4e84273bdd30b03b0cc1",
            "credibility": 3,
            "description": null,
            "excerpt": "Kayes, western Mali",
            "isoCode": "ML",
            "kind": "CITY",
            "latitude": 14.45,
            "longitude": -11.44,
            "name": "Kayes",
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
          },
          "record": "{"kind":"CITY","isoCode":"ML","latitude":14.45,"longitude":-11.44,"id":"kayes","name":"Kayes","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Kayes, western Mali"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(LOCATION, City)",
  },
  {
    "operation": "curation.upsertLocation",
    "params": {
      "operation": "upsertLocation",
      "rows": [
        {
          "from": "kayes",
          "id": "REPORTED_BY:kayes->wellbrock-mali-blockade",
          "props": {
            "contentHash": "6f5ab2f647e7ba454a8fca70",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "Kayes, western Mali",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"kayes","to":"wellbrock-mali-blockade","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Kayes, western Mali"}",
          "to": "wellbrock-mali-blockade",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
  },
  {
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "kayes",
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

  it('upsertSource: a source cites no source, so no evidence links', async () => {
    const sent = await mutate('mutation($source: SourceInput!) { upsertSource(source: $source) { id } }', {
      source: {
        id: 'new-report',
        title: 'A report',
        kind: 'REPORT',
        reliability: 'B',
        publisher: 'An institute',
        published: '2025-09',
        url: 'https://example.org/report',
      },
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.upsertSource",
    "params": {
      "ids": [
        "new-report",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.upsertSource",
    "params": {
      "ids": [
        "new-report",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.upsertSource",
    "params": {
      "operation": "upsertSource",
      "rows": [
        {
          "id": "new-report",
          "props": {
            "author": null,
            "contentHash": "281874f45542fe4888eb6b3b",
            "description": null,
            "kind": "REPORT",
            "name": "A report",
            "published": "2025-09",
            "publishedDate": "date(2025-09-01)",
            "publishedPrecision": "MONTH",
            "publisher": "An institute",
            "reliability": "B",
            "tlp": null,
            "url": "https://example.org/report",
          },
          "record": "{"id":"new-report","title":"A report","kind":"REPORT","publisher":"An institute","url":"https://example.org/report","published":"2025-09","reliability":"B"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(SOURCE)",
  },
  {
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "new-report",
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

  it('recordEvent: the event, PARTICIPATED_IN and OCCURRED_IN citing its evidence', async () => {
    const sent = await mutate(
      'mutation($event: EventInput!) { recordEvent(event: $event, participants: [{ actorId: "jnim", role: PERPETRATOR }], placeIds: ["mali-country"]) { id } }',
      {
        event: {
          id: 'kayes-blockade',
          title: 'Blockade of Kayes',
          type: 'BLOCKADE',
          start: '2025-09',
          sourceIds: [SOURCE],
          credibility: 2,
          excerpt: 'JNIM declared a blockade',
        },
      },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.recordEvent",
    "params": {
      "ids": [
        "jnim",
        "kayes-blockade",
        "mali-country",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.recordEvent",
    "params": {
      "ids": [
        "kayes-blockade",
        "wellbrock-mali-blockade",
        "jnim",
        "mali-country",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.recordEvent",
    "params": {
      "operation": "recordEvent",
      "rows": [
        {
          "id": "kayes-blockade",
          "props": {
            "aliases": [],
            "contentHash": "2ab217abbd3870f1eb916ae2",
            "credibility": 2,
            "description": null,
            "end": null,
            "endDate": null,
            "endPrecision": null,
            "excerpt": "JNIM declared a blockade",
            "name": "Blockade of Kayes",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "start": "2025-09",
            "startDate": "date(2025-09-01)",
            "startPrecision": "MONTH",
            "status": "OCCURRED",
            "tlp": null,
            "type": "BLOCKADE",
          },
          "record": "{"id":"kayes-blockade","type":"BLOCKADE","title":"Blockade of Kayes","start":"2025-09","sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"JNIM declared a blockade"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(EVENT)",
  },
  {
    "operation": "curation.recordEvent",
    "params": {
      "operation": "recordEvent",
      "rows": [
        {
          "from": "jnim",
          "id": "PARTICIPATED_IN:jnim->kayes-blockade#PERPETRATOR",
          "props": {
            "contentHash": "beefc4db9d47a0c550885021",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "JNIM declared a blockade",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": "PERPETRATOR",
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"PARTICIPATED_IN","from":"jnim","to":"kayes-blockade","sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"JNIM declared a blockade","role":"PERPETRATOR"}",
          "to": "kayes-blockade",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(PARTICIPATED_IN)",
  },
  {
    "operation": "curation.recordEvent",
    "params": {
      "operation": "recordEvent",
      "rows": [
        {
          "from": "kayes-blockade",
          "id": "OCCURRED_IN:kayes-blockade->mali-country",
          "props": {
            "contentHash": "e91ee9d408c1a59dca52c122",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "JNIM declared a blockade",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"OCCURRED_IN","from":"kayes-blockade","to":"mali-country","sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"JNIM declared a blockade"}",
          "to": "mali-country",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(OCCURRED_IN)",
  },
  {
    "operation": "curation.recordEvent",
    "params": {
      "operation": "recordEvent",
      "rows": [
        {
          "from": "kayes-blockade",
          "id": "REPORTED_BY:kayes-blockade->wellbrock-mali-blockade",
          "props": {
            "contentHash": "e8ede613d40efa00b4a09eed",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "JNIM declared a blockade",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"kayes-blockade","to":"wellbrock-mali-blockade","sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"JNIM declared a blockade"}",
          "to": "wellbrock-mali-blockade",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
  },
  {
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "kayes-blockade",
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

  it('recordAllegation: the allegation, ALLEGES, ACCUSES and CONCERNS', async () => {
    const sent = await mutate(
      'mutation($allegation: AllegationInput!) { recordAllegation(allegation: $allegation, accuserIds: ["russia"], accusedIds: ["ukraine"], concerningIds: ["jnim"]) { id } }',
      {
        allegation: {
          id: 'russia-accuses-ukraine-2',
          statement: 'Ukraine trains JNIM',
          claimTypes: ['TRAINS'],
          status: 'ALLEGED',
          date: '2024-08',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'Moscow said',
        },
      },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.recordAllegation",
    "params": {
      "ids": [
        "jnim",
        "russia",
        "russia-accuses-ukraine-2",
        "ukraine",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.recordAllegation",
    "params": {
      "ids": [
        "russia-accuses-ukraine-2",
        "wellbrock-mali-blockade",
        "russia",
        "ukraine",
        "jnim",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.recordAllegation",
    "params": {
      "operation": "recordAllegation",
      "rows": [
        {
          "id": "russia-accuses-ukraine-2",
          "props": {
            "aliases": [],
            "claimCredibility": 6,
            "claimTypes": [
              "TRAINS",
            ],
            "contentHash": "ae994f0a0406d4b4815caf92",
            "credibility": 3,
            "date": "2024-08",
            "dateDate": "date(2024-08-01)",
            "datePrecision": "MONTH",
            "excerpt": "Moscow said",
            "name": "Ukraine trains JNIM",
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "status": "ALLEGED",
            "tlp": null,
          },
          "record": "{"id":"russia-accuses-ukraine-2","statement":"Ukraine trains JNIM","claimTypes":["TRAINS"],"status":"ALLEGED","date":"2024-08","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Moscow said"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(ALLEGATION)",
  },
  {
    "operation": "curation.recordAllegation",
    "params": {
      "operation": "recordAllegation",
      "rows": [
        {
          "from": "russia",
          "id": "ALLEGES:russia->russia-accuses-ukraine-2",
          "props": {
            "contentHash": "2c8e903b5c97f49e213ce306",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "Moscow said",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"ALLEGES","from":"russia","to":"russia-accuses-ukraine-2","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Moscow said"}",
          "to": "russia-accuses-ukraine-2",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(ALLEGES)",
  },
  {
    "operation": "curation.recordAllegation",
    "params": {
      "operation": "recordAllegation",
      "rows": [
        {
          "from": "russia-accuses-ukraine-2",
          "id": "ACCUSES:russia-accuses-ukraine-2->ukraine",
          "props": {
            "contentHash": "ea23c6003863edff011dd8e2",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "Moscow said",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"ACCUSES","from":"russia-accuses-ukraine-2","to":"ukraine","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Moscow said"}",
          "to": "ukraine",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(ACCUSES)",
  },
  {
    "operation": "curation.recordAllegation",
    "params": {
      "operation": "recordAllegation",
      "rows": [
        {
          "from": "russia-accuses-ukraine-2",
          "id": "CONCERNS:russia-accuses-ukraine-2->jnim",
          "props": {
            "contentHash": "ab545bbaea0962b5dcf823d2",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "Moscow said",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"CONCERNS","from":"russia-accuses-ukraine-2","to":"jnim","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Moscow said"}",
          "to": "jnim",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(CONCERNS)",
  },
  {
    "operation": "curation.recordAllegation",
    "params": {
      "operation": "recordAllegation",
      "rows": [
        {
          "from": "russia-accuses-ukraine-2",
          "id": "REPORTED_BY:russia-accuses-ukraine-2->wellbrock-mali-blockade",
          "props": {
            "contentHash": "ea6040e1270b4af835f7312b",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "Moscow said",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"russia-accuses-ukraine-2","to":"wellbrock-mali-blockade","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Moscow said"}",
          "to": "wellbrock-mali-blockade",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
  },
  {
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "russia-accuses-ukraine-2",
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

  it('recordDenial: one DENIES relationship', async () => {
    const sent = await mutate('mutation($denial: DenialInput!) { recordDenial(denial: $denial) { id } }', {
      denial: {
        allegationId: 'russia-accuses-ukraine',
        actorId: 'ukraine',
        sourceIds: [SOURCE],
        credibility: 3,
        excerpt: 'Kyiv denied',
        date: '2024-08-05',
      },
    });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.recordDenial",
    "params": {
      "ids": [
        "russia-accuses-ukraine",
        "ukraine",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.recordDenial",
    "params": {
      "ids": [
        "wellbrock-mali-blockade",
        "ukraine",
        "russia-accuses-ukraine",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.recordDenial",
    "params": {
      "operation": "recordDenial",
      "rows": [
        {
          "from": "ukraine",
          "id": "DENIES:ukraine->russia-accuses-ukraine",
          "props": {
            "contentHash": "cb10497019b89b8e9e2f9866",
            "credibility": 3,
            "date": "2024-08-05",
            "dateDate": "date(2024-08-05)",
            "datePrecision": "DAY",
            "excerpt": "Kyiv denied",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"DENIES","from":"ukraine","to":"russia-accuses-ukraine","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"Kyiv denied","date":"2024-08-05"}",
          "to": "russia-accuses-ukraine",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(DENIES)",
  },
  {
    "operation": "entities.byIds",
    "params": {
      "ids": [
        "russia-accuses-ukraine",
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

  it('addRelationship: lock, check, write, then read the relationship back', async () => {
    const sent = await mutate(
      'mutation($relationship: RelationshipInput!) { addRelationship(relationship: $relationship) { id } }',
      {
        relationship: {
          type: 'OPPOSES',
          from: 'jnim',
          to: 'mali',
          validFrom: '2017',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'JNIM fights the Malian state',
        },
      },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.addRelationship",
    "params": {
      "ids": [
        "jnim",
        "mali",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.addRelationship",
    "params": {
      "ids": [
        "wellbrock-mali-blockade",
        "jnim",
        "mali",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.addRelationship",
    "params": {
      "operation": "addRelationship",
      "rows": [
        {
          "from": "jnim",
          "id": "OPPOSES:jnim->mali",
          "props": {
            "contentHash": "b6343302e56c091f3b96426a",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "JNIM fights the Malian state",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": "2017",
            "validFromDate": "date(2017-01-01)",
            "validFromPrecision": "YEAR",
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"OPPOSES","from":"jnim","to":"mali","validFrom":"2017","sourceIds":["wellbrock-mali-blockade"],"credibility":3,"excerpt":"JNIM fights the Malian state"}",
          "to": "mali",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(OPPOSES)",
  },
  {
    "operation": "relationships.edge",
    "params": {
      "from": "jnim",
      "hiddenSourceIds": [],
      "id": "OPPOSES:jnim->mali",
      "to": "mali",
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "VISIBLE_EDGE_BETWEEN",
  },
]
`);
  });

  it('updateRelationship: lock and read the relationship, then the bundle path (lock ids, read kinds, write), then reload', async () => {
    const sent = await mutate(
      'mutation { updateRelationship(id: "OPPOSES:jnim->mali", changes: { credibility: 2, validTo: "2025" }) { id } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.updateRelationship",
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
    "operation": "curation.updateRelationship",
    "params": {
      "from": "jnim",
      "id": "OPPOSES:jnim->mali",
      "to": "mali",
    },
    "statement": "EDGE_BETWEEN",
  },
  {
    "operation": "curation.updateRelationship",
    "params": {
      "ids": [
        "jnim",
        "mali",
        "wellbrock-mali-blockade",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.updateRelationship",
    "params": {
      "ids": [
        "wellbrock-mali-blockade",
        "jnim",
        "mali",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.updateRelationship",
    "params": {
      "operation": "updateRelationship",
      "rows": [
        {
          "from": "jnim",
          "id": "OPPOSES:jnim->mali",
          "props": {
            "contentHash": "6adf431c0b8b6db9e0abaf1f",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "as reported",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "wellbrock-mali-blockade",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": "2025",
            "validToDate": "date(2025-12-31)",
            "validToPrecision": "YEAR",
          },
          "record": "{"type":"OPPOSES","from":"jnim","to":"mali","sourceIds":["wellbrock-mali-blockade"],"credibility":2,"excerpt":"as reported","validTo":"2025"}",
          "to": "mali",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(OPPOSES)",
  },
  {
    "operation": "relationships.edge",
    "params": {
      "from": "jnim",
      "hiddenSourceIds": [],
      "id": "OPPOSES:jnim->mali",
      "to": "mali",
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "VISIBLE_EDGE_BETWEEN",
  },
]
`);
  });

  it('importBundle: every section in one transaction, nodes before relationships, one statement per kind and type', async () => {
    const bundle = {
      format: 'sahel-graph-bundle',
      version: 1,
      sources: [{ id: 'import-source', title: 'Imported', kind: 'ARTICLE', reliability: 'C' }],
      actors: [
        {
          id: 'import-state',
          name: 'A state',
          kind: 'STATE',
          sourceIds: ['import-source'],
          credibility: 3,
          excerpt: 'x',
        },
      ],
      locations: [
        {
          id: 'import-region',
          name: 'A region',
          kind: 'REGION',
          sourceIds: ['import-source'],
          credibility: 3,
          excerpt: 'x',
        },
      ],
      relationships: [
        {
          type: 'OPERATES_IN',
          from: 'import-state',
          to: 'import-region',
          sourceIds: ['import-source'],
          credibility: 3,
          excerpt: 'x',
        },
      ],
    };
    const sent = await mutate(
      'mutation($bundle: JSONObject!) { importBundle(bundle: $bundle, dryRun: true) { dryRun } }',
      { bundle },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "operation": "curation.importBundle",
    "params": {
      "ids": [
        "import-region",
        "import-source",
        "import-state",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.importBundle",
    "params": {
      "ids": [
        "import-source",
        "import-state",
        "import-region",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.importBundle",
    "params": {
      "operation": "importBundle",
      "rows": [
        {
          "id": "import-source",
          "props": {
            "author": null,
            "contentHash": "9ac30f94e7c1fbe74cdc86e2",
            "description": null,
            "kind": "ARTICLE",
            "name": "Imported",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": null,
            "reliability": "C",
            "tlp": null,
            "url": null,
          },
          "record": "{"id":"import-source","title":"Imported","kind":"ARTICLE","reliability":"C"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(SOURCE)",
  },
  {
    "operation": "curation.importBundle",
    "params": {
      "operation": "importBundle",
      "rows": [
        {
          "id": "import-state",
          "props": {
            "aliases": [],
            "contentHash": "8363c2482e7d93ef484148cc",
            "country": null,
            "credibility": 3,
            "description": null,
            "excerpt": "x",
            "kind": "STATE",
            "name": "A state",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "import-source",
            ],
            "tlp": null,
          },
          "record": "{"id":"import-state","name":"A state","kind":"STATE","sourceIds":["import-source"],"credibility":3,"excerpt":"x"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(ACTOR, State)",
  },
  {
    "operation": "curation.importBundle",
    "params": {
      "operation": "importBundle",
      "rows": [
        {
          "id": "import-region",
          "props": {
            "aliases": [],
            "contentHash": "6e650d6a63aedf9bee218603",
            "credibility": 3,
            "description": null,
            "excerpt": "x",
            "isoCode": null,
            "kind": "REGION",
            "latitude": null,
            "longitude": null,
            "name": "A region",
            "sourceIds": [
              "import-source",
            ],
            "tlp": null,
          },
          "record": "{"id":"import-region","name":"A region","kind":"REGION","sourceIds":["import-source"],"credibility":3,"excerpt":"x"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(LOCATION, Region)",
  },
  {
    "operation": "curation.importBundle",
    "params": {
      "operation": "importBundle",
      "rows": [
        {
          "from": "import-state",
          "id": "OPERATES_IN:import-state->import-region",
          "props": {
            "contentHash": "9a8ab312e11bde3be3246b35",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "import-source",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"OPERATES_IN","from":"import-state","to":"import-region","sourceIds":["import-source"],"credibility":3,"excerpt":"x"}",
          "to": "import-region",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(OPERATES_IN)",
  },
  {
    "operation": "curation.importBundle",
    "params": {
      "operation": "importBundle",
      "rows": [
        {
          "from": "import-state",
          "id": "REPORTED_BY:import-state->import-source",
          "props": {
            "contentHash": "cc55ce8101a1b00ca89e0e9d",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "import-source",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"import-state","to":"import-source","sourceIds":["import-source"],"credibility":3,"excerpt":"x"}",
          "to": "import-source",
        },
        {
          "from": "import-region",
          "id": "REPORTED_BY:import-region->import-source",
          "props": {
            "contentHash": "ed7809a2e5fd00c6c221808a",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "import-source",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"import-region","to":"import-source","sourceIds":["import-source"],"credibility":3,"excerpt":"x"}",
          "to": "import-source",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
  },
]
`);
  });
});
