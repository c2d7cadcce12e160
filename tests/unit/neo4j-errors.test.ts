import { Neo4jError } from 'neo4j-driver';
import { toAppError } from '../../src/db/neo4j-errors';
import { AppError, ErrorCode } from '../../src/errors';

const neo4jError = (message: string, code: string) => new Neo4jError(message, code as never, '50N42', 'error');

describe("Neo4j errors become the service's own", () => {
  it.each([
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'timed out', ErrorCode.TIMEOUT],
    ['ServiceUnavailable', 'Could not perform discovery', ErrorCode.SERVICE_UNAVAILABLE],
    ['Neo.TransientError.General.DatabaseUnavailable', 'unavailable', ErrorCode.SERVICE_UNAVAILABLE],
    [
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      'dbms.memory.transaction.total.max threshold reached',
      ErrorCode.RESOURCE_LIMIT,
    ],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'already exists', ErrorCode.CONFLICT],
  ])('%s -> %s', (code, message, expected) => {
    const mapped = toAppError(neo4jError(message, code), 'op', 1000);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe(expected);
  });

  it('leaves other errors for the formatter to mask', () => {
    const syntax = neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError');
    expect(toAppError(syntax, 'op', 1000)).toBe(syntax);
  });
});
