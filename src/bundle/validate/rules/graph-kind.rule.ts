import { ENTITY_KIND_OF } from '../../format';
import { article, type BundleRule } from '../rule';

/** A bundle may not redefine an id the graph holds as another kind (an actor as a place). */
export const GraphKindRule: BundleRule = {
  name: 'GraphKind',
  needs: 'graph',
  entity(record, kind, context) {
    const graphKind = context.graphKindOf(record.id);
    if (graphKind && graphKind !== ENTITY_KIND_OF[kind]) {
      context.report(
        'id',
        `id "${record.id}" already belongs to ${article(graphKind)} ${graphKind.toLowerCase()} in the graph`,
      );
    }
  },
};
