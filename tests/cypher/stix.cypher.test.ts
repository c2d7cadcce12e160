import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { EXISTING_ENTITY_HASHES, EXISTING_RELATIONSHIP_HASHES } from '../../src/interop/stix/stix.repository';
import { StixFileImporter } from '../../src/interop/stix/stix.file-import';
import { recordingDatabase, statementsOf, type Recorded } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of the STIX import (importStix), with its parameters, without a database: ONE write
 * transaction that locks every id, reads the content hash of what the graph already holds (a
 * bundle from outside may not change it unless updateExisting), checks kinds, then writes a slice
 * at a time through the bundle writer. Behaviour on the real Neo4j: tests/integration/stix.test.ts
 * and tests/adversarial/stix-import.test.ts.
 */

const BUNDLE = {
  type: 'bundle',
  id: 'bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  objects: [
    {
      type: 'threat-actor',
      spec_version: '2.1',
      id: 'threat-actor--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
      created: '2025-01-01T00:00:00.000Z',
      modified: '2025-01-01T00:00:00.000Z',
      name: 'Snapshot cell',
      object_marking_refs: ['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1'],
    },
  ],
};

describe('STIX import: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('reads the content hash of the entities and relationships a bundle names that the graph holds', () => {
    expect(EXISTING_ENTITY_HASHES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.placeholder IS NULL
RETURN n.id AS id, n.contentHash AS contentHash"
`);
    expect(EXISTING_RELATIONSHIP_HASHES).toMatchInlineSnapshot(`
"UNWIND $relationships AS rel
MATCH (:Entity {id: rel.from})-[r {id: rel.id}]->(:Entity {id: rel.to})
RETURN r.id AS id, r.contentHash AS contentHash"
`);
  });

  it('importStix: lock, existing content, kinds, then the bundle writer, in one transaction', async () => {
    const recorded = await statementsOf(
      schema,
      'mutation($b: JSONObject!) { importStix(bundle: $b) { nodes { created } } }',
      // The recording gateway writes nothing: the source the first slice writes is "found" by the next slice's check.
      { variables: { b: BUNDLE }, kinds: { 'stix-bundle-86908eaf': 'Source' } },
    );
    expect(named(recorded)).toMatchInlineSnapshot(`
[
  {
    "operation": "stix.import",
    "params": {
      "ids": [
        "snapshot-cell-4f534212",
        "stix-bundle-86908eaf",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "stix.import",
    "params": {
      "ids": [
        "stix-bundle-86908eaf",
        "snapshot-cell-4f534212",
      ],
    },
    "statement": "UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.placeholder IS NULL
RETURN n.id AS id, n.contentHash AS contentHash",
  },
  {
    "operation": "stix.import",
    "params": {
      "relationships": [],
    },
    "statement": "UNWIND $relationships AS rel
MATCH (:Entity {id: rel.from})-[r {id: rel.id}]->(:Entity {id: rel.to})
RETURN r.id AS id, r.contentHash AS contentHash",
  },
  {
    "operation": "stix.import",
    "params": {
      "ids": [
        "stix-bundle-86908eaf",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "stix.import",
    "params": {
      "ids": [
        "stix-bundle-86908eaf",
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
    "operation": "stix.import",
    "params": {
      "operation": "importStix",
      "rows": [
        {
          "id": "stix-bundle-86908eaf",
          "props": {
            "author": null,
            "contentHash": "83ad8a2848b6516c3d5d2187",
            "description": "The imported STIX bundle, cited by its objects that no report in it contains",
            "kind": "OTHER",
            "name": "STIX bundle bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": null,
            "reliability": "F",
            "tlp": null,
            "url": null,
          },
          "record": "{"id":"stix-bundle-86908eaf","title":"STIX bundle bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","kind":"OTHER","reliability":"F","description":"The imported STIX bundle, cited by its objects that no report in it contains"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(SOURCE)",
  },
  {
    "operation": "stix.import",
    "params": {
      "ids": [
        "snapshot-cell-4f534212",
        "stix-bundle-86908eaf",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "stix.import",
    "params": {
      "ids": [
        "snapshot-cell-4f534212",
        "stix-bundle-86908eaf",
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
    "operation": "stix.import",
    "params": {
      "operation": "importStix",
      "rows": [
        {
          "id": "snapshot-cell-4f534212",
          "props": {
            "aliases": [],
            "contentHash": "f3f307051fd7839aedd7abab",
            "country": null,
            "credibility": 6,
            "description": null,
            "excerpt": "Snapshot cell",
            "kind": "ARMED_GROUP",
            "name": "Snapshot cell",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "stix-bundle-86908eaf",
            ],
            "tlp": "RED",
          },
          "record": "{"id":"snapshot-cell-4f534212","name":"Snapshot cell","kind":"ARMED_GROUP","sourceIds":["stix-bundle-86908eaf"],"credibility":6,"excerpt":"Snapshot cell","tlp":"RED"}",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertNodesStatement(ACTOR, ArmedGroup)",
  },
  {
    "operation": "stix.import",
    "params": {
      "operation": "importStix",
      "rows": [
        {
          "from": "snapshot-cell-4f534212",
          "id": "REPORTED_BY:snapshot-cell-4f534212->stix-bundle-86908eaf",
          "props": {
            "contentHash": "79bd2161ded6ce174be3d75c",
            "credibility": 6,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "Snapshot cell",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "stix-bundle-86908eaf",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"snapshot-cell-4f534212","to":"stix-bundle-86908eaf","sourceIds":["stix-bundle-86908eaf"],"credibility":6,"excerpt":"Snapshot cell"}",
          "to": "stix-bundle-86908eaf",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(REPORTED_BY)",
  },
]
`);
  });

  it('npm run import -- --format stix: the comparison in a read, the streaming run, then what the run changed, before it completes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-stix-cypher-'));
    const file = path.join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(BUNDLE));
    const { db, recorded } = recordingDatabase({
      answer: ({ operation, params }: Recorded) => {
        if (operation === 'import.entityCount') return [{ count: 0 }];
        if (operation === 'import.nodes' || operation === 'import.relationships')
          return [{ outcome: 'created', count: (params.rows as unknown[]).length }];
        return undefined;
      },
    });
    try {
      const summary = await new StixFileImporter(db).importFile(file, { who: 'cli:test' });
      expect(summary.nodes.created).toBe(2);
      // The streaming importer's own statements are pinned in import.cypher.test.ts; here, the
      // STIX import's around them: the comparison first, what the run changed at its end.
      const operations = recorded.map((statement) => statement.operation);
      expect(operations[0]).toBe('stix.import.compare');
      expect(operations.slice(-3)).toEqual(['stix.import.changedByRun', 'import.run.finish', 'import.run.cleanup']);
      expect(
        recorded
          .filter((statement) => statement.operation.startsWith('stix.'))
          .map(({ operation, cypher, params }) => ({
            operation,
            cypher,
            params: JSON.parse(JSON.stringify(params).replaceAll(summary.runId!, '<run>')) as unknown,
          })),
      ).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.placeholder IS NULL
RETURN n.id AS id, n.contentHash AS contentHash",
    "operation": "stix.import.compare",
    "params": {
      "ids": [
        "stix-bundle-86908eaf",
        "snapshot-cell-4f534212",
      ],
    },
  },
  {
    "cypher": "UNWIND $relationships AS rel
MATCH (:Entity {id: rel.from})-[r {id: rel.id}]->(:Entity {id: rel.to})
RETURN r.id AS id, r.contentHash AS contentHash",
    "operation": "stix.import.compare",
    "params": {
      "relationships": [],
    },
  },
  {
    "cypher": "MATCH (p:ImportPreImage {preImageRun: $run})
RETURN p.preImageOf AS id ORDER BY id LIMIT $limit",
    "operation": "stix.import.changedByRun",
    "params": {
      "limit": 50,
      "run": "<run>",
    },
  },
]
`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
