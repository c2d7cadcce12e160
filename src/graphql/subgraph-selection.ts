import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { subgraphProjectionOf, type SubgraphProjection } from '../traversal/subgraph-projection';
import { fieldsIn } from './selection';

/**
 * What a `Subgraph`-typed field's query selects of its `nodes` and `edges`, as the properties to
 * read (src/traversal/subgraph-projection.ts); walked once per parsed document (its field nodes).
 */
export function subgraphProjection(info: GraphQLResolveInfo): SubgraphProjection {
  const known = PROJECTIONS.get(info.fieldNodes);
  if (known) return known;
  const projection = subgraphProjectionOf(selectedBelow(info, 'nodes'), selectedBelow(info, 'edges'));
  PROJECTIONS.set(info.fieldNodes, projection);
  return projection;
}

const PROJECTIONS = new WeakMap<readonly FieldNode[], SubgraphProjection>();

/** The names of the fields selected under every `name` field of the subgraph; null at a directive. */
function selectedBelow(info: GraphQLResolveInfo, name: string): string[] | null {
  const names = new Set<string>();
  for (const subgraph of info.fieldNodes) {
    const fields = fieldsIn(subgraph.selectionSet, info);
    if (!fields) return null;
    for (const field of fields.filter((candidate) => candidate.name.value === name)) {
      const selected = fieldsIn(field.selectionSet, info);
      if (!selected) return null;
      for (const below of selected) names.add(below.name.value);
    }
  }
  return [...names];
}
