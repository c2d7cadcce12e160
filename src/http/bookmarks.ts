import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import { bookmarkProblem, MAX_BOOKMARK_LENGTH, MAX_BOOKMARKS, type BookmarkCheck } from '../db';
import { ErrorCode, ServiceUnavailableError } from '../errors';
import type { RequestContext } from '../graphql/context';
import { sendError } from './http-error';

/**
 * Read-your-writes across replicas, over HTTP. A request that wrote answers with the Neo4j
 * bookmarks that cover its writes, in the `X-Neo4j-Bookmark` header and in
 * `extensions.bookmarks` of the GraphQL response. A client that sends the header back, to any
 * replica, gets reads that wait until the cluster member serving them has applied those writes.
 * Encoding: the bookmarks joined with commas (a bookmark never holds one); a repeated header is
 * the same list (HTTP joins repeated headers with commas). The header is checked before the body is
 * read and before any route runs (the same check for /graphql and every /export download): more
 * than MAX_BOOKMARKS, one longer than MAX_BOOKMARK_LENGTH, characters no bookmark has, or a
 * bookmark that is not one of this graph's (BookmarkCheck: malformed, of `system` or another
 * server, or ahead of what the graph committed) is a 400 INVALID_BOOKMARK naming the header.
 */
export const BOOKMARK_HEADER = 'x-neo4j-bookmark';

const MAX_HEADER_LENGTH = MAX_BOOKMARKS * (MAX_BOOKMARK_LENGTH + 2);

export function bookmarksOf(res: Response): string[] {
  return (res.locals.bookmarks as string[] | undefined) ?? [];
}

export function encodeBookmarks(bookmarks: readonly string[]): string {
  return bookmarks.join(',');
}

/** The bookmarks of `header`, or why it is refused. */
export function parseBookmarkHeader(header: string | undefined): { bookmarks: string[] } | { problem: string } {
  if (header === undefined || header.trim() === '') return { bookmarks: [] };
  if (header.length > MAX_HEADER_LENGTH) return { problem: `is longer than ${MAX_HEADER_LENGTH} characters` };
  const bookmarks = header.split(',').map((bookmark) => bookmark.trim());
  if (bookmarks.length > MAX_BOOKMARKS) return { problem: `holds more than ${MAX_BOOKMARKS} bookmarks` };
  for (const [index, bookmark] of bookmarks.entries()) {
    const problem = bookmarkProblem(bookmark);
    if (problem) return { problem: `bookmark ${index + 1} ${problem}` };
  }
  return { bookmarks: [...new Set(bookmarks)] };
}

/** Parses and checks X-Neo4j-Bookmark into `res.locals.bookmarks`, or answers 400 INVALID_BOOKMARK. */
export function bookmarkHeader(check: BookmarkCheck): RequestHandler {
  const refuse = (res: Response, problem: string) =>
    sendError(
      res,
      400,
      ErrorCode.INVALID_BOOKMARK,
      `Header X-Neo4j-Bookmark ${problem}; send back the value a response of this service returned`,
      { header: 'X-Neo4j-Bookmark' },
    );
  return async (req, res, next) => {
    const parsed = parseBookmarkHeader(req.headers[BOOKMARK_HEADER] as string | undefined);
    if ('problem' in parsed) return refuse(res, parsed.problem);
    if (parsed.bookmarks.length > 0) {
      try {
        const problem = await check.problem(parsed.bookmarks);
        if (problem) return refuse(res, problem);
      } catch (error) {
        if (error instanceof ServiceUnavailableError)
          return sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, error.message);
        return next(error);
      }
    }
    res.locals.bookmarks = parsed.bookmarks;
    next();
  };
}

/**
 * After a request that wrote: its bookmarks in the response header and `extensions.bookmarks`.
 * A write that failed (rolled back) leaves no bookmark; the request then returns none.
 */
export function bookmarkPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          // A request refused before its context was built (a parse error) has no bookmarks.
          const bookmarks = contextValue.bookmarks;
          if (!bookmarks?.written) return;
          const current = await bookmarks.current();
          if (current.length === 0) return;
          response.http.headers.set(BOOKMARK_HEADER, encodeBookmarks(current));
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, bookmarks: current };
          }
        },
      };
    },
  };
}
