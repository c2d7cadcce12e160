/** Real HTTP helpers for end-to-end tests (Node's fetch, no client library in between). */

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 20_000,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

export async function getStatus(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Where the change feed ends now, for the caller `headers` name: the cursor a client keeps after
 * a full sync. (One page from the start is not the end: a full test run leaves thousands of
 * changes before a late file's own.)
 */
export async function changeFeedEnd(url: string, headers: Record<string, string>): Promise<string> {
  let after: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    type Page = { changes: { pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const response: GraphQLResponse<Page> = await gql<Page>(
      url,
      'query($after: String) { changes(after: $after, first: 500) { pageInfo { endCursor hasNextPage } } }',
      { after },
      30_000,
      headers,
    );
    const { endCursor, hasNextPage } = response.body.data!.changes.pageInfo;
    if (!hasNextPage) return endCursor;
    after = endCursor;
  }
  throw new Error('the feed did not end');
}
