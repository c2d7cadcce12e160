import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImportRolledBackError, StreamImporter } from '../../src/bundle/load';
import { HistoryRepository } from '../../src/curation/history.repository';
import type { Database } from '../../src/db';
import { BadUserInputError } from '../../src/errors';
import { writeImportFile } from '../../tools/generate-import-file';
import { clearGraph, graphCounts, openDatabase } from '../support/database';
import { migrate } from '../../src/db';

/**
 * The streaming importer against the real Neo4j: JSON Lines and the bundle, validation before
 * any write, the import run and its history, and rollback when a batch fails half way through
 * the write phase (a real uniqueness-constraint violation, not a mocked driver).
 */
describe('streaming import', () => {
  let db: Database;
  let importer: StreamImporter;
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-stream-import-'));
  const jsonl = (name: string, lines: unknown[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    return file;
  };
  const evidence = { sourceIds: ['si-src'], credibility: 3, excerpt: 'reported' };
  const source = { kind: 'source', record: { id: 'si-src', title: 'A source', kind: 'OTHER', reliability: 'C' } };
  const actor = (id: string, extra: object = {}) => ({
    kind: 'actor',
    record: { id, name: `Group ${id}`, kind: 'ARMED_GROUP', ...evidence, ...extra },
  });
  const supports = (from: string, to: string, extra: object = {}) => ({
    kind: 'relationship',
    record: { type: 'SUPPORTS', from, to, ...evidence, ...extra },
  });
  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await db.read<{ n: number }>('test.count', cypher, params))[0].n;

  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
    importer = new StreamImporter(db);
  });
  beforeEach(() => clearGraph(db));
  afterAll(() => db.close());

  it('imports JSON Lines in any order (relationships before their ends), as one completed run the history shows', async () => {
    const file = jsonl('forward.jsonl', [
      { kind: 'header', format: 'sahel-graph-bundle', version: 1 },
      supports('si-a', 'si-b'),
      actor('si-a'),
      actor('si-b', { kind: 'FORCE' }),
      source,
    ]);
    const summary = await importer.import({ file, who: 'test' });
    expect(summary).toMatchObject({
      format: 'jsonl',
      records: 4,
      nodes: { created: 3, updated: 0, unchanged: 0 },
      relationships: { created: 3, updated: 0, unchanged: 0 }, // SUPPORTS + two REPORTED_BY
    });
    expect(
      await count(
        'MATCH (:Actor:Force {id: "si-b"})<-[:SUPPORTS]-(:Actor:ArmedGroup {id: "si-a"}) RETURN count(*) AS n',
      ),
    ).toBe(1);
    const [run] = await db.read<{ status: string; who: string; file: string; counts: string }>(
      'test.run',
      'MATCH (r:ImportRun {id: $id}) RETURN r.status AS status, r.who AS who, r.file AS file, r.counts AS counts',
      { id: summary.runId },
    );
    expect(run).toMatchObject({ status: 'completed', who: 'test', file });
    expect(JSON.parse(run.counts).nodes.created).toBe(3);
    // History: no (:Change) per record, the run stands for them; no pre-images left behind.
    expect(await count("MATCH (c:Change) WHERE c.targetType <> 'ImportRun' RETURN count(c) AS n")).toBe(0);
    // The run's own entry, numbered for the change feed (docs/changes.md).
    expect(
      await count(
        "MATCH (c:Change {targetId: $id, change: 'IMPORT_COMMITTED'}) WHERE c.seq IS NOT NULL AND NOT c:Unsequenced RETURN count(c) AS n",
        { id: summary.runId },
      ),
    ).toBe(1);
    expect(await count('MATCH (p:ImportPreImage) RETURN count(p) AS n')).toBe(0);
    const history = new HistoryRepository(db);
    expect(await history.history('si-a', 10)).toEqual([
      expect.objectContaining({
        change: 'CREATED',
        who: 'test',
        operation: 'import',
        targetType: 'Actor',
        importRun: summary.runId,
      }),
    ]);
    expect(await history.history('SUPPORTS:si-a->si-b', 10)).toEqual([
      expect.objectContaining({ change: 'CREATED', targetType: 'SUPPORTS', importRun: summary.runId }),
    ]);

    // Again, one record changed: unchanged ones keep their run, the changed one shows the new run.
    const again = jsonl('again.jsonl', [
      source,
      actor('si-a', { name: 'Renamed' }),
      actor('si-b', { kind: 'FORCE' }),
      supports('si-a', 'si-b'),
    ]);
    const second = await importer.import({ file: again, who: 'test2' });
    expect(second.nodes).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(second.relationships).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect((await history.history('si-a', 10))[0]).toMatchObject({
      change: 'UPDATED',
      who: 'test2',
      importRun: second.runId,
    });
    expect((await history.history('si-b', 10))[0]).toMatchObject({ change: 'CREATED', importRun: summary.runId });
  });

  it('streams the JSON bundle to the same graph as JSON Lines', async () => {
    const bundle = path.join(dir, 'gen.json');
    await writeImportFile(bundle, 'bundle', { actors: 30, relationships: 100, prefix: 'sb' });
    const summary = await importer.import({ file: bundle, who: 'test', batchSize: 7 });
    expect(summary).toMatchObject({ format: 'bundle', nodes: { created: 31 }, relationships: { created: 130 } });
    const bundleGraph = await graphCounts(db);
    await clearGraph(db);
    const lines = path.join(dir, 'gen.jsonl');
    await writeImportFile(lines, 'jsonl', { actors: 30, relationships: 100, prefix: 'sb' });
    await importer.import({ file: lines, who: 'test' });
    expect(await graphCounts(db)).toEqual(bundleGraph);
  });

  it('finds every problem before writing: a bad record names its line, and nothing is written', async () => {
    const before = await graphCounts(db);
    const file = jsonl('bad.jsonl', [
      source,
      actor('si-a'),
      { kind: 'actor', record: { id: 'si-c', name: 'C', kind: 'NOT_A_KIND', ...evidence } },
      supports('si-a', 'si-missing'),
      { kind: 'planet', record: {} },
      'not json',
    ]);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"kind": \n`);
    const error = await importer.import({ file, who: 'test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    const problems = (error as BadUserInputError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'line 3: record.kind', record: 'line 3 actor "si-c"' }),
        expect.objectContaining({ field: 'line 5: kind' }),
        expect.objectContaining({ field: 'line 6: line', reason: 'must be a JSON object' }),
        expect.objectContaining({ field: 'line 7: line', reason: expect.stringMatching(/^not JSON/) }),
      ]),
    );
    // The dangling reference is settled once the whole file is read: its own problem, named too.
    const fixed = jsonl('dangling.jsonl', [source, actor('si-a'), supports('si-a', 'si-missing')]);
    const dangling = (await importer
      .import({ file: fixed, who: 'test' })
      .catch((e: unknown) => e)) as BadUserInputError;
    expect(dangling.problems).toEqual([
      expect.objectContaining({
        field: 'line 3: record.to',
        reason: '"si-missing" is not an entity in this bundle or the graph',
      }),
    ]);
    expect(await graphCounts(db)).toEqual(before);
    expect(await count('MATCH (r:ImportRun) RETURN count(r) AS n')).toBe(0);
  });

  it('checks against the graph: an id the graph holds as another kind is refused before any write', async () => {
    await importer.import({ file: jsonl('base.jsonl', [source, actor('si-a')]), who: 'test' });
    const before = await graphCounts(db);
    const clash = jsonl('clash.jsonl', [
      { kind: 'source', record: { id: 'si-a', title: 'T', kind: 'OTHER', reliability: 'C' } },
    ]);
    const error = (await importer.import({ file: clash, who: 'test' }).catch((e: unknown) => e)) as BadUserInputError;
    expect(error.problems).toEqual([
      expect.objectContaining({
        field: 'line 1: record.id',
        reason: 'id "si-a" already belongs to an actor in the graph',
      }),
    ]);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('validates JSON Lines in worker threads (issue 25): the same graph, and the same problems against the graph', async () => {
    // What the graph holds of the file's records (ids, labels, properties but the run's own stamps).
    const graph = async () =>
      db.read<{ row: string }>(
        'test.graph',
        `MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->(m:Entity)
         WITH n, r, m ORDER BY n.id, type(r), m.id
         RETURN n.id + ' ' + reduce(s = '', l IN labels(n) | s + ':' + l) + ' ' + coalesce(n.name, n.title) + ' ' +
           coalesce(type(r), '-') + ' ' + coalesce(m.id, '-') + ' ' + coalesce(toString(r.credibility), '-') AS row`,
      );
    const file = path.join(dir, 'workers.jsonl');
    await writeImportFile(file, 'jsonl', { actors: 40, relationships: 150, prefix: 'sw' });
    // After the header, relationships first, so references point forward across ranges (and a second pass runs).
    const text = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, [text[0], ...text.slice(42), ...text.slice(1, 42)].join('\n') + '\n');
    const alone = await importer.import({ file, who: 'test' });
    const expected = await graph();
    await clearGraph(db);
    const inWorkers = await importer.import({ file, who: 'test', workers: 2, rangeBytes: 700 });
    expect({ ...inWorkers, runId: null, seconds: null }).toEqual({ ...alone, runId: null, seconds: null });
    expect(inWorkers).toMatchObject({ records: 191, nodes: { created: 41 }, relationships: { created: 190 } });
    expect(await graph()).toEqual(expected);

    // Problems settled against the graph: an id it holds as another kind, a reference only it holds.
    const clash = jsonl('clash-workers.jsonl', [
      { kind: 'source', record: { id: 'sw-1', title: 'T', kind: 'OTHER', reliability: 'C' } },
      supports('sw-2', 'sw-nowhere', { sourceIds: ['sw-source'] }),
    ]);
    const refused = async (workers: number) =>
      (
        (await importer
          .import({ file: clash, who: 'test', workers, rangeBytes: 64 })
          .catch((e: unknown) => e)) as BadUserInputError
      ).problems;
    const problems = await refused(0);
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'line 1: record.id',
        reason: 'id "sw-1" already belongs to an actor in the graph',
      }),
      expect.objectContaining({
        field: 'line 2: record.to',
        reason: '"sw-nowhere" is not an entity in this bundle or the graph',
      }),
    ]);
    expect(await refused(2)).toEqual(problems);
  });

  it('writes a (:Change) per record on request, tagged with the run, instead of the run entry', async () => {
    const file = jsonl('history.jsonl', [source, actor('si-a'), actor('si-b'), supports('si-a', 'si-b')]);
    const summary = await importer.import({ file, who: 'test', history: 'per-record' });
    expect(await count('MATCH (c:Change {importRun: $run}) RETURN count(c) AS n', { run: summary.runId })).toBe(6);
    const history = await new HistoryRepository(db).history('si-a', 10);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ change: 'CREATED', operation: 'import', importRun: summary.runId });
    expect(history[0].changedFields).toEqual(expect.arrayContaining(['name', 'kind']));
    expect(JSON.parse(history[0].record)).toMatchObject({ id: 'si-a', name: 'Group si-a' });
  });

  it('rolls a run back when a batch fails in the middle of the write phase: created records go, updated ones come back', async () => {
    // The graph before: two actors (one a force) and a relationship, from an earlier run.
    await importer.import({
      file: jsonl('before.jsonl', [source, actor('si-a', { kind: 'FORCE' }), actor('si-b'), supports('si-a', 'si-b')]),
      who: 'test',
    });
    const snapshot = () =>
      db.read(
        'test.snapshot',
        'MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->(m) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, type(r) AS type, properties(r) AS rel, m.id AS to ORDER BY id, type, to',
      );
    const before = await snapshot();
    // A real failure half way: excerpts of SUPPORTS must be unique, and the last batch repeats one.
    await db.schemaWrite(
      'test.constraint',
      'CREATE CONSTRAINT test_supports_excerpt IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.excerpt IS UNIQUE',
    );
    try {
      const lines = [
        source,
        actor('si-a', { kind: 'ARMED_GROUP', name: 'No longer a force' }), // updated, label changes
        actor('si-b'), // unchanged
        ...Array.from({ length: 12 }, (_, i) => actor(`si-new-${i}`)), // created
        supports('si-a', 'si-b', { excerpt: 'changed' }), // updated
        ...Array.from({ length: 12 }, (_, i) => supports(`si-new-${i}`, 'si-a', { excerpt: `unique ${i}` })), // created
        supports('si-b', 'si-new-0', { excerpt: 'unique 0' }), // violates the constraint, in the last batch
      ];
      const file = jsonl('fails.jsonl', lines);
      const error = await importer.import({ file, who: 'test', batchSize: 4, concurrency: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRolledBackError);
      expect((error as Error).message).toMatch(/rolled back .*conflicts with an existing record/);
      const runId = (error as ImportRolledBackError).runId;
      const [run] = await db.read<{ status: string; rolledBack: string }>(
        'test.run',
        'MATCH (r:ImportRun {id: $id}) RETURN r.status AS status, r.rolledBack AS rolledBack',
        { id: runId },
      );
      expect(run.status).toBe('rolled-back');
      // The change feed learns of it (docs/changes.md): the run's own entry, the rollback's counts.
      expect(
        await count("MATCH (c:Change {targetId: $id, change: 'IMPORT_ROLLED_BACK'}) RETURN count(c) AS n", {
          id: runId,
        }),
      ).toBe(1);
      // Batches had committed before the failing one: an actor and a relationship updated, 12
      // actors created with their REPORTED_BY links, and (in batches before the last) some of their SUPPORTS.
      const undone = JSON.parse(run.rolledBack);
      expect(undone).toMatchObject({ restored: 2, deletedNodes: 12 });
      expect(undone.deletedRelationships).toBeGreaterThanOrEqual(12);
      expect(await snapshot()).toEqual(before);
      expect(await count('MATCH (p:ImportPreImage) RETURN count(p) AS n')).toBe(0);
      expect(await count('MATCH (n {importRun: $run}) RETURN count(n) AS n', { run: runId })).toBe(0);
      await expect(importer.rollback(runId)).resolves.toEqual({
        restored: 0,
        deletedNodes: 0,
        deletedRelationships: 0,
      });
    } finally {
      await db.schemaWrite('test.constraint', 'DROP CONSTRAINT test_supports_excerpt IF EXISTS');
    }
  });
});
