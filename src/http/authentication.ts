import type { RequestHandler, Response } from 'express';
import type { Role } from '../auth/role';
import { ErrorCode } from '../errors';
import { UnauthenticatedError, type Authenticator } from '../auth/authenticator';
import { hasRole, type Identity } from '../auth/identity';
import { sendError } from './http-error';
import type { AuthFailureLimit } from './rate-limits';

/**
 * Authentication for every route that serves data: the credentials (API key or bearer token) are
 * checked from the headers alone, before any body is read, and the identity is kept in
 * `res.locals.identity` (null: anonymous) for the rate limit, the body limit and the routes.
 * Bad credentials end the request here with 401 UNAUTHENTICATED, or 429 once their address has
 * failed too often this minute (AuthFailureLimit); valid credentials are never refused for that.
 */
export function authentication(authenticator: Authenticator, failures: AuthFailureLimit): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.identity = await authenticator.identify(req.headers);
      next();
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        // Over the failure limit, bad credentials get 429 (valid ones never reach this line).
        if (await failures.refuseIfExceeded(req, res)) return;
        sendError(res, 401, ErrorCode.UNAUTHENTICATED, error.message);
        return;
      }
      next(error);
    }
  };
}

export function identityOf(res: Response): Identity | null {
  return (res.locals.identity as Identity | null | undefined) ?? null;
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
