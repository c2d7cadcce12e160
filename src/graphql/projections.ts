import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { entityPropertiesFor } from '../entities/entity-projection';
import { relationshipProjectionOf, type RelationshipProjection } from '../relationships/relationship-projection';
import { subgraphProjectionOf, type SubgraphProjection } from '../traversal/subgraph-projection';
import { fieldsIn } from './selection';

/**
 * What a query selects below a field, as the stored properties its statement needs to read
 * (src/common/property-projection.ts). Each is walked once per parsed document (its field nodes);
 * a directive on the way reads everything.
 */

type Fragments = GraphQLResolveInfo['fragments'];

/** The names of the fields selected under the fields of `fieldNodes` reached by `path` (null at a directive). */
function selectedAt(fieldNodes: readonly FieldNode[], path: readonly string[], fragments: Fragments): string[] | null {
  const names = new Set<string>();
  let level: readonly FieldNode[] = fieldNodes;
  for (const step of path) {
    const next: FieldNode[] = [];
    for (const field of level) {
      const below = fieldsIn(field.selectionSet, fragments);
      if (!below) return null;
      next.push(...below.filter((candidate) => candidate.name.value === step));
    }
    level = next;
  }
  for (const field of level) {
    const below = fieldsIn(field.selectionSet, fragments);
    if (!below) return null;
    for (const selected of below) names.add(selected.name.value);
  }
  return [...names];
}

/** The union of two selections, null if either is unreadable. */
function union(a: string[] | null, b: string[] | null): string[] | null {
  return a && b ? [...new Set([...a, ...b])] : null;
}

function cached<T>(cache: WeakMap<readonly FieldNode[], T>, key: readonly FieldNode[], compute: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** A `Subgraph`-typed field (the neighbourhood): its `nodes` and `edges`. */
export function subgraphProjection(info: GraphQLResolveInfo): SubgraphProjection {
  return cached(SUBGRAPHS, info.fieldNodes, () =>
    subgraphProjectionOf(
      selectedAt(info.fieldNodes, ['nodes'], info.fragments),
      selectedAt(info.fieldNodes, ['edges'], info.fragments),
    ),
  );
}
const SUBGRAPHS = new WeakMap<readonly FieldNode[], SubgraphProjection>();

/** A connection of entities (`actors`, ...): its items under `nodes` and `edges { node }`; null for all. */
export function listItemProperties(info: GraphQLResolveInfo): string[] | null {
  return cached(LIST_ITEMS, info.fieldNodes, () =>
    entityPropertiesFor(
      union(
        selectedAt(info.fieldNodes, ['nodes'], info.fragments),
        selectedAt(info.fieldNodes, ['edges', 'node'], info.fragments),
      ),
    ),
  );
}
const LIST_ITEMS = new WeakMap<readonly FieldNode[], string[] | null>();

/**
 * A `relationships` field (the same field nodes the field resolver gets, or a list folding it in):
 * its links under `edges` and `nodes`, and their other ends under `node`.
 */
export function relationshipProjectionIn(
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
): RelationshipProjection {
  return cached(RELATIONSHIPS, fieldNodes, () => {
    const links = union(selectedAt(fieldNodes, ['edges'], fragments), selectedAt(fieldNodes, ['nodes'], fragments));
    const others = union(
      selectedAt(fieldNodes, ['edges', 'node'], fragments),
      selectedAt(fieldNodes, ['nodes', 'node'], fragments),
    );
    return relationshipProjectionOf(links, others);
  });
}
const RELATIONSHIPS = new WeakMap<readonly FieldNode[], RelationshipProjection>();
