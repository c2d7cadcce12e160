import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import { BOOKMARK_HEADER } from './bookmarks';

/**
 * CORS for the data routes (/graphql, /export/*), mounted before every page route, the
 * authentication and the limits, so that a browser app on another origin
 * - gets its preflight (OPTIONS) answered here, whatever the routes behind would say;
 * - can read every answer, refusals included (400, 401, 403, 413, 429, 500): the headers are set
 *   before anything can refuse the request, and refusals keep them;
 * - may send the headers this API reads, and read the ones it returns.
 * Credentials are headers (x-api-key, Authorization), never cookies: no origin is ever given
 * Access-Control-Allow-Credentials, so `*` is safe. A listed origin is echoed (with Vary: Origin);
 * any other origin gets no Access-Control-Allow-Origin, and the browser withholds the answer.
 */

/** Request headers a browser may send: credentials, JSON, bookmarks, tracing and Apollo's CSRF headers. */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'x-api-key',
  'authorization',
  BOOKMARK_HEADER,
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
] as const;

/**
 * Response headers a page may read: the rate limit (draft-8 and the older RateLimit-* names), ids,
 * bookmarks, and the ETag of a cacheable answer (Cache-Control is CORS-safelisted already).
 */
export const CORS_EXPOSED_HEADERS = [
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Retry-After',
  'X-Request-Id',
  'X-Neo4j-Bookmark',
  'ETag',
] as const;

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

export function corsHandler(options: Config['cors']): RequestHandler {
  return cors({
    origin: options.origins === '*' ? '*' : [...options.origins],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_S,
    // The preflight ends here (204): no page route, authentication or limit sees it.
    preflightContinue: false,
    optionsSuccessStatus: 204,
  });
}
