import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { neo4jUri } from './database';

/** `npm run import` as a real process (the built dist/) against the suite's Neo4j. */
export const IMPORT_CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'import.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const cliEnv = () => ({ ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn' });

/** Runs the import to its end; `nodeFlags` go to node (a heap limit). */
export async function runImport(args: string[], nodeFlags: string[] = []): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...nodeFlags, IMPORT_CLI, ...args], {
      env: cliEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * Starts an import and SIGKILLs it once `progressed()` says enough of it has committed (checked
 * every 100 ms, for at most a minute); resolves when the process is gone.
 */
export async function killImportWhen(args: string[], progressed: () => Promise<boolean>): Promise<void> {
  const child = spawn(process.execPath, [IMPORT_CLI, ...args], { env: cliEnv(), stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  try {
    while (!(await progressed())) {
      if (child.exitCode !== null) throw new Error(`the import exited (${child.exitCode}) before it could be killed`);
      if (Date.now() > deadline) throw new Error('the import did not progress within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}
