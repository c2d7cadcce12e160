import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode, ServiceUnavailableError, TimeoutError } from '../errors';

/**
 * Maps what the driver throws to the service's own errors. Anything not recognised is returned
 * unchanged: the server's error formatter turns it into an INTERNAL_SERVER_ERROR without leaking
 * Cypher or driver internals.
 */

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/** A client-supplied bookmark Neo4j cannot parse. (One it has not caught up with is transient: BookmarkTimeout.) */
const BOOKMARK_CODES = new Set([
  'Neo.ClientError.Transaction.InvalidBookmark',
  'Neo.ClientError.Transaction.InvalidBookmarkMixture',
]);

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.ClientError.General.DatabaseUnavailable',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

export function toAppError(error: unknown, operation: string, timeoutMs: number): unknown {
  if (error instanceof AppError) return error;
  if (!(error instanceof Neo4jError)) {
    return error;
  }
  const code = error.code;
  if (code.includes('MemoryPoolOutOfMemoryError') || /dbms\.memory\.transaction/.test(error.message)) {
    return new AppError(
      ErrorCode.RESOURCE_LIMIT,
      `"${operation}" needs more transaction memory than Neo4j allows (dbms.memory.transaction.total.max); ` +
        'write less at once, or give Neo4j more heap (NEO4J_HEAP for the local one)',
      {},
      { cause: error },
    );
  }
  if (BOOKMARK_CODES.has(code)) {
    return new AppError(
      ErrorCode.INVALID_BOOKMARK,
      'Neo4j does not accept a bookmark of the X-Neo4j-Bookmark header; send one that a response of this service returned',
      { http: { status: 400 } },
      { cause: error },
    );
  }
  if (TIMEOUT_CODES.has(code)) {
    return new TimeoutError(operation, timeoutMs, error);
  }
  if (
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('Neo.TransientError.') ||
    /acquisition timed out|connection.*(refused|closed|reset)|ECONNREFUSED|Pool is closed/i.test(error.message)
  ) {
    return new ServiceUnavailableError(undefined, error);
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError(
      ErrorCode.CONFLICT,
      'The change conflicts with an existing record (a unique id is taken)',
      {},
      { cause: error },
    );
  }
  return error;
}
