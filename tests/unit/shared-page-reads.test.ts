import { ChangeHead } from '../../src/changes/change-head';
import type { ChangeFeedRepository, ChangePage } from '../../src/changes/change-feed.repository';
import { ChangeKind } from '../../src/changes/change-kind';
import { changeSubscription, type LiveConnection } from '../../src/changes/change-stream';
import { pageKey, SharedPageReads } from '../../src/changes/shared-page-reads';
import { readTurns } from '../../src/http/subscriptions';

/**
 * Live subscriptions woken by one commit share their page reads (src/changes/shared-page-reads.ts):
 * the same view, filters and page cost one read, never one handed across clearances or owners,
 * never one older than the newest head the process knew. Without Neo4j: a feed stub counts reads.
 */
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const GREEN = { clearance: 'GREEN', owner: 'alice' };

function countingFeed(high: () => number) {
  const reads: number[] = [];
  const feed = {
    page: async (after: number): Promise<ChangePage> => {
      reads.push(after);
      await tick(3);
      const top = high();
      const changes = top > after ? [{ sequence: after + 1 }] : [];
      return { changes, endSequence: Math.min(after + 1, top), high: top } as unknown as ChangePage;
    },
  } as unknown as ChangeFeedRepository;
  return { feed, reads };
}

function live(
  feed: ChangeFeedRepository,
  head: ChangeHead,
  shared: SharedPageReads,
  view: LiveConnection['view'],
): LiveConnection {
  return {
    head,
    turn: readTurns(8),
    shared,
    view,
    feed: () => feed,
    backlogBytes: () => 0,
    maxBacklogBytes: 1_000,
    closeSlow: () => undefined,
  };
}

describe('shared page reads of live subscriptions', () => {
  it('1,000 subscriptions with one view and filter, woken by one commit, cost one page read', async () => {
    let high = 0;
    const { feed, reads } = countingFeed(() => high);
    const head = new ChangeHead({ head: async () => high } as unknown as ChangeFeedRepository, undefined, 60_000);
    const shared = new SharedPageReads();
    const streams = Array.from({ length: 1_000 }, () =>
      changeSubscription(live(feed, head, shared, GREEN), 0, { kinds: [ChangeKind.CREATED] }),
    );
    const next = streams.map((stream) => stream.next());
    await tick(20); // each read its empty first page (shared too) and waits on the head
    expect(reads).toEqual([0]);
    high = 1;
    head.signal(1);
    const delivered = await Promise.all(next);
    expect(delivered.map((result) => (result.value as { sequence: number }).sequence)).toEqual(Array(1_000).fill(1));
    expect(reads).toEqual([0, 0]); // the empty page, then the page the commit made: once each
    await Promise.all(streams.map((stream) => stream.return?.()));
    head.stop();
  });

  it('never shares a page across clearances, nor across owners when alerts can pass the filter', () => {
    const key = (view: LiveConnection['view'], kinds?: ChangeKind[]) => pageKey(view, 7, 0, 100, { kinds });
    expect(key(GREEN)).not.toBe(key({ clearance: 'AMBER', owner: 'alice' }));
    expect(key(GREEN)).not.toBe(key({ clearance: 'GREEN', owner: 'bob' }));
    expect(key(GREEN, [ChangeKind.ALERT])).not.toBe(key({ clearance: 'GREEN', owner: 'bob' }, [ChangeKind.ALERT]));
    // No alert can pass [CREATED]: the owner does not change the answer, so readers share it.
    expect(key(GREEN, [ChangeKind.CREATED])).toBe(key({ clearance: 'GREEN', owner: 'bob' }, [ChangeKind.CREATED]));
    expect(pageKey(GREEN, 7, 0, 100, { types: ['Actor'] })).toBe(
      pageKey({ clearance: 'GREEN', owner: 'bob' }, 7, 0, 100, { types: ['Actor'] }),
    );
    // The same filters in another order are the same page; another page, size or head is not.
    expect(pageKey(GREEN, 7, 0, 100, { entityIds: ['b', 'a'] })).toBe(
      pageKey(GREEN, 7, 0, 100, { entityIds: ['a', 'b'] }),
    );
    expect(pageKey(GREEN, 7, 0, 100, {})).not.toBe(pageKey(GREEN, 8, 0, 100, {}));
    expect(pageKey(GREEN, 7, 0, 100, {})).not.toBe(pageKey(GREEN, 7, 1, 100, {}));
    expect(pageKey(GREEN, 7, 0, 100, {})).not.toBe(pageKey(GREEN, 7, 0, 50, {}));
  });

  it('hands out an answered page for keepMs, then reads again; a failed read is not kept', async () => {
    let now = 0;
    const shared = new SharedPageReads(1_000, 64, () => now);
    let reads = 0;
    const read = async () => {
      reads++;
      return { changes: [], endSequence: 0, high: 0 };
    };
    await shared.read('k', read);
    now = 999;
    await shared.read('k', read);
    expect(reads).toBe(1);
    now = 2_001;
    await shared.read('k', read);
    expect(reads).toBe(2);
    await expect(shared.read('bad', () => Promise.reject(new Error('Neo4j said no')))).rejects.toThrow('Neo4j said no');
    await tick(0);
    await shared.read('bad', read);
    expect(reads).toBe(3);
  });

  it('keeps at most `kept` answered pages, dropping the oldest first', async () => {
    const shared = new SharedPageReads(60_000, 4);
    for (let i = 0; i < 20; i++) await shared.read(`page-${i}`, async () => ({ changes: [], endSequence: i, high: i }));
    expect(shared.size).toBeLessThanOrEqual(4);
    let reads = 0;
    await shared.read('page-19', async () => (reads++, { changes: [], endSequence: 0, high: 0 }));
    expect(reads).toBe(0); // the newest is still kept
  });

  it('a head learned by polling (a write through another process) makes a new page, not the kept one', async () => {
    let high = 0;
    const { feed, reads } = countingFeed(() => high);
    const head = new ChangeHead({ head: async () => high } as unknown as ChangeFeedRepository, undefined, 10);
    const stream = changeSubscription(live(feed, head, new SharedPageReads(), GREEN), 0, {});
    const next = stream.next();
    await tick(20);
    high = 1; // committed elsewhere: no signal here, only the poll learns of it
    const result = await next;
    expect((result.value as { sequence: number }).sequence).toBe(1);
    expect(head.latestKnown).toBe(1);
    expect(reads.length).toBe(2);
    await stream.return?.();
    head.stop();
  });
});
