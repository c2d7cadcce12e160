import type { BundleRule } from '../rule';

/** A relationship joins two different entities. */
export const SelfLoopRule: BundleRule = {
  name: 'SelfLoop',
  needs: 'record',
  relationship(rel, context) {
    if (rel.from === rel.to) context.report('to', 'a relationship cannot join an entity to itself');
  },
};
