import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import {
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors';

/**
 * Query limits, each rejection naming the limit and its value. In the order Apollo meets them:
 *  1. tokens: graphql-js's own parse option `maxTokens`, so no document is larger than that when
 *     validation (graphql-js's rules, polynomial but not cheap) runs;
 *  2. (the `didResolveOperation` hook, the first place Apollo lets a plugin answer with an error
 *     rather than a 500) list lengths, in variables and in the document, before anything reads the
 *     lists (variable coercion, class-validator: its @ArrayUnique is quadratic);
 *  3. variables coerced to their types (BAD_USER_INPUT naming the variable), once, here;
 *  4. depth, expanded selections and aliases, with each fragment measured once (memoised), so a
 *     fragment spread twice per level for 25 levels costs 25 steps, not 2^25;
 *  5. cost (graphql-query-complexity, with traversal and list fields costed by their depth, hops
 *     and page size; see the `complexity` options on those fields). The library expands every
 *     fragment spread, so it only runs once (4) has bounded the expanded size; any error it
 *     raises rejects the query: an operation whose cost is unknown does not run.
 */

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
  /** Lexical tokens in a document (graphql-js `parse({ maxTokens })`). */
  maxTokens: number;
  /** Selections with every fragment spread expanded (what the cost analysis walks). */
  maxSelections: number;
  /** Items in any one list argument or list variable. */
  maxListLength: number;
  /** Parsed documents kept for reuse, in Apollo's measure (their JSON size). */
  documentCacheBytes: number;
}

const limitError = (
  message: string,
  limit: string,
  max: number,
  actual: number | undefined,
  extra: Record<string, unknown> = {},
) =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit, max, actual, ...extra, http: { status: 400 } },
  });

/**
 * Bounds for Apollo Server's own stages: the parser's token limit, and the caches that hold
 * parsed documents and persisted-query strings. Apollo's defaults (30 MiB each, measured as JSON,
 * about 4x that on the heap for documents) let hostile traffic hold hundreds of MB for good.
 */
export function boundedParsing(
  limits: Pick<QueryLimits, 'maxTokens' | 'documentCacheBytes'>,
): Pick<ApolloServerOptions<never>, 'parseOptions' | 'documentStore' | 'cache'> {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: limits.documentCacheBytes }),
    cache: new InMemoryLRUCache<string>({ maxSize: limits.documentCacheBytes }),
  };
}

/** What the checks measure of one operation, each fragment measured once. */
export interface OperationShape {
  /** Deepest field nesting (introspection fields aside: they have their own shape). */
  depth: number;
  /** Fields, inline fragments and fragment spreads, with every spread expanded. */
  selections: number;
}

/** Depth and expanded selection count of the operation, memoised per fragment: linear in the document. */
export function operationShape(document: DocumentNode, operationName?: string | null): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, OperationShape>();
  const inProgress = new Set<string>();

  const fragmentShape = (name: string): OperationShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown and cyclic spreads fail validation before this runs; count them as nothing.
    if (!fragment || inProgress.has(name)) return { depth: 0, selections: 0 };
    inProgress.add(name);
    const shape = selectionShape(fragment.selectionSet);
    inProgress.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (selectionSet: SelectionSetNode | undefined): OperationShape => {
    let depth = 0;
    let selections = 0;
    for (const selection of selectionSet?.selections ?? []) {
      selections += 1;
      if (selection.kind === Kind.FIELD) {
        const below = selectionShape(selection.selectionSet);
        selections += below.selections;
        if (!selection.name.value.startsWith('__')) depth = Math.max(depth, 1 + below.depth);
      } else {
        const below =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selectionShape(selection.selectionSet)
            : fragmentShape(selection.name.value);
        selections += below.selections;
        depth = Math.max(depth, below.depth);
      }
    }
    return { depth, selections };
  };

  const operation = selectOperation(document, operationName);
  return operation ? selectionShape(operation.selectionSet) : { depth: 0, selections: 0 };
}

/** Deepest field nesting of the operation, through fragments. */
export function operationDepth(document: DocumentNode, operationName?: string | null): number {
  return operationShape(document, operationName).depth;
}

function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.find((op) => !operationName || op.name?.value === operationName) ?? operations[0];
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

/** The first list longer than `max`, in a variable's value (walked along its declared type). */
function longListInValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  max: number,
): { path: string; length: number } | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return longListInValue(value, nullable.ofType, path, max);
    if (value.length > max) return { path, length: value.length };
    for (const [index, item] of value.entries()) {
      const found = longListInValue(item, nullable.ofType, `${path}[${index}]`, max);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    const fields = nullable.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const found = longListInValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, max);
      if (found) return found;
    }
  }
  // Scalars (JSONObject included: importBundle's lists are bounded by the body size and checked
  // by the bundle validator) and enums hold no list we read item by item.
  return undefined;
}

/** The first list literal longer than `max` in the document's arguments. */
function longListInDocument(document: DocumentNode, max: number): { path: string; length: number } | undefined {
  let found: { path: string; length: number } | undefined;
  const walk = (value: ValueNode, path: string): void => {
    if (found) return;
    if (value.kind === Kind.LIST) {
      if (value.values.length > max) {
        found = { path, length: value.values.length };
        return;
      }
      value.values.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) walk(field.value, `${path}.${field.name.value}`);
    }
  };
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value);
      return false;
    },
    VariableDefinition(node) {
      if (node.defaultValue) walk(node.defaultValue, `$${node.variable.name.value}`);
      return false;
    },
  });
  return found;
}

const listLimitError = (found: { path: string; length: number }, max: number) =>
  limitError(`${found.path} holds ${found.length} items; lists hold at most ${max}`, 'listLength', max, found.length, {
    field: found.path.replace(/^\$/, ''),
  });

/** The first list variable longer than `max`, walked along its declared type. */
function longListInVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  max: number,
): { path: string; length: number } | undefined {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    const found = type ? longListInValue(variables[name], type, `$${name}`, max) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Rejects any list argument or list variable longer than the limit, naming it. */
export function checkListLengths(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  max: number,
): void {
  const found = longListInDocument(document, max) ?? longListInVariables(schema, operation, variables, max);
  if (found) throw listLimitError(found, max);
}

/**
 * Variables coerced to their declared types, or BAD_USER_INPUT naming the first bad one (what
 * execution would say; said here so the cost is computed only for values that fit).
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  if (result.errors) {
    const [first] = result.errors;
    const variable = first.nodes?.find((node) => node.kind === Kind.VARIABLE_DEFINITION);
    throw new GraphQLError(shortenQuotedValues(first.message), {
      nodes: first.nodes,
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        field: variable?.kind === Kind.VARIABLE_DEFINITION ? variable.variable.name.value : undefined,
        http: { status: 400 },
      },
    });
  }
  return result.coerced;
}

/**
 * graphql-js quotes the whole offending value in its message (twice): a 200 KB string sent for an
 * Int would come back as 400 KB. Each quoted value is cut to its first 80 characters.
 */
export function shortenQuotedValues(message: string): string {
  return message.replace(/"((?:[^"\\]|\\.){80})(?:[^"\\]|\\.)+"/g, '"$1…"');
}

/**
 * What the checks measure of an operation that does not depend on its variables: the first list
 * literal over the limit, the shape, the aliases, and the cost when the operation declares no
 * variables (an error when the cost could not be computed).
 */
interface DocumentMeasures {
  longList: { path: string; length: number } | undefined;
  shape: OperationShape;
  aliases: number;
  complexity?: number | GraphQLError;
}

/**
 * Measures per parsed document and operation name. Apollo's document store hands back the same
 * DocumentNode for the same query text, so a repeated query is measured once; keyed weakly, an
 * entry goes when the store drops its document. One cache per limits and schema (queryLimits).
 */
export type MeasureCache = WeakMap<DocumentNode, Map<string, DocumentMeasures>>;

function complexityOf(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number | GraphQLError {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      // The raw values: the library coerces them itself (the same coercion that just succeeded).
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      maxQueryNodes: limits.maxSelections + 1,
    });
  } catch (error) {
    // An operation whose cost is unknown does not run.
    return limitError(
      `The cost of this query could not be computed (${error instanceof Error ? error.message : String(error)}); it is refused`,
      'complexity',
      limits.maxComplexity,
      undefined,
    );
  }
}

function measuresOf(
  limits: QueryLimits,
  document: DocumentNode,
  operationName: string | null | undefined,
  cache?: MeasureCache,
): DocumentMeasures {
  const key = operationName ?? '';
  const known = cache?.get(document)?.get(key);
  if (known) return known;
  const measures: DocumentMeasures = {
    longList: longListInDocument(document, limits.maxListLength),
    shape: operationShape(document, operationName),
    aliases: aliasCount(document),
  };
  if (cache) {
    const byName = cache.get(document) ?? new Map<string, DocumentMeasures>();
    byName.set(key, measures);
    cache.set(document, byName);
  }
  return measures;
}

/**
 * Every check above, in order, for one operation. Throws the first limit it finds exceeded. With
 * a cache (the server's), what does not depend on the variables is measured once per document.
 */
export function checkOperation(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | undefined,
  cache?: MeasureCache,
): void {
  const operation = selectOperation(document, operationName);
  if (!operation) return; // Apollo reports the missing operation itself.
  const variables = rawVariables ?? {};
  const measures = measuresOf(limits, document, operationName, cache);
  const longList = measures.longList ?? longListInVariables(schema, operation, variables, limits.maxListLength);
  if (longList) throw listLimitError(longList, limits.maxListLength);
  coerceVariables(schema, operation, variables);

  const { depth, selections } = measures.shape;
  if (depth > limits.maxDepth)
    throw limitError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, 'depth', limits.maxDepth, depth);
  if (selections > limits.maxSelections) {
    throw limitError(
      `The query expands to ${selections} selections (fragment spreads counted each time they are spread), over the limit of ${limits.maxSelections}`,
      'selections',
      limits.maxSelections,
      selections,
    );
  }
  const { aliases } = measures;
  if (aliases > limits.maxAliases)
    throw limitError(
      `${aliases} aliases exceed the limit of ${limits.maxAliases}`,
      'aliases',
      limits.maxAliases,
      aliases,
    );

  // The cost depends on the variables (page sizes, hops) only when there are some.
  const variableFree = (operation.variableDefinitions ?? []).length === 0;
  const complexity =
    (variableFree ? measures.complexity : undefined) ??
    complexityOf(limits, schema, document, operationName, variables);
  if (variableFree) measures.complexity = complexity;
  if (complexity instanceof GraphQLError) throw complexity;
  if (!Number.isFinite(complexity) || complexity > limits.maxComplexity) {
    throw limitError(
      `Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for fewer items, hops or nested lists`,
      'complexity',
      limits.maxComplexity,
      complexity,
    );
  }
}

/**
 * Checked once the operation is parsed and valid, before anything runs. (As a plugin rather than
 * validation rules, so the error keeps its own code, QUERY_LIMIT_EXCEEDED; and because a plugin
 * hook that throws any earlier, before validation ends, makes Apollo answer 500.)
 */
export function queryLimits(limits: QueryLimits): ApolloServerPlugin {
  // One server, one schema: documents are measured once per server (see MeasureCache).
  const cache: MeasureCache = new WeakMap();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          checkOperation(limits, schema, document, request.operationName, request.variables, cache);
        },
      };
    },
  };
}
