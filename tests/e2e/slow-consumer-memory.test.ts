import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import type { Database } from '../../src/db';
import { CLOSE_SLOW_CONSUMER } from '../../src/http/subscriptions';
import { TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';
import { startServiceProcess, until } from '../support/service-process';

/**
 * A consumer that subscribes and never reads, measured (docs/changes.md, "Limits"): the built
 * server in a process of its own (`node --expose-gc dist/src/main.js`), two sockets of 20
 * `changed` subscriptions each that pause right after subscribing, then large imports. Had the
 * server queued what it owes them, it would hold hundreds of megabytes; it holds at most a page
 * per stalled subscription, and closes each socket with 4413 once its unsent data stops draining (its warn line says so).
 * Memory is read in the server: heap and buffers after a forced collection (SIGUSR2, logged by
 * main.ts) while the sockets are paused, asserted; its peak resident set (VmHWM), reported (it
 * counts the imports' own work and what the collector had not yet returned).
 */
const ADMIN = { 'x-api-key': TEST_KEYS.admin };
const SOURCE = 'wellbrock-mali-blockade';
const SOCKETS = 2; // 40 subscriptions: each woken one reads a page on its own pooled connection (50)
const SUBSCRIPTIONS = 20;
const IMPORTS = 6;
const ACTORS_PER_IMPORT = 1_000;
const DESCRIPTION = 'd'.repeat(2_000); // the longest a description may be
const MB = 1024 * 1024;
/** Retained memory (heap and buffers after a collection) the slow consumers may add. */
const RETAINED_BOUND = 40 * MB;
const IMPORT = 'mutation($b: JSONObject!) { importBundle(bundle: $b) { nodes { created } } }';

interface Memory {
  heapUsed: number;
  arrayBuffers: number;
  rss: number;
}

describe('a slow consumer costs the server bounded memory', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof startServiceProcess>>;

  beforeAll(async () => {
    db = await seededDatabase();
    server = await startServiceProcess(
      { LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000', NEO4J_TX_TIMEOUT_MS: '120000' },
      ['--expose-gc'],
    );
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
  }, 60_000);

  /** Two forced collections in the server, then what it holds (its own log line). */
  const measure = async (): Promise<Memory> => {
    let line = '';
    for (let round = 0; round < 2; round++) {
      const before = server.output().split('"msg":"garbage collected"').length;
      server.child.kill('SIGUSR2');
      await until('the server reports a collection', () => {
        const parts = server.output().split('"msg":"garbage collected"');
        if (parts.length <= before) return false;
        line = parts[parts.length - 2].slice(parts[parts.length - 2].lastIndexOf('{'));
        return true;
      });
    }
    const field = (name: string) => Number(new RegExp(`"${name}":(\\d+)`).exec(line)?.[1]);
    return { heapUsed: field('heapUsed'), arrayBuffers: field('arrayBuffers'), rss: field('rss') };
  };
  const peakRss = () =>
    Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) * 1024;

  const importActors = async (batch: string, count: number): Promise<number> => {
    const actors = Array.from({ length: count }, (_, i) => ({
      id: `memory-${batch}-${i}`,
      name: `Memory ${batch} ${i}`,
      kind: 'ARMED_GROUP',
      description: DESCRIPTION,
      sourceIds: [SOURCE],
      credibility: 3,
      excerpt: 'as reported',
    }));
    const bundle = { b: { format: 'sahel-graph-bundle', version: 1, actors } };
    // A machine shared with other test runs can starve Neo4j for a moment: an unavailable answer
    // is retried (the import is one transaction: it committed whole or not at all).
    for (let attempt = 1; ; attempt++) {
      const response = await gql(server.url, IMPORT, bundle, 120_000, ADMIN);
      const code = (response.body.errors?.[0]?.extensions as { code?: string } | undefined)?.code;
      if (attempt < 4 && (code === 'SERVICE_UNAVAILABLE' || code === 'TIMEOUT')) continue;
      expect(response.body.errors).toBeUndefined();
      break;
    }
    return actors.reduce((bytes, actor) => bytes + JSON.stringify(actor).length, 0);
  };

  /** A socket that subscribes SUBSCRIPTIONS times to everything, then stops reading. */
  const pausedConsumer = () => {
    const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    let received = 0;
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    const paused = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'next') received += 1;
        if (message.type !== 'connection_ack') return;
        const payload = { query: 'subscription { changed { sequence after } }' };
        for (let id = 0; id < SUBSCRIPTIONS; id++)
          socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload }));
        socket.pause(); // never reads again until the test resumes it
        resolve();
      }),
    );
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: ADMIN })));
    return { socket, closed, paused, received: () => received };
  };

  const closesLogged = () => server.output().split('closed a slow subscription consumer').length - 1;

  it('closes consumers that never read with 4413, holding a bounded amount meanwhile', async () => {
    await importActors('warm-up', 50); // code paths and pools in use before the baseline
    const baseline = await measure();
    const consumers = Array.from({ length: SOCKETS }, pausedConsumer);
    await Promise.all(consumers.map((consumer) => consumer.paused));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // subscribed and waiting

    // Writes while they do not read, memory measured after each, until the server closes them
    // (their unsent data stalls, and 10 s later they are closed) or IMPORTS are done.
    let owedBytes = 0;
    const samples: Memory[] = [];
    for (let batch = 0; batch < IMPORTS && closesLogged() < SOCKETS; batch++) {
      const written = await importActors(`batch-${batch}`, ACTORS_PER_IMPORT);
      if (closesLogged() === 0) owedBytes += written; // committed while all of them were owed it
      samples.push(await measure());
    }
    await until('the server closes the slow consumers', () => closesLogged() >= SOCKETS, 120_000);
    samples.push(await measure());
    const peak = peakRss();

    // Read now (the server's close handshake waits 30 s): all that was sent, then the close frame.
    for (const consumer of consumers) consumer.socket.resume();
    const outcomes = await Promise.all(
      consumers.map((consumer) =>
        Promise.race([consumer.closed, new Promise((resolve) => setTimeout(() => resolve('open'), 60_000))]),
      ),
    );
    for (const consumer of consumers) consumer.socket.terminate();

    const owed = owedBytes * SOCKETS * SUBSCRIPTIONS; // what queueing for them would have held, at least
    const held = (each: Memory) => each.heapUsed + each.arrayBuffers;
    const retained = Math.max(...samples.map(held)) - held(baseline);
    process.stderr.write(
      `slow consumers: owed ${(owed / MB).toFixed(0)} MB over ${samples.length - 1} imports; retained growth ` +
        `${(retained / MB).toFixed(1)} MB (heap+buffers after GC, worst of ${samples.length} samples); peak RSS ` +
        `${(peak / MB).toFixed(0)} MB from ${(baseline.rss / MB).toFixed(0)} MB; received ${consumers.map((c) => c.received()).join('/')} messages\n`,
    );
    expect(outcomes).toEqual(
      Array(SOCKETS).fill({ code: CLOSE_SLOW_CONSUMER, reason: expect.stringMatching(/^Slow consumer: /) }),
    );
    // The premise: what they were owed is well beyond the bounds, so queueing it would fail them.
    expect(owed).toBeGreaterThan(2 * RETAINED_BOUND);
    expect(retained).toBeLessThan(RETAINED_BOUND);
    // They were cut off, not fed: far fewer messages than the changes committed for them.
    for (const consumer of consumers) expect(consumer.received()).toBeLessThan(ACTORS_PER_IMPORT * SUBSCRIPTIONS);
  }, 600_000);
});
