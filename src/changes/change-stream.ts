import type { ChangeFeedRepository, ChangeFilter } from './change-feed.repository';
import type { ChangeHead } from './change-head';
import type { ChangeEvent } from './change.type';
import { pageKey, type SharedPageReads } from './shared-page-reads';

/** Changes read per page by a live subscription (from the feed, as `changes` reads them). */
export const STREAM_PAGE = 100;

/**
 * What a subscription needs from its connection (src/http/subscriptions.ts builds it): the head
 * to wait on, the feed as the subscriber may read it, and the socket's backlog.
 */
export interface LiveConnection {
  head: ChangeHead;
  /** Runs a page read when the process's bound on concurrent page reads allows (readTurns). */
  turn<T>(read: () => Promise<T>): Promise<T>;
  /** The process's page reads, shared by subscriptions that ask for the same page (shared-page-reads.ts). */
  shared: SharedPageReads;
  /** Whose view the feed is read in: the clearance, and the name whose alerts it shows. */
  view: { clearance: string; owner: string | null };
  /**
   * The feed at the subscriber's clearance, made afresh for each page: the sources above it are
   * read again, so a source marked AMBER after the subscription began hides what rests on it.
   */
  feed(): ChangeFeedRepository;
  /** Bytes written to the socket and not yet sent (ws's bufferedAmount). */
  backlogBytes(): number;
  maxBacklogBytes: number;
  /** Closes the connection as a slow consumer (a clear close code, nothing more buffered). */
  closeSlow(): void;
}

/**
 * The changes after `after` that pass `filter`, then each new one as it commits: the feed's
 * pages, so replay and live delivery are the same records in the same order. A consumer whose
 * socket holds more than maxBacklogBytes unsent is closed rather than buffered for.
 */
async function* changeStream(
  live: LiveConnection,
  after: number,
  filter: ChangeFilter,
  signal: AbortSignal,
): AsyncGenerator<ChangeEvent> {
  let cursor = after;
  // The last signal this stream woke for: a later one (even one that came while it read its
  // page) wakes it again, the same one does not (a replica behind the signal waits for the poll).
  let acted = 0;
  while (!signal.aborted) {
    const from = cursor;
    const key = pageKey(live.view, live.head.latestKnown, from, STREAM_PAGE, filter);
    const page = await live.shared.read(key, () => live.turn(() => live.feed().page(from, STREAM_PAGE, filter)));
    for (const change of page.changes) {
      if (signal.aborted) return;
      if (live.backlogBytes() > live.maxBacklogBytes) {
        live.closeSlow();
        return;
      }
      yield change;
    }
    cursor = page.endSequence;
    if (cursor >= page.high) {
      const known = acted;
      acted = live.head.latestSignal;
      await live.head.waitBeyond(cursor, signal, known);
    }
  }
}

/**
 * changeStream as graphql-ws drives it: ending the subscription (the client's `complete`, the
 * socket closing) aborts a wait for the next change at once, instead of after it.
 */
export function changeSubscription(
  live: LiveConnection,
  after: number,
  filter: ChangeFilter,
): AsyncIterableIterator<ChangeEvent> {
  const controller = new AbortController();
  const inner = changeStream(live, after, filter, controller.signal);
  return {
    next: () => inner.next(),
    return: (value?: unknown) => {
      controller.abort();
      return inner.return(value as undefined);
    },
    throw: (error?: unknown) => {
      controller.abort();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
