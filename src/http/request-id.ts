import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Ids a client or proxy may pass on: short, and nothing a log line could be confused by. */
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/**
 * Every request gets an id: the caller's `X-Request-Id` when it is a sane token (so a proxy's
 * id follows the request through), otherwise a new UUID. It is returned in the response header
 * and logged with the request, so a client's report can be matched to the server's log.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}
