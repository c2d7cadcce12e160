import { credentialHeaders } from './credential';

/** The pages' only server: this service's /graphql, with the session's key or token. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...credentialHeaders(),
    },
    body: JSON.stringify({ query, variables }),
  });
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The service answered HTTP ${response.status}`, undefined, response.status);
  }
  const [error] = body.errors ?? [];
  if (error) {
    const code = error.extensions?.code;
    const hint =
      code === 'UNAUTHENTICATED'
        ? ' Enter an API key or token (reads need the reader role).'
        : code === 'FORBIDDEN'
          ? ' Your key or token lacks the role this needs.'
          : '';
    throw new ApiError(`${error.message}${hint}`, code, response.status);
  }
  if (!body.data)
    throw new ApiError(`The service answered HTTP ${response.status} without data`, undefined, response.status);
  return body.data;
}

/**
 * The answer, or null when the API says an id asked does not exist (NOT_FOUND: unknown, or hidden
 * from this caller): a view from an old link names entities that may be gone.
 */
export async function orNotFound<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** What to tell a person about a failure: the API's message (with its hint), or the error's own. */
export function problemText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
