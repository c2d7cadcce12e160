import { spawn } from 'node:child_process';
import path from 'node:path';
import { alive } from '../support/processes';

/**
 * The launcher's promise: no JVM outlives the Node process that started it. A child Node process
 * (the built tools/neo4j wrapper) starts a Neo4j, is killed with SIGKILL (no chance to clean
 * up), and the JVM must notice its stdin closing and exit by itself.
 */
const WRAPPER = path.join(__dirname, '..', '..', 'dist', 'tools', 'neo4j', 'local-neo4j.js');

describe('the local Neo4j launcher', () => {
  it('exits by itself when the Node process that started it is killed', async () => {
    const script = `require(${JSON.stringify(WRAPPER)}).startLocalNeo4j({ heap: '256m' }).then((n) => console.log('JVM ' + n.pid + ' ' + n.uri))`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      parent.stdout!.on('data', (chunk) => {
        text += chunk;
        const match = /JVM (\d+) (bolt:\/\/\S+)/.exec(text);
        if (match) resolve(match[0]);
      });
      parent.once('exit', () => reject(new Error(`wrapper exited early: ${text}`)));
    });
    const [, pid, uri] = line.split(' ');
    expect(uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(alive(Number(pid))).toBe(true);

    parent.kill('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (alive(Number(pid)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(alive(Number(pid))).toBe(false);
  }, 180_000);
});
