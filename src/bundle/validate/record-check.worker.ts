import { parentPort, workerData } from 'node:worker_threads';
import { checkRange, type CheckMode } from './line-check';

/**
 * A validation worker's body (started by parallel-check.ts, never imported by the main thread):
 * it checks the byte ranges it is sent, one at a time, and posts each range's results back.
 * Stateless: everything that needs other records stays on the main thread.
 */
export interface RangeJob {
  start: number;
  end: number;
}

const { file, mode } = workerData as { file: string; mode: CheckMode };
parentPort?.on('message', ({ start, end }: RangeJob) => {
  try {
    parentPort!.postMessage(checkRange(file, start, end, mode));
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message ?? String(error) });
  }
});
