import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Looking ahead at what a query selects below a field, for resolvers that shape one statement
 * to the whole request (nested-relationships.ts, subgraph-projection.ts).
 */

/** The name a field answers under: its alias, else its name. */
export const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/**
 * The fields of a selection set, through inline fragments and fragment spreads; null at any
 * directive (`@skip`, `@include`), which makes the shape depend on variables.
 */
export function fieldsIn(
  set: SelectionSetNode | undefined,
  fragments: GraphQLResolveInfo['fragments'],
): FieldNode[] | null {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (selections: SelectionSetNode | undefined): boolean =>
    (selections?.selections ?? []).every((selection) => {
      if (selection.directives?.length) return false;
      if (selection.kind === 'Field') return fields.push(selection) > 0;
      if (selection.kind === 'InlineFragment') return walk(selection.selectionSet);
      if (seen.has(selection.name.value)) return true;
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      return fragment !== undefined && !fragment.directives?.length && walk(fragment.selectionSet);
    });
  return walk(set) ? fields : null;
}
