import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the STIX golden files live (committed; written only when GOLDEN_WRITE=1 and the file is missing). */
export const STIX_FIXTURES = path.join(__dirname, '..', 'fixtures', 'stix');

/**
 * The committed golden value named `name`, or `actual` written as that golden when asked
 * (GOLDEN_WRITE=1) and there is none yet: a golden is made once, before a refactoring, and the
 * refactored code is held to it. An existing golden is never overwritten by a test run.
 */
export function golden(name: string, actual: unknown): unknown {
  const file = path.join(STIX_FIXTURES, name);
  if (!existsSync(file) && process.env.GOLDEN_WRITE === '1')
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

export const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(STIX_FIXTURES, name), 'utf8')) as unknown;
