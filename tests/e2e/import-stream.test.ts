import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { writeImportFile } from '../../tools/generate-import-file';
import { graphCounts, neo4jUri, openDatabase } from '../support/database';
import { IMPORT_CLI, killImportWhen, runImport } from '../support/import-cli';

/**
 * `npm run import` as a process (the built dist/), on files larger than its heap: the importer
 * streams, so a 64 MB heap imports a file of about 80 MB that JSON.parse could not even hold;
 * and a run whose process is killed half way is undone by `--rollback RUN_ID`.
 */
const HEAP_MB = 64;

describe('npm run import: streaming, in bounded memory', () => {
  let db: Database;
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-import-stream-'));
  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await db.read<{ n: number }>('test.count', cypher, params))[0].n;

  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
  });
  /**
   * clearGraph in bounded transactions: the large file's graph is more than one transaction may
   * delete (and must not be left to the next test file).
   */
  const clearLarge = async () => {
    const session = db.driver.session({ database: process.env.NEO4J_DATABASE ?? 'neo4j' });
    try {
      await session.run(
        'MATCH (n) WHERE n:Entity OR n:Change OR n:ImportRun OR n:ImportPreImage CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS',
      );
    } finally {
      await session.close();
    }
  };
  beforeEach(clearLarge);
  afterAll(async () => {
    await clearLarge();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`imports a JSON Lines file larger than a ${HEAP_MB} MB heap, which could not even hold the file`, async () => {
    const file = path.join(dir, 'large.jsonl');
    // 31,000 actors with 2,000-character descriptions (about 68 MB), and 10,000 relationships.
    await writeImportFile(file, 'jsonl', { actors: 31_000, relationships: 10_000, padding: 2_000, prefix: 'xl' });
    expect(statSync(file).size).toBeGreaterThan(HEAP_MB * 2 ** 20);
    // The old way (read the file, then JSON.parse it) runs out of memory under the same limit.
    const whole = await promisify(execFile)(process.execPath, [
      `--max-old-space-size=${HEAP_MB}`,
      '-e',
      `JSON.parse('[' + require('fs').readFileSync(${JSON.stringify(file)}, 'utf8').trim().split('\\n').join(',') + ']')`,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(whole).toMatchObject({ stderr: expect.stringMatching(/heap out of memory|Invalid string length/) });

    const result = await runImport([file], [`--max-old-space-size=${HEAP_MB}`]);
    expect(result.stderr).not.toMatch(/out of memory/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/imported .*large\.jsonl \(jsonl\) in [\d.]+ s, import run [0-9a-f-]{36}/);
    expect(result.stdout).toMatch(/nodes\s+created 31001, updated 0, unchanged 0/);
    expect(result.stdout).toMatch(/relationships\s+created 41000, updated 0, unchanged 0/);
    expect(await count("MATCH (a:Actor:ArmedGroup) WHERE a.id STARTS WITH 'xl-' RETURN count(a) AS n")).toBe(31_000);
    expect(
      await count("MATCH (:Actor {id: 'xl-30999'})-[r:REPORTED_BY]->(:Source {id: 'xl-source'}) RETURN count(r) AS n"),
    ).toBe(1);
  }, 180_000);

  it(`stream-parses a JSON bundle larger than the same ${HEAP_MB} MB heap (validation passes; the writes are format-blind)`, async () => {
    const file = path.join(dir, 'large.json');
    await writeImportFile(file, 'bundle', { actors: 31_000, relationships: 10_000, padding: 2_000, prefix: 'xb' });
    expect(statSync(file).size).toBeGreaterThan(HEAP_MB * 2 ** 20);
    const result = await runImport([file, '--dry-run'], [`--max-old-space-size=${HEAP_MB}`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/dry run \(nothing written\): .*large\.json \(bundle\) is valid, 41001 records/);
  }, 120_000);

  it('kill -9 while validation workers run: nothing written, no import run left behind', async () => {
    const base = path.join(dir, 'base-validating.jsonl');
    await writeImportFile(base, 'jsonl', { actors: 20, relationships: 40, prefix: 'xv' });
    expect((await runImport([base])).code).toBe(0);
    const before = await graphCounts(db);
    const runsBefore = await count('MATCH (r:ImportRun) RETURN count(r) AS n');

    // Large enough that validation takes seconds (about 300,000 records); same ids, so a write would show.
    const file = path.join(dir, 'validating.jsonl');
    await writeImportFile(file, 'jsonl', { actors: 15_000, relationships: 300_000, prefix: 'xv' });
    const child = spawn(process.execPath, [IMPORT_CLI, file], {
      env: { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn', IMPORT_WORKERS: '2' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    let stderr = '';
    // The progress bar's first line for the validation phase (non-TTY: printed as it starts).
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/validating\s+\[.*\]\s+\d+%/.test(stderr)) resolve();
      });
      child.once('exit', () => reject(new Error(`the import ended before it was killed: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stderr).not.toMatch(/writing nodes/);
    expect(await graphCounts(db)).toEqual(before);
    expect(await count('MATCH (r:ImportRun) RETURN count(r) AS n')).toBe(runsBefore);
  }, 150_000);

  it('a run killed half way stays `running`, the next import says so, and --rollback RUN_ID undoes it', async () => {
    const base = path.join(dir, 'base.jsonl');
    await writeImportFile(base, 'jsonl', { actors: 50, relationships: 100, prefix: 'xk' });
    expect((await runImport([base])).code).toBe(0);
    const before = await graphCounts(db);

    const file = path.join(dir, 'killed.jsonl');
    await writeImportFile(file, 'jsonl', { actors: 3_000, relationships: 6_000, prefix: 'xk' });
    // Kill it once some of its batches have committed (new actors past the first file's 50).
    await killImportWhen(
      [file, '--batch-size', '100', '--concurrency', '1'],
      async () => (await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'xk-' RETURN count(a) AS n")) > 500,
    );
    const [run] = await db.read<{ id: string; status: string }>(
      'test.run',
      'MATCH (r:ImportRun {file: $file}) RETURN r.id AS id, r.status AS status',
      { file },
    );
    expect(run.status).toBe('running');
    expect((await graphCounts(db)).nodes).toBeGreaterThan(before.nodes);

    // The next import warns about it (a dry run is enough to see the warning).
    const next = await runImport([base, '--dry-run']);
    expect(next.stderr).toContain(`import run ${run.id} (${file}`);
    expect(next.stderr).toContain(`npm run import -- --rollback ${run.id}`);

    const undo = await runImport(['--rollback', run.id]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(
      new RegExp(`rolled back import run ${run.id}: restored \\d+ records, deleted \\d+ nodes`),
    );
    // + the run node and its IMPORT_ROLLED_BACK history entry (the change feed's, docs/changes.md)
    expect(await graphCounts(db)).toEqual({ nodes: before.nodes + 2, relationships: before.relationships });
    expect(await count('MATCH (r:ImportRun {status: "rolled-back"}) RETURN count(r) AS n')).toBe(1);
    // A completed run cannot be rolled back (its pre-images are gone): refused, nothing changes.
    const [done] = await db.read<{ id: string }>(
      'test.done',
      "MATCH (r:ImportRun {status: 'completed'}) RETURN r.id AS id",
    );
    const refused = await runImport(['--rollback', done.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('completed; only an unfinished run can be rolled back');
  }, 150_000);
});
