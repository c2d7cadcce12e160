import type { RequestHandler } from 'express';
import type { Role } from '../auth/role';
import { ErrorCode } from '../errors';
import { UnauthenticatedError, type Authenticator } from '../auth/authenticator';
import { hasRole, identityOf } from '../auth/identity';
import { sendError } from './http-error';
import type { AuthFailureLimit } from './rate-limits';

/**
 * Authentication for every route that serves data: the credentials (API key or bearer token) are
 * checked from the headers alone, before any body is read, and the identity is kept in
 * `res.locals.identity` (null: anonymous) for the rate limit, the body limit and the routes.
 * Bad credentials end the request here with 401 UNAUTHENTICATED, or 429 once their address has
 * failed too often this minute (AuthFailureLimit, whose gate runs first and lets only credentials
 * already known to be valid through for such an address).
 */
export function authentication(authenticator: Authenticator, failures: AuthFailureLimit): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.identity = await authenticator.identify(req.headers);
      if (res.locals.identity) failures.noteValid(req);
      next();
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        // The failure that takes the address over the limit is already answered 429.
        if (await failures.refuseIfExceeded(req, res)) return;
        sendError(res, 401, ErrorCode.UNAUTHENTICATED, error.message);
        return;
      }
      next(error);
    }
  };
}

/**
 * For plain HTTP routes (the export downloads): the same rule as GraphQL's root fields, `needed`
 * role or, for reads, anonymous callers while anonymous reads are on.
 */
export function requireRole(needed: Role, anonymousReads: boolean): RequestHandler {
  return (_req, res, next) => {
    const identity = identityOf(res);
    if (!identity) {
      if (needed === 'reader' && anonymousReads) return next();
      sendError(
        res,
        401,
        ErrorCode.UNAUTHENTICATED,
        `This needs credentials (x-api-key or a bearer token) with the ${needed} role`,
      );
      return;
    }
    if (!hasRole(identity, needed)) {
      sendError(res, 403, ErrorCode.FORBIDDEN, `This needs the ${needed} role; ${identity.name} has ${identity.role}`);
      return;
    }
    next();
  };
}
