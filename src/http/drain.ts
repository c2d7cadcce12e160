import type http from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

/**
 * Graceful shutdown of the HTTP side. `drain()` stops accepting connections, closes the idle
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

  constructor(
    private readonly server: http.Server,
    private readonly logger: Logger,
  ) {}

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
}
