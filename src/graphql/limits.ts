import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors';

/**
 * Query limits, each rejection naming the limit and its value: depth, aliases and cost (graphql-query-complexity, with traversal and list fields costed by
 * their depth, hops and page size; see the `complexity` options on those fields).
 */

const limitError = (message: string, limit: string, max: number, actual: number) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit, max, actual, http: { status: 400 } } });

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue; // introspection has its own shape
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name) || !fragments[name]) continue;
      deepest = Math.max(deepest, depthOf(fragments[name].selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Deepest field nesting of the operation, through fragments. */
export function operationDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((op) => !operationName || op.name?.value === operationName) ?? operations[0];
  return operation ? depthOf(operation.selectionSet, fragments, new Set()) : 0;
}

/** Aliased fields in the whole document (the cheap way to ask for the same thing many times). */
export function aliasCount(document: DocumentNode): number {
  let aliases = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
  });
  return aliases;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
}

/**
 * Checked once the operation is parsed and valid, before anything runs. (As a plugin rather than
 * validation rules, so the error keeps its own code, QUERY_LIMIT_EXCEEDED.)
 */
export function queryLimits(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const depth = operationDepth(document, request.operationName);
          if (depth > limits.maxDepth) throw limitError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, 'depth', limits.maxDepth, depth);
          const aliases = aliasCount(document);
          if (aliases > limits.maxAliases) throw limitError(`${aliases} aliases exceed the limit of ${limits.maxAliases}`, 'aliases', limits.maxAliases, aliases);
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types: execution reports them as BAD_USER_INPUT.
            return;
          }
          if (complexity > limits.maxComplexity) {
            throw limitError(
              `Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for fewer items, hops or nested lists`,
              'complexity',
              limits.maxComplexity,
              complexity,
            );
          }
        },
      };
    },
  };
}
