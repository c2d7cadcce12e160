import { getHeapStatistics } from 'node:v8';
import type { FieldProblem } from '../../errors';

/**
 * How much one STIX import may be, and how it shares the event loop. A STIX import writes in ONE
 * Neo4j transaction; on the test Neo4j's heap (768m) 16,000 synthetic objects (5.6 MB) commit and
 * 20,000 (7 MB) run out of transaction memory (bench/stix.bench.ts, docs/stix.md), so the mutation
 * stops at 10,000 objects and 4.5 MB. The command line, in its own process, writes in batches of
 * their own transactions and accepts more.
 */
export interface StixLimits {
  maxObjects: number;
  maxBytes: number;
}

/**
 * 4.5 MB: below the admin body limit (MAX_ADMIN_BODY_BYTES, 5 MB by default), so that a bundle
 * near the cap is refused here, naming the bundle, rather than by the body parser's 413.
 */
export const MUTATION_LIMITS: StixLimits = { maxObjects: 10_000, maxBytes: 4_500_000 };

/** Problems listed in one error: the first ones and a count of the rest. */
export const MAX_PROBLEMS = 50;

/** Longest the import works before it gives the event loop a turn (health checks, other requests). */
const TURN_MS = 8;
/** Records per call of the bundle's field checks: class-validator costs more per record in larger calls. */
export const CHECK_SLICE = 20;

/** Lets the event loop run before the caller goes on. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Gives the event loop a turn when the caller has worked TURN_MS since the last one: by the clock
 * rather than by a count, so a busy machine (slower steps) yields as often as an idle one.
 */
export class Turns {
  private since = performance.now();

  async maybe(): Promise<void> {
    if (performance.now() - this.since < TURN_MS) return;
    await nextTurn();
    this.since = performance.now();
  }
}

/** `visit` on every item, giving the event loop a turn every TURN_MS of work. */
export async function eachInSlices<T>(items: readonly T[], visit: (item: T, index: number) => void): Promise<void> {
  const turns = new Turns();
  for (let i = 0; i < items.length; i++) {
    await turns.maybe();
    visit(items[i], i);
  }
}

/** `items` in slices of `size`, for work done one slice at a time. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** The first MAX_PROBLEMS problems, and one more that counts the rest: an error stays small. */
export function capProblems(problems: FieldProblem[]): FieldProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      field: 'bundle',
      reason: `... and ${problems.length - MAX_PROBLEMS} more problems (the first ${MAX_PROBLEMS} are listed)`,
    },
  ];
}

/**
 * `npm run import -- --format stix`: its own process, so no server to stall; the file is read an
 * object at a time, converted (the objects are held until the converted bundle is on disk), then
 * written by the streaming importer as one run of many transactions (stix.file-import.ts).
 */
export const COMMAND_LINE_LIMITS: StixLimits = { maxObjects: 1_000_000, maxBytes: 200_000_000 };

/**
 * Heap one STIX object takes at the conversion's peak (the object, its converted record, the
 * bundle file's text): about 4 KB measured. With `npm run import`'s 200 MB heap, 50,000 synthetic
 * objects (17 MB) imported at 274 MB RSS and 100,000 (35 MB) ran out of heap; with 512 MB,
 * 100,000 imported at 496 MB RSS (docs/stix.md).
 */
export const HEAP_BYTES_PER_OBJECT = 4_000;

/** Objects a STIX file may hold in this process: its caps, and what its heap holds. */
export function objectsThisHeapHolds(limits: StixLimits, heapBytes = getHeapStatistics().heap_size_limit): number {
  return Math.min(limits.maxObjects, Math.floor(heapBytes / HEAP_BYTES_PER_OBJECT));
}
