import { ToolbarButton, useEditorContext } from '@graphiql/react';
import { useRef, useState } from 'react';
import { curlCommand, fetchSnippet, requestOf, type GraphQLRequest } from './snippets';

/**
 * The toolbar's "Copy as curl / fetch": a dialog with the current tab's operation, variables and
 * headers (the key or token of the headers editor included) as a curl command and as a fetch()
 * snippet, each with its own copy button. The snippets stay on screen too: a browser may refuse
 * the clipboard (no permission, a page not served over https or localhost), and the text can then
 * be selected by hand.
 */
export function CopyAsCode() {
  const editors = useEditorContext({ nonNull: true });
  const dialog = useRef<HTMLDialogElement>(null);
  const [request, setRequest] = useState<GraphQLRequest | { problem: string } | null>(null);
  const [copied, setCopied] = useState('');

  const open = () => {
    setCopied('');
    setRequest(
      requestOf(`${location.origin}/graphql`, {
        query: editors.queryEditor?.getValue() ?? '',
        variables: editors.variableEditor?.getValue() ?? '',
        headers: editors.headerEditor?.getValue() ?? '',
        operationName: editors.queryEditor?.operationName,
      }),
    );
    dialog.current?.showModal();
  };

  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied to the clipboard.`);
    } catch {
      setCopied(`The browser refused the clipboard: select the ${what} above and copy it by hand.`);
    }
  };

  const snippets = request && 'url' in request ? { curl: curlCommand(request), fetch: fetchSnippet(request) } : null;
  return (
    <>
      <ToolbarButton label="Copy as curl / fetch" onClick={open} className="ide-copy-as-code">
        <span className="graphiql-toolbar-icon ide-copy-as-code-icon" aria-hidden="true">
          {'</>'}
        </span>
      </ToolbarButton>
      <dialog ref={dialog} className="ide-snippets" aria-labelledby="ide-snippets-title">
        <h2 id="ide-snippets-title">This request as code</h2>
        {request && 'problem' in request ? <p className="ide-snippets-problem">{request.problem}</p> : null}
        {snippets ? (
          <>
            <p className="ide-snippets-hint">
              The operation, variables and headers of this tab: the headers include your key or token, so share the
              snippet as you would the key.
            </p>
            <h3>curl</h3>
            <pre id="snippet-curl">{snippets.curl}</pre>
            <button type="button" onClick={() => void copy('curl command', snippets.curl)}>
              Copy curl
            </button>
            <h3>fetch</h3>
            <pre id="snippet-fetch">{snippets.fetch}</pre>
            <button type="button" onClick={() => void copy('fetch snippet', snippets.fetch)}>
              Copy fetch
            </button>
          </>
        ) : null}
        <p className="ide-snippets-status" role="status">
          {copied}
        </p>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
