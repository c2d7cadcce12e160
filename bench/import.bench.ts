import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateBundle } from '../tools/generate-bundle';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:import`: generates a bundle of 5,000 actors and 100,000 relationships and
 * imports it through the CLI (`npm run import`) into a throw-away Neo4j, printing the CLI's
 * progress and summary and the wall-clock time. The import is one transaction (all or nothing),
 * which for 100k relationships needs about 2 GiB of transaction memory: hence a 4 GiB heap.
 */
const ACTORS = Number(process.env.BENCH_ACTORS ?? 5_000);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 100_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahel-bench-import-'));
  const file = path.join(dir, 'bundle.json');
  writeFileSync(file, JSON.stringify(generateBundle(ACTORS, RELATIONSHIPS)));
  process.stdout.write(
    `bundle: ${ACTORS} actors, ${RELATIONSHIPS} relationships, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB\n`,
  );
  const neo4j = await startLocalNeo4j({
    heap: process.env.NEO4J_HEAP ?? '4g',
    pageCache: process.env.NEO4J_PAGECACHE ?? '512m',
  });
  try {
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'cli', 'import.js'), file], {
        env: { ...process.env, NEO4J_URI: neo4j.uri, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', resolve);
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `import through the CLI: ${seconds.toFixed(1)} s wall clock (exit ${code}), ${(RELATIONSHIPS / seconds).toFixed(0)} relationships/s\n`,
    );
    if (code !== 0) process.exitCode = 1;
  } finally {
    await neo4j.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
