import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StreamImporter } from '../../src/bundle/load';
import { recordingDatabase, type Recorded } from '../support/recording-database';

/**
 * The Cypher of the streaming importer (`npm run import`), with its parameters, without a
 * database: the run, the batches of nodes and relationships (with and without per-record
 * history), the clean-up of a completed run, and a rollback. The run id and the file's path
 * change every time: they read as <run> and <file> here.
 */

const answer = ({ operation, cypher, params }: Recorded): unknown[] | undefined => {
  if (operation === 'import.entityCount') return [{ count: 0 }];
  if (operation === 'import.nodes' || operation === 'import.relationships')
    return [{ outcome: 'created', count: (params.rows as unknown[]).length }];
  if (operation === 'import.run.status') return [{ status: 'running', startedAt: '2026-01-01T00:00:00Z' }];
  if (cypher.endsWith('AS preImages')) return [{ preImages: ['pre-image-1'] }];
  if (cypher.endsWith('AS restored')) return [{ count: 1, restored: 1 }];
  if (cypher.endsWith('RETURN last, scanned')) return [{ last: 'zz', scanned: 1 }];
  if (cypher.endsWith('AS relationships, deleted')) return [{ relationships: 0, deleted: 0 }];
  if (/RETURN count\(\*\) AS count$/.test(cypher)) return [{ count: 0 }];
  return [];
};

const dir = mkdtempSync(path.join(tmpdir(), 'sahel-import-cypher-'));
const file = path.join(dir, 'tiny.jsonl');
writeFileSync(
  file,
  [
    { kind: 'source', record: { id: 'src', title: 'A source', kind: 'OTHER', reliability: 'C' } },
    {
      kind: 'actor',
      record: { id: 'jnim', name: 'JNIM', kind: 'ARMED_GROUP', sourceIds: ['src'], credibility: 2, excerpt: 'x' },
    },
    {
      kind: 'actor',
      record: { id: 'mali', name: 'Mali', kind: 'STATE', sourceIds: ['src'], credibility: 2, excerpt: 'x' },
    },
    {
      kind: 'relationship',
      record: { type: 'OPPOSES', from: 'jnim', to: 'mali', sourceIds: ['src'], credibility: 2, excerpt: 'x' },
    },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n'),
);

/** The statements, with the run id and the file's path replaced by stable names. */
function normalized(recorded: Recorded[], runId: string | null): unknown {
  return JSON.parse(
    JSON.stringify(recorded)
      .replaceAll(runId ?? '<none>', '<run>')
      .replaceAll(file, '<file>'),
  );
}

describe('import: Cypher sent', () => {
  it('npm run import FILE: the run, node batches per label, relationship batches per type, clean-up', async () => {
    const { db, recorded } = recordingDatabase({ answer });
    const summary = await new StreamImporter(db).import({ file, who: 'cli:test' });
    expect(normalized(recorded, summary.runId)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (n:Entity) RETURN count(n) AS count",
    "operation": "import.entityCount",
    "params": {},
  },
  {
    "cypher": "CREATE (run:ImportRun {id: $id, status: 'running', startedAt: datetime(), file: $file,
  format: $format, who: $who, operation: $operation, history: $history})",
    "operation": "import.run.start",
    "params": {
      "file": "<file>",
      "format": "jsonl",
      "history": "run",
      "id": "<run>",
      "operation": "import",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:Source THEN 'conflict' ELSE CASE WHEN n.contentHash IS NULL THEN 'created' WHEN n.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET n += row.props, n:Source, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())
  REMOVE n.placeholder)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET n.heldBy = CASE WHEN $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
RETURN outcome, count(*) AS count",
    "operation": "import.nodes",
    "params": {
      "operation": "import",
      "rows": [
        {
          "id": "src",
          "props": {
            "author": null,
            "contentHash": "55b19dfe5c8eb17312855113",
            "description": null,
            "kind": "OTHER",
            "name": "A source",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": null,
            "reliability": "C",
            "tlp": null,
            "url": null,
          },
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:Actor THEN 'conflict' ELSE CASE WHEN n.contentHash IS NULL THEN 'created' WHEN n.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET n += row.props, n:Actor:ArmedGroup, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())
  REMOVE n:State, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET n.heldBy = CASE WHEN $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
RETURN outcome, count(*) AS count",
    "operation": "import.nodes",
    "params": {
      "operation": "import",
      "rows": [
        {
          "id": "jnim",
          "props": {
            "aliases": [],
            "contentHash": "0dd0d82bd17dcfc98ef96eec",
            "country": null,
            "credibility": 2,
            "description": null,
            "excerpt": "x",
            "kind": "ARMED_GROUP",
            "name": "JNIM",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
          },
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:Actor THEN 'conflict' ELSE CASE WHEN n.contentHash IS NULL THEN 'created' WHEN n.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET n += row.props, n:Actor:State, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())
  REMOVE n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET n.heldBy = CASE WHEN $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
RETURN outcome, count(*) AS count",
    "operation": "import.nodes",
    "params": {
      "operation": "import",
      "rows": [
        {
          "id": "mali",
          "props": {
            "aliases": [],
            "contentHash": "858549558b5e2c0fdfa47d62",
            "country": null,
            "credibility": 2,
            "description": null,
            "excerpt": "x",
            "kind": "STATE",
            "name": "Mali",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
          },
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:REPORTED_BY {id: row.id}]->(b)
WITH r, row, CASE WHEN r.contentHash IS NULL THEN 'created' WHEN r.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(r), p.preImageRun = $run, p.preImageOf = r.id, p.preImageFrom = row.from, p.preImageTo = row.to)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET r += row.props, r.importRun = $run, r.heldBy = [$run], r.updatedAt = datetime(), r.createdAt = coalesce(r.createdAt, datetime()))
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET r.heldBy = CASE WHEN $run IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
RETURN outcome, count(*) AS count",
    "operation": "import.relationships",
    "params": {
      "operation": "import",
      "rows": [
        {
          "from": "jnim",
          "id": "REPORTED_BY:jnim->src",
          "props": {
            "contentHash": "a8b90940762e4380b7542453",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "to": "src",
        },
        {
          "from": "mali",
          "id": "REPORTED_BY:mali->src",
          "props": {
            "contentHash": "f678eb09c499bf1f65ec4157",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "to": "src",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:OPPOSES {id: row.id}]->(b)
WITH r, row, CASE WHEN r.contentHash IS NULL THEN 'created' WHEN r.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(r), p.preImageRun = $run, p.preImageOf = r.id, p.preImageFrom = row.from, p.preImageTo = row.to)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET r += row.props, r.importRun = $run, r.heldBy = [$run], r.updatedAt = datetime(), r.createdAt = coalesce(r.createdAt, datetime()))
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET r.heldBy = CASE WHEN $run IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
RETURN outcome, count(*) AS count",
    "operation": "import.relationships",
    "params": {
      "operation": "import",
      "rows": [
        {
          "from": "jnim",
          "id": "OPPOSES:jnim->mali",
          "props": {
            "contentHash": "3662b2d1b4af312205271171",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "to": "mali",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "MATCH (run:ImportRun {id: $id})
SET run.status = $status, run.finishedAt = datetime(), run.counts = $counts, run.error = $error
FOREACH (_ IN CASE WHEN $status = 'completed' THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: run.who, operation: run.operation, targetId: run.id,
                   targetType: 'ImportRun', change: 'IMPORT_COMMITTED', changedFields: ['status'], record: $counts}))",
    "operation": "import.run.finish",
    "params": {
      "counts": "{"nodes":{"created":3,"updated":0,"unchanged":0},"relationships":{"created":3,"updated":0,"unchanged":0}}",
      "error": null,
      "id": "<run>",
      "status": "completed",
    },
  },
  {
    "cypher": "MATCH (p:ImportPreImage {preImageRun: $run}) WITH p LIMIT $batch DELETE p RETURN count(*) AS count",
    "operation": "import.run.cleanup",
    "params": {
      "batch": 10000,
      "run": "<run>",
    },
  },
]
`);
  });

  it('--history per-record: the same batches, each also writing its (:Change) entries', async () => {
    const { db, recorded } = recordingDatabase({ answer });
    const summary = await new StreamImporter(db).import({ file, who: 'cli:test', history: 'per-record' });
    expect(
      (normalized(recorded, summary.runId) as Recorded[]).filter((statement) =>
        statement.operation.startsWith('import.'),
      ),
    ).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (n:Entity) RETURN count(n) AS count",
    "operation": "import.entityCount",
    "params": {},
  },
  {
    "cypher": "CREATE (run:ImportRun {id: $id, status: 'running', startedAt: datetime(), file: $file,
  format: $format, who: $who, operation: $operation, history: $history})",
    "operation": "import.run.start",
    "params": {
      "file": "<file>",
      "format": "jsonl",
      "history": "per-record",
      "id": "<run>",
      "operation": "import",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:Source THEN 'conflict' ELSE CASE WHEN n.contentHash IS NULL THEN 'created' WHEN n.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END END AS outcome
WITH n, row, outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(n[key] <> row.props[key], (n[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET n += row.props, n:Source, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())
  REMOVE n.placeholder)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET n.heldBy = CASE WHEN $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
                   targetType: 'Source', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count",
    "operation": "import.nodes",
    "params": {
      "operation": "import",
      "rows": [
        {
          "id": "src",
          "props": {
            "author": null,
            "contentHash": "55b19dfe5c8eb17312855113",
            "description": null,
            "kind": "OTHER",
            "name": "A source",
            "published": null,
            "publishedDate": null,
            "publishedPrecision": null,
            "publisher": null,
            "reliability": "C",
            "tlp": null,
            "url": null,
          },
          "record": "{"id":"src","title":"A source","kind":"OTHER","reliability":"C"}",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:Actor THEN 'conflict' ELSE CASE WHEN n.contentHash IS NULL THEN 'created' WHEN n.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END END AS outcome
WITH n, row, outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(n[key] <> row.props[key], (n[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET n += row.props, n:Actor:ArmedGroup, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())
  REMOVE n:State, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET n.heldBy = CASE WHEN $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
                   targetType: 'Actor', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count",
    "operation": "import.nodes",
    "params": {
      "operation": "import",
      "rows": [
        {
          "id": "jnim",
          "props": {
            "aliases": [],
            "contentHash": "0dd0d82bd17dcfc98ef96eec",
            "country": null,
            "credibility": 2,
            "description": null,
            "excerpt": "x",
            "kind": "ARMED_GROUP",
            "name": "JNIM",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
          },
          "record": "{"id":"jnim","name":"JNIM","kind":"ARMED_GROUP","sourceIds":["src"],"credibility":2,"excerpt":"x"}",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, CASE WHEN n.contentHash IS NOT NULL AND NOT n:Actor THEN 'conflict' ELSE CASE WHEN n.contentHash IS NULL THEN 'created' WHEN n.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END END AS outcome
WITH n, row, outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(n[key] <> row.props[key], (n[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(n), p.preImageRun = $run, p.preImageOf = n.id, p.preImageLabels = labels(n))
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET n += row.props, n:Actor:State, n.importRun = $run, n.heldBy = [$run], n.updatedAt = datetime(), n.createdAt = coalesce(n.createdAt, datetime())
  REMOVE n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET n.heldBy = CASE WHEN $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
                   targetType: 'Actor', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count",
    "operation": "import.nodes",
    "params": {
      "operation": "import",
      "rows": [
        {
          "id": "mali",
          "props": {
            "aliases": [],
            "contentHash": "858549558b5e2c0fdfa47d62",
            "country": null,
            "credibility": 2,
            "description": null,
            "excerpt": "x",
            "kind": "STATE",
            "name": "Mali",
            "plural": null,
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
          },
          "record": "{"id":"mali","name":"Mali","kind":"STATE","sourceIds":["src"],"credibility":2,"excerpt":"x"}",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:REPORTED_BY {id: row.id}]->(b)
WITH r, row, CASE WHEN r.contentHash IS NULL THEN 'created' WHEN r.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome
WITH r, row, outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(r[key] <> row.props[key], (r[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(r), p.preImageRun = $run, p.preImageOf = r.id, p.preImageFrom = row.from, p.preImageTo = row.to)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET r += row.props, r.importRun = $run, r.heldBy = [$run], r.updatedAt = datetime(), r.createdAt = coalesce(r.createdAt, datetime()))
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET r.heldBy = CASE WHEN $run IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
                   targetType: 'REPORTED_BY', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count",
    "operation": "import.relationships",
    "params": {
      "operation": "import",
      "rows": [
        {
          "from": "jnim",
          "id": "REPORTED_BY:jnim->src",
          "props": {
            "contentHash": "a8b90940762e4380b7542453",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"jnim","to":"src","sourceIds":["src"],"credibility":2,"excerpt":"x"}",
          "to": "src",
        },
        {
          "from": "mali",
          "id": "REPORTED_BY:mali->src",
          "props": {
            "contentHash": "f678eb09c499bf1f65ec4157",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"REPORTED_BY","from":"mali","to":"src","sourceIds":["src"],"credibility":2,"excerpt":"x"}",
          "to": "src",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:OPPOSES {id: row.id}]->(b)
WITH r, row, CASE WHEN r.contentHash IS NULL THEN 'created' WHEN r.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome
WITH r, row, outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (outcome = 'created' OR coalesce(r[key] <> row.props[key], (r[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (p:ImportPreImage) SET p = properties(r), p.preImageRun = $run, p.preImageOf = r.id, p.preImageFrom = row.from, p.preImageTo = row.to)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  SET r += row.props, r.importRun = $run, r.heldBy = [$run], r.updatedAt = datetime(), r.createdAt = coalesce(r.createdAt, datetime()))
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [1] ELSE [] END | SET r.heldBy = CASE WHEN $run IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHEN size(coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL])) < 8 THEN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) + $run ELSE ['earlier'] + [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> 'earlier'][-6..] + $run END)
FOREACH (_ IN CASE WHEN outcome IN ['created', 'updated'] THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id, importRun: $run,
                   targetType: 'OPPOSES', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count",
    "operation": "import.relationships",
    "params": {
      "operation": "import",
      "rows": [
        {
          "from": "jnim",
          "id": "OPPOSES:jnim->mali",
          "props": {
            "contentHash": "3662b2d1b4af312205271171",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "x",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": null,
            "sourceIds": [
              "src",
            ],
            "tlp": null,
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"OPPOSES","from":"jnim","to":"mali","sourceIds":["src"],"credibility":2,"excerpt":"x"}",
          "to": "mali",
        },
      ],
      "run": "<run>",
      "who": "cli:test",
    },
  },
  {
    "cypher": "MATCH (run:ImportRun {id: $id})
SET run.status = $status, run.finishedAt = datetime(), run.counts = $counts, run.error = $error
FOREACH (_ IN CASE WHEN $status = 'completed' THEN [1] ELSE [] END |
  CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: run.who, operation: run.operation, targetId: run.id,
                   targetType: 'ImportRun', change: 'IMPORT_COMMITTED', changedFields: ['status'], record: $counts}))",
    "operation": "import.run.finish",
    "params": {
      "counts": "{"nodes":{"created":3,"updated":0,"unchanged":0},"relationships":{"created":3,"updated":0,"unchanged":0}}",
      "error": null,
      "id": "<run>",
      "status": "completed",
    },
  },
  {
    "cypher": "MATCH (p:ImportPreImage {preImageRun: $run}) WITH p LIMIT $batch DELETE p RETURN count(*) AS count",
    "operation": "import.run.cleanup",
    "params": {
      "batch": 10000,
      "run": "<run>",
    },
  },
]
`);
  });

  it('into a graph that holds entities: the kinds of the ids the file defines or cites, looked up in batches', async () => {
    const { db, recorded } = recordingDatabase({
      answer: (statement) => (statement.operation === 'import.entityCount' ? [{ count: 5 }] : answer(statement)),
    });
    await new StreamImporter(db).import({ file, who: 'cli:test', dryRun: true });
    expect(recorded.filter((statement) => statement.operation === 'import.knownEntities')).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, [label IN labels(n) WHERE label IN $kindLabels][0] AS label
WHERE label IS NOT NULL
RETURN n.id AS id, label",
    "operation": "import.knownEntities",
    "params": {
      "ids": [
        "src",
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
  },
]
`);
  });

  it("a file placing excerpts in a document: the text at each quote's offsets, read before anything is written", async () => {
    const quoted = path.join(dir, 'quoted.jsonl');
    const cites = { sourceIds: ['field-notes'], credibility: 2, excerpt: 'x' };
    writeFileSync(
      quoted,
      [
        { kind: 'source', record: { id: 'field-notes', title: 'Field notes', kind: 'REPORT', reliability: 'C' } },
        { kind: 'actor', record: { id: 'jnim', name: 'JNIM', kind: 'ARMED_GROUP', ...cites } },
        { kind: 'actor', record: { id: 'mali', name: 'Mali', kind: 'STATE', ...cites } },
        {
          kind: 'relationship',
          record: {
            type: 'OPPOSES',
            from: 'jnim',
            to: 'mali',
            ...cites,
            excerptSourceId: 'field-notes',
            excerptStart: 4,
            excerptEnd: 5,
          },
        },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const { db, recorded } = recordingDatabase({
      answer: (statement) =>
        statement.operation === 'import.excerpts' ? [{ index: 0, length: 10, text: 'x' }] : answer(statement),
    });
    await new StreamImporter(db).import({ file: quoted, who: 'cli:test', dryRun: true });
    expect(recorded.filter((statement) => statement.operation === 'import.excerpts')).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $quotes AS quote
OPTIONAL MATCH (t:DocumentText {sourceId: quote.documentId})
RETURN quote.index AS index, t.length AS length,
       CASE WHEN t IS NULL OR quote.end > t.length THEN null ELSE substring(t.text, quote.start, quote.end - quote.start) END AS text",
    "operation": "import.excerpts",
    "params": {
      "quotes": [
        {
          "documentId": "field-notes",
          "end": 5,
          "index": 0,
          "start": 4,
        },
      ],
    },
  },
]
`);
  });

  it('--rollback RUN_ID: history, pre-images settled under their locks, then every entity by id, locked, then settled', async () => {
    const { db, recorded } = recordingDatabase({ answer });
    await new StreamImporter(db).rollback('run-1', 'test');
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (run:ImportRun {id: $id}) RETURN run.status AS status, toString(run.startedAt) AS startedAt",
    "operation": "import.run.status",
    "params": {
      "id": "run-1",
    },
  },
  {
    "cypher": "MATCH (run:ImportRun {id: $id}) SET run.status = 'rolling-back'",
    "operation": "import.run.rollingBack",
    "params": {
      "id": "run-1",
    },
  },
  {
    "cypher": "MATCH (c:Change {importRun: $run}) WITH c LIMIT $batch DELETE c RETURN count(*) AS count",
    "operation": "import.rollback.changes",
    "params": {
      "batch": 10000,
      "run": "run-1",
    },
  },
  {
    "cypher": "MATCH (p:ImportPreImage {preImageRun: $run})
WITH p LIMIT $batch
OPTIONAL MATCH (n:Entity {id: p.preImageOf}) WHERE p.preImageFrom IS NULL
OPTIONAL MATCH (:Entity {id: p.preImageFrom})-[r {id: p.preImageOf}]->(:Entity {id: p.preImageTo})
SET n.rollbackLock = true REMOVE n.rollbackLock
SET r.rollbackLock = true REMOVE r.rollbackLock
RETURN collect(elementId(p)) AS preImages",
    "operation": "import.rollback.preImages",
    "params": {
      "batch": 10000,
      "run": "run-1",
      "startedAt": "2026-01-01T00:00:00Z",
    },
  },
  {
    "cypher": "UNWIND $preImages AS preImage
MATCH (p:ImportPreImage) WHERE elementId(p) = preImage AND p.preImageFrom IS NOT NULL
OPTIONAL MATCH (:Entity {id: p.preImageFrom})-[r {id: p.preImageOf}]->(:Entity {id: p.preImageTo})
WITH p, r, r.importRun = $run AND $run IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) AS ours, [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> $run] + CASE WHEN EXISTS { MATCH (c:Change {targetId: r.id}) WHERE c.at >= datetime($startedAt) AND coalesce(c.importRun, '') <> $run } AND NOT 'curated' IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN ['curated'] ELSE [] END AS others
WITH p, r, others, coalesce(ours AND size(others) = 0, false) AS restore, coalesce(ours AND size(others) > 0, false) AS handOver
WITH p, r, others, restore, handOver, head([h IN others WHERE NOT h IN ['curated', 'earlier']]) AS heir
OPTIONAL MATCH (heirRun:ImportRun {id: heir}) WHERE handOver AND heirRun.status = 'running'
  AND NOT EXISTS { MATCH (:ImportPreImage {preImageRun: heir, preImageOf: p.preImageOf}) }
FOREACH (_ IN CASE WHEN handOver THEN [1] ELSE [] END | SET r.heldBy = others, r.importRun = heir)
FOREACH (_ IN CASE WHEN restore THEN [1] ELSE [] END | SET r = properties(p) REMOVE r.preImageRun, r.preImageOf, r.preImageFrom, r.preImageTo, r.preImageLabels)
FOREACH (_ IN CASE WHEN heirRun IS NOT NULL THEN [1] ELSE [] END | SET p.preImageRun = heirRun.id)
FOREACH (_ IN CASE WHEN heirRun IS NULL THEN [1] ELSE [] END | DELETE p)
RETURN count(*) AS count, sum(CASE WHEN restore THEN 1 ELSE 0 END) AS restored",
    "operation": "import.rollback.preImages",
    "params": {
      "batch": 10000,
      "preImages": [
        "pre-image-1",
      ],
      "run": "run-1",
      "startedAt": "2026-01-01T00:00:00Z",
    },
  },
  {
    "cypher": "UNWIND $preImages AS preImage
MATCH (p:ImportPreImage) WHERE elementId(p) = preImage AND p.preImageFrom IS NULL
OPTIONAL MATCH (n:Entity {id: p.preImageOf})
WITH p, n, n.importRun = $run AND $run IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) AS ours, [h IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) WHERE h <> $run] + CASE WHEN EXISTS { MATCH (c:Change {targetId: n.id}) WHERE c.at >= datetime($startedAt) AND coalesce(c.importRun, '') <> $run } AND NOT 'curated' IN coalesce(n.heldBy, [h IN [n.importRun] WHERE h IS NOT NULL]) THEN ['curated'] ELSE [] END AS others
WITH p, n, others, coalesce(ours AND size(others) = 0, false) AS restore, coalesce(ours AND size(others) > 0, false) AS handOver
WITH p, n, others, restore, handOver, head([h IN others WHERE NOT h IN ['curated', 'earlier']]) AS heir
OPTIONAL MATCH (heirRun:ImportRun {id: heir}) WHERE handOver AND heirRun.status = 'running'
  AND NOT EXISTS { MATCH (:ImportPreImage {preImageRun: heir, preImageOf: p.preImageOf}) }
FOREACH (_ IN CASE WHEN handOver THEN [1] ELSE [] END | SET n.heldBy = others, n.importRun = heir)
FOREACH (_ IN CASE WHEN restore THEN [1] ELSE [] END |
  SET n = properties(p)
  REMOVE n.preImageRun, n.preImageOf, n.preImageFrom, n.preImageTo, n.preImageLabels, n:Actor, n:Location, n:Event, n:Allegation, n:Source, n:State, n:ArmedGroup, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n:Country, n:Region, n:City, n:Corridor)
FOREACH (_ IN CASE WHEN restore AND 'Actor' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Actor)
FOREACH (_ IN CASE WHEN restore AND 'Location' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Location)
FOREACH (_ IN CASE WHEN restore AND 'Event' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Event)
FOREACH (_ IN CASE WHEN restore AND 'Allegation' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Allegation)
FOREACH (_ IN CASE WHEN restore AND 'Source' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Source)
FOREACH (_ IN CASE WHEN restore AND 'State' IN p.preImageLabels THEN [1] ELSE [] END | SET n:State)
FOREACH (_ IN CASE WHEN restore AND 'ArmedGroup' IN p.preImageLabels THEN [1] ELSE [] END | SET n:ArmedGroup)
FOREACH (_ IN CASE WHEN restore AND 'Alliance' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Alliance)
FOREACH (_ IN CASE WHEN restore AND 'Organization' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Organization)
FOREACH (_ IN CASE WHEN restore AND 'Agency' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Agency)
FOREACH (_ IN CASE WHEN restore AND 'Force' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Force)
FOREACH (_ IN CASE WHEN restore AND 'Person' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Person)
FOREACH (_ IN CASE WHEN restore AND 'Group' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Group)
FOREACH (_ IN CASE WHEN restore AND 'Country' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Country)
FOREACH (_ IN CASE WHEN restore AND 'Region' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Region)
FOREACH (_ IN CASE WHEN restore AND 'City' IN p.preImageLabels THEN [1] ELSE [] END | SET n:City)
FOREACH (_ IN CASE WHEN restore AND 'Corridor' IN p.preImageLabels THEN [1] ELSE [] END | SET n:Corridor)
FOREACH (_ IN CASE WHEN heirRun IS NOT NULL THEN [1] ELSE [] END | SET p.preImageRun = heirRun.id)
FOREACH (_ IN CASE WHEN heirRun IS NULL THEN [1] ELSE [] END | DELETE p)
RETURN count(*) AS count, sum(CASE WHEN restore THEN 1 ELSE 0 END) AS restored",
    "operation": "import.rollback.preImages",
    "params": {
      "batch": 10000,
      "preImages": [
        "pre-image-1",
      ],
      "run": "run-1",
      "startedAt": "2026-01-01T00:00:00Z",
    },
  },
  {
    "cypher": "MATCH (a:Entity) WHERE a.id > $after
WITH a ORDER BY a.id ASC LIMIT $batch
WITH collect(a) AS nodes, max(a.id) AS last, count(a) AS scanned
CALL (nodes) {
  UNWIND nodes AS a
  OPTIONAL MATCH (a)-[r]-() WHERE (coalesce(r.importRun = $run, false) OR $run IN coalesce(r.heldBy, []))
  WITH a, collect(r) AS rels
  FOREACH (x IN CASE WHEN (coalesce(a.importRun = $run, false) OR $run IN coalesce(a.heldBy, [])) THEN [a] ELSE [] END | SET x.rollbackLock = true REMOVE x.rollbackLock)
  FOREACH (r IN rels | SET r.rollbackLock = true REMOVE r.rollbackLock)
  RETURN count(*) AS locked
}
RETURN last, scanned",
    "operation": "import.rollback.touched",
    "params": {
      "after": "",
      "batch": 10000,
      "run": "run-1",
      "startedAt": "2026-01-01T00:00:00Z",
    },
  },
  {
    "cypher": "CALL () {
  MATCH (a:Entity) WHERE a.id > $after AND a.id <= $last AND (coalesce(a.importRun = $run, false) OR $run IN coalesce(a.heldBy, []))
  WITH a, coalesce(a.importRun = $run, false) AS created, [h IN coalesce(a.heldBy, [h IN [a.importRun] WHERE h IS NOT NULL]) WHERE h <> $run] + CASE WHEN EXISTS { MATCH (c:Change {targetId: a.id}) WHERE c.at >= datetime($startedAt) AND coalesce(c.importRun, '') <> $run } AND NOT 'curated' IN coalesce(a.heldBy, [h IN [a.importRun] WHERE h IS NOT NULL]) THEN ['curated'] ELSE [] END AS others
  WITH a, created, others,
       CASE WHEN created AND size(others) = 0 THEN [h IN COLLECT {
         MATCH (a)-[r]-() WHERE NOT coalesce(r.importRun = $run AND all(h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h = $run), false)
         UNWIND CASE WHEN size(coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL])) = 0 THEN ['curated'] ELSE coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) END AS h RETURN h
         UNION
         MATCH (s)-[r:REPORTED_BY]->(a) WHERE coalesce(r.importRun = $run AND all(h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h = $run), false) AND (type(r) = 'REPORTED_BY' AND endNode(r).id IN startNode(r).sourceIds) AND (NOT coalesce(s.importRun = $run AND all(h IN coalesce(s.heldBy, [h IN [s.importRun] WHERE h IS NOT NULL]) WHERE h = $run), false) OR EXISTS { MATCH (c:Change {targetId: s.id}) WHERE c.at >= datetime($startedAt) AND coalesce(c.importRun, '') <> $run } OR EXISTS { MATCH (s)-[l]-() WHERE NOT coalesce(l.importRun = $run AND all(h IN coalesce(l.heldBy, [h IN [l.importRun] WHERE h IS NOT NULL]) WHERE h = $run), false) })
         WITH [h IN coalesce(s.heldBy, [h IN [s.importRun] WHERE h IS NOT NULL]) WHERE h <> $run] AS holders LIMIT 8
         UNWIND CASE WHEN size(holders) = 0 THEN ['curated'] ELSE holders END AS h RETURN h
       } WHERE h <> $run] ELSE [] END AS keepers
  WITH a, created, created AND size(others) = 0 AND size(keepers) = 0 AS gone,
       CASE WHEN size(others) > 0 OR NOT created THEN others ELSE keepers END AS heirs
  WITH a, created, gone, heirs, CASE WHEN gone THEN COUNT { (a)--() } ELSE 0 END AS detached
  FOREACH (_ IN CASE WHEN NOT gone THEN [1] ELSE [] END | SET a.heldBy = heirs, a.importRun = CASE WHEN created THEN head([h IN heirs WHERE NOT h IN ['curated', 'earlier']]) ELSE a.importRun END)
  FOREACH (_ IN CASE WHEN gone THEN [1] ELSE [] END | DETACH DELETE a)
  RETURN sum(CASE WHEN gone THEN 1 ELSE 0 END) AS deleted, sum(detached) AS detached
}
CALL () {
  MATCH (a:Entity) WHERE a.id > $after AND a.id <= $last
  MATCH (a)-[r]->() WHERE (coalesce(r.importRun = $run, false) OR $run IN coalesce(r.heldBy, []))
  WITH a, r, coalesce(r.importRun = $run, false) AS created, [h IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) WHERE h <> $run] + CASE WHEN EXISTS { MATCH (c:Change {targetId: r.id}) WHERE c.at >= datetime($startedAt) AND coalesce(c.importRun, '') <> $run } AND NOT 'curated' IN coalesce(r.heldBy, [h IN [r.importRun] WHERE h IS NOT NULL]) THEN ['curated'] ELSE [] END AS others, (type(r) = 'REPORTED_BY' AND endNode(r).id IN startNode(r).sourceIds) AS evidence
  WITH r, created, created AND size(others) = 0 AND NOT evidence AS gone,
       CASE WHEN size(others) > 0 OR NOT created THEN others ELSE [h IN coalesce(a.heldBy, [h IN [a.importRun] WHERE h IS NOT NULL]) WHERE h <> $run] END AS heirs
  FOREACH (_ IN CASE WHEN NOT gone THEN [1] ELSE [] END | SET r.heldBy = heirs, r.importRun = CASE WHEN created THEN head([h IN heirs WHERE NOT h IN ['curated', 'earlier']]) ELSE r.importRun END)
  FOREACH (_ IN CASE WHEN gone THEN [1] ELSE [] END | DELETE r)
  RETURN sum(CASE WHEN gone THEN 1 ELSE 0 END) AS relationships
}
RETURN relationships + detached AS relationships, deleted",
    "operation": "import.rollback.touched",
    "params": {
      "after": "",
      "batch": 10000,
      "last": "zz",
      "run": "run-1",
      "startedAt": "2026-01-01T00:00:00Z",
    },
  },
  {
    "cypher": "MATCH (run:ImportRun {id: $id})
SET run.status = 'rolled-back', run.finishedAt = datetime(), run.error = $error, run.rolledBack = $undone
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: run.who, operation: run.operation, targetId: run.id,
                   targetType: 'ImportRun', change: 'IMPORT_ROLLED_BACK', changedFields: ['status'], record: $undone})",
    "operation": "import.run.finish",
    "params": {
      "error": "test",
      "id": "run-1",
      "undone": "{"restored":2,"deletedNodes":0,"deletedRelationships":0}",
    },
  },
]
`);
  });

  it('the warning about unfinished runs', async () => {
    const { db, recorded } = recordingDatabase({ answer });
    await new StreamImporter(db).unfinishedRuns();
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (run:ImportRun) WHERE run.status IN ['running', 'rolling-back']
RETURN run.id AS id, toString(run.startedAt) AS startedAt, run.file AS file ORDER BY run.startedAt",
    "operation": "import.run.unfinished",
    "params": {},
  },
]
`);
  });
});
