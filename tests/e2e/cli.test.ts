import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { Database } from '../../src/db';
import { generateBundle } from '../../tools/generate-bundle';
import { clearGraph, graphCounts, neo4jUri, seededDatabase } from '../support/database';
import { alive } from '../support/processes';

/**
 * The command-line tools as a user runs them: real processes (the built dist/, and once through
 * `npm run --silent`), against the suite's real Neo4j. Exit codes, what lands on stdout (data
 * only) and on stderr, and which Neo4j a command uses when NEO4J_URI is unset.
 */

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI command; resolves with its exit code instead of rejecting on failure. */
async function cli(command: string, args: string[], env: NodeJS.ProcessEnv = withSuiteNeo4j()): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(CLI, `${command}.js`), ...args], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function withSuiteNeo4j(): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'info' };
}

/** The environment of a developer who set no NEO4J_URI: only the local Neo4j settings count. */
function withoutNeo4jUri(local: { port: number; dataDir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_LOCAL_PORT: String(local.port),
    NEO4J_LOCAL_DATA_DIR: local.dataDir,
    NEO4J_HEAP: '256m',
    LOG_LEVEL: 'info',
  };
  delete env.NEO4J_URI;
  return env;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the command line', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });

  it.each(['import', 'export', 'migrate', 'seed', 'neo4j'])(
    '%s --help prints its usage on stdout and exits 0 without touching Neo4j',
    async (command) => {
      // An unreachable NEO4J_URI: --help must answer before any connection is tried.
      const result = await cli(command, ['--help'], { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1' });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(new RegExp(`^Usage: npm run (--silent )?${command}`));
    },
  );

  it('a wrong option or a missing argument is a usage error (exit 2) that points at --help', async () => {
    const unknown = await cli('export', ['--fromat', 'json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--fromat'[\s\S]*--help/);
    const badFormat = await cli('export', ['--format', 'xml']);
    expect(badFormat).toMatchObject({ code: 2, stdout: '' });
    expect(badFormat.stderr).toMatch(/--format must be json, graphml, csv, neo4j-csv or stix \(got "xml"\)/);
    const noFile = await cli('import', []);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/npm run import -- FILE/);
  });

  it('exports JSON and GraphML to stdout with nothing else on stdout (logs and timing on stderr)', async () => {
    const json = await cli('export', ['--format', 'json']);
    expect(json.code).toBe(0);
    const bundle = JSON.parse(json.stdout);
    expect(bundle.format).toBe('sahel-graph-bundle');
    expect(bundle.actors.map((a: { id: string }) => a.id)).toContain('jnim');
    expect(json.stderr).toMatch(/exported \(json\) to stdout in \d+\.\d s/);
    const graphml = await cli('export', ['--format', 'graphml']);
    expect(graphml.code).toBe(0);
    expect(graphml.stdout).toMatch(/^<\?xml[\s\S]*<\/graphml>\n$/);
  });

  it('`npm run --silent export` gives JSON that parses; without --silent the command warns that npm put its banner on stdout', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'export', '--', '--format', 'json'], {
      cwd: ROOT,
      env: withSuiteNeo4j(),
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(JSON.parse(stdout).actors.length).toBeGreaterThan(10);
    // Without --silent npm's banner comes first on stdout: the command says so on stderr.
    const notSilent = withSuiteNeo4j();
    delete notSilent.npm_config_loglevel; // as from a shell, even when jest runs under `npm run --silent test`
    const loud = await promisify(execFile)('npm', ['run', 'export', '--', '--format', 'json'], {
      cwd: ROOT,
      env: notSilent,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(loud.stdout).toMatch(/^\s*> sahel-graph@/);
    expect(loud.stderr).toMatch(/warning: npm printed its banner .* use `npm run --silent export -- \.\.\.`/);
  }, 60_000);

  it('--out creates missing nested folders for a file and for the CSV folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-cli-out-'));
    const file = path.join(dir, 'a', 'b', 'graph.json');
    const json = await cli('export', ['--format', 'json', '--out', file]);
    expect(json).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('sahel-graph-bundle');
    const csvDir = path.join(dir, 'c', 'd');
    const csv = await cli('export', ['--format', 'csv', '--out', csvDir]);
    expect(csv.code).toBe(0);
    expect(readFileSync(path.join(csvDir, 'nodes.csv'), 'utf8')).toMatch(/^id,kind,/);
    expect(readFileSync(path.join(csvDir, 'edges.csv'), 'utf8')).toMatch(/^id,source,target/);
  });

  it('an unreadable bundle fails with its name and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sahel-cli-bad-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"format": ');
    const before = await graphCounts(db);
    const result = await cli('import', [file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} is not JSON (nothing written)`);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('with NEO4J_URI unset, imports into the local Neo4j already answering on NEO4J_LOCAL_PORT instead of starting one on the store', async () => {
    // The suite's Neo4j stands in for the one a running `npm start` serves on 127.0.0.1.
    const port = Number(new URL(neo4jUri()).port);
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'sahel-cli-store-')), 'neo4j');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sahel-cli-in-')), 'bundle.json');
    writeFileSync(file, JSON.stringify(generateBundle(20, 40)));
    await clearGraph(db);
    const result = await cli('import', [file], withoutNeo4jUri({ port, dataDir }));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`using the local Neo4j already running at bolt://127.0.0.1:${port}`);
    expect(result.stdout).toMatch(/nodes\s+created 21, updated 0, unchanged 0/);
    const [row] = await db.read<{ actors: number }>(
      'test.cli.actors',
      "MATCH (a:Actor) WHERE a.id STARTS WITH 'gb-' RETURN count(a) AS actors",
    );
    expect(row.actors).toBe(20);
    // No JVM was started: it would have created the store folder.
    expect(existsSync(dataDir)).toBe(false);
  });

  it('`npm run neo4j` serves the store in the foreground; a command that would open the same store says it is in use and what to do', async () => {
    const store = path.join(mkdtempSync(path.join(tmpdir(), 'sahel-cli-locked-')), 'neo4j');
    const servedPort = await freePort();
    const server = spawn(process.execPath, [path.join(CLI, 'neo4j.js')], {
      env: withoutNeo4jUri({ port: servedPort, dataDir: store }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const serverLog: string[] = [];
    createInterface({ input: server.stderr! }).on('line', (line) => serverLog.push(line));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    try {
      const uri = await new Promise<string>((resolve, reject) => {
        createInterface({ input: server.stdout! }).once('line', resolve);
        void exited.then(() => reject(new Error(`npm run neo4j exited early:\n${serverLog.join('\n')}`)));
      });
      expect(uri).toBe(`bolt://127.0.0.1:${servedPort}`);
      const jvmPid = Number(/\(pid (\d+)\)/.exec(serverLog.join('\n'))?.[1]);
      expect(alive(jvmPid)).toBe(true);

      // Another port, same store: nothing answers there, so the command tries to open the store itself.
      const started = Date.now();
      const result = await cli(
        'export',
        ['--format', 'json'],
        withoutNeo4jUri({ port: await freePort(), dataDir: store }),
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`The local Neo4j store ${store} is in use by another process`);
      expect(result.stderr).toMatch(/point NEO4J_URI at the Neo4j that holds it/);
      expect(result.stderr).toMatch(/stop that process/);
      expect(result.stderr).not.toMatch(/install a JDK/);
      expect(Date.now() - started).toBeLessThan(120_000);

      server.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(alive(jvmPid)).toBe(false);
    } finally {
      server.kill('SIGKILL');
    }
  }, 240_000);
});
