import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import {
  Neo4jCsvWriter,
  NEO4J_CSV_FILES,
  type Neo4jCsvManifest,
  type RelationshipRecordRow,
} from '../src/bundle/export';
import type { NodeRecord } from '../src/entities/entity.mapper';
import { runAdminImport } from '../tools/neo4j/admin-import';

/**
 * `npm run bench:bulk`: writes a synthetic graph in this project's model (actors and events with
 * the properties node-properties.ts stores, one source every record cites; PARTICIPATED_IN,
 * SUPPORTS, OPPOSES, AFFILIATED_WITH and REPORTED_BY with their evidence) as a neo4j-csv export,
 * through the same writer as `npm run export -- --format neo4j-csv`, then bulk-loads it with
 * `neo4j-admin database import full` into a throw-away store and prints relationships/s: by the
 * importer's own clock, and with JVM start-up. BENCH_RELATIONSHIPS (default 1,000,000; REPORTED_BY
 * included), BENCH_ENTITIES (default 200,000), BENCH_MULTILINE=1 to pay for --multiline-fields.
 */
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 1_000_000);
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 200_000);
const MULTILINE = process.env.BENCH_MULTILINE === '1';
const CHUNK = 10_000;

const now = neo4j.types.DateTime.fromStandardDate(new Date());
const SOURCE = 'bench-source';
const evidence = (i: number) => ({
  sourceIds: [SOURCE],
  credibility: 1 + (i % 6),
  excerpt: MULTILINE ? `as reported\nin part ${i}` : `as reported, part ${i}`,
  createdAt: now,
  updatedAt: now,
});
const hash = (i: number) => (i * 2654435761).toString(16).padStart(24, '0').slice(-24);

/** Half actors, half events; ids sort like the export's pages do not need to. */
function entity(i: number): NodeRecord {
  if (i % 2 === 0) {
    return {
      labels: ['Entity', 'Actor', 'ArmedGroup'],
      props: {
        id: `act-${i}`,
        name: `Actor ${i}`,
        aliases: [`A${i}`],
        kind: 'ARMED_GROUP',
        contentHash: hash(i),
        ...evidence(i),
      },
    };
  }
  const day = new Date(Date.UTC(2012, 0, 1) + (i % 5_000) * 86_400_000).toISOString().slice(0, 10);
  return {
    labels: ['Entity', 'Event'],
    props: {
      id: `evt-${i}`,
      name: `Event ${i}`,
      aliases: [],
      type: 'ATTACK',
      status: 'OCCURRED',
      start: day,
      startPrecision: 'DAY',
      startDate: neo4j.types.Date.fromStandardDate(new Date(`${day}T12:00:00Z`)),
      contentHash: hash(i),
      ...evidence(i),
    },
  };
}

const idOf = (i: number) => (i % 2 === 0 ? `act-${i}` : `evt-${i}`);

/** The j-th relationship between entities: an actor's links to events and to other actors. */
function link(j: number): RelationshipRecordRow {
  const actor = 2 * (j % (ENTITIES / 2));
  const spread = Math.floor(j / (ENTITIES / 2)) + 1;
  const kinds = ['PARTICIPATED_IN', 'SUPPORTS', 'OPPOSES', 'AFFILIATED_WITH'] as const;
  const type = kinds[j % kinds.length];
  const target =
    type === 'PARTICIPATED_IN' ? (actor + 2 * spread * 7 + 1) % ENTITIES : (actor + 2 * spread * 13) % ENTITIES;
  const fromId = idOf(actor);
  const toId = idOf(target === actor ? (target + 2) % ENTITIES : target);
  const role = type === 'PARTICIPATED_IN' ? 'PERPETRATOR' : undefined;
  return {
    type,
    fromId,
    toId,
    props: { id: `${type}:${fromId}->${toId}#${j}`, ...(role ? { role } : {}), contentHash: hash(j), ...evidence(j) },
  };
}

function writeCsv(dir: string): Neo4jCsvManifest {
  const writer = new Neo4jCsvWriter();
  const nodes = openSync(path.join(dir, NEO4J_CSV_FILES.nodes), 'w');
  const relationships = openSync(path.join(dir, NEO4J_CSV_FILES.relationships), 'w');
  const emptyLists = openSync(path.join(dir, NEO4J_CSV_FILES.emptyLists), 'w');
  try {
    writeSync(nodes, writer.nodesHeader());
    writeSync(relationships, writer.relationshipsHeader());
    const source: NodeRecord = {
      labels: ['Entity', 'Source'],
      props: { id: SOURCE, name: 'Bench source', kind: 'OTHER', reliability: 'C', createdAt: now, updatedAt: now },
    };
    writeSync(nodes, writer.nodes([source]).csv);
    // Every entity is REPORTED_BY the source it cites, as the import path writes it.
    const reportedBy = Math.min(ENTITIES, RELATIONSHIPS);
    for (let start = 0; start < ENTITIES; start += CHUNK) {
      const page = Array.from({ length: Math.min(CHUNK, ENTITIES - start) }, (_, k) => entity(start + k));
      const rows = writer.nodes(page);
      writeSync(nodes, rows.csv);
      if (rows.emptyLists) writeSync(emptyLists, rows.emptyLists);
      const reports = page.slice(0, Math.max(0, reportedBy - start)).map((node) => ({
        type: 'REPORTED_BY',
        fromId: String(node.props.id),
        toId: SOURCE,
        props: { id: `REPORTED_BY:${String(node.props.id)}->${SOURCE}`, ...evidence(start) },
      }));
      writeSync(relationships, writer.relationships(reports).csv);
    }
    for (let start = 0; start < RELATIONSHIPS - reportedBy; start += CHUNK) {
      const count = Math.min(CHUNK, RELATIONSHIPS - reportedBy - start);
      writeSync(relationships, writer.relationships(Array.from({ length: count }, (_, k) => link(start + k))).csv);
    }
  } finally {
    for (const fd of [nodes, relationships, emptyLists]) closeSync(fd);
  }
  const manifest = writer.manifest();
  writeFileSync(path.join(dir, NEO4J_CSV_FILES.manifest), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-bench-bulk-'));
  try {
    // BENCH_CSV_DIR keeps the CSV between runs (written once, then reused), to time the import alone.
    const csv = process.env.BENCH_CSV_DIR ? path.resolve(process.env.BENCH_CSV_DIR) : path.join(dir, 'csv');
    const store = path.join(dir, 'store');
    const manifestFile = path.join(csv, NEO4J_CSV_FILES.manifest);
    let started = performance.now();
    let manifest: Neo4jCsvManifest;
    if (existsSync(manifestFile)) {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Neo4jCsvManifest;
      process.stdout.write(`reusing ${csv}\n`);
    } else {
      mkdirSync(csv, { recursive: true });
      manifest = writeCsv(csv);
    }
    const mib = (file: string) => statSync(path.join(csv, file)).size / 2 ** 20;
    process.stdout.write(
      `neo4j-csv: ${manifest.counts.nodes} nodes (${mib('nodes.csv').toFixed(0)} MiB), ` +
        `${manifest.counts.relationships} relationships (${mib('relationships.csv').toFixed(0)} MiB), ` +
        `ready in ${((performance.now() - started) / 1000).toFixed(1)} s${manifest.multilineFields ? ', with line breaks in text' : ''}\n`,
    );
    started = performance.now();
    const result = await runAdminImport({
      store,
      database: 'neo4j',
      nodes: [path.join(csv, manifest.files.nodes)],
      relationships: [path.join(csv, manifest.files.relationships)],
      arrayDelimiter: manifest.arrayDelimiter,
      multilineFields: manifest.multilineFields,
      overwrite: false,
      heap: process.env.BULK_LOAD_HEAP,
      maxOffHeapMemory: process.env.BULK_LOAD_OFF_HEAP,
      log: process.env.BENCH_VERBOSE ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    if (result.relationships !== manifest.counts.relationships || result.nodes !== manifest.counts.nodes) {
      throw new Error(
        `imported ${result.nodes} nodes / ${result.relationships} relationships, expected ${JSON.stringify(manifest.counts)}`,
      );
    }
    const perSecond = (ms: number) => Math.round(result.relationships / (ms / 1000)).toLocaleString('en-US');
    process.stdout.write(
      `neo4j-admin database import: ${result.nodes} nodes, ${result.relationships} relationships, ${result.properties} properties\n` +
        `  importer's clock: ${(result.importMs / 1000).toFixed(1)} s -> ${perSecond(result.importMs)} relationships/s\n` +
        `  with JVM start-up: ${(result.wallMs / 1000).toFixed(1)} s -> ${perSecond(result.wallMs)} relationships/s\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
