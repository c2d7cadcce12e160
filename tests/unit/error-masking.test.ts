import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../../src/errors';
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
