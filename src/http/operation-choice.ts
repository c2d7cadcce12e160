import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import { AppError, ErrorCode } from '../errors';

/**
 * Which operation of the document to run, checked before anything else looks at it: an
 * `operationName` the document does not define, or a document with several operations and no
 * `operationName`, is a 400 BAD_USER_INPUT naming `operationName` and the operations there are,
 * instead of reaching code that assumes an operation was chosen.
 */

/** Longest operationName quoted back (it is the caller's text). */
const QUOTED_NAME_LENGTH = 64;
/** Operation names listed in the message, at most. */
const LISTED_NAMES = 10;

/** Why `operationName` does not pick exactly one operation of `document`, or null when it does. */
export function operationChoiceProblem(
  document: DocumentNode,
  operationName: string | null | undefined,
): string | null {
  const names = document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? '(anonymous)'] : [],
  );
  const listed = `${names.slice(0, LISTED_NAMES).join(', ')}${names.length > LISTED_NAMES ? ', …' : ''}`;
  if (operationName === undefined || operationName === null) {
    if (names.length <= 1) return null;
    return `The document defines ${names.length} operations (${listed}): name the one to run in operationName`;
  }
  if (names.includes(operationName) && operationName !== '(anonymous)') return null;
  const quoted = JSON.stringify(operationName.slice(0, QUOTED_NAME_LENGTH));
  return `Unknown operation named ${quoted}: the document defines ${listed || 'no operation'}`;
}

/** First of the plugins: refuses a request whose operationName picks no operation. */
export function operationChoicePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = operationChoiceProblem(document, request.operationName);
          if (problem) {
            throw new AppError(ErrorCode.BAD_USER_INPUT, problem, {
              field: 'operationName',
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}
