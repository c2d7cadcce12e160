import { EventEmitter } from 'node:events';
import { watchBacklog } from '../../src/http/subscriptions';

/**
 * The slow-consumer watchdog of the subscriptions' sockets (src/http/subscriptions.ts), on a
 * stand-in socket whose unsent bytes the test sets: closed when the backlog passes its cap, or
 * when unsent data does not drain in time; left alone while it drains.
 */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('slow-consumer watchdog', () => {
  const limits = { maxBacklogBytes: 1_000, maxStallMs: 200 };

  it('closes a socket whose unsent bytes pass the cap', async () => {
    const socket = new FakeSocket();
    const reasons: string[] = [];
    watchBacklog(socket as never, limits, (why) => reasons.push(why), 20);
    socket.bufferedAmount = 5_000;
    await tick(60);
    expect(reasons[0]).toBe('more than 1000 bytes unsent');
    socket.emit('close');
  });

  it('closes a socket whose unsent bytes do not drain within maxStallMs', async () => {
    const socket = new FakeSocket();
    const reasons: string[] = [];
    watchBacklog(socket as never, limits, (why) => reasons.push(why), 20);
    socket.bufferedAmount = 10;
    await tick(100);
    expect(reasons).toEqual([]);
    await tick(250);
    expect(reasons[0]).toBe('unsent data did not drain in 200 ms');
    socket.emit('close');
  });

  it('leaves alone a socket that keeps draining, and stops watching once it closes', async () => {
    const socket = new FakeSocket();
    const reasons: string[] = [];
    watchBacklog(socket as never, limits, (why) => reasons.push(why), 20);
    for (let i = 0; i < 10; i++) {
      socket.bufferedAmount = i % 2 === 0 ? 10 : 0; // drains between checks
      await tick(40);
    }
    expect(reasons).toEqual([]);
    socket.emit('close');
    socket.bufferedAmount = 5_000;
    await tick(60);
    expect(reasons).toEqual([]);
  });
});
