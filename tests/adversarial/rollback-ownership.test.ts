import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImportRolledBackError, StreamImporter } from '../../src/bundle/load';
import { CurationService } from '../../src/curation/curation.service';
import { HistoryRepository } from '../../src/curation/history.repository';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { ActorKind, RelationshipType } from '../../src/model/vocabulary';
import { clearGraph, graphCounts, openDatabase } from '../support/database';
import { killImportWhen, runImport } from '../support/import-cli';

/**
 * Attacks on what a rollback may undo (issue 19, item 1), against the real Neo4j with real
 * `npm run import` processes killed by SIGKILL: a rollback takes back exactly what its run
 * changed, never a record a completed run, a concurrent run or a curator relies on.
 */

type Line = { kind: string; record: Record<string, unknown> };

const source = (id: string): Line => ({
  kind: 'source',
  record: { id, title: `Source ${id}`, kind: 'OTHER', reliability: 'C' },
});
const actor = (id: string, sourceId: string, name = `Group ${id}`): Line => ({
  kind: 'actor',
  record: { id, name, kind: 'ARMED_GROUP', sourceIds: [sourceId], credibility: 3, excerpt: 'reported' },
});
const link = (type: string, from: string, to: string, sourceId: string, excerpt = 'reported'): Line => ({
  kind: 'relationship',
  record: { type, from, to, sourceIds: [sourceId], credibility: 3, excerpt },
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('rollback: a run owns only what it wrote', () => {
  let db: Database;
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-rollback-'));
  const jsonl = (name: string, lines: Line[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    return file;
  };
  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await db.read<{ n: number }>('test.count', cypher, params))[0].n;
  const runOf = async (file: string) =>
    (
      await db.read<{ id: string; status: string }>(
        'test.run',
        'MATCH (r:ImportRun {file: $file}) RETURN r.id AS id, r.status AS status',
        { file },
      )
    )[0];
  /** Kill once the run is well into its relationships: its nodes (the source last of them) are all written. */
  const killedInRelationships = (prefix: string) => async () =>
    (await count('MATCH (a:Actor)-[r:SUPPORTS]->() WHERE a.id STARTS WITH $prefix RETURN count(r) AS n', { prefix })) >
    300;
  const runIdOf = (stdout: string) => /import run ([0-9a-f-]{36})/.exec(stdout)?.[1] ?? '';
  /**
   * Every node and relationship `holder` holds, with labels and properties (minus the holder
   * bookkeeping when `content` only), as one sorted JSON text: equal texts, equal records.
   */
  const recordsHeldBy = async (holder: string, content = false) => {
    const rows = await db.read<{ key: string; record: unknown }>(
      'test.held',
      `CALL () {
         MATCH (n:Entity) WHERE $holder IN n.heldBy
         RETURN n.id AS key, [labels(n), properties(n)] AS record
         UNION
         MATCH (a)-[r]->(b) WHERE $holder IN r.heldBy
         RETURN type(r) + ':' + a.id + '->' + b.id AS key, properties(r) AS record
       } RETURN key, record ORDER BY key`,
      { holder },
    );
    const strip = (record: unknown) =>
      content
        ? JSON.parse(JSON.stringify(record), (k: string, v: unknown) =>
            k === 'heldBy' || k === 'importRun' ? undefined : v,
          )
        : record;
    return JSON.stringify(rows.map((row) => [row.key, strip(row.record)]));
  };
  const runTouches = (run: string) =>
    count(
      'CALL () { MATCH (n:Entity) WHERE n.importRun = $run OR $run IN n.heldBy RETURN count(n) AS c UNION ALL ' +
        'MATCH ()-[r]->() WHERE r.importRun = $run OR $run IN r.heldBy RETURN count(r) AS c } RETURN sum(c) AS n',
      { run },
    );

  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
  });
  beforeEach(() => clearGraph(db));
  afterAll(async () => {
    await clearGraph(db);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 then --rollback B: run A (completed) is exactly as before B started, shared source and links intact', async () => {
    const fileA = jsonl('a.jsonl', [
      source('own-src'),
      ...range(100).map((i) => actor(`own-a-${i}`, 'own-src')),
      ...range(50).map((i) => link('OPPOSES', `own-a-${i}`, `own-a-${i + 1}`, 'own-src')),
    ]);
    const a = await runImport([fileA]);
    expect(a.code).toBe(0);
    const runA = runIdOf(a.stdout);
    const before = await graphCounts(db);
    const recordsA = await recordsHeldBy(runA);
    expect(JSON.parse(recordsA)).toHaveLength(1 + 100 + 100 + 50); // source, actors, REPORTED_BY, OPPOSES

    // B: the same source and 20 of A's actors unchanged, 10 of them renamed, then its own.
    const fileB = jsonl('b.jsonl', [
      source('own-src'),
      ...range(20).map((i) => actor(`own-a-${i}`, 'own-src')),
      ...range(10).map((i) => actor(`own-a-${20 + i}`, 'own-src', `Renamed by B ${i}`)),
      ...range(3_000).map((i) => actor(`own-b-${i}`, 'own-src')),
      ...range(2_999).map((i) => link('SUPPORTS', `own-b-${i}`, `own-b-${i + 1}`, 'own-src')),
      link('OPPOSES', 'own-a-0', 'own-b-0', 'own-src'),
    ]);
    await killImportWhen([fileB, '--batch-size', '100', '--concurrency', '1'], killedInRelationships('own-b-'));
    const runB = await runOf(fileB);
    expect(runB.status).toBe('running');
    // B confirmed the source and A's actors, and renamed ten: all of it is B's to give back.
    expect(
      await count("MATCH (s:Source {id: 'own-src'}) WHERE $b IN s.heldBy RETURN count(s) AS n", { b: runB.id }),
    ).toBe(1);
    expect(await count("MATCH (a:Actor) WHERE a.name STARTS WITH 'Renamed by B' RETURN count(a) AS n")).toBe(10);

    const undo = await runImport(['--rollback', runB.id]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/restored 10 records, deleted [1-9]\d* nodes/);
    // + B's run node and its IMPORT_ROLLED_BACK history entry (the change feed's, docs/changes.md)
    expect(await graphCounts(db)).toEqual({ nodes: before.nodes + 2, relationships: before.relationships });
    expect(await recordsHeldBy(runA)).toBe(recordsA);
    expect(await count("MATCH (:Actor)-[r:REPORTED_BY]->(:Source {id: 'own-src'}) RETURN count(r) AS n")).toBe(100);
    expect(await runTouches(runB.id)).toBe(0);
    // Run again (an interrupted rollback is finished this way): nothing left to do.
    const again = await runImport(['--rollback', runB.id]);
    expect(again.stdout).toContain('restored 0 records, deleted 0 nodes and 0 relationships');
  }, 180_000);

  it('B writes the shared source first and is killed; A completes on it; --rollback B leaves A whole', async () => {
    const fileB = jsonl('b2.jsonl', [
      source('own2-src'),
      ...range(3_000).map((i) => actor(`own2-b-${i}`, 'own2-src')),
      ...range(2_999).map((i) => link('SUPPORTS', `own2-b-${i}`, `own2-b-${i + 1}`, 'own2-src')),
    ]);
    await killImportWhen([fileB, '--batch-size', '100', '--concurrency', '1'], killedInRelationships('own2-b-'));
    const runB = await runOf(fileB);
    // A relies on what B wrote: the source, ten of B's actors (unchanged), links to them.
    const fileA = jsonl('a2.jsonl', [
      source('own2-src'),
      ...range(10).map((i) => actor(`own2-b-${i}`, 'own2-src')),
      ...range(100).map((i) => actor(`own2-a-${i}`, 'own2-src')),
      ...range(100).map((i) => link('OPPOSES', `own2-a-${i}`, `own2-b-${i % 10}`, 'own2-src')),
    ]);
    const a = await runImport([fileA]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/nodes\s+created 100, updated 0, unchanged 11/);
    const runA = runIdOf(a.stdout);
    const contentA = await recordsHeldBy(runA, true);
    expect(JSON.parse(contentA)).toHaveLength(11 + 100 + 110 + 100);

    expect((await runImport(['--rollback', runB.id])).code).toBe(0);
    expect(await recordsHeldBy(runA, true)).toBe(contentA);
    expect(await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'own2-' RETURN count(a) AS n")).toBe(110);
    expect(await count("MATCH ()-[r:REPORTED_BY]->(:Source {id: 'own2-src'}) RETURN count(r) AS n")).toBe(110);
    expect(await count('MATCH ()-[r:SUPPORTS]->() RETURN count(r) AS n')).toBe(0);
    // What B created and A confirmed is A's now: A's history, A's rollback.
    expect(
      await count("MATCH (s:Source {id: 'own2-src'}) WHERE s.importRun = $a RETURN count(s) AS n", { a: runA }),
    ).toBe(1);
    expect(await runTouches(runB.id)).toBe(0);
  }, 180_000);

  it('two runs at once on a shared source: one fails and rolls back, the other completes whole', async () => {
    const importer = new StreamImporter(db);
    await db.schemaWrite(
      'test.constraint',
      'CREATE CONSTRAINT test_rollback_supports_excerpt IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.excerpt IS UNIQUE',
    );
    try {
      // B creates the shared source, links to it, and fails on its last relationship batch.
      const fileB = jsonl('b3.jsonl', [
        source('own3-src'),
        ...range(300).map((i) => actor(`own3-a-${i}`, 'own3-src')),
        ...range(300).map((i) => actor(`own3-b-${i}`, 'own3-src')),
        ...range(299).map((i) => link('SUPPORTS', `own3-b-${i}`, `own3-b-${i + 1}`, 'own3-src', `b ${i}`)),
        link('SUPPORTS', `own3-b-299`, 'own3-b-0', 'own3-src', 'b 0'),
      ]);
      const fileA = jsonl('a3.jsonl', [
        source('own3-src'),
        ...range(2_000).map((i) => actor(`own3-a-${i}`, 'own3-src')),
        ...range(1_999).map((i) => link('OPPOSES', `own3-a-${i}`, `own3-a-${i + 1}`, 'own3-src')),
      ]);
      const b = importer.import({ file: fileB, who: 'b', batchSize: 50, concurrency: 1 }).catch((e: unknown) => e);
      // A starts once B holds the source (B's write, or a bare MERGE lock, is on it).
      while (!(await count("MATCH (s:Source {id: 'own3-src'}) RETURN count(s) AS n"))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const summaryA = await importer.import({ file: fileA, who: 'a', batchSize: 50, concurrency: 2 });
      expect(await b).toBeInstanceOf(ImportRolledBackError);
      expect(summaryA.nodes.created + summaryA.nodes.updated + summaryA.nodes.unchanged).toBe(2_001);
      expect(await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'own3-a-' RETURN count(a) AS n")).toBe(2_000);
      expect(await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'own3-b-' RETURN count(a) AS n")).toBe(0);
      expect(await count("MATCH (:Actor)-[r:REPORTED_BY]->(:Source {id: 'own3-src'}) RETURN count(r) AS n")).toBe(
        2_000,
      );
      expect(await count('MATCH ()-[r:OPPOSES]->() RETURN count(r) AS n')).toBe(1_999);
      expect(
        await count(
          "MATCH (a:Actor) WHERE a.id STARTS WITH 'own3-a-' AND a.name = 'Group ' + a.id RETURN count(a) AS n",
        ),
      ).toBe(2_000);
    } finally {
      await db.schemaWrite('test.constraint', 'DROP CONSTRAINT test_rollback_supports_excerpt IF EXISTS');
    }
  }, 180_000);

  it("a curator's upsertActor and addRelationship on nodes a killed run created survive its rollback, and history agrees", async () => {
    const fileB = jsonl('b4.jsonl', [
      source('own4-src'),
      ...range(3_000).map((i) => actor(`own4-b-${i}`, 'own4-src')),
      ...range(2_999).map((i) => link('SUPPORTS', `own4-b-${i}`, `own4-b-${i + 1}`, 'own4-src')),
    ]);
    await killImportWhen([fileB, '--batch-size', '100', '--concurrency', '1'], killedInRelationships('own4-b-'));
    const runB = await runOf(fileB);
    const curation = new CurationService(db);
    const evidence = { sourceIds: ['own4-src'], credibility: 2, excerpt: 'seen by a curator' };
    await curation.upsertActor(
      { id: 'own4-b-3', name: 'Curated name', kind: ActorKind.ARMED_GROUP, ...evidence } as never,
      'curator',
    );
    await curation.addRelationship(
      { type: RelationshipType.OPPOSES, from: 'own4-b-4', to: 'own4-b-5', ...evidence } as never,
      'curator',
    );

    expect((await runImport(['--rollback', runB.id])).code).toBe(0);
    const [kept] = await db.read<{ name: string }>(
      'test.kept',
      "MATCH (a:Actor {id: 'own4-b-3'}) RETURN a.name AS name",
    );
    expect(kept).toEqual({ name: 'Curated name' });
    expect(
      await count("MATCH (:Actor {id: 'own4-b-4'})-[r:OPPOSES]->(:Actor {id: 'own4-b-5'}) RETURN count(r) AS n"),
    ).toBe(1);
    // The kept nodes keep their evidence (their sourceIds still name the source); the rest of B is gone.
    expect(
      await count(
        "MATCH (a:Actor)-[:REPORTED_BY]->(:Source {id: 'own4-src'}) WHERE a.id IN ['own4-b-3', 'own4-b-4', 'own4-b-5'] RETURN count(a) AS n",
      ),
    ).toBe(3);
    expect(await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'own4-b-' RETURN count(a) AS n")).toBe(3);
    expect(await count('MATCH ()-[r:SUPPORTS]->() RETURN count(r) AS n')).toBe(0);
    const history = new HistoryRepository(db);
    expect(await history.history('own4-b-3', 10)).toEqual([
      expect.objectContaining({ operation: 'upsertActor', who: 'curator', change: 'UPDATED' }),
    ]);
    expect(await history.history('OPPOSES:own4-b-4->own4-b-5', 10)).toEqual([
      expect.objectContaining({ operation: 'addRelationship', who: 'curator', change: 'CREATED' }),
    ]);
    expect(await runTouches(runB.id)).toBe(0);
  }, 180_000);
});
