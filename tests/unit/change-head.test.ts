import { ChangeHead } from '../../src/changes/change-head';
import type { ChangeFeedRepository } from '../../src/changes/change-feed.repository';

/**
 * The head's wake-ups without Neo4j (a feed stub that counts its reads): a signal wakes the
 * waiters it passed at once, one that came while a stream read its page wakes the next wait, the
 * same signal does not wake a stream twice, and the poll (the fallback) still wakes without one.
 */
function stubFeed(high: { value: number }) {
  let reads = 0;
  const feed = { head: async () => (reads++, high.value) } as unknown as ChangeFeedRepository;
  return { feed, reads: () => reads };
}

const settled = async (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('ChangeHead', () => {
  it('wakes the waiters a signal passed, at once and without reading the feed', async () => {
    const high = { value: 5 };
    const { feed, reads } = stubFeed(high);
    const head = new ChangeHead(feed, undefined, 60_000);
    const signal = new AbortController().signal;
    const at5 = head.waitBeyond(5, signal);
    const at7 = head.waitBeyond(7, signal);
    head.signal(6);
    expect(await settled(at5, 50)).toBe(true);
    expect(await settled(at7, 50)).toBe(false);
    expect(reads()).toBe(0);
    head.stop();
  });

  it('resolves a wait at once for a signal that came before it, only once per signal', async () => {
    const { feed } = stubFeed({ value: 0 });
    const head = new ChangeHead(feed, undefined, 60_000);
    const signal = new AbortController().signal;
    head.signal(9); // arrived while the stream was reading its page up to 8
    expect(await settled(head.waitBeyond(8, signal), 50)).toBe(true);
    // The stream acted on 9 and its reader is behind (its cursor is still 8): it waits now.
    expect(await settled(head.waitBeyond(8, signal, 9), 50)).toBe(false);
    expect(head.latestSignal).toBe(9);
    head.signal(Number.NaN); // nonsense from the channel changes nothing
    head.signal(-1);
    expect(head.latestSignal).toBe(9);
    head.stop();
  });

  it('still wakes through the poll when no signal comes, at the interval set last', async () => {
    const high = { value: 3 };
    const { feed, reads } = stubFeed(high);
    const head = new ChangeHead(feed, undefined, 20);
    const signal = new AbortController().signal;
    const waiting = head.waitBeyond(3, signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads()).toBeGreaterThan(0);
    high.value = 4;
    expect(await settled(waiting, 1_000)).toBe(true);
    head.pollEvery(60_000);
    const slow = head.waitBeyond(4, signal);
    high.value = 5;
    const before = reads();
    expect(await settled(slow, 300)).toBe(false);
    expect(reads()).toBeLessThanOrEqual(before + 1);
    head.stop();
  });

  it('moves a poll waiting on a slow interval to a faster one set meanwhile (Redis went away)', async () => {
    const high = { value: 1 };
    const { feed } = stubFeed(high);
    const head = new ChangeHead(feed, undefined, 60_000);
    const waiting = head.waitBeyond(1, new AbortController().signal);
    high.value = 2;
    expect(await settled(waiting, 200)).toBe(false);
    head.pollEvery(20);
    expect(await settled(waiting, 1_000)).toBe(true);
    head.stop();
  });
});
