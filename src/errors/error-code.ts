/**
 * Every error the API returns carries one of these in `extensions.code`. Clients branch on the
 * code, never on the message, so codes are stable and only ever added to.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  TIMEOUT = 'TIMEOUT',
  /** The database refused the work as too large (transaction memory). */
  RESOURCE_LIMIT = 'RESOURCE_LIMIT',
  /** The operation is too deep, too costly or has too many aliases (the message names the limit). */
  QUERY_LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The X-Neo4j-Bookmark header is malformed, or Neo4j does not know a bookmark in it. */
  INVALID_BOOKMARK = 'INVALID_BOOKMARK',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
