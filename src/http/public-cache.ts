import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import type { RequestContext } from '../graphql/context';
import { BOOKMARK_HEADER } from './bookmarks';
import { identityOf } from '../auth/identity';

/** Never kept by a shared cache or a browser: anything authenticated, any write, any error. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/**
 * A shared cache must not answer a caller with credentials (or waiting for its own writes) from
 * an anonymous answer: each of these request headers changes what the answer would be.
 */
export const PUBLIC_VARY = 'Authorization, X-Api-Key, X-Neo4j-Bookmark';

export interface PublicCacheOptions {
  /** From PUBLIC_CACHE_MAX_AGE_S; 0: nothing is public. */
  maxAgeS: number;
  anonymousReads: boolean;
}

/** `public, max-age=N` when the answer is the same for every anonymous caller, else null. */
function publicPolicy(options: PublicCacheOptions, anonymous: boolean, bookmarked: boolean): string | null {
  if (options.maxAgeS <= 0 || !options.anonymousReads || !anonymous || bookmarked) return null;
  return `public, max-age=${options.maxAgeS}`;
}

/**
 * Cache-Control of GraphQL answers (docs/http.md): an anonymous GET query answered without error
 * is public for PUBLIC_CACHE_MAX_AGE_S (what anonymous callers may read is the same for all of
 * them: the anonymous clearance); everything else is `private, no-store`. Replaces Apollo's own
 * header (its cache-control plugin is disabled: src/server.ts). The ETag is
 * Express's: a hash of the body, and a GET whose If-None-Match matches it answers 304.
 */
export function publicCachePlugin(options: PublicCacheOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response, contextValue, operation }) {
          const clean =
            request.http?.method === 'GET' &&
            operation?.operation === 'query' &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors?.length;
          const policy = clean
            ? publicPolicy(options, contextValue.auth === null, Boolean(request.http?.headers.get(BOOKMARK_HEADER)))
            : null;
          response.http.headers.set('cache-control', policy ?? PRIVATE_CACHE_CONTROL);
          if (policy) response.http.headers.set('vary', PUBLIC_VARY);
        },
      };
    },
  };
}

/** The same rule for downloads (/export/*): public for anonymous callers, else private. */
export function exportCacheHeaders(options: PublicCacheOptions): RequestHandler {
  return (req, res, next) => {
    setDownloadPolicy(res, publicPolicy(options, identityOf(res) === null, Boolean(req.get(BOOKMARK_HEADER))));
    next();
  };
}

function setDownloadPolicy(res: Response, policy: string | null): void {
  res.setHeader('Cache-Control', policy ?? PRIVATE_CACHE_CONTROL);
  if (policy) res.setHeader('Vary', PUBLIC_VARY);
}
