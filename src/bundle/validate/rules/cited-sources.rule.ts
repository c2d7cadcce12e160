import { EntityKind } from '../../../model/vocabulary';
import type { BundleRule, RuleContext } from '../rule';

/** Every id a claim cites is a source, in the bundle or the graph. */
export const CitedSourcesRule: BundleRule = {
  name: 'CitedSources',
  needs: 'references',
  entity(record, kind, context) {
    if (kind !== 'source') checkSources((record as { sourceIds: string[] }).sourceIds, context);
  },
  relationship(rel, context) {
    checkSources(rel.sourceIds, context);
  },
};

function checkSources(sourceIds: readonly string[], context: RuleContext): void {
  sourceIds.forEach((id, i) => {
    if (context.kindOf(id) !== EntityKind.SOURCE) {
      context.report(`sourceIds[${i}]`, `"${id}" is not a source in this bundle or the graph`);
    }
  });
}
