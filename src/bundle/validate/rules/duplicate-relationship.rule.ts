import { relationshipId } from '../../format';
import type { BundleRule } from '../rule';

/** A relationship (type, ends, role) appears once in a bundle. */
export const DuplicateRelationshipRule: BundleRule = {
  name: 'DuplicateRelationship',
  needs: 'earlier',
  relationship(rel, context) {
    const id = relationshipId(rel);
    if (context.seen(id)) context.report('type', `duplicate of an earlier relationship (${id})`);
  },
};
