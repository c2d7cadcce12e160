import { statSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckMode, LineResult, RangeResult } from './line-check';
import type { RangeJob } from './record-check.worker';

/**
 * Validation off the main thread (issue 25): a JSON Lines file cut into byte ranges, each checked
 * by one of a few worker threads (line-check.ts: parsing, class-validator, the record-only
 * rules), the results handed to the caller range by range IN FILE ORDER, line numbers made the
 * file's. The caller (StreamValidator) keeps everything that needs other records, so its
 * problems are exactly those of the one-thread path.
 *
 * Memory stays bounded: at most two ranges per worker are in flight or waiting to be read (a
 * range's results are a few MB), each worker's heap is capped, and the file is never held.
 */

/** Bytes per range: small enough to keep the results of a few in memory, large enough to keep messages few. */
export const DEFAULT_RANGE_BYTES = 4 * 2 ** 20;
/** Each worker's V8 heap: one range's records at a time, and a long line or two. */
export const WORKER_HEAP_MB = 96;

export interface ParallelCheck {
  workers: number;
  mode: CheckMode;
  /** Bytes per range (tests cut small files into many). */
  rangeBytes?: number;
}

/** The file's lines, checked in workers: arrays of results in file order, `line` the file's line number. */
export async function* checkedLines(file: string, options: ParallelCheck): AsyncGenerator<LineResult[]> {
  const size = statSync(file).size;
  const rangeBytes = options.rangeBytes ?? DEFAULT_RANGE_BYTES;
  const ranges = Math.ceil(size / rangeBytes);
  if (ranges === 0) return;
  const pool = new WorkerPool(file, options.mode, Math.min(options.workers, ranges));
  const pending = new Map<number, Promise<RangeResult>>();
  const ahead = 2 * pool.size;
  let sent = 0;
  let linesBefore = 0;
  try {
    for (let index = 0; index < ranges; index++) {
      for (; sent < ranges && sent < index + ahead; sent++) {
        const job = pool.run({ start: sent * rangeBytes, end: Math.min(size, (sent + 1) * rangeBytes) });
        job.catch(() => undefined); // awaited in its turn; a failure seen earlier must not go unhandled
        pending.set(sent, job);
      }
      const { lines, results } = await pending.get(index)!;
      pending.delete(index);
      for (const result of results) result.line += linesBefore;
      linesBefore += lines;
      yield results;
      // The file is refused at its first line that is not UTF-8: nothing after it counts.
      if (results.some((result) => 'notUtf8' in result)) return;
    }
  } finally {
    await pool.close();
  }
}

interface Job extends RangeJob {
  resolve: (result: RangeResult) => void;
  reject: (error: Error) => void;
}

/**
 * The worker threads of one pass: each takes the next range when it is free. A worker that fails
 * (out of its heap, a crash) fails every job: the pass, and so the import, stops with its error.
 */
class WorkerPool {
  private readonly all: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private failure: Error | undefined;
  private closing = false;

  constructor(
    file: string,
    mode: CheckMode,
    readonly size: number,
  ) {
    for (let i = 0; i < size; i++) this.all.push(this.start(file, mode));
    this.idle.push(...this.all);
  }

  run(range: RangeJob): Promise<RangeResult> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ ...range, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((worker) => worker.terminate()));
  }

  private start(file: string, mode: CheckMode): Worker {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { file, mode, ...workerEntry() },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.on('message', (message: string | { error: string }) =>
      this.done(worker, typeof message === 'string' ? (JSON.parse(message) as RangeResult) : message),
    );
    worker.on('error', (error: NodeJS.ErrnoException) =>
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(`a validation worker ran out of its ${WORKER_HEAP_MB} MB heap (a line far too long?)`)
          : new Error(`a validation worker failed: ${error.message}`, { cause: error }),
      ),
    );
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`a validation worker stopped (exit code ${code})`));
    });
    return worker;
  }

  private next(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.postMessage({ start: job.start, end: job.end } satisfies RangeJob);
    }
  }

  private done(worker: Worker, message: RangeResult | { error: string }): void {
    const job = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if ('error' in message) job?.reject(new Error(`validation failed: ${message.error}`));
    else job?.resolve(message);
    this.next();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of [...this.running.values(), ...this.queue.splice(0)]) job.reject(this.failure);
    this.running.clear();
  }
}

/**
 * A worker runs the compiled worker module (dist/). Under jest the sources are TypeScript: the
 * worker compiles them with swc on require, as jest does (@swc/core is a development dependency,
 * asked for only then).
 */
function workerEntry(): { entry: string; swc?: string; swcrc?: string; reflect: string } {
  const entry = require.resolve('./record-check.worker');
  const reflect = require.resolve('reflect-metadata');
  if (!entry.endsWith('.ts')) return { entry, reflect };
  return { entry, reflect, swc: require.resolve('@swc/core'), swcrc: path.join(__dirname, '..', '..', '..', '.swcrc') };
}

const BOOTSTRAP = String.raw`
const { workerData } = require('node:worker_threads');
if (workerData.swc) {
  const fs = require('node:fs');
  const swc = require(workerData.swc);
  const options = JSON.parse(fs.readFileSync(workerData.swcrc, 'utf8'));
  delete options.$schema;
  require('node:module')._extensions['.ts'] = (module, filename) =>
    module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false, sourceMaps: false }).code, filename);
}
require(workerData.reflect);
require(workerData.entry);
`;
