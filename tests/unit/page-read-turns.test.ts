import { ChangeHead } from '../../src/changes/change-head';
import type { ChangeFeedRepository } from '../../src/changes/change-feed.repository';
import { changeSubscription, type LiveConnection } from '../../src/changes/change-stream';
import { SharedPageReads } from '../../src/changes/shared-page-reads';
import { DEFAULT_SUBSCRIPTION_LIMITS, readTurns } from '../../src/http/subscriptions';

/**
 * The bound on page reads a commit's wake-up starts at once (src/http/subscriptions.ts): a
 * thousand subscriptions woken together must not take the driver's whole connection pool, so
 * their page reads queue behind `maxConcurrentPageReads`, and every subscription still gets its
 * page. Without Neo4j: a feed stub counts the reads in flight.
 */
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('page reads of live subscriptions', () => {
  it('runs at most `max` reads at once and every queued read in turn', async () => {
    const turn = readTurns(3);
    let inFlight = 0;
    let most = 0;
    const read = async (value: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick(5);
      inFlight--;
      return value;
    };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => turn(() => read(i))));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it('gives the turn back when a read fails', async () => {
    const turn = readTurns(1);
    await expect(turn(() => Promise.reject(new Error('Neo4j said no')))).rejects.toThrow('Neo4j said no');
    await expect(turn(async () => 'next')).resolves.toBe('next');
  });

  it('is bounded well below the driver pool by default', () => {
    expect(DEFAULT_SUBSCRIPTION_LIMITS.maxConcurrentPageReads).toBeGreaterThan(0);
    expect(DEFAULT_SUBSCRIPTION_LIMITS.maxConcurrentPageReads).toBeLessThan(50);
  });

  it('reads every subscription page through the turn: 40 streams, at most 2 pages at once', async () => {
    let inFlight = 0;
    let most = 0;
    const feed = {
      page: async (after: number) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick(3);
        inFlight--;
        const change = { sequence: after + 1 };
        return { changes: [change], endSequence: after + 1, high: after + 1 };
      },
    } as unknown as ChangeFeedRepository;
    const head = new ChangeHead({ head: async () => 1 } as unknown as ChangeFeedRepository, undefined, 60_000);
    const live: LiveConnection = {
      head,
      turn: readTurns(2),
      shared: new SharedPageReads(),
      view: { clearance: 'GREEN', owner: null },
      feed: () => feed,
      backlogBytes: () => 0,
      maxBacklogBytes: 1_000,
      closeSlow: () => undefined,
    };
    // Each from its own cursor: 40 different pages, none of them shared (shared-page-reads.test.ts).
    const streams = Array.from({ length: 40 }, (_, i) => changeSubscription(live, i, {}));
    const first = await Promise.all(streams.map((stream) => stream.next()));
    expect(first.map((result) => (result.value as { sequence: number }).sequence)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(most).toBe(2);
    await Promise.all(streams.map((stream) => stream.return?.()));
    head.stop();
  });
});
