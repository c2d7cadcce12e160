import { RELATIONSHIP_RULES } from '../../../model/vocabulary';
import { article, type BundleRule } from '../rule';

/** Both ends of a relationship exist (bundle or graph) and are of the kinds its type joins. */
export const EndpointsRule: BundleRule = {
  name: 'Endpoints',
  needs: 'references',
  relationship(rel, context) {
    const rule = RELATIONSHIP_RULES[rel.type];
    for (const end of ['from', 'to'] as const) {
      const kind = context.kindOf(rel[end]);
      const allowed = end === 'from' ? rule.from : rule.to;
      if (!kind) {
        context.report(end, `"${rel[end]}" is not an entity in this bundle or the graph`);
      } else if (!allowed.includes(kind)) {
        context.report(
          end,
          `${rel.type} goes ${rule.from.join('|').toLowerCase()} -> ${rule.to.join('|').toLowerCase()}; "${rel[end]}" is ${article(kind)} ${kind.toLowerCase()}`,
        );
      }
    }
  },
};
