import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { ACLED_CODING, ACLED_NAME_LOOKUP } from '../../src/interop/acled/acled.repository';
import { AcledFileImporter } from '../../src/interop/acled/acled.file-import';
import { recordingDatabase, statementsOf, type Recorded } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of the ACLED import (importAcled), with its parameters, without a database: ONE
 * write transaction that looks the names of each chunk of rows up in one statement, then hands
 * the records to the bundle writer (locks, kinds, one upsert per kind or type), then keeps
 * ACLED's coding beside them; and the command line's path (the lookup in a read transaction, the
 * streaming importer's run, then the coding). Behaviour on the real Neo4j is in
 * tests/e2e/acled-import.test.ts and acled-cli.test.ts.
 */

const CSV = [
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp',
  'MLI1,2024-05-12,2024,1,Political violence,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims,,2,,,0,20,,466,Western Africa,Mali,,,,Nioro,15.23,-9.59,1,Studio Tamani,National,SYNTHETIC,2,,1735000000',
].join('\n');

/** The lookup finds JNIM in the pretend graph. */
const JNIM_HIT = {
  key: 'jnim',
  id: 'jnim',
  name: 'JNIM',
  aliases: [],
  entityKind: 'ACTOR',
  kind: 'ARMED_GROUP',
  country: null,
  parents: [],
  forces: [],
};

describe('ACLED import: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('looks up the names of a chunk in one statement (full-text phrase per name, exact match kept by the caller)', () => {
    expect(ACLED_NAME_LOOKUP).toMatchInlineSnapshot(`
"UNWIND $lookups AS lookup
CALL db.index.fulltext.queryNodes('entity_names', lookup.query, {limit: $candidates}) YIELD node
WHERE node.retracted IS NULL AND (node:Actor OR node:Location)
WITH lookup, node, coalesce(node.isoCode, node.country) AS country, (node:Country OR node:State) AS isCountry
RETURN lookup.key AS key, node.id AS id, node.name AS name, node.aliases AS aliases,
       CASE WHEN node:Actor THEN 'ACTOR' ELSE 'LOCATION' END AS entityKind, node.kind AS kind, country,
       [(node)-[:PART_OF]->(parent:Location) | parent.id] AS parents,
       CASE WHEN isCountry
         THEN COLLECT { MATCH (force:Actor:Force {country: country}) WHERE force.retracted IS NULL RETURN force.id }
         ELSE [] END AS forces"
`);
  });

  it('keeps ACLED’s own coding beside the events the bundle writer wrote', () => {
    expect(ACLED_CODING).toMatchInlineSnapshot(`
"UNWIND $rows AS row
MATCH (event:Entity {id: row.id})
SET event.acledEventId = row.acledEventId, event.externalIds = row.externalIds,
    event.acledEventType = row.eventType, event.acledSubEventType = row.subEventType,
    event.acledTimePrecision = row.timePrecision
WITH event, row
MATCH (event)-[occurred:OCCURRED_IN]->(place:Entity {id: row.placeId})
SET occurred.geoPrecision = row.geoPrecision"
`);
  });

  it('importAcled: lookup, then the bundle write (lock, kinds, upserts), then the coding, all in one transaction', async () => {
    const recorded = await statementsOf(
      schema,
      'mutation($csv: String!) { importAcled(csv: $csv) { events nodes { created } } }',
      {
        variables: { csv: CSV },
        kinds: { jnim: 'Actor' },
        answer: ({ cypher }) =>
          cypher === ACLED_NAME_LOOKUP.trim()
            ? [
                {
                  key: 'jnim',
                  id: 'jnim',
                  name: 'JNIM',
                  aliases: [],
                  entityKind: 'ACTOR',
                  kind: 'ARMED_GROUP',
                  country: null,
                  parents: [],
                  forces: [],
                },
              ]
            : undefined,
      },
    );
    expect(named(recorded)).toMatchInlineSnapshot(`
[
  {
    "operation": "acled.import",
    "params": {
      "candidates": 50,
      "lookups": [
        {
          "key": "jnim group for support of islam and muslims",
          "query": ""jnim group for support of islam and muslims"",
        },
        {
          "key": "jnim",
          "query": ""jnim"",
        },
        {
          "key": "group for support of islam and muslims",
          "query": ""group for support of islam and muslims"",
        },
        {
          "key": "mali",
          "query": ""mali"",
        },
      ],
    },
    "statement": "UNWIND $lookups AS lookup
CALL db.index.fulltext.queryNodes('entity_names', lookup.query, {limit: $candidates}) YIELD node
WHERE node.retracted IS NULL AND (node:Actor OR node:Location)
WITH lookup, node, coalesce(node.isoCode, node.country) AS country, (node:Country OR node:State) AS isCountry
RETURN lookup.key AS key, node.id AS id, node.name AS name, node.aliases AS aliases,
       CASE WHEN node:Actor THEN 'ACTOR' ELSE 'LOCATION' END AS entityKind, node.kind AS kind, country,
       [(node)-[:PART_OF]->(parent:Location) | parent.id] AS parents,
       CASE WHEN isCountry
         THEN COLLECT { MATCH (force:Actor:Force {country: country}) WHERE force.retracted IS NULL RETURN force.id }
         ELSE [] END AS forces",
  },
  {
    "operation": "acled.import",
    "params": {
      "ids": [
        "acled",
        "acled-mali",
        "acled-mali-nioro",
        "acled-mli1",
        "acled-source-studio-tamani",
        "jnim",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "acled.import",
    "params": {
      "ids": [
        "acled",
        "acled-source-studio-tamani",
        "acled-mali",
        "acled-mali-nioro",
        "acled-mli1",
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
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "id": "acled",
          "props": {
            "author": null,
            "contentHash": "e562edaa157146572ac97b34",
            "description": "Event data coded by ACLED from the outlets each event names",
            "kind": "REPORT",
            "name": "ACLED: Armed Conflict Location & Event Data",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": "ACLED",
            "reliability": "B",
            "tlp": null,
            "url": "https://acleddata.com",
          },
          "record": "{"id":"acled","title":"ACLED: Armed Conflict Location & Event Data","kind":"REPORT","publisher":"ACLED","url":"https://acleddata.com","reliability":"B","description":"Event data coded by ACLED from the outlets each event names"}",
        },
        {
          "id": "acled-source-studio-tamani",
          "props": {
            "author": null,
            "contentHash": "064d1689f7fcb7d820611d94",
            "description": "An outlet ACLED names as a source of its coding",
            "kind": "MEDIA_REPORT",
            "name": "Studio Tamani",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": "Studio Tamani",
            "reliability": "F",
            "tlp": null,
            "url": null,
          },
          "record": "{"id":"acled-source-studio-tamani","title":"Studio Tamani","kind":"MEDIA_REPORT","publisher":"Studio Tamani","reliability":"F","description":"An outlet ACLED names as a source of its coding"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(SOURCE)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "id": "acled-mali",
          "props": {
            "aliases": [],
            "contentHash": "71e9997fffb1fbcb8cfb2a3f",
            "credibility": 3,
            "description": null,
            "excerpt": "ACLED country "Mali"",
            "isoCode": null,
            "kind": "COUNTRY",
            "latitude": null,
            "longitude": null,
            "name": "Mali",
            "sourceIds": [
              "acled",
            ],
            "tlp": null,
          },
          "record": "{"id":"acled-mali","name":"Mali","kind":"COUNTRY","sourceIds":["acled"],"credibility":3,"excerpt":"ACLED country \\"Mali\\""}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(LOCATION, Country)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "id": "acled-mali-nioro",
          "props": {
            "aliases": [],
            "contentHash": "c109339d7193f27b74ee6814",
            "credibility": 3,
            "description": null,
            "excerpt": "ACLED places "Nioro" in Mali",
            "isoCode": null,
            "kind": "CITY",
            "latitude": 15.23,
            "longitude": -9.59,
            "name": "Nioro",
            "sourceIds": [
              "acled",
            ],
            "tlp": null,
          },
          "record": "{"id":"acled-mali-nioro","name":"Nioro","kind":"CITY","latitude":15.23,"longitude":-9.59,"sourceIds":["acled"],"credibility":3,"excerpt":"ACLED places \\"Nioro\\" in Mali"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(LOCATION, City)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "id": "acled-mli1",
          "props": {
            "aliases": [],
            "contentHash": "40dfa972a4de062f0cfcef8f",
            "credibility": 3,
            "description": "ACLED Battles: Armed clash; disorder type: Political violence; interaction: 20; source scale: National. SYNTHETIC",
            "end": null,
            "endDate": null,
            "endPrecision": null,
            "excerpt": "SYNTHETIC",
            "name": "Armed clash in Nioro, Mali (ACLED MLI1)",
            "quantityApproximate": true,
            "quantityMeasure": "fatalities",
            "quantityValue": 2,
            "sourceIds": [
              "acled",
              "acled-source-studio-tamani",
            ],
            "start": "2024-05-12",
            "startDate": "date(2024-05-12)",
            "startPrecision": "DAY",
            "status": "OCCURRED",
            "tlp": null,
            "type": "ATTACK",
          },
          "record": "{"id":"acled-mli1","type":"ATTACK","title":"Armed clash in Nioro, Mali (ACLED MLI1)","description":"ACLED Battles: Armed clash; disorder type: Political violence; interaction: 20; source scale: National. SYNTHETIC","start":"2024-05-12","quantity":{"measure":"fatalities","value":2,"approximate":true},"status":"OCCURRED","sourceIds":["acled","acled-source-studio-tamani"],"credibility":3,"excerpt":"SYNTHETIC"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(EVENT)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "from": "acled-mali-nioro",
          "id": "PART_OF:acled-mali-nioro->acled-mali",
          "props": {
            "contentHash": "65ca7d7f81887b94a0e36cb2",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "ACLED places "Nioro" in Mali",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "acled",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"PART_OF","from":"acled-mali-nioro","to":"acled-mali","sourceIds":["acled"],"credibility":3,"excerpt":"ACLED places \\"Nioro\\" in Mali"}",
          "to": "acled-mali",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(PART_OF)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "from": "jnim",
          "id": "PARTICIPATED_IN:jnim->acled-mli1#PERPETRATOR",
          "props": {
            "contentHash": "f0576c8c8c89068e667f5680",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "ACLED MLI1: actor1 "JNIM: Group for Support of Islam and Muslims"",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": "PERPETRATOR",
            "sourceIds": [
              "acled",
              "acled-source-studio-tamani",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"PARTICIPATED_IN","from":"jnim","to":"acled-mli1","role":"PERPETRATOR","sourceIds":["acled","acled-source-studio-tamani"],"credibility":3,"excerpt":"ACLED MLI1: actor1 \\"JNIM: Group for Support of Islam and Muslims\\""}",
          "to": "acled-mli1",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(PARTICIPATED_IN)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "from": "acled-mli1",
          "id": "OCCURRED_IN:acled-mli1->acled-mali-nioro",
          "props": {
            "contentHash": "4bf32e8e148677e4f41f262d",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "ACLED MLI1: Nioro, Mali (geo_precision 1: at the location named)",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "acled",
              "acled-source-studio-tamani",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"OCCURRED_IN","from":"acled-mli1","to":"acled-mali-nioro","sourceIds":["acled","acled-source-studio-tamani"],"credibility":3,"excerpt":"ACLED MLI1: Nioro, Mali (geo_precision 1: at the location named)"}",
          "to": "acled-mali-nioro",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(OCCURRED_IN)",
  },
  {
    "operation": "acled.import",
    "params": {
      "operation": "importAcled",
      "rows": [
        {
          "from": "acled-mali",
          "id": "REPORTED_BY:acled-mali->acled",
          "props": {
            "contentHash": "37653e11db1ac695db790e10",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "ACLED country "Mali"",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "acled",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"acled-mali","to":"acled","sourceIds":["acled"],"credibility":3,"excerpt":"ACLED country \\"Mali\\""}",
          "to": "acled",
        },
        {
          "from": "acled-mali-nioro",
          "id": "REPORTED_BY:acled-mali-nioro->acled",
          "props": {
            "contentHash": "c88888e0709c237cb0265411",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "ACLED places "Nioro" in Mali",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "acled",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"acled-mali-nioro","to":"acled","sourceIds":["acled"],"credibility":3,"excerpt":"ACLED places \\"Nioro\\" in Mali"}",
          "to": "acled",
        },
        {
          "from": "acled-mli1",
          "id": "REPORTED_BY:acled-mli1->acled",
          "props": {
            "contentHash": "7306a7416fe2ce53892d28eb",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "SYNTHETIC",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "acled",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"acled-mli1","to":"acled","sourceIds":["acled"],"credibility":3,"excerpt":"SYNTHETIC"}",
          "to": "acled",
        },
        {
          "from": "acled-mli1",
          "id": "REPORTED_BY:acled-mli1->acled-source-studio-tamani",
          "props": {
            "contentHash": "52c096c971bd67045bd0d3ae",
            "credibility": 3,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "SYNTHETIC",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "acled-source-studio-tamani",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"acled-mli1","to":"acled-source-studio-tamani","sourceIds":["acled-source-studio-tamani"],"credibility":3,"excerpt":"SYNTHETIC"}",
          "to": "acled-source-studio-tamani",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
  },
  {
    "operation": "acled.import",
    "params": {
      "rows": [
        {
          "acledEventId": "MLI1",
          "eventType": "Battles",
          "externalIds": [
            "acled:MLI1",
          ],
          "geoPrecision": 1,
          "id": "acled-mli1",
          "placeId": "acled-mali-nioro",
          "subEventType": "Armed clash",
          "timePrecision": 1,
        },
      ],
    },
    "statement": "UNWIND $rows AS row
MATCH (event:Entity {id: row.id})
SET event.acledEventId = row.acledEventId, event.externalIds = row.externalIds,
    event.acledEventType = row.eventType, event.acledSubEventType = row.subEventType,
    event.acledTimePrecision = row.timePrecision
WITH event, row
MATCH (event)-[occurred:OCCURRED_IN]->(place:Entity {id: row.placeId})
SET occurred.geoPrecision = row.geoPrecision",
  },
]
`);
  });

  it('npm run import -- --format acled: the lookup in a read transaction, the streaming import run, the coding inside it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sahel-acled-cypher-')), 'export.csv');
    writeFileSync(file, CSV);
    const { db, recorded } = recordingDatabase({
      kinds: { jnim: 'Actor' },
      answer: ({ operation, cypher, params }: Recorded) => {
        if (cypher === ACLED_NAME_LOOKUP.trim()) return [JNIM_HIT];
        if (operation === 'import.entityCount') return [{ count: 1 }];
        if (operation === 'import.nodes' || operation === 'import.relationships')
          return [{ outcome: 'created', count: (params.rows as unknown[]).length }];
        return undefined;
      },
    });
    const summary = await new AcledFileImporter(db).importFile(file, { who: 'cli:test' });
    expect(summary).toMatchObject({ events: 1, format: 'jsonl' });
    // The streaming importer's own statements are pinned in import.cypher.test.ts; here, the order
    // and ACLED's two statements around them.
    const operations = recorded.map((statement) => statement.operation);
    expect(operations[0]).toBe('acled.resolve');
    // The coding is the run's last step: after its records, before the run is marked completed.
    expect(operations.slice(-3)).toEqual(['acled.coding', 'import.run.finish', 'import.run.cleanup']);
    expect(operations).toContain('import.run.start');
    expect(
      recorded
        .filter((statement) => statement.operation.startsWith('acled.'))
        .map(({ operation, params }) => ({ operation, rows: (params.rows ?? params.lookups) as unknown[] })),
    ).toMatchInlineSnapshot(`
[
  {
    "operation": "acled.resolve",
    "rows": [
      {
        "key": "jnim group for support of islam and muslims",
        "query": ""jnim group for support of islam and muslims"",
      },
      {
        "key": "jnim",
        "query": ""jnim"",
      },
      {
        "key": "group for support of islam and muslims",
        "query": ""group for support of islam and muslims"",
      },
      {
        "key": "mali",
        "query": ""mali"",
      },
    ],
  },
  {
    "operation": "acled.coding",
    "rows": [
      {
        "acledEventId": "MLI1",
        "eventType": "Battles",
        "externalIds": [
          "acled:MLI1",
        ],
        "geoPrecision": 1,
        "id": "acled-mli1",
        "placeId": "acled-mali-nioro",
        "subEventType": "Armed clash",
        "timePrecision": 1,
      },
    ],
  },
]
`);
  });
});
