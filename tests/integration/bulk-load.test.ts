import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ExportRepository, exportWholeBundle } from '../../src/bundle/export';
import { CurationService } from '../../src/curation/curation.service';
import type { Database } from '../../src/db';
import { startLocalNeo4j, type LocalNeo4j } from '../../tools/neo4j/local-neo4j';
import { clearGraph, neo4jUri, openDatabase, seededDatabase } from '../support/database';

/**
 * The offline path for an initial load: the seed graph (plus text that CSV finds hard) exported
 * with `--format neo4j-csv`, loaded by `npm run import:bulk` (neo4j-admin database import) into a
 * throw-away store, then that store started and compared with the source, property by property
 * and type by type, and through the JSON bundle export.
 */

const run = promisify(execFile);
const DIST = path.join(__dirname, '..', '..', 'dist', 'src', 'cli');

/** Text a CSV writer gets wrong easily: line breaks, quotes, commas, a leading "=", list items with commas. */
const AWKWARD = {
  format: 'sahel-graph-bundle',
  version: 1,
  sources: [
    {
      id: 'bulk-source',
      title: 'A "quoted" title,\nover two lines',
      kind: 'ARTICLE',
      reliability: 'B',
      published: '2024-03',
    },
  ],
  actors: [
    {
      id: 'bulk-actor',
      name: '=Formula-looking, name',
      aliases: ['Kayes, Mali', 'États "du" Sahel'],
      kind: 'ARMED_GROUP',
      sourceIds: ['bulk-source'],
      credibility: 2,
      excerpt: 'said so',
    },
  ],
  events: [
    {
      id: 'bulk-event',
      type: 'BLOCKADE',
      title: 'Blockade',
      description: 'Line one\r\nLine two, "quoted"',
      start: '2023-05-17',
      end: '2024',
      sourceIds: ['bulk-source'],
      credibility: 3,
      excerpt: 'a blockade',
    },
  ],
  relationships: [
    {
      type: 'PARTICIPATED_IN',
      from: 'bulk-actor',
      to: 'bulk-event',
      role: 'INITIATOR',
      validFrom: '2023',
      sourceIds: ['bulk-source'],
      credibility: 4,
      excerpt: 'led it',
    },
  ],
};

type Row = Record<string, unknown>;

/** Each property as [name, Neo4j type, value], temporal values as their ISO text. */
const typed = (props: Array<[string, string, unknown]>) =>
  props
    .map(([key, type, value]) => [
      key,
      type,
      value !== null && typeof value === 'object' && !Array.isArray(value) ? String(value) : value,
    ])
    .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));

/** Every exported entity and relationship with all its properties and their Neo4j types, in a stable order. */
async function canonicalGraph(db: Database): Promise<{ nodes: Row[]; relationships: Row[] }> {
  const nodes = await db.read<Row>(
    'test.bulk.nodes',
    `MATCH (n:Entity) WHERE n.retracted IS NULL OR n:Source
     RETURN n.id AS id, labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props ORDER BY id`,
  );
  const relationships = await db.read<Row>(
    'test.bulk.relationships',
    `MATCH (a:Entity)-[r]->(b:Entity)
     WHERE (a.retracted IS NULL OR a:Source) AND r.retracted IS NULL AND b.retracted IS NULL
     RETURN a.id AS from, type(r) AS type, b.id AS to, r.id AS id, [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props
     ORDER BY from, type, to, id`,
  );
  return {
    nodes: nodes.map((n) => ({ ...n, labels: [...(n.labels as string[])].sort(), props: typed(n.props as never) })),
    relationships: relationships.map((r) => ({ ...r, props: typed(r.props as never) })),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The CLI as a user runs it: the local store of `npm start`, here a throw-away folder, and no NEO4J_URI. */
async function bulkLoad(args: string[], env: Record<string, string>) {
  const { NEO4J_URI: _ignored, ...rest } = process.env;
  return run(process.execPath, [path.join(DIST, 'bulk-load.js'), ...args], {
    env: { ...rest, LOG_LEVEL: 'warn', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error }),
  );
}

describe('bulk load (neo4j-admin database import) from the neo4j-csv export', () => {
  let db: Database;
  const scratch = mkdtempSync(path.join(tmpdir(), 'sahel-bulk-'));
  const csv = path.join(scratch, 'csv');
  const store = path.join(scratch, 'store');
  let loaded: LocalNeo4j | undefined;

  beforeAll(async () => {
    db = await seededDatabase();
    await new CurationService(db).importBundle(AWKWARD, { who: 'system' });
  }, 180_000);
  afterAll(async () => {
    await loaded?.stop();
    if (db) {
      await clearGraph(db);
      await db.close();
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('exports, bulk-loads into an empty store and yields the same entities, relationships, properties and types', async () => {
    await run(process.execPath, [path.join(DIST, 'export.js'), '--format', 'neo4j-csv', '--out', csv], {
      env: { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn' },
    });
    const nodesHeader = readFileSync(path.join(csv, 'nodes.csv'), 'utf8').split('\n')[0].split(',');
    expect(nodesHeader.slice(0, 2)).toEqual(['id:ID', ':LABEL']);
    expect(nodesHeader).toEqual(
      expect.arrayContaining([
        'credibility:double',
        'sourceIds:string[]',
        'startDate:date',
        'createdAt:datetime',
        'name',
      ]),
    );
    const relationshipsHeader = readFileSync(path.join(csv, 'relationships.csv'), 'utf8').split('\n')[0].split(',');
    expect(relationshipsHeader.slice(0, 3)).toEqual([':START_ID', ':END_ID', ':TYPE']);
    const manifest = JSON.parse(readFileSync(path.join(csv, 'manifest.json'), 'utf8'));
    expect(manifest.multilineFields).toBe(true); // the awkward title and description
    expect(manifest.counts.emptyLists).toBeGreaterThan(0); // events store aliases: []

    const source = await canonicalGraph(db);
    expect(source.nodes.length).toBe(manifest.counts.nodes);
    const result = await bulkLoad([csv], { NEO4J_LOCAL_DATA_DIR: store, NEO4J_LOCAL_PORT: String(await freePort()) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`bulk-loaded ${manifest.counts.nodes} nodes and ${manifest.counts.relationships} relationships`),
    );
    expect(result.stdout).toMatch(/migrations applied: 0001_entity_id_unique, /);

    loaded = await startLocalNeo4j({ dataDir: store });
    const copy = openDatabase({ uri: loaded.uri });
    try {
      expect(await canonicalGraph(copy)).toEqual(source);
      expect(await exportWholeBundle(new ExportRepository(copy))).toEqual(
        await exportWholeBundle(new ExportRepository(db)),
      );
      const constraints = await copy.read<{ name: string }>('test.bulk.constraints', 'SHOW CONSTRAINTS YIELD name');
      expect(constraints.map((c) => c.name)).toContain('entity_id_unique');
      const [others] = await copy.read<{ count: number }>(
        'test.bulk.others',
        'MATCH (n) WHERE NOT n:Entity AND NOT n:Migration RETURN count(n) AS count',
      );
      expect(others.count).toBe(0);
    } finally {
      await copy.close();
    }
  }, 300_000);

  it('refuses a store in use, a store that holds a database, and NEO4J_URI, with messages that say what to do', async () => {
    expect(loaded).toBeDefined(); // the store of the previous test, still running
    const port = Number(new URL(loaded!.uri.replace('bolt:', 'http:')).port);
    const running = await bulkLoad([csv, '--overwrite-destination'], {
      NEO4J_LOCAL_DATA_DIR: store,
      NEO4J_LOCAL_PORT: String(port),
    });
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(/Something answers on 127\.0\.0\.1:\d+ .* A bulk load is offline: stop it/);

    // Not on the port the CLI checks, but the importer finds the store locked.
    const locked = await bulkLoad([csv, '--overwrite-destination'], {
      NEO4J_LOCAL_DATA_DIR: store,
      NEO4J_LOCAL_PORT: String(await freePort()),
    });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/The Neo4j store .* is in use .* A bulk load is offline: stop that process/);
    await loaded!.stop();
    loaded = undefined;

    const occupied = await bulkLoad([csv], { NEO4J_LOCAL_DATA_DIR: store, NEO4J_LOCAL_PORT: String(await freePort()) });
    expect(occupied.code).toBe(1);
    expect(occupied.stderr).toMatch(/already holds the database "neo4j".*--overwrite-destination/);

    const remote = await bulkLoad([csv], { NEO4J_URI: neo4jUri(), NEO4J_LOCAL_DATA_DIR: store });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/NEO4J_URI is set .* loads only the local store/);

    const notAnExport = await bulkLoad([scratch], { NEO4J_LOCAL_DATA_DIR: store });
    expect(notAnExport.code).toBe(1);
    expect(notAnExport.stderr).toMatch(/manifest\.json does not exist/);
  }, 180_000);
});
