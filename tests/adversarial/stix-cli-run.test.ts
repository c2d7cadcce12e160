import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db';
import { BadUserInputError } from '../../src/errors';
import { StixFileImporter } from '../../src/interop/stix/stix.file-import';
import { MUTATION_LIMITS } from '../../src/interop/stix/stix-limits';
import { syntheticStixBundle } from '../../tools/synthetic-stix';
import { graphCounts, seededDatabase } from '../support/database';
import { killImportWhen, runImport } from '../support/import-cli';

/**
 * `npm run import -- --format stix` as one streamed import run (issue 19, item 1), with real
 * processes on the real Neo4j: a file larger than one transaction may hold (the mutation's cap)
 * completes as one run; a run killed by SIGKILL is undone by `--rollback` to the graph as it was;
 * a curator's edit made while the run is under way is neither overwritten nor lost; files that
 * are not JSON or not UTF-8 are refused with nothing written.
 */

/** Three times the mutation's cap: more than one transaction holds on the test heap (docs/stix.md). */
const LARGE = 3 * MUTATION_LIMITS.maxObjects;

describe('npm run import -- --format stix: one streamed run', () => {
  let db: Database;
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-stix-run-'));
  const write = (name: string, json: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
    return file;
  };
  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await db.read<{ n: number }>('test.count', cypher, params))[0].n;
  /** Every entity and relationship with its labels and properties, as one sorted text: equal texts, equal graphs. */
  const checksum = async () =>
    JSON.stringify(
      await db.read(
        'test.checksum',
        `CALL () {
           MATCH (n:Entity) RETURN n.id AS key, [labels(n), properties(n)] AS record
           UNION
           MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) + ':' + a.id + '->' + b.id AS key, properties(r) AS record
         } RETURN key, record ORDER BY key`,
      ),
    );
  /** Deletes what a test's synthetic bundle added, in bounded transactions (the large one is more than one may delete). */
  const removeSynthetic = async () => {
    const session = db.driver.session({ database: process.env.NEO4J_DATABASE ?? 'neo4j' });
    try {
      await session.run(
        `MATCH (n) WHERE (n:Entity AND (n.id STARTS WITH 'synthetic-' OR n.id STARTS WITH 'stix-bundle-'))
           OR n:ImportRun OR n:ImportPreImage
         CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`,
      );
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterEach(removeSynthetic, 300_000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`imports ${LARGE} objects (more than one transaction holds) as one completed run`, async () => {
    const file = write('large.json', syntheticStixBundle(LARGE, 'large'));
    const result = await runImport(['--format', 'stix', file]);
    expect(result.stderr).not.toMatch(/not imported/);
    expect(result.code).toBe(0);
    const runId = /import run ([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    expect(runId).toBeDefined();
    // Half threat-actors, half relationships between them; the bundle itself is their one source.
    expect(result.stdout).toMatch(new RegExp(`nodes\\s+created ${LARGE / 2 + 1}, updated 0, unchanged 0`));
    expect(result.stdout).toMatch(new RegExp(`relationships\\s+created ${LARGE}, updated 0, unchanged 0`));
    expect(await count('MATCH (run:ImportRun {id: $runId}) RETURN count(*) AS n', { runId })).toBe(1);
    expect(await count("MATCH (run:ImportRun {id: $runId, status: 'completed'}) RETURN count(*) AS n", { runId })).toBe(
      1,
    );
    expect(await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'synthetic-' RETURN count(a) AS n")).toBe(LARGE / 2);
    expect(await count('MATCH (p:ImportPreImage) RETURN count(p) AS n')).toBe(0);
  }, 600_000);

  it('a file of more objects than the heap holds while converting is refused before conversion, naming the way out', async () => {
    const before = await graphCounts(db);
    const file = write('heap.json', syntheticStixBundle(LARGE, 'heap'));
    // A 64 MB old space: V8 reports a 117 MB heap, about 29,000 objects at 4 KB each.
    const result = await runImport(['--format', 'stix', file], ['--max-old-space-size=64']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/was not imported \(nothing written\)/);
    expect(result.stderr).toMatch(
      /bundle\.objects: more than \d+ objects, what a \d+ MB heap holds .* raise IMPORT_HEAP_MB/,
    );
    expect(result.stderr).not.toMatch(/heap out of memory/);
    expect(await graphCounts(db)).toEqual(before);
  }, 120_000);

  it('kill -9 mid-run, then --rollback: the graph is exactly as before', async () => {
    const before = { counts: await graphCounts(db), checksum: await checksum() };
    const file = write('killed.json', syntheticStixBundle(LARGE, 'killed'));
    await killImportWhen(
      ['--format', 'stix', file, '--batch-size', '500', '--concurrency', '1'],
      async () => (await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'synthetic-' RETURN count(a) AS n")) > 2_000,
    );
    const [unfinished] = await db.read<{ id: string }>(
      'test.unfinished',
      "MATCH (run:ImportRun {status: 'running'}) RETURN run.id AS id",
    );
    expect(unfinished).toBeDefined();
    expect(await count("MATCH (a:Actor) WHERE a.id STARTS WITH 'synthetic-' RETURN count(a) AS n")).toBeGreaterThan(
      2_000,
    );
    const rollback = await runImport(['--rollback', unfinished.id]);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toMatch(new RegExp(`rolled back import run ${unfinished.id}`));
    // Two nodes more: the run itself, kept as history of what was tried and undone, and its
    // IMPORT_ROLLED_BACK entry in the history (the change feed's, docs/changes.md).
    expect(await graphCounts(db)).toEqual({ ...before.counts, nodes: before.counts.nodes + 2 });
    expect(
      await count("MATCH (run:ImportRun {id: $id, status: 'rolled-back'}) RETURN count(*) AS n", { id: unfinished.id }),
    ).toBe(1);
    expect(await checksum()).toBe(before.checksum);
  }, 600_000);

  it("a curator's edit made while the run is under way: the run is refused and rolled back, the edit kept", async () => {
    const stix = syntheticStixBundle(20, 'race');
    const file = write('race.json', stix);
    const importer = new StixFileImporter(db);
    await importer.importFile(file, { who: 'test' });
    const [target] = await db.read<{ id: string }>(
      'test.target',
      "MATCH (a:Actor) WHERE a.id STARTS WITH 'synthetic-' RETURN a.id AS id ORDER BY id LIMIT 1",
    );
    let edited = false;
    const again = importer.importFile(file, {
      who: 'test',
      // After the comparison with the graph (nothing to change then), before the run writes.
      onProgress: async (phase) => {
        if (phase !== 'compared') return;
        edited = true;
        await db.write(
          'test.curatorEdit',
          "MATCH (a:Actor {id: $id}) SET a.name = 'Renamed by a curator', a.contentHash = 'edited'",
          { id: target.id },
        );
      },
    });
    const refusal = await again.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(edited).toBe(true);
    expect(refusal).toBeInstanceOf(BadUserInputError);
    expect((refusal as BadUserInputError).problems[0]).toMatchObject({
      reason: expect.stringMatching(/already in the graph with other content.*changed while the import ran/),
      record: expect.stringContaining(target.id),
    });
    const [after] = await db.read<{ name: string }>('test.name', 'MATCH (a:Actor {id: $id}) RETURN a.name AS name', {
      id: target.id,
    });
    expect(after.name).toBe('Renamed by a curator');
    expect(await count("MATCH (run:ImportRun {status: 'rolled-back'}) RETURN count(*) AS n")).toBe(1);
  }, 120_000);

  it.each([
    ['not JSON', '{"type": "bundle", "objects": [', /FILE: is not JSON/],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), /FILE: line 1 is not UTF-8/],
    [
      'objects not a list',
      '{"type": "bundle", "id": "bundle--x", "objects": {"a": 1}}',
      /bundle\.objects: must be a list/,
    ],
    ['a list, not a bundle', '[1, 2, 3]', /bundle: must be a STIX 2.1 bundle/],
    // Read as JSON.parse reads it: "__proto__" is an own key, so there are no objects here.
    [
      'objects hidden under "__proto__"',
      '{"type": "bundle", "id": "bundle--x", "__proto__": {"objects": []}}',
      /bundle\.objects: must be a list/,
    ],
  ])(
    'a file that is %s: refused, nothing written',
    async (name, content, message) => {
      const before = await graphCounts(db);
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, content);
      const result = await runImport(['--format', 'stix', file]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/was not imported \(nothing written\)/);
      expect(result.stderr).toMatch(message);
      expect(await graphCounts(db)).toEqual(before);
    },
    60_000,
  );
});
