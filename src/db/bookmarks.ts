import neo4j, { type BookmarkManager } from 'neo4j-driver';

/**
 * Causal consistency for one request (read-your-writes on a cluster). Neo4j hands out a bookmark
 * when a transaction commits; a transaction that starts with that bookmark waits until the
 * cluster member serving it has applied that transaction, whichever member it is. A request's
 * sessions all share one bookmark manager (the driver's own): each write's bookmark is handed to
 * the reads and writes that follow it in the same request (a mutation's re-read sees its write),
 * and the bookmarks a client sent (from an earlier request, on any replica) are where it starts.
 */
export class RequestBookmarks {
  readonly manager: BookmarkManager;
  private wrote = false;

  constructor(initial: readonly string[] = []) {
    this.manager = neo4j.bookmarkManager({ initialBookmarks: initial });
  }

  /** Called by the gateway when a write transaction of this request committed. */
  recordWrite(): void {
    this.wrote = true;
  }

  /** True once a write of this request committed: its bookmark is worth returning. */
  get written(): boolean {
    return this.wrote;
  }

  /** The bookmarks a later request needs to see everything this one wrote (and was given). */
  async current(): Promise<string[]> {
    return [...(await this.manager.getBookmarks())];
  }
}

/** Bookmarks one request may carry; a transaction depends on all of them. */
export const MAX_BOOKMARKS = 16;
/** Longest bookmark accepted (Neo4j 5's are about 60–100 characters). */
export const MAX_BOOKMARK_LENGTH = 512;
/** What a Neo4j bookmark is made of ("FB:" and base64url-like text); anything else is refused. */
const BOOKMARK = /^[A-Za-z0-9:_\-+/=.]+$/;

/** Why `bookmark` cannot be a Neo4j bookmark, or null when it can. */
export function bookmarkProblem(bookmark: string): string | null {
  if (bookmark.length === 0) return 'is empty';
  if (bookmark.length > MAX_BOOKMARK_LENGTH) return `is longer than ${MAX_BOOKMARK_LENGTH} characters`;
  if (!BOOKMARK.test(bookmark)) return 'has characters a Neo4j bookmark does not have';
  return null;
}
