import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { TEST_KEYS } from './app';
import { neo4jUri } from './database';

/** The built service (`node dist/src/main.js`, what `npm start` runs). */
export const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `command` as a real process with `env` (and PATH), collecting what it prints. */
export function spawnProcess(command: string, args: string[], env: Record<string, string> = {}): ServiceProcess {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Runs the built service as a real process with `env` (and PATH; quiet logs, no seeding unless asked). */
export function runService(env: Record<string, string>): ServiceProcess {
  return spawnProcess(process.execPath, [MAIN], { LOG_LEVEL: 'warn', SEED_ON_EMPTY: 'false', ...env });
}

/** Waits until the service printed where it serves (up to 20 s). */
export async function serving(service: ServiceProcess): Promise<void> {
  for (let i = 0; i < 100 && !service.output().includes('GraphQL API'); i++)
    await new Promise((resolve) => setTimeout(resolve, 200));
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The service as a real process of its own on the suite's Neo4j, with the test API keys: for tests
 * that time the service, so the test's own work (building large bodies, jest's garbage
 * collection) is not counted as the server's.
 */
/** A service started by startServiceProcess: its address, CPU time and stop. */
export interface StartedService {
  child: ChildProcess;
  base: string;
  url: string;
  output(): string;
  /**
   * CPU time (user + system) the service's main thread, the one running its event loop, has used
   * so far, in ms (10 ms steps; Linux /proc). Garbage collector and I/O helper threads not counted.
   */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Waits until `check` holds (errors count as not yet), or throws naming `what`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 30_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within ${limitMs} ms`);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Starts the service (`nodeOptions` before the script, e.g. --cpu-prof) and waits until /readyz answers 200. */
export async function startServiceProcess(
  env: Record<string, string> = {},
  nodeOptions: string[] = [],
): Promise<StartedService> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeOptions, MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_ON_EMPTY: 'false',
      NEO4J_URI: neo4jUri(),
      PORT: String(port),
      API_KEYS: Object.entries(TEST_KEYS)
        .map(([role, key]) => `${role}-tester:${role}:${sha256(key)}`)
        .join(','),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const service: StartedService = {
    child,
    base,
    url: `${base}/graphql`,
    output: () => text,
    cpuMs: () => processCpuMs(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
  try {
    const ready = until(
      `service on port ${port} ready`,
      async () => (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200,
      60_000,
    );
    const died = exited.then(() => Promise.reject(new Error(`service exited with ${child.exitCode}`)));
    await Promise.race([ready, died]);
  } catch (error) {
    await service.stop();
    throw new Error(`${(error as Error).message}\n${text}`, { cause: error });
  }
  return service;
}

/** CPU time of a process's main thread, from /proc/<pid>/task/<pid>/stat (utime and stime, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
