import { BadUserInputError } from '../errors';

/**
 * Cursors are opaque to clients: base64url of the sort key of the last item seen (an id), so
 * paging is keyset-based and stays correct when entities are added between pages.
 */
export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, field = 'after'): string | null {
  if (cursor === null || cursor === undefined) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || text.length < 3) {
    throw BadUserInputError.field(field, 'is not a cursor returned by this API (use pageInfo.endCursor)');
  }
  return text.slice(2);
}

/**
 * The key a keyset page starts after: the cursor's key, or '' for the first page. Every id is a
 * non-empty string, so `n.id > ''` holds for all of them and one statement, `WHERE n.id > $after
 * ORDER BY n.id LIMIT $limit`, serves every page as an index range seek (an `$after IS NULL OR`
 * branch would keep the planner from seeking).
 */
export function keysetStart(cursor: string | null | undefined, field = 'after'): string {
  return decodeCursor(cursor, field) ?? '';
}

export interface Page<T> {
  items: T[];
  /** How many match across all pages; null when the caller did not ask for it (nothing was counted). */
  totalCount: number | null;
  /** False when counting stopped at a cap: then at least totalCount match. Absent means exact. */
  totalCountIsExact?: boolean;
  hasNextPage: boolean;
}

/** Whether a page's total is wanted: counting is the costly part of a page, so it runs only when selected. */
export interface CountRequest {
  withTotal: boolean;
}
