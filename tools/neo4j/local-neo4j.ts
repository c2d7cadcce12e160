import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Starts a real Neo4j 5 Community (from Maven Central, see pom.xml and Launcher.java) as a child
 * JVM with Bolt on 127.0.0.1. Used by `npm start` (persistent store) and jest's globalSetup
 * (throw-away store on a random port). The JVM watches its stdin: when this process dies, the
 * pipe closes and the JVM shuts itself down, so no database outlives the process that started it.
 */

export interface LocalNeo4jOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Persistent store folder; omit for a throw-away store deleted on stop. */
  dataDir?: string;
  heap?: string;
  pageCache?: string;
  /** How long to wait for the ready line; the first start on a machine also compiles the launcher. */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_PREFIX = 'NEO4J_READY ';

export const TOOL_DIR = findToolDir();
const LIB_DIR = path.join(TOOL_DIR, 'lib');

function findToolDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'tools', 'neo4j', 'pom.xml');
    if (existsSync(candidate)) return path.dirname(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find tools/neo4j/pom.xml above ' + __dirname);
    dir = parent;
  }
}

export class LocalNeo4jUnavailableError extends Error {}

/**
 * The store folder is held by another Neo4j (a running `npm start`, `npm run neo4j` or CLI
 * command): Neo4j allows one process per store. Not a Java problem, so no JDK hint.
 */
export class LocalNeo4jStoreLockedError extends LocalNeo4jUnavailableError {
  constructor(readonly store: string) {
    super(
      `The local Neo4j store ${store} is in use by another process (a running \`npm start\`, \`npm run neo4j\` or import/export holds its lock), ` +
        'and one store can only be opened by one Neo4j at a time.\n' +
        'Either point NEO4J_URI at the Neo4j that holds it (the service prints "Neo4j (Bolt): bolt://..." when it starts), ' +
        'or stop that process and run this command again.',
    );
  }
}

/** Neo4j's FileLockException when another process holds `<store>/data/databases/store_lock`. */
const STORE_LOCKED = /Lock file has been locked by another process/;

const WHAT_TO_DO = [
  'To run sahel-graph you need a Neo4j 5. Any one of these works:',
  '  - set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) to an existing Neo4j 5, e.g. bolt://localhost:7687;',
  '  - install a JDK 17+ and Maven (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven), then run the command again;',
  '  - run `docker compose up` (Neo4j and the API in containers).',
].join('\n');

const JVM_FAILED =
  'Fix the cause above, or set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) to an existing Neo4j 5, or run `docker compose up`.';

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

function pomVersion(): string {
  const pom = readFileSync(path.join(TOOL_DIR, 'pom.xml'), 'utf8');
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom);
  if (!match) throw new Error('tools/neo4j/pom.xml has no <neo4j.version>');
  return match[1];
}

/** Resolves the Neo4j jars into tools/neo4j/lib once per Neo4j version (Maven caches downloads). */
export function ensureNeo4jJars(log: (line: string) => void = () => {}): void {
  if (!commandWorks('java', ['-version'])) {
    throw new LocalNeo4jUnavailableError(`Java was not found on PATH.\n${WHAT_TO_DO}`);
  }
  const version = pomVersion();
  const marker = path.join(LIB_DIR, `.resolved-${version}`);
  // The bulk importer's jar too (admin-import.ts): a lib/ resolved before pom.xml named it is redone.
  if (existsSync(marker) && existsSync(path.join(LIB_DIR, `neo4j-import-tool-${version}.jar`))) return;
  if (!commandWorks('mvn', ['-v'])) {
    throw new LocalNeo4jUnavailableError(
      `Maven (mvn) was not found on PATH; it fetches Neo4j ${version} once.\n${WHAT_TO_DO}`,
    );
  }
  log(`Resolving Neo4j ${version} from Maven Central into tools/neo4j/lib (first run only)...`);
  // Another version's jars would shadow the new ones on the class path.
  rmSync(LIB_DIR, { recursive: true, force: true });
  const result = spawnSync('mvn', ['-B', '-q', 'dependency:copy-dependencies'], {
    cwd: TOOL_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new LocalNeo4jUnavailableError(
      `Maven could not resolve Neo4j ${version} (exit ${result.status}).\n${WHAT_TO_DO}`,
    );
  }
  mkdirSync(LIB_DIR, { recursive: true });
  writeFileSync(marker, new Date().toISOString() + '\n');
}

export async function startLocalNeo4j(options: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const log = options.log ?? (() => {});
  ensureNeo4jJars(log);
  const args = [
    `-Xmx${options.heap ?? '512m'}`,
    '-XX:+UseSerialGC',
    '-cp',
    path.join(LIB_DIR, '*'),
    path.join(TOOL_DIR, 'Launcher.java'),
    '--port',
    String(options.port ?? 0),
    '--pagecache',
    options.pageCache ?? '64m',
  ];
  if (options.dataDir) {
    const dataDir = path.resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    args.push('--data', dataDir);
  }
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
  });
  const store = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const uri = await waitForReadyLine(child, options.readyTimeoutMs ?? 180_000, stderrTail, store);
  log(`Neo4j is up at ${uri} (pid ${child.pid})`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    uri,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}

function waitForReadyLine(
  child: ChildProcess,
  timeoutMs: number,
  stderrTail: string[],
  store: string | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (store && stderrTail.some((line) => STORE_LOCKED.test(line))) {
        reject(new LocalNeo4jStoreLockedError(store));
        return;
      }
      // Java and the jars were found (ensureNeo4jJars), so the JVM's own output says what went wrong.
      reject(
        new LocalNeo4jUnavailableError(`Local Neo4j did not start: ${why}\n${stderrTail.join('\n')}\n${JVM_FAILED}`),
      );
    };
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    // 'close', not 'exit': by then its stderr is read to the end (the lock message comes last).
    child.once('close', (code, signal) => fail(`the JVM exited early (code ${code}, signal ${signal})`));
    lines.on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) {
        clearTimeout(timer);
        child.removeAllListeners('close');
        child.removeAllListeners('error');
        resolve(line.slice(READY_PREFIX.length).trim());
      }
    });
  });
}
