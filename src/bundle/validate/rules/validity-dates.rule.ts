import { parsePartialDate } from '../../../model/partial-date';
import type { BundleRule } from '../rule';

/** A relationship's validity cannot end before it begins. */
export const ValidityDatesRule: BundleRule = {
  name: 'ValidityDates',
  needs: 'record',
  relationship(rel, context) {
    if (
      rel.validFrom &&
      rel.validTo &&
      parsePartialDate(rel.validFrom).earliest > parsePartialDate(rel.validTo).latest
    ) {
      context.report('validTo', `validTo ${rel.validTo} is before validFrom ${rel.validFrom}`);
    }
  },
};
