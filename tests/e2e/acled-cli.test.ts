import path from 'node:path';
import type { Database } from '../../src/db';
import { graphCounts, seededDatabase } from '../support/database';
import { runImport } from '../support/import-cli';

/**
 * `npm run import -- --format acled FILE.csv` as a user runs it (the built dist/ as a real
 * process) against the suite's seeded real Neo4j: the summary on stdout, problems by line on
 * stderr with nothing written, the grade flags checked. The mapping itself is asserted over
 * HTTP in acled-import.test.ts.
 */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'acled');

describe('npm run import -- --format acled', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('imports an ACLED export, then finds it unchanged; a dry run writes nothing', async () => {
    const file = path.join(FIXTURES, 'duplicated-actors.csv');
    const before = await graphCounts(db);
    const dry = await runImport(['--format', 'acled', file, '--dry-run']);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toMatch(/^dry run \(nothing written\)/);
    expect(await graphCounts(db)).toEqual(before);

    const first = await runImport(['--format', 'acled', file, '--credibility', '2']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/nodes +created [1-9]\d*, updated 0, unchanged \d+/);
    const [event] = await db.read<{ credibility: number }>(
      'test.acled',
      "MATCH (e:Event {id: 'acled-mli90001'}) RETURN e.credibility AS credibility",
    );
    expect(event.credibility).toBe(2);
    // Written by the streaming importer as one import run that names the ACLED file, with
    // ACLED's coding kept beside the event and its existing actors linked, not duplicated.
    const runId = /import run ([0-9a-f-]{36})/.exec(first.stdout)?.[1];
    expect(runId).toBeDefined();
    const [run] = await db.read<{ status: string; file: string }>(
      'test.acled',
      'MATCH (run:ImportRun {id: $runId}) RETURN run.status AS status, run.file AS file',
      { runId },
    );
    expect(run).toEqual({ status: 'completed', file });
    const [coded] = await db.read<{ acledEventId: string; jnim: number }>(
      'test.acled',
      `MATCH (e:Event {id: 'acled-mli90001'})
       RETURN e.acledEventId AS acledEventId, COUNT { (:Actor {id: 'jnim'})-[:PARTICIPATED_IN]->(e) } AS jnim`,
    );
    expect(coded).toEqual({ acledEventId: 'MLI90001', jnim: 1 });

    const again = await runImport(['--format', 'acled', file, '--credibility', '2']);
    expect(again.stdout).toMatch(/nodes +created 0, updated 0, unchanged \d+/);
    expect(again.stdout).toMatch(/relationships +created 0, updated 0, unchanged \d+/);
  });

  it('a malformed file fails naming each bad line, and writes nothing', async () => {
    const before = await graphCounts(db);
    const result = await runImport(['--format', 'acled', path.join(FIXTURES, 'malformed.csv')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('was not imported (nothing written)');
    expect(result.stderr).toMatch(/line 3 "MLI90102" line 3\.event_date: "2024-02-30" is not a date/);
    expect(result.stderr).toMatch(/line 4\.latitude/);
    expect(result.stderr).toMatch(/line 5\.event_id_cnty: is missing/);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('refuses grades out of range, and grade flags without --format acled', async () => {
    const file = path.join(FIXTURES, 'duplicated-actors.csv');
    const bad = await runImport(['--format', 'acled', file, '--reliability', 'Z', '--credibility', '9']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/credibility: must be a whole number from 1 to 6/);
    expect(bad.stderr).toMatch(/reliability: must be one of A, B, C, D, E, F/);
    const misuse = await runImport([path.join(FIXTURES, 'duplicated-actors.csv'), '--credibility', '2']);
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toContain('--credibility and --reliability are for --format acled');
  });
});
