import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { assembleBundle, ExportRepository, exportWholeBundle } from '../../src/bundle/export';
import { CurationService } from '../../src/curation/curation.service';
import { parseBundle } from '../../src/bundle/validate';
import type { Database } from '../../src/db';
import { generateBundle } from '../../tools/generate-bundle';
import { startTestApp } from '../support/app';
import { clearGraph, graphCounts, neo4jUri, seededDatabase } from '../support/database';

const run = promisify(execFile);
const DIST = path.join(__dirname, '..', '..', 'dist', 'src', 'cli');

describe('export and import', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });

  it('round trip: export -> import into an empty graph -> export gives the same bundle', async () => {
    const first = await exportWholeBundle(new ExportRepository(db));
    expect(first.actors.length).toBeGreaterThan(10);
    expect(first.relationships.every((rel) => rel.type !== 'REPORTED_BY')).toBe(true);
    const countsBefore = await graphCounts(db);
    await clearGraph(db);
    const summary = await new CurationService(db).importBundle(JSON.parse(JSON.stringify(first)), { who: 'system' });
    expect(summary.nodes.updated + summary.nodes.unchanged).toBe(0);
    const second = await exportWholeBundle(new ExportRepository(db));
    expect(second).toEqual(first);
    const countsAfter = await graphCounts(db);
    expect(countsAfter.relationships).toBe(countsBefore.relationships);
  });

  it('a part of the graph exports as a bundle that imports on its own', async () => {
    const part = await new ExportRepository(db).subset(['aes'], 1, 1_000);
    const bundle = assembleBundle(part.nodes, part.relationships);
    expect(bundle.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['aes', 'mali', 'niger', 'burkina-faso']));
    expect(bundle.sources.map((s) => s.id)).toContain('wellbrock-mali-blockade');
    expect(bundle.actors.map((a) => a.id)).not.toContain('russia');
    const scratch = JSON.parse(JSON.stringify(bundle));
    // Self-contained: it validates against an empty set of known entities.
    expect(() => parseBundle(scratch)).not.toThrow();
  });

  it('serves the graph as bundle, GraphML and CSV downloads over HTTP', async () => {
    const app = await startTestApp(db);
    try {
      const json = await fetch(`${app.base}/export/bundle.json`);
      expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="?sahel-graph-bundle\.json"?/);
      const bundle = await json.json();
      expect(bundle).toEqual(JSON.parse(JSON.stringify(await exportWholeBundle(new ExportRepository(db)))));
      const counts = await graphCounts(db);
      const graphml = await (await fetch(`${app.base}/export/graph.graphml`)).text();
      expect(graphml).toMatch(/^<\?xml[\s\S]*<graphml[\s\S]*<\/graphml>\n$/);
      expect(graphml.match(/<node /g)?.length).toBe(
        counts.nodes - (await db.read('t', 'MATCH (n) WHERE NOT n:Entity RETURN n')).length,
      );
      expect(graphml).toContain('<node id="jnim">');
      const nodes = (await (await fetch(`${app.base}/export/nodes.csv`)).text()).trim().split('\n');
      expect(nodes[0]).toBe('id,kind,label,name,aliases,type,credibility,reliability,sourceIds');
      expect(nodes.some((line) => line.startsWith('jnim,ACTOR,'))).toBe(true);
      const edges = (await (await fetch(`${app.base}/export/edges.csv`)).text()).trim().split('\n');
      expect(edges.length - 1).toBe(graphml.match(/<edge /g)?.length);
      expect((await fetch(`${app.base}/export/secrets.txt`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('the CLI imports a generated bundle in batches with progress and a summary, and a dry run writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-import-'));
    const file = path.join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(generateBundle(500, 3_000)));
    const env = { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn' };
    const before = await graphCounts(db);
    const dry = await run(process.execPath, [path.join(DIST, 'import.js'), file, '--dry-run'], { env });
    expect(dry.stdout).toMatch(/dry run \(nothing written\)/);
    expect(await graphCounts(db)).toEqual(before);
    const real = await run(process.execPath, [path.join(DIST, 'import.js'), file], { env });
    expect(real.stdout).toMatch(/imported .* in \d+\.\d s/);
    expect(real.stdout).toMatch(/nodes\s+created 501, updated 0, unchanged 0/);
    expect(real.stdout).toMatch(/relationships\s+created 3500, updated 0, unchanged 0/); // 3,000 + 500 REPORTED_BY
    expect(real.stderr).toMatch(/writing relationships +\[.*\] 100%/);
    const again = await run(process.execPath, [path.join(DIST, 'import.js'), file], { env });
    expect(again.stdout).toMatch(/nodes\s+created 0, updated 0, unchanged 501/);
  }, 120_000);

  it('the CLI exports json, graphml and csv', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-export-'));
    const env = { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn' };
    await run(process.execPath, [path.join(DIST, 'export.js'), '--format', 'json', '--out', path.join(dir, 'b.json')], {
      env,
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'b.json'), 'utf8')).format).toBe('sahel-graph-bundle');
    await run(
      process.execPath,
      [path.join(DIST, 'export.js'), '--format', 'graphml', '--out', path.join(dir, 'g.graphml')],
      { env },
    );
    expect(readFileSync(path.join(dir, 'g.graphml'), 'utf8')).toContain('</graphml>');
    await run(process.execPath, [path.join(DIST, 'export.js'), '--format', 'csv', '--out', dir], { env });
    expect(readFileSync(path.join(dir, 'nodes.csv'), 'utf8').split('\n')[0]).toMatch(/^id,kind/);
    expect(readFileSync(path.join(dir, 'edges.csv'), 'utf8').split('\n')[0]).toMatch(/^id,source,target/);
  }, 120_000);
});
