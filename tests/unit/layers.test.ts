import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The layer rules in .oxlintrc.json (docs/architecture.md) are enforced by `npm run lint`: a
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
    ['a repository importing graphql/', 'src/actors/probe.repository.ts', '../graphql/context', 'domain'],
    ['a service importing a resolver', 'src/traversal/probe.service.ts', './traversal.resolver', 'domain'],
    ['bundle/ importing the HTTP layer', 'src/bundle/probe.ts', '../http/export.routes', 'domain'],
    ['a resolver importing the server', 'src/actors/probe.resolver.ts', '../server', 'api'],
    ['model/ importing db/', 'src/model/probe.ts', '../db', 'foundation'],
    ['any module importing main', 'src/http/probe.ts', '../main', 'entry points'],
    // Two levels deep: the rules match a folder at any depth of the path, not one `../` only.
    ['interop/ importing graphql/ two levels up', 'src/interop/acled/probe.ts', '../../graphql/context', 'domain'],
    ['interop/ importing the HTTP layer two levels up', 'src/interop/stix/probe.ts', '../../http/drain', 'domain'],
    [
      'db/ importing a feature two levels down',
      'src/db/deep/probe.ts',
      '../../traversal/path-score',
      'db/ is the gateway',
    ],
    ['a file in no layer', 'src/newfeature/probe.ts', '../model/vocabulary', 'this file is in no layer'],
    ['db/ importing the change feed', 'src/db/probe.ts', '../changes/change-feed.repository', 'db/ is the gateway'],
    ['the change feed importing graphql/', 'src/changes/probe.repository.ts', '../graphql/context', 'domain'],
    ['webhooks importing graphql/', 'src/webhooks/probe.repository.ts', '../graphql/context', 'domain'],
    ['the webhook dispatcher importing the HTTP layer', 'src/webhooks/probe.ts', '../http/drain', 'domain'],
    ['db/ importing webhooks', 'src/db/probe.ts', '../webhooks/outbox.repository', 'db/ is the gateway'],
    ['config importing webhooks', 'src/config.ts', './webhooks/webhook-settings', 'foundation'],
    [
      'db/ importing saved investigations',
      'src/db/probe.ts',
      '../investigations/investigation.repository',
      'db/ is the gateway',
    ],
    [
      'an investigation service importing graphql/',
      'src/investigations/probe.service.ts',
      '../graphql/context',
      'domain',
    ],
    // The watcher (issue 23, item 4) is domain: it reads the feed and traversals, never the API or HTTP.
    ['the watcher importing graphql/', 'src/watchlists/probe.evaluator.ts', '../graphql/context', 'domain'],
    ['db/ importing the watchlists', 'src/db/probe.ts', '../watchlists/watch.repository', 'db/ is the gateway'],
    // The extraction engine is pure (issue 22): below the domain's other folders, no database.
    ['extraction importing db/', 'src/documents/extraction/probe.ts', '../../db', 'Extraction is pure'],
    [
      'extraction importing a repository',
      'src/documents/extraction/probe.ts',
      '../document.repository',
      'Extraction is pure',
    ],
    [
      'extraction importing a feature',
      'src/documents/extraction/probe.ts',
      '../../sources/source.type',
      'Extraction is pure',
    ],
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
    [
      'extraction importing model/, errors/, the search folding and its own files',
      'src/documents/extraction/probe.ts',
      ['../../model/vocabulary', '../../errors', '../../search/lucene-query', './events', './tables/en'],
    ],
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

/**
 * The rules above, checked against the real tree: every file of src/ falls in a layer, and for
 * every file and every file of a higher layer, the import of one from the other — written as
 * that file would write it, however many `../` deep — is refused by the importing file's layer.
 */
describe('layer rules cover the whole tree (issue 21)', () => {
  interface Layer {
    name: string;
    files: string[];
    refuses: RegExp;
  }
  const config = JSON.parse(readFileSync(path.join(ROOT, '.oxlintrc.json'), 'utf8')) as {
    overrides: Array<{ files: string[]; rules: Record<string, unknown> }>;
  };
  const PREFIX = 'Layers (docs/architecture.md): ';
  const layers: Layer[] = config.overrides.flatMap((override) => {
    const rule = override.rules['no-restricted-imports'] as
      [string, { patterns: Array<{ regex: string; message: string }> }] | undefined;
    const pattern = rule?.[1].patterns[0];
    if (!pattern?.message.startsWith(PREFIX)) return [];
    return [
      {
        name: pattern.message.slice(PREFIX.length).split(' ')[0],
        files: override.files,
        refuses: new RegExp(pattern.regex),
      },
    ];
  });
  /** Bottom to top, after the catch-all that refuses every import of a file in no layer. */
  const ORDER = ['this', 'foundation', 'db/', 'domain', 'api', 'transport', 'entry'];
  /** Upward imports the architecture allows: the domain reads the request shapes it is given. */
  const ALLOWED_UPWARD: Array<{ from: string; to: RegExp }> = [
    { from: 'domain', to: /\.(args|input)\.ts$|^src\/auth\// },
  ];

  const srcFiles = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? srcFiles(path.posix.join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [path.posix.join(dir, entry.name)]
          : [],
    );
  const files = srcFiles('src');
  // oxlint applies the last override that matches a file, so a file's layer is the last match.
  const layerOf = (file: string) =>
    layers.findLast((layer) => layer.files.some((glob) => path.matchesGlob(file, glob)));
  const rank = (layer: Layer) => ORDER.indexOf(layer.name);

  /** How `from` imports `to`: relative, without the extension, a folder's index as the folder. */
  const specifier = (from: string, to: string) => {
    const relative = path.posix.relative(path.posix.dirname(from), to.replace(/(\/index)?\.ts$/, ''));
    return relative.startsWith('.') ? relative : `./${relative}`;
  };

  it('reads the six layers and the catch-all in order', () => {
    expect(layers.map((layer) => layer.name)).toEqual(ORDER);
  });

  it('puts every file of src/ in a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => rank(layerOf(file)!) <= 0)).toEqual([]);
  });

  it("refuses, in each file's layer, the import of every file of a higher layer", () => {
    const unrefused: string[] = [];
    let checked = 0;
    for (const from of files) {
      const own = layerOf(from)!;
      for (const to of files) {
        const theirs = layerOf(to)!;
        if (rank(theirs) <= rank(own)) continue;
        if (ALLOWED_UPWARD.some((allowed) => allowed.from === own.name && allowed.to.test(to))) continue;
        checked++;
        if (!own.refuses.test(specifier(from, to))) unrefused.push(`${from} -> ${specifier(from, to)}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(unrefused).toEqual([]);
  });
});
