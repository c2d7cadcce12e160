import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `filter.name` or `actors[3].id`. */
  field: string;
  reason: string;
  /** For bundles: the record the field belongs to, e.g. `actors[3] "jnim"`. */
  record?: string;
}

/**
 * The one base class for errors the service raises on purpose. It sets `extensions.code` so
 * Apollo passes it to the client as is; anything else that escapes a resolver is an internal
 * error (see the error formatter in server.ts).
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
    }
  }
}

/** Bad input; names each offending field so an IDE user can see what to change. */
export class BadUserInputError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `${p.field}: ${p.reason}`);
    if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`);
    const summary = shown.join('; ');
    super(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, {
      field: problems[0]?.field,
      problems,
    });
  }

  static field(field: string, reason: string): BadUserInputError {
    return new BadUserInputError([{ field, reason }]);
  }
}

/**
 * An id that names nothing the caller may see: unknown, or hidden by TLP clearance (the two read
 * the same, so an error never tells that a hidden item exists). `field` names the argument.
 */
export class NotFoundError extends AppError {
  constructor(what: string, id: string, field?: string) {
    super(ErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, field === undefined ? { id } : { field, id });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The graph database is unavailable; try again shortly', cause?: unknown) {
    // Apollo turns extensions.http into the response status (and strips it from the body), so
    // load balancers and clients see 503 and can retry.
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { http: { status: 503 } }, { cause });
  }
}

export class TimeoutError extends AppError {
  constructor(operation: string, timeoutMs: number, cause?: unknown) {
    super(
      ErrorCode.TIMEOUT,
      `The query "${operation}" ran past its ${timeoutMs} ms limit; narrow it (fewer hops, a smaller limit, more filters)`,
      { timeoutMs },
      { cause },
    );
  }
}

/** Makes a switch over an enum exhaustive: the compiler complains when a case is missing. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
