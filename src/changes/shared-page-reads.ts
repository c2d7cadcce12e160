import type { ChangeFilter, ChangePage } from './change-feed.repository';
import { ALERT_TARGET, ChangeKind } from './change-kind';

/** How long a page read stays shareable after it answered: subscriptions woken together come within it. */
export const SHARED_PAGE_KEEP_MS = 1_000;
/** Answered pages kept at most (each up to STREAM_PAGE changes): older ones are dropped first. */
export const SHARED_PAGES_KEPT = 64;

/**
 * What a page of the feed depends on, as a key: the reader's view (clearance, and its own name
 * when its filters let alerts through: an alert is its owner's only), the page's start and size,
 * the filters, and `epoch`, the newest head the process knew of when the page was asked for.
 * Two subscriptions with the same key would read the same statement with the same parameters.
 */
export function pageKey(
  view: { clearance: string; owner: string | null },
  epoch: number,
  after: number,
  first: number,
  filter: ChangeFilter,
): string {
  const alerts =
    (!filter.kinds?.length || filter.kinds.includes(ChangeKind.ALERT)) &&
    (!filter.types?.length || filter.types.includes(ALERT_TARGET));
  return JSON.stringify([
    view.clearance,
    alerts ? view.owner : null,
    epoch,
    after,
    first,
    sorted(filter.kinds),
    sorted(filter.types),
    sorted(filter.entityIds),
  ]);
}

const sorted = (list: readonly string[] | null | undefined) => (list?.length ? [...list].sort() : null);

/**
 * One read for every live subscription that asks for the same page (docs/changes.md). A commit
 * wakes every subscription at once, and those with the same view and filters ask for the same
 * page: the first asks Neo4j, the others wait for its answer, and for SHARED_PAGE_KEEP_MS after
 * it answered a late one gets it too. A thousand subscribers at one clearance cost one page read
 * per commit instead of a thousand.
 *
 * A shared page is never older than what its key knew: the key holds the newest head the
 * process had heard of (a signal or a poll), so a later commit makes a new key and a new read.
 * A failed read is not kept: the next to ask reads again.
 */
export class SharedPageReads {
  private readonly pages = new Map<string, { page: Promise<ChangePage>; answeredAt?: number }>();

  constructor(
    private readonly keepMs = SHARED_PAGE_KEEP_MS,
    private readonly kept = SHARED_PAGES_KEPT,
    private readonly now: () => number = Date.now,
  ) {}

  /** The page under `key`: the one in flight or just answered, else `read()`'s. */
  read(key: string, read: () => Promise<ChangePage>): Promise<ChangePage> {
    this.forgetOld();
    const known = this.pages.get(key);
    if (known) return known.page;
    const entry: { page: Promise<ChangePage>; answeredAt?: number } = { page: read() };
    this.pages.set(key, entry);
    entry.page.then(
      () => (entry.answeredAt = this.now()),
      () => this.pages.delete(key),
    );
    return entry.page;
  }

  /** Pages held now (in flight or answered): for tests and the bound. */
  get size(): number {
    return this.pages.size;
  }

  private forgetOld(): void {
    const oldest = this.now() - this.keepMs;
    for (const [key, entry] of this.pages) {
      if (entry.answeredAt !== undefined && entry.answeredAt < oldest) this.pages.delete(key);
    }
    // Past the bound, the oldest answered pages go first (a Map iterates in insertion order).
    for (const [key, entry] of this.pages) {
      if (this.pages.size < this.kept) break;
      if (entry.answeredAt !== undefined) this.pages.delete(key);
    }
  }
}
