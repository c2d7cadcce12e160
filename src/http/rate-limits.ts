import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options, type RateLimitRequestHandler } from 'express-rate-limit';
import { ErrorCode } from '../errors';
import { identityOf } from './authentication';
import { sendError } from './http-error';

/**
 * Two limits (express-rate-limit, one-minute windows):
 * - before authentication, failed authentications per client address: rotating guessed keys or
 *   tokens is refused after a few attempts, for every route;
 * - after authentication, requests per identity (the authenticated name, so every spelling of
 *   one credential shares one bucket), or per client address for anonymous callers.
 */

// ipKeyGenerator groups an IPv6 client's /56, which one machine can rotate through.
const clientKey = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

/**
 * Refused credentials per client address. Only failures count, and only once they happened:
 * (express-rate-limit's skipSuccessfulRequests counts every request while it is in flight,
 * which would refuse a crowd of slow but valid writers). The window is express-rate-limit's own
 * MemoryStore; `gate` runs before authentication, `recordFailure` when it refuses credentials.
 */
export class AuthFailureLimit {
  private readonly store = new MemoryStore();

  constructor(private readonly perMinute: number) {
    this.store.init({ windowMs: 60_000 } as Options);
  }

  readonly gate: RequestHandler = async (req, res, next) => {
    const failures = (await this.store.get(clientKey(req)))?.totalHits ?? 0;
    if (failures >= this.perMinute) {
      sendError(
        res,
        429,
        ErrorCode.RATE_LIMITED,
        `More than ${this.perMinute} failed authentications a minute from this address; retry later`,
      );
      return;
    }
    next();
  };

  async recordFailure(req: Request): Promise<void> {
    await this.store.increment(clientKey(req));
  }

  shutdown(): void {
    this.store.shutdown();
  }
}

export function requestLimit(perMinute: { identified: number; anonymous: number }): RateLimitRequestHandler {
  const limitOf = (res: Response) => (identityOf(res) ? perMinute.identified : perMinute.anonymous);
  return rateLimit({
    windowMs: 60_000,
    // Per role: an application with a key gets room to work, an anonymous address less.
    limit: (_req, res) => limitOf(res),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => identityOf(res)?.name ?? clientKey(req),
    handler: (_req, res) =>
      sendError(
        res,
        429,
        ErrorCode.RATE_LIMITED,
        `Rate limit of ${limitOf(res)} requests a minute exceeded; retry later`,
      ),
  });
}
