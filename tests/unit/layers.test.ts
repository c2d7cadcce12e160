import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The layer rules in .oxlintrc.json (README, "Architecture") are enforced by `npm run lint`: a
 * file that imports upward fails the check. Each case lints a small tree laid out like src/ with
 * the project's own configuration, so the rules are tested as written, not re-implemented here.
 */
const ROOT = path.resolve(__dirname, '../..');
const OXLINT = path.join(ROOT, 'node_modules', '.bin', 'oxlint');

function lint(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-layers-'));
  try {
    cpSync(path.join(ROOT, '.oxlintrc.json'), path.join(dir, '.oxlintrc.json'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const result = spawnSync(OXLINT, ['--deny-warnings', '-c', '.oxlintrc.json', 'src'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const target = (file: string) => ({ [file]: 'export const value = 1;\n' });

describe('layer rules', () => {
  it.each([
    [
      'db/ importing a feature',
      'src/db/probe.ts',
      '../actors/actor.repository',
      'db/ is the gateway below every feature',
    ],
    ['db/ importing graphql/', 'src/db/probe.ts', '../graphql/context', 'db/ is the gateway below every feature'],
    [
      'a repository importing graphql/',
      'src/actors/probe.repository.ts',
      '../graphql/context',
      'repositories, services and bundle/ are below GraphQL',
    ],
    [
      'a service importing a resolver',
      'src/traversal/probe.service.ts',
      './traversal.resolver',
      'repositories, services and bundle/ are below GraphQL',
    ],
    [
      'bundle/ importing the HTTP layer',
      'src/bundle/probe.ts',
      '../http/export.routes',
      'repositories, services and bundle/ are below GraphQL',
    ],
    ['a resolver importing the server', 'src/actors/probe.resolver.ts', '../server', 'the GraphQL layer'],
    ['model/ importing db/', 'src/model/probe.ts', '../db', 'the foundation'],
    ['any module importing main', 'src/http/probe.ts', '../main', 'entry points'],
  ])('%s fails the lint', (_case, file, specifier, message) => {
    const imported = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const { status, output } = lint({
      ...target(`${imported}.ts`),
      [file]: `import { value } from '${specifier}';\nexport const probe = value;\n`,
    });
    expect(status).not.toBe(0);
    expect(output).toContain(message);
  });

  it.each([
    [
      'a resolver importing its repository and graphql/',
      'src/actors/probe.resolver.ts',
      ['./actor.repository', '../graphql/context'],
    ],
    ['a repository importing db/ and model/', 'src/actors/probe.repository.ts', ['../db', '../model/vocabulary']],
    ['the server importing everything below it', 'src/server.ts', ['./graphql/schema', './db', './http/drain']],
  ])('%s passes', (_case, file, specifiers) => {
    const files: Record<string, string> = {};
    for (const specifier of specifiers)
      Object.assign(files, target(`${path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))}.ts`));
    files[file] =
      specifiers.map((specifier, i) => `import { value as v${i} } from '${specifier}';`).join('\n') +
      `\nexport const probe = [${specifiers.map((_, i) => `v${i}`).join(', ')}];\n`;
    const { status, output } = lint(files);
    expect(output).toContain('Found 0 warnings and 0 errors');
    expect(status).toBe(0);
  });
});
