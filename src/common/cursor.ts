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

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
}
