import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { PROJECT_ROOT, WEB_DIR } from '../../src/paths';
import { readmeExamples } from './readme-examples';

/**
 * Builds the browser side (web/) into dist/web: the GraphiQL IDE, the graph explorer and the
 * documents page (upload, review, a document opened at an excerpt), bundled
 * by esbuild with content-hashed names under dist/web/assets, and their HTML pages pointing at
 * them. Run by `npm run build`; src/web/web.routes.ts serves the result.
 */

const root = PROJECT_ROOT;
const outDir = WEB_DIR;
const assetsDir = path.join(outDir, 'assets');

/** `import examples from 'readme-examples'`: the README's example operations, read at build time. */
const readmeExamplesPlugin: Plugin = {
  name: 'readme-examples',
  setup(builder) {
    builder.onResolve({ filter: /^readme-examples$/ }, () => ({ path: 'readme-examples', namespace: 'readme' }));
    builder.onLoad({ filter: /.*/, namespace: 'readme' }, () => ({
      contents: JSON.stringify(readmeExamples(readFileSync(path.join(root, 'README.md'), 'utf8'))),
      loader: 'json',
      watchFiles: [path.join(root, 'README.md')],
    }));
  },
};

/**
 * `import url from 'world-atlas/countries-50m.json?url'`: the map's country outlines (Natural Earth,
 * TopoJSON) copied into dist/web/assets under a content-hashed name like the bundles, and the
 * import gives its address. Fetched by the page when the map is first shown, not bundled into
 * the script (750 KB the graph alone never needs); served by the service, like everything else.
 */
const mapDataPlugin: Plugin = {
  name: 'map-data',
  setup(builder) {
    builder.onResolve({ filter: /^world-atlas\/[a-z0-9-]+\.json\?url$/ }, (args) => ({
      path: require.resolve(args.path.replace(/\?url$/, ''), { paths: [root] }),
      namespace: 'map-data',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'map-data' }, (args) => {
      const bytes = readFileSync(args.path);
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8).toUpperCase();
      const name = `${path.basename(args.path, '.json')}-${hash}.json`;
      writeFileSync(path.join(assetsDir, name), bytes);
      return { contents: JSON.stringify(`/assets/${name}`), loader: 'json', watchFiles: [args.path] };
    });
  },
};

/** The hashed .js and .css files esbuild wrote for an entry point, relative to dist/web. */
function outputsOf(metafile: Metafile, entry: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint !== entry) continue;
    const relative = path.relative(outDir, path.join(root, file)).split(path.sep).join('/');
    scripts.push(relative);
    if (output.cssBundle)
      styles.push(path.relative(outDir, path.join(root, output.cssBundle)).split(path.sep).join('/'));
  }
  return { scripts, styles };
}

/** The page template with its <!--assets--> marker replaced by the bundle's tags. */
function page(template: string, assets: { scripts: string[]; styles: string[] }): string {
  const tags = [
    ...assets.styles.map((href) => `<link rel="stylesheet" href="/${href}">`),
    ...assets.scripts.map((src) => `<script defer src="/${src}"></script>`),
  ].join('\n    ');
  if (!template.includes('<!--assets-->')) throw new Error('page template lacks the <!--assets--> marker');
  return template.replace('<!--assets-->', tags);
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });
  const entries = { ide: 'web/ide/main.tsx', explorer: 'web/explorer/main.ts', documents: 'web/documents/main.ts' };
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    format: 'iife',
    target: ['es2022'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
    metafile: true,
    logLevel: 'warning',
    plugins: [readmeExamplesPlugin, mapDataPlugin],
  });
  for (const [name, entry] of Object.entries(entries)) {
    const assets = outputsOf(result.metafile, entry);
    const template = readFileSync(path.join(root, 'web', name, 'index.html'), 'utf8');
    writeFileSync(
      path.join(outDir, `${name}.html`),
      page(template, { scripts: assets.scripts.filter((f) => f.endsWith('.js')), styles: assets.styles }),
    );
  }
  // Silent on success: `npm run --silent export` prints its data to stdout after this build.
}

main().catch((error: unknown) => {
  process.stderr.write(`web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
