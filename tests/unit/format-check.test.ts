import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run check` (and so CI) runs `prettier --check` with the project's .prettierrc.json: an
 * unformatted file fails it, a formatted one passes.
 */
const ROOT = path.resolve(__dirname, '../..');
const PRETTIER = path.join(ROOT, 'node_modules', '.bin', 'prettier');

function check(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-format-'));
  try {
    cpSync(path.join(ROOT, '.prettierrc.json'), path.join(dir, '.prettierrc.json'));
    writeFileSync(path.join(dir, 'probe.ts'), text);
    return spawnSync(PRETTIER, ['--check', 'probe.ts'], { cwd: dir, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('format check', () => {
  it('fails on an unformatted file', () => {
    const result = check('export const probe = {a:1,b:"two"}\n');
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/probe\.ts/);
  });

  it('passes the same code formatted', () => {
    expect(check("export const probe = { a: 1, b: 'two' };\n").status).toBe(0);
  });
});
