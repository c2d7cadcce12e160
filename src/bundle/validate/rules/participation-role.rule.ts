import { ParticipationRole, RelationshipType } from '../../../model/vocabulary';
import type { BundleRule } from '../rule';

/** PARTICIPATED_IN needs a role; no other type takes one. */
export const ParticipationRoleRule: BundleRule = {
  name: 'ParticipationRole',
  needs: 'record',
  relationship(rel, context) {
    if (rel.type === RelationshipType.PARTICIPATED_IN && !rel.role) {
      context.report('role', `PARTICIPATED_IN needs a role (${Object.values(ParticipationRole).join(', ')})`);
    }
    if (rel.type !== RelationshipType.PARTICIPATED_IN && rel.role) {
      context.report('role', 'only PARTICIPATED_IN takes a role');
    }
  },
};
