import { validateSync } from 'class-validator';
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { selectsTotalIn } from '../common/connection';
import { decodeCursor, type Page } from '../common/cursor';
import { RelationshipsArgs } from '../relationships/relationship.args';
import { relationshipQueryOf, type RelationshipQuery } from '../relationships/relationship.repository';
import type { Relationship } from '../relationships/relationship.type';
import type { Loaders } from './loaders';
import { relationshipProjectionIn } from './projections';
import { fieldsIn, responseKey } from './selection';

/**
 * Looking ahead from a list (`actors`) at what its items ask: when they ask `relationships` with
 * one set of arguments, the list folds those pages into its own statement (one statement per
 * list request) and primes the relationships loader with them, under the very key the field
 * resolver will ask. Any other shape is left to the loader, which batches it as before:
 * - a directive (`@skip`, `@include`) on the way to the field, or on a fragment;
 * - several `relationships` fields with different arguments or totals (aliases);
 * - arguments the field's own validation would refuse (its error is then raised by the field).
 * Returns the query to fold, or null.
 */
export function foldableRelationships(info: GraphQLResolveInfo): RelationshipQuery | null {
  const groups = relationshipFields(info);
  if (!groups || groups.size === 0) return null;
  const definition = itemTypeOf(info)?.getFields().relationships;
  if (!definition) return null;
  const queries = new Map<string, RelationshipQuery>();
  for (const nodes of groups.values()) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(definition, nodes[0], info.variableValues);
    } catch {
      return null;
    }
    const args = Object.assign(new RelationshipsArgs(), values);
    if (!acceptable(args)) return null;
    const query = relationshipQueryOf(
      args,
      selectsTotalIn(nodes, info.fragments),
      relationshipProjectionIn(nodes, info.fragments),
    );
    queries.set(JSON.stringify(query), query);
  }
  return queries.size === 1 ? [...queries.values()][0] : null;
}

/** The folded pages, in the loader, for the field resolvers of the list's items to find. */
export function primeRelationships(
  loaders: Loaders,
  query: RelationshipQuery,
  pages: ReadonlyMap<string, Page<Relationship>>,
): void {
  for (const [id, page] of pages) loaders.relationships.prime({ id, query }, page);
}

/** What the field's validation accepts (RelationshipsArgs' rules), and a cursor this API wrote. */
function acceptable(args: RelationshipsArgs): boolean {
  if (validateSync(args, { forbidUnknownValues: false }).length > 0) return false;
  try {
    decodeCursor(args.after);
    return true;
  } catch {
    return false;
  }
}

/** The object type of the list's items: the type of its connection's `nodes`. */
function itemTypeOf(info: GraphQLResolveInfo): GraphQLObjectType | undefined {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return undefined;
  const item = connection.getFields().nodes ? getNamedType(connection.getFields().nodes.type) : undefined;
  return item && isObjectType(item) ? item : undefined;
}

/**
 * The `relationships` fields under `nodes { ... }` and `edges { node { ... } }`, grouped as
 * graphql-js merges them into one resolver call (the same path of response keys); null when a
 * directive makes the shape conditional. Walked once per parsed document (the field nodes).
 */
function relationshipFields(info: GraphQLResolveInfo): Map<string, FieldNode[]> | null {
  const known = GROUPS.get(info.fieldNodes);
  if (known !== undefined) return known;
  const groups = new Map<string, FieldNode[]>();
  const collect = (path: string, set: SelectionSetNode | undefined): boolean => {
    const fields = fieldsIn(set, info.fragments);
    if (!fields) return false;
    for (const field of fields.filter((node) => node.name.value === 'relationships')) {
      const key = `${path}|${responseKey(field)}`;
      groups.set(key, [...(groups.get(key) ?? []), field]);
    }
    return true;
  };
  const walk = (): boolean => {
    for (const list of info.fieldNodes) {
      const fields = fieldsIn(list.selectionSet, info.fragments);
      if (!fields) return false;
      for (const field of fields) {
        if (field.name.value === 'nodes' && !collect(`nodes:${responseKey(field)}`, field.selectionSet)) return false;
        if (field.name.value !== 'edges') continue;
        const edgeFields = fieldsIn(field.selectionSet, info.fragments);
        if (!edgeFields) return false;
        for (const node of edgeFields.filter((edge) => edge.name.value === 'node')) {
          if (!collect(`edges:${responseKey(field)}/${responseKey(node)}`, node.selectionSet)) return false;
        }
      }
    }
    return true;
  };
  const result = walk() ? groups : null;
  GROUPS.set(info.fieldNodes, result);
  return result;
}

const GROUPS = new WeakMap<readonly FieldNode[], Map<string, FieldNode[]> | null>();
