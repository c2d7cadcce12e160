import type http from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

/** Longest `drain()` keeps taking in connections that were queued before it began. */
export const SETTLE_MAX_MS = 1_000;
/** Event-loop turns without a new connection after which the kernel's queue counts as empty. */
const QUIET_TURNS = 3;

/**
 * Graceful shutdown of the HTTP side. `drain()` first takes in what reached the machine before it
 * was called: connections waiting in the kernel's accept queue and requests still unread in
 * socket buffers (a busy event loop sees the signal before them; closing the listener or the
 * "idle" sockets at once would reset them). Only then does it stop accepting, close the idle
 * keep-alive ones, answers every request still in flight (and any that arrives meanwhile on an
 * open connection) with `Connection: close`, so clients learn the connection ends instead of
 * finding it reset under their next request, and waits up to `graceMs` for them. Connections
 * still busy after that are closed; main.ts then closes the driver, which rolls back their
 * uncommitted transactions, so a client that saw its connection cut did not get a write either.
 */
export class HttpDrain {
  private draining = false;
  private readonly inFlight = new Set<Response>();
  private idle?: () => void;
  private accepted = 0;

  constructor(
    private readonly server: http.Server,
    private readonly logger: Logger,
  ) {
    server.on('connection', () => (this.accepted += 1));
  }

  /** First middleware of the app: tracks each response until it is sent. */
  readonly track: RequestHandler = (_req, res, next) => {
    if (this.draining) res.setHeader('Connection', 'close');
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.draining && this.inFlight.size === 0) this.idle?.();
    });
    next();
  };

  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    await this.settle();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        new Promise<boolean>((resolve) => (this.idle = () => resolve(true))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!finished)
        this.logger.warn(
          { requests: this.inFlight.size, graceMs },
          'shutdown grace over: closing connections of unfinished requests',
        );
    }
    this.server.closeAllConnections();
    await closed;
  }

  /**
   * Lets the event loop accept what the kernel queued and read what sockets hold, until a few
   * turns pass with no new connection (or SETTLE_MAX_MS): those requests become in-flight ones.
   */
  private async settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_MAX_MS;
    let seen = -1;
    while (seen !== this.accepted && Date.now() < deadline) {
      seen = this.accepted;
      for (let turn = 0; turn < QUIET_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
