import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import { startLocalNeo4j } from '../tools/neo4j/local-neo4j';

/**
 * `npm run bench:feeds [-- --subscribers 1000 --writes 100 --seconds 60 --slow 50]` (`--short`: 200
 * subscribers for 20 s): live subscriptions under write load, on 127.0.0.1 (docs/benchmarks.md).
 * A throw-away Neo4j with the seed, the built server as a process of its own (`node
 * dist/src/main.js`, so its RSS is its own), and:
 * 1. W writes per second for D seconds (upsertActor, each a new actor) with no subscriber: write
 *    latency and the server's RSS;
 * 2. a fresh server, N graphql-ws clients subscribed to `changed(types: ["Actor"])` (every client
 *    receives every write; 10 per identity, the per-identity limit, so N/10 reader keys), then the
 *    same writes: write latency, RSS, and delivery latency from the write's answer (its commit is
 *    just before) to each client's receipt, p50/p95/p99, with how many deliveries arrived.
 */
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const SHORT = process.argv.includes('--short');
const SUBSCRIBERS = flag('subscribers', SHORT ? 200 : 1_000);
const WRITES_PER_S = flag('writes', 100);
const SECONDS = flag('seconds', SHORT ? 20 : 60);
/**
 * Subscribers that stop reading (`--slow K`, 50 unless told): their TCP socket is paused once
 * subscribed, so the server's unsent bytes for them cannot drain. The server should close each
 * with 4413 (slow consumer) and its RSS stay where the readers' run puts it, not grow with what
 * they miss.
 */
const SLOW = flag('slow', 50);
/** How long deliveries may still arrive after the last write before they count as missing. */
const DRAIN_MS = flag('drain-ms', 15_000);
/** Writes in flight at most; past it a tick's write is skipped and counted. */
const MAX_IN_FLIGHT = 64;
const PER_IDENTITY = 10;
const MAIN = path.join(__dirname, '..', 'src', 'main.js');
const WRITER_KEY = 'bench-feeds-writer-key';
const SOURCE = 'wellbrock-mali-blockade';
const UPSERT = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const CHANGED = 'subscription { changed(types: ["Actor"], kinds: [CREATED]) { targetId } }';
/**
 * What a slow subscriber asks for: every change with everything it carries, on each of the
 * connection's 20 subscriptions (the per-connection limit). Kernel socket buffers on 127.0.0.1
 * hold a few megabytes: a paused client of one small subscription would not fill them in a run,
 * and the server would never have to act. This one does, as a heavy real consumer would.
 */
const FIREHOSE =
  'subscription { changed { cursor sequence at who operation kind targetId targetType changedFields before after retracted importRun } }';
const SLOW_SUBSCRIPTIONS = 20;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const readerKey = (identity: number) => `bench-feeds-reader-${identity}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  rssMb(): number;
  stop(): Promise<void>;
}

async function startServer(neo4jUri: string): Promise<Server> {
  const port = await freePort();
  const readers = Array.from(
    { length: Math.ceil(SUBSCRIBERS / PER_IDENTITY) },
    (_, identity) => `reader-${identity}:reader:${sha256(readerKey(identity))}`,
  );
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      NEO4J_URI: neo4jUri,
      NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
      NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_ON_EMPTY: 'true', // the first server seeds the throw-away store; later ones find it seeded
      RATE_LIMIT_PER_MINUTE: '1000000',
      NEO4J_TX_TIMEOUT_MS: '120000', // a loaded machine: migrations and writes wait rather than fail
      API_KEYS: [`writer:editor:${sha256(WRITER_KEY)}`, ...readers].join(','),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 300 || child.exitCode !== null) throw new Error('the server did not become ready');
    await sleep(200);
  }
  return {
    child,
    url: `${base}/graphql`,
    rssMb: () => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface WriteRun {
  /** Per write index: when its answer came (performance.now()), NaN if it failed or was skipped. */
  answeredAt: Float64Array;
  latenciesMs: number[];
  failed: number;
  skipped: number;
  rss: { peak: number; end: number };
}

/** WRITES_PER_S upserts a second for SECONDS, each a new actor `<prefix>-<i>`, sampling RSS. */
async function writeLoad(server: Server, prefix: string): Promise<WriteRun> {
  const total = WRITES_PER_S * SECONDS;
  const run: WriteRun = {
    answeredAt: new Float64Array(total).fill(NaN),
    latenciesMs: [],
    failed: 0,
    skipped: 0,
    rss: { peak: 0, end: 0 },
  };
  const sampler = setInterval(() => (run.rss.peak = Math.max(run.rss.peak, server.rssMb())), 250);
  let inFlight = 0;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / WRITES_PER_S;
    if (due > performance.now()) await sleep(due - performance.now());
    if (inFlight >= MAX_IN_FLIGHT) {
      run.skipped += 1;
      continue;
    }
    inFlight += 1;
    const actor = {
      id: `${prefix}-${i}`,
      name: `Bench ${i}`,
      kind: 'PERSON',
      sourceIds: [SOURCE],
      credibility: 3,
      excerpt: 'x',
    };
    const sent = performance.now();
    pending.push(
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': WRITER_KEY },
        body: JSON.stringify({ query: UPSERT, variables: { a: actor } }),
      })
        .then(async (response) => {
          const body = (await response.json()) as { errors?: unknown[] };
          if (body.errors) throw new Error(JSON.stringify(body.errors[0]));
          run.answeredAt[i] = performance.now();
          run.latenciesMs.push(run.answeredAt[i] - sent);
        })
        .catch(() => void (run.failed += 1))
        .finally(() => void (inFlight -= 1)),
    );
  }
  await Promise.all(pending);
  clearInterval(sampler);
  run.rss.end = server.rssMb();
  run.rss.peak = Math.max(run.rss.peak, run.rss.end);
  return run;
}

interface Subscribers {
  clients: Client[];
  /** Pairs of (write index, receipt time), flat. */
  receipts: number[];
  errors: number;
  /** The slow subscribers' sockets (paused once subscribed). */
  slowSockets: WebSocket[];
  /** How the slow subscribers' sockets were closed: close code -> count. */
  slowCloses: Map<number, number>;
}

/** SUBSCRIBERS graphql-ws clients, PER_IDENTITY per reader key, each subscribed to new actors. */
async function subscribe(server: Server, prefix: string): Promise<Subscribers> {
  const subscribers: Subscribers = { clients: [], receipts: [], errors: 0, slowSockets: [], slowCloses: new Map() };
  let connected = 0;
  for (let n = 0; n < SUBSCRIBERS; n++) {
    const slow = n < SLOW;
    const client = createClient({
      url: server.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': readerKey(Math.floor(n / PER_IDENTITY)) },
      retryAttempts: 0,
      on: {
        connected: (socket) => {
          connected += 1;
          // Subscribed first (the subscribe message is already written), then it stops reading.
          if (!slow) return;
          subscribers.slowSockets.push(socket as WebSocket);
          setTimeout(() => (socket as WebSocket).pause(), 1_000);
        },
        closed: (event) => {
          if (!slow) return;
          const code = (event as { code?: number }).code ?? 0;
          subscribers.slowCloses.set(code, (subscribers.slowCloses.get(code) ?? 0) + 1);
        },
      },
    });
    if (slow) {
      for (let k = 0; k < SLOW_SUBSCRIPTIONS; k++)
        client.subscribe(
          { query: FIREHOSE },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        );
      subscribers.clients.push(client);
      continue;
    }
    client.subscribe<{ changed: { targetId: string } }>(
      { query: CHANGED },
      {
        next: (result) => {
          const id = result.data?.changed.targetId ?? '';
          if (id.startsWith(`${prefix}-`))
            subscribers.receipts.push(Number(id.slice(prefix.length + 1)), performance.now());
        },
        error: () => void (subscribers.errors += 1),
        complete: () => undefined,
      },
    );
    subscribers.clients.push(client);
    if (n % 50 === 49) await sleep(50); // connect in steps, not in one burst
  }
  const deadline = performance.now() + 60_000;
  const waiting = () => connected < SUBSCRIBERS && performance.now() < deadline;
  while (waiting()) await sleep(200);
  if (connected < SUBSCRIBERS) throw new Error(`only ${connected} of ${SUBSCRIBERS} subscribers connected`);
  await sleep(2_000); // every subscription read its first (empty) page and waits
  return subscribers;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(1));
const summary = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return `p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted[sorted.length - 1] ?? NaN)}`;
};

async function withSubscribers(neo4jUri: string): Promise<{
  run: WriteRun;
  delivery: number[];
  delivered: number;
  expected: number;
  errors: number;
  connectRss: number;
  slowCloses: Map<number, number>;
}> {
  const server = await startServer(neo4jUri);
  try {
    const prefix = `feeds-live-${Date.now()}`;
    const subscribers = await subscribe(server, prefix);
    const connectRss = server.rssMb();
    const run = await writeLoad(server, prefix);
    const committed = run.answeredAt.filter((at) => !Number.isNaN(at)).length;
    const expected = committed * (SUBSCRIBERS - SLOW);
    const drainUntil = performance.now() + DRAIN_MS;
    while (subscribers.receipts.length / 2 < expected && performance.now() < drainUntil) await sleep(100);
    run.rss.peak = Math.max(run.rss.peak, server.rssMb());
    // A paused client sees how the server closed it only once it reads again.
    for (const socket of subscribers.slowSockets) socket.resume();
    await sleep(3_000);
    const delivery: number[] = [];
    for (let k = 0; k < subscribers.receipts.length; k += 2) {
      const answered = run.answeredAt[subscribers.receipts[k]];
      if (!Number.isNaN(answered)) delivery.push(subscribers.receipts[k + 1] - answered);
    }
    await Promise.all(subscribers.clients.map((client) => client.dispose()));
    return {
      run,
      delivery,
      delivered: subscribers.receipts.length / 2,
      expected,
      errors: subscribers.errors,
      connectRss,
      slowCloses: subscribers.slowCloses,
    };
  } finally {
    await server.stop();
  }
}

/** NEO4J_URI (a throw-away database you started; the bench writes to it), else one of its own. */
async function neo4jForBench(): Promise<{ uri: string; stop(): Promise<void> }> {
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, stop: async () => undefined };
  return startLocalNeo4j({ heap: process.env.NEO4J_HEAP ?? '1g', pageCache: process.env.NEO4J_PAGECACHE ?? '256m' });
}

async function main(): Promise<void> {
  const neo4j = await neo4jForBench();
  try {
    // The first server migrates and seeds the throw-away store (SEED_ON_EMPTY), then serves phase 1.
    const quiet = await startServer(neo4j.uri);
    let alone: WriteRun;
    let idleRss: number;
    try {
      await seed(quiet);
      idleRss = quiet.rssMb();
      alone = await writeLoad(quiet, `feeds-alone-${Date.now()}`);
    } finally {
      await quiet.stop();
    }
    const live = await withSubscribers(neo4j.uri);
    const out = [
      `feeds: ${WRITES_PER_S} writes/s for ${SECONDS} s on 127.0.0.1 (upsertActor, a new actor each), server as its own process`,
      ``,
      `                         no subscribers                      ${SUBSCRIBERS} subscribers (every one receives every write)`,
      `writes answered         ${alone.latenciesMs.length} (failed ${alone.failed}, skipped ${alone.skipped})`.padEnd(
        61,
      ) + `${live.run.latenciesMs.length} (failed ${live.run.failed}, skipped ${live.run.skipped})`,
      `write latency ms        ${summary(alone.latenciesMs)}`.padEnd(61) + summary(live.run.latenciesMs),
      `server RSS MB           idle ${idleRss.toFixed(0)}, peak ${alone.rss.peak.toFixed(0)}, end ${alone.rss.end.toFixed(0)}`.padEnd(
        61,
      ) +
        `subscribed ${live.connectRss.toFixed(0)}, peak ${live.run.rss.peak.toFixed(0)}, end ${live.run.rss.end.toFixed(0)}`,
      `delivery ms (answer → receipt)`.padEnd(61) + summary(live.delivery),
      `deliveries`.padEnd(61) +
        `${live.delivered} of ${live.expected} within ${DRAIN_MS / 1000} s after the last write; ${live.errors} subscription errors`,
    ];
    if (SLOW > 0)
      out.push(
        `slow consumers`.padEnd(61) +
          `${SLOW} of the ${SUBSCRIBERS} stopped reading; closed by the server: ${closes(live.slowCloses, SLOW)}`,
      );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await neo4j.stop();
  }
}

/**
 * How the slow subscribers' sockets ended. 4413 is the slow-consumer close, read by a client
 * that resumed reading in time. 1006 (no close frame) is the same close not read: the frame
 * waits behind what the client never read, and ws destroys the socket when it is not answered
 * within 30 s. The server logs one `closed a slow subscription consumer` line per socket either way.
 */
function closes(codes: Map<number, number>, of: number): string {
  const closed = [...codes.values()].reduce((sum, n) => sum + n, 0);
  const byCode = [...codes].map(([code, n]) => `${n} with ${code}`).join(', ') || 'none';
  return `${byCode}; ${of - closed} still open`;
}

/** Seeds the throw-away store through the server's own start-up: the first server seeds an empty graph. */
async function seed(server: Server): Promise<void> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': WRITER_KEY },
    body: JSON.stringify({ query: '{ about { nodeCount } }' }),
  });
  const body = (await response.json()) as { data?: { about: { nodeCount: number } } };
  if (!body.data?.about.nodeCount) throw new Error('the throw-away graph has no seed (the source every write cites)');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
