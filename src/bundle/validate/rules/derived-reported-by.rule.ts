import { RelationshipType } from '../../../model/vocabulary';
import type { BundleRule } from '../rule';

/** REPORTED_BY is written from a claim's sourceIds, never given as a relationship record. */
export const DerivedReportedByRule: BundleRule = {
  name: 'DerivedReportedBy',
  needs: 'record',
  relationship(rel, context) {
    if (rel.type === RelationshipType.REPORTED_BY) {
      context.report('type', 'REPORTED_BY is derived from sourceIds; cite the source there instead');
    }
  },
};
