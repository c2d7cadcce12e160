import { GraphQLError } from 'graphql';
import { AppError, BadUserInputError, ErrorCode } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { formatError } from '../../src/server';

describe('error masking', () => {
  const logged: unknown[] = [];
  const logger = createLogger('error');
  logger.error = ((...args: unknown[]) => logged.push(args)) as typeof logger.error;
  const format = formatError(logger);

  it('hides an unexpected error behind a generic message and an error id, and logs the details under that id', () => {
    const original = new Error('Neo4jError: Invalid input MATCH (n:Secret) near line 3');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['actors'] });
    const formatted = format(
      {
        message: original.message,
        path: ['actors'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x.js:1'] },
      },
      wrapped,
    );
    expect(formatted.message).toMatch(/^Internal server error \(error id [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(formatted)).not.toMatch(/MATCH|Secret|stacktrace/);
    const errorId = formatted.extensions?.errorId;
    expect(JSON.stringify(logged.at(-1))).toContain(String(errorId));
  });

  it.each([
    [
      'a GraphQLError of Apollo or graphql-js',
      () => new GraphQLError('Cannot read properties of undefined (reading "driver")'),
    ],
    [
      'one of our own errors',
      () => new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'pool exhausted at bolt://10.0.0.5:7687'),
    ],
    ['no original error at all', () => undefined],
  ])('never passes a raw message through under INTERNAL_SERVER_ERROR, whatever carries it: %s', (_case, originalOf) => {
    const original = originalOf();
    const message = original?.message ?? 'socket hang up at bolt://10.0.0.5:7687';
    const wrapped = new GraphQLError(message, { originalError: original });
    const formatted = format({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(formatted.message).toMatch(/^Internal server error \(error id [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(formatted)).not.toMatch(/driver|bolt:|pool|socket/);
  });

  it("passes the service's own errors through without a stack trace", () => {
    const own = BadUserInputError.field('first', 'must not be greater than 100');
    const wrapped = new GraphQLError(own.message, { originalError: own });
    const formatted = format(
      { message: own.message, extensions: { ...own.extensions, stacktrace: ['at y.js:2'] } },
      wrapped,
    );
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(formatted.extensions?.stacktrace).toBeUndefined();
  });
});
