import { BadUserInputError } from '../errors';

/**
 * A change-feed cursor: opaque to clients, base64url of the sequence number of the last change
 * a page read up to (docs/changes.md). It stays valid across restarts and replicas: the number
 * is stored with the change in Neo4j.
 */
const PREFIX = 'change:';

export function encodeChangeCursor(sequence: number): string {
  return Buffer.from(`${PREFIX}${sequence}`, 'utf8').toString('base64url');
}

/** The sequence number a page starts after: 0 (the beginning) without a cursor. */
export function decodeChangeCursor(cursor: string | null | undefined, field = 'after'): number {
  if (cursor === null || cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!/^\d{1,15}$/.test(digits)) {
    throw BadUserInputError.field(field, 'is not a change cursor returned by this API (use pageInfo.endCursor)');
  }
  return Number(digits);
}
