import { propertiesFor, type FieldProperties } from '../common/property-projection';
import { entityPropertiesFor } from '../entities/entity-projection';

/**
 * Which stored properties a neighbourhood reads, from what the query selects of its `nodes` and
 * `edges` (null: all of them). Measured on the 20k bench graph, `nodes { id } edges { id }` read
 * as full property maps cost about a third more than the same expansion reading only those keys
 * (bench/RESULTS.md). An unknown field or a directive reads everything: never less than asked.
 */
export interface SubgraphProjection {
  nodeProperties: string[] | null;
  edgeProperties: string[] | null;
}

/** Every property of every node and link (a caller that has no selection to go by). */
export const WHOLE_SUBGRAPH: SubgraphProjection = { nodeProperties: null, edgeProperties: null };

/** What toSubgraphEdge (path-score.ts) always reads. */
const EDGE_ALWAYS = ['id'] as const;

/** SubgraphEdge field → stored properties of the link it reads (type, fromId, toId come apart). */
export const EDGE_FIELD_PROPERTIES: FieldProperties = {
  __typename: [],
  id: [],
  type: [],
  fromId: [],
  toId: [],
  credibility: ['credibility'],
  excerpt: ['excerpt'],
  validFrom: ['validFrom'],
  validTo: ['validTo'],
  role: ['role'],
  // SubgraphEdgeResolver: the cited sources, by id.
  sources: ['sourceIds'],
};

/**
 * The projection for these selected fields of `nodes` and `edges` (null: the selection could not
 * be read, e.g. a directive; read everything).
 */
export function subgraphProjectionOf(
  nodeFields: readonly string[] | null,
  edgeFields: readonly string[] | null,
): SubgraphProjection {
  return {
    nodeProperties: entityPropertiesFor(nodeFields),
    edgeProperties: propertiesFor(EDGE_FIELD_PROPERTIES, EDGE_ALWAYS, edgeFields),
  };
}
