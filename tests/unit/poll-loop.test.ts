import { PollLoop } from '../../src/common/poll-loop';

/** The background loop of the webhook dispatcher and the watcher (src/common/poll-loop.ts). */
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollLoop', () => {
  it('runs again at once while a step says more is waiting, then waits pollMs', async () => {
    const runs: number[] = [];
    let left = 3;
    const loop = new PollLoop({
      step: async () => (runs.push(Date.now()), left-- > 0),
      pollMs: 10_000,
      stopGraceMs: 100,
      firstDelayMs: 0,
    });
    loop.start();
    await tick(200);
    expect(runs).toHaveLength(4); // three busy steps drain at once; the fourth found nothing
    await loop.stop();
    expect(loop.stopped).toBe(true);
  });

  it('keeps going after a step that throws, and runs nothing after stop()', async () => {
    let runs = 0;
    const loop = new PollLoop({
      step: async () => {
        runs += 1;
        throw new Error('Neo4j said no');
      },
      pollMs: 20,
      stopGraceMs: 100,
      firstDelayMs: 0,
    });
    loop.start();
    await tick(150);
    expect(runs).toBeGreaterThan(2);
    await loop.stop();
    const stoppedAt = runs;
    await tick(100);
    expect(runs).toBe(stoppedAt);
  });

  it('waits for a step under way at most stopGraceMs', async () => {
    const loop = new PollLoop({
      step: () => new Promise<boolean>(() => undefined),
      pollMs: 10,
      stopGraceMs: 50,
      firstDelayMs: 0,
    });
    loop.start();
    await tick(20);
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
