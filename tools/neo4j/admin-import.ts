import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureNeo4jJars, TOOL_DIR } from './local-neo4j';

/**
 * Runs Neo4j's bulk importer, `neo4j-admin database import full`, from the jars in
 * tools/neo4j/lib (org.neo4j:neo4j-import-tool, see pom.xml; its entry point is
 * org.neo4j.cli.AdminTool) on a store laid out as Launcher.java lays it out: NEO4J_HOME is the
 * store folder, the database lives in <store>/data/databases/<name>. Offline: it refuses a store
 * that a running Neo4j holds (the importer checks the database lock itself).
 */

export interface AdminImportOptions {
  /** The store folder (NEO4J_LOCAL_DATA_DIR of `npm start`, or a throw-away one). */
  store: string;
  database: string;
  nodes: string[];
  relationships: string[];
  arrayDelimiter: string;
  multilineFields: boolean;
  /** Delete the database first; without it the importer only writes a database that does not exist yet. */
  overwrite: boolean;
  /** JVM heap of the importer; its page cache and buffers are off-heap (--max-off-heap-memory). */
  heap?: string;
  maxOffHeapMemory?: string;
  /** Each line of the importer's report (progress dots left out). */
  log?: (line: string) => void;
}

export interface AdminImportResult {
  nodes: number;
  relationships: number;
  properties: number;
  /** The importer's own "IMPORT DONE in ..." figure (without JVM start-up). */
  importMs: number;
  /** From starting the JVM to its exit. */
  wallMs: number;
}

export class AdminImportError extends Error {}

/** The offline importer cannot write a store that a running Neo4j holds. */
export class StoreInUseError extends AdminImportError {
  constructor(readonly store: string) {
    super(
      `The Neo4j store ${store} is in use (a running \`npm start\`, \`npm run neo4j\` or CLI command holds it). ` +
        'A bulk load is offline: stop that process, then run this command again.',
    );
  }
}

/** The folder of the database inside a store, as Neo4j lays it out. */
export function databaseDir(store: string, database: string): string {
  return path.join(path.resolve(store), 'data', 'databases', database);
}

/** True when the store already holds that database (the importer only writes a new one). */
export function databaseExists(store: string, database: string): boolean {
  const dir = databaseDir(store, database);
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/** `java` of JAVA_HOME when set, else the one on PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

const DURATION_PART = /(\d+)(ms|s|m|h)\b/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "IMPORT DONE in 1m 2s 620ms." -> 62620 */
export function parseImportDuration(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

export async function runAdminImport(options: AdminImportOptions): Promise<AdminImportResult> {
  ensureNeo4jJars(options.log);
  const store = path.resolve(options.store);
  mkdirSync(path.join(store, 'logs'), { recursive: true });
  const args = [
    `-Xmx${options.heap ?? '2g'}`,
    '-XX:+UseParallelGC',
    '-cp',
    path.join(TOOL_DIR, 'lib', '*'),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...options.nodes.map((file) => `--nodes=${path.resolve(file)}`),
    ...options.relationships.map((file) => `--relationships=${path.resolve(file)}`),
    `--array-delimiter=${options.arrayDelimiter}`,
    `--multiline-fields=${options.multilineFields}`,
    `--overwrite-destination=${options.overwrite}`,
    `--report-file=${path.join(store, 'logs', 'import.report')}`,
    ...(options.maxOffHeapMemory ? [`--max-off-heap-memory=${options.maxOffHeapMemory}`] : []),
    options.database,
  ];
  const started = performance.now();
  const child = spawn(javaCommand(), args, {
    // The importer reads NEO4J_HOME for the store and, when present, <store>/conf/neo4j.conf.
    env: { ...process.env, NEO4J_HOME: store, NEO4J_CONF: path.join(store, 'conf') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (line: string) => {
    // Progress is drawn as rows of dots; the report around it is what a reader wants.
    if (/^[-.]{1,2}\.{8}/.test(line) || line.trim() === '') return;
    lines.push(line);
    options.log?.(line);
  };
  createInterface({ input: child.stdout! }).on('line', collect);
  createInterface({ input: child.stderr! }).on('line', collect);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new AdminImportError(
          `Could not run ${javaCommand()} (set JAVA_HOME or put a JDK 17+ on PATH): ${error.message}`,
        ),
      ),
    );
    child.once('close', (code) => resolve(code ?? 1));
  });
  const wallMs = performance.now() - started;
  const report = lines.join('\n');
  if (/The database is in use/.test(report)) throw new StoreInUseError(store);
  const done = /IMPORT DONE in ([^\n]*)/.exec(report);
  if (exitCode !== 0 || !done) {
    throw new AdminImportError(
      `neo4j-admin database import failed (exit ${exitCode}):\n${lines.slice(-25).join('\n')}\n` +
        `The importer's report on bad entries, if any: ${path.join(store, 'logs', 'import.report')}`,
    );
  }
  const count = (what: string) => Number(new RegExp(`^\\s*(\\d+) ${what}$`, 'm').exec(report)?.[1] ?? NaN);
  return {
    nodes: count('nodes'),
    relationships: count('relationships'),
    properties: count('properties'),
    importMs: parseImportDuration(done[1]),
    wallMs,
  };
}
