import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
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

export function authFailureLimit(perMinute: number): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Counted when credentials were presented and refused (401); everything else is taken back
    // (a caller without credentials is limited by the ordinary limit, per address).
    skipSuccessfulRequests: true,
    requestWasSuccessful: (req, res) => res.statusCode !== 401 || !(req.headers['x-api-key'] || req.headers.authorization),
    // ipKeyGenerator groups an IPv6 client's /56, which one machine can rotate through.
    keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, res) =>
      sendError(res, 429, ErrorCode.RATE_LIMITED, `More than ${perMinute} failed authentications a minute from this address; retry later`),
  });
}

export function requestLimit(perMinute: number): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => identityOf(res)?.name ?? `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, res) => sendError(res, 429, ErrorCode.RATE_LIMITED, `Rate limit of ${perMinute} requests a minute exceeded; retry later`),
  });
}
