import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The OASIS STIX 2.1 validator (stix2-validator from PyPI) in a git-ignored venv at .venv-stix,
 * created here when missing (.ci/run creates it too), so an exported bundle is checked by the
 * reference implementation rather than by rules re-written in TypeScript.
 */
const ROOT = path.resolve(__dirname, '../..');
const VENV = path.join(ROOT, '.venv-stix');
const VALIDATOR = path.join(VENV, 'bin', 'stix2_validator');

export function ensureStixValidator(): string {
  if (!existsSync(VALIDATOR)) {
    execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(path.join(VENV, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', 'stix2-validator'], {
      stdio: 'inherit',
    });
  }
  return VALIDATOR;
}

/**
 * Validates a STIX file with every reference required to resolve inside the bundle
 * (`--enforce-refs`). Warnings are printed but not errors; errors make the exit status non-zero.
 */
export function validateStixFile(file: string): { status: number | null; output: string } {
  const result = spawnSync(ensureStixValidator(), ['--enforce-refs', '--no-cache', file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
