import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import examples from 'readme-examples';
import { credentialHeaders } from '../shared/credential';
import { CopyAsCode } from './copy-as-code';
import './ide.css';

/**
 * GraphiQL, self-hosted: bundled from npm at build time and served by this service, so it works
 * offline and tells no third party who is looking. The README's examples open as tabs; the
 * headers editor takes an `x-api-key` or `Authorization: Bearer` header (prefilled with the key
 * typed in the explorer during this browser session). The toolbar's "Copy as curl / fetch" gives the
 * tab's request as code (copy-as-code.tsx).
 */

interface FetchParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/** POSTs to this service's /graphql with the headers from the headers editor. */
async function fetcher(params: FetchParams, options?: { headers?: Record<string, unknown> }) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (value !== undefined && value !== null && value !== '') headers[name] = String(value);
  }
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return response.json();
}

const sessionHeaders = credentialHeaders();
const headers = Object.keys(sessionHeaders).length > 0 ? JSON.stringify(sessionHeaders, null, 2) : '';

const container = document.getElementById('graphiql');
if (!container) throw new Error('page has no #graphiql element');
createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={examples.map(({ query }) => ({ query, headers }))}
    defaultHeaders={headers}
    defaultEditorToolsVisibility={headers ? 'headers' : false}
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
  >
    <GraphiQL.Logo>
      <a className="ide-explorer-link" href="/" title="sahel-graph: the graph explorer">
        Graph explorer
      </a>
    </GraphiQL.Logo>
    <GraphiQL.Toolbar>
      {({ prettify, merge, copy }) => (
        <>
          {prettify}
          {merge}
          {copy}
          <CopyAsCode />
        </>
      )}
    </GraphiQL.Toolbar>
  </GraphiQL>,
);
