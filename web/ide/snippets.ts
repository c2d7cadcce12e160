/**
 * "Copy as curl / fetch": the operation in the IDE, with its variables and headers, as code an
 * application developer pastes into a shell or a script. Pure functions of what the editors hold,
 * so the snippet sends exactly what the IDE's own fetcher sends.
 */

export interface EditorContents {
  query: string;
  /** The variables editor's text (JSON), possibly empty. */
  variables: string;
  /** The headers editor's text (JSON), possibly empty: the API key or bearer token lives here. */
  headers: string;
  operationName?: string | null;
}

export interface GraphQLRequest {
  url: string;
  headers: Record<string, string>;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
}

/** The editors' contents as one request, or the reason they are not one (bad JSON, no query). */
export function requestOf(url: string, contents: EditorContents): GraphQLRequest | { problem: string } {
  if (!contents.query.trim()) return { problem: 'The query editor is empty.' };
  const variables = parseObject(contents.variables, 'Variables');
  if (typeof variables === 'string') return { problem: variables };
  const extra = parseObject(contents.headers, 'Headers');
  if (typeof extra === 'string') return { problem: extra };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  // The same rule as the IDE's fetcher: empty values are not sent.
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value !== undefined && value !== null && value !== '') headers[name.toLowerCase()] = String(value);
  }
  return {
    url,
    headers,
    body: {
      query: contents.query,
      ...(variables && Object.keys(variables).length > 0 ? { variables } : {}),
      ...(contents.operationName ? { operationName: contents.operationName } : {}),
    },
  };
}

function parseObject(text: string, editor: string): Record<string, unknown> | undefined | string {
  if (!text.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below, as for a value that is not an object.
  }
  return `${editor} must be a JSON object.`;
}

/** A word for a POSIX shell inside single quotes: ' itself closes, is escaped and reopens. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(request: GraphQLRequest): string {
  return [
    `curl -sS ${shellQuote(request.url)}`,
    ...Object.entries(request.headers).map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`),
    `--data-raw ${shellQuote(JSON.stringify(request.body))}`,
  ].join(' \\\n  ');
}

/** A snippet for a browser console or an ES module (Node 18+): it prints the data and any errors. */
export function fetchSnippet(request: GraphQLRequest): string {
  const indent = (json: string) => json.replace(/\n/g, '\n  ');
  return [
    `const response = await fetch(${JSON.stringify(request.url)}, {`,
    `  method: 'POST',`,
    `  headers: ${indent(JSON.stringify(request.headers, null, 2))},`,
    `  body: JSON.stringify(${indent(JSON.stringify(request.body, null, 2))}),`,
    `});`,
    `const { data, errors } = await response.json();`,
    `console.log(JSON.stringify({ data, errors }, null, 2));`,
  ].join('\n');
}
