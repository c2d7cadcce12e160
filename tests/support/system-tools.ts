import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The programs the suite runs beside Node, and the Debian package that brings each. `npm test`
 * provisions them itself, the way it fetches Neo4j from Maven Central, so that the README's two
 * commands pass on a fresh machine with nothing installed by hand (and CI proves it: .ci/run
 * installs none of these).
 */
export interface SystemTool {
  /** What needs it, for the message. */
  purpose: string;
  /** True when the tool is usable as it is. */
  present: () => boolean;
  /** The Debian package that provides it. */
  debianPackage: string;
}

/** Debian's chromium, which playwright-core drives (tests/support/browser.ts). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const onPath = (command: string) =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, command)));

const javaAtLeast17 = () => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  return result.status === 0 && Number(version) >= 17;
};

const pythonVenv = () => spawnSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }).status === 0;

export const SYSTEM_TOOLS: readonly SystemTool[] = [
  { purpose: 'the local Neo4j (tools/neo4j)', present: javaAtLeast17, debianPackage: 'openjdk-17-jdk-headless' },
  { purpose: "resolving Neo4j's jars from Maven Central", present: () => onPath('mvn'), debianPackage: 'maven' },
  { purpose: 'the browser tests (tests/browser)', present: () => existsSync(CHROMIUM_PATH), debianPackage: 'chromium' },
  {
    purpose: "the replicas' shared rate limits (tests/e2e/replicas.test.ts)",
    present: () => onPath('redis-server'),
    debianPackage: 'redis-server',
  },
  {
    purpose: 'the STIX validator venv (tests/support/stix-validator.ts)',
    present: pythonVenv,
    debianPackage: 'python3-venv',
  },
];

/** What is missing, as Debian packages. */
export function missingPackages(tools: readonly SystemTool[] = SYSTEM_TOOLS): string[] {
  return tools.filter((tool) => !tool.present()).map((tool) => tool.debianPackage);
}

export function installCommand(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y ${packages.join(' ')}`;
}

/**
 * Installs what is missing with apt-get when it can (root on a Debian-like machine); otherwise
 * stops the run with one message naming the command to run. Quiet when nothing is missing.
 */
export function provisionSystemTools(
  log: (line: string) => void,
  tools: readonly SystemTool[] = SYSTEM_TOOLS,
  machine: { isRoot: boolean; hasAptGet: boolean } = { isRoot: process.getuid?.() === 0, hasAptGet: onPath('apt-get') },
): void {
  const missing = missingPackages(tools);
  if (missing.length === 0) return;
  const needs = tools
    .filter((tool) => missing.includes(tool.debianPackage))
    .map((tool) => `${tool.debianPackage} (${tool.purpose})`);
  const { isRoot } = machine;
  if (!isRoot || !machine.hasAptGet) {
    throw new Error(
      `npm test needs ${needs.join(', ')}. Install ${missing.length > 1 ? 'them' : 'it'} with:\n  ${
        isRoot ? '' : 'sudo '
      }${installCommand(missing)}`,
    );
  }
  log(`installing ${needs.join(', ')} with apt-get (first run on this machine only)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  const stillMissing = missingPackages(tools);
  if (stillMissing.length > 0)
    throw new Error(`apt-get installed ${missing.join(' ')}, yet ${stillMissing.join(' ')} is still not usable`);
}
