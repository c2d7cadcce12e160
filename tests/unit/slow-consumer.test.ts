import { EventEmitter } from 'node:events';
import { watchBacklog, watchPings } from '../../src/http/subscriptions';

/**
 * The slow-consumer watchdog of the subscriptions' sockets (src/http/subscriptions.ts), on a
 * stand-in socket whose unsent bytes the test sets: closed when the backlog passes its cap, or
 * when unsent data does not drain in time; left alone while it drains.
 */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  pings = 0;
  /** Whether the far end answers pings (ws answers them itself while it reads). */
  answers = true;
  ping(): void {
    this.pings += 1;
    if (this.answers) setImmediate(() => this.emit('pong'));
  }
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

  it('pings, and closes a socket that did not answer the last ping by the next one', async () => {
    const socket = new FakeSocket();
    const reasons: string[] = [];
    watchPings(socket as never, 30, (why) => reasons.push(why));
    await tick(100);
    expect(socket.pings).toBeGreaterThanOrEqual(2);
    expect(reasons).toEqual([]); // it answers
    socket.answers = false; // it stopped reading: the next ping goes unanswered
    await tick(100);
    expect(reasons[0]).toBe('no answer to a ping in 30 ms');
    socket.emit('close');
    const pings = socket.pings;
    await tick(80);
    expect(socket.pings).toBe(pings); // no more pings once closed
  });
});
