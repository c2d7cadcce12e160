import { AvailabilityGuard, UnansweredError } from '../../src/db/availability';
import { ServiceUnavailableError } from '../../src/errors';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The breaker's recovery without a database: its own probes close it, no client transaction needed. */
describe('AvailabilityGuard', () => {
  it('refuses at once while open, probes by itself, and closes on the first answered probe', async () => {
    let neo4jUp = false;
    let probes = 0;
    const guard = new AvailabilityGuard({
      probe: async () => {
        probes += 1;
        if (!neo4jUp) throw new Error('connection refused');
      },
      probeEveryMs: 50,
      probeDeadlineMs: 200,
    });
    try {
      await expect(guard.run(() => Promise.reject(new UnansweredError('no answer')))).rejects.toThrow('no answer');
      expect(guard.refusing).toBe(true);
      let ran = false;
      await expect(guard.run(async () => (ran = true))).rejects.toThrow(ServiceUnavailableError);
      expect(ran).toBe(false);
      await sleep(300);
      expect(probes).toBeGreaterThanOrEqual(3);
      expect(guard.refusing).toBe(true);

      neo4jUp = true;
      const back = Date.now();
      while (guard.refusing && Date.now() - back < 2_000) await sleep(5);
      expect(Date.now() - back).toBeLessThan(200);
      expect(await guard.run(async () => 'answered')).toBe('answered');
    } finally {
      guard.shutdown();
    }
  });

  it('counts a probe that hangs past its deadline as failed, and keeps probing', async () => {
    let hang = true;
    const guard = new AvailabilityGuard({
      probe: () => (hang ? new Promise(() => undefined) : Promise.resolve()),
      probeEveryMs: 20,
      probeDeadlineMs: 100,
    });
    try {
      await expect(guard.run(() => Promise.reject(new UnansweredError('no answer')))).rejects.toThrow('no answer');
      await sleep(250);
      expect(guard.refusing).toBe(true);
      hang = false;
      await sleep(250);
      expect(guard.refusing).toBe(false);
    } finally {
      guard.shutdown();
    }
  });
});
