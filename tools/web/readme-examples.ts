import { parse, type DefinitionNode } from 'graphql';

/** One example operation of the README, as a GraphiQL tab opens it. */
export interface ReadmeExample {
  query: string;
}

const FENCE = /^```graphql\n([\s\S]*?)^```/gm;

function rootFieldName(definition: DefinitionNode): string {
  if (definition.kind !== 'OperationDefinition') return 'Example';
  const first = definition.selectionSet.selections[0];
  return first?.kind === 'Field' ? first.name.value : 'Example';
}

/**
 * Every operation in the README's ```graphql blocks, in order, each with the comment lines just
 * above it. Anonymous operations get a name from their root field (`query Search2 { ... }`) so
 * that GraphiQL's tabs have titles; a block with several operations becomes several tabs.
 */
export function readmeExamples(readme: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  const names = new Map<string, number>();
  for (const block of readme.matchAll(FENCE)) {
    const body = block[1] ?? '';
    const document = parse(body);
    for (const definition of document.definitions) {
      if (!definition.loc) continue;
      const lineStart = body.lastIndexOf('\n', definition.loc.start - 1) + 1;
      const lineEnd = body.indexOf('\n', definition.loc.end);
      let text = body.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trimEnd();
      // The comment lines right above the operation say what it asks.
      const above = body.slice(0, lineStart).split('\n');
      above.pop();
      const comments: string[] = [];
      while (above.length > 0 && /^\s*#/.test(above.at(-1) ?? '')) comments.unshift(above.pop() ?? '');
      if (definition.kind === 'OperationDefinition' && !definition.name && text.trimStart().startsWith('{')) {
        const base = rootFieldName(definition).replace(/^./, (c) => c.toUpperCase());
        const seen = (names.get(base) ?? 0) + 1;
        names.set(base, seen);
        text = `query ${base}${seen > 1 ? seen : ''} ${text.trimStart()}`;
      }
      examples.push({ query: [...comments, text].join('\n') });
    }
  }
  return examples;
}
