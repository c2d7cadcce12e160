import type { BundleRule } from '../rule';

/** Two entity records of one bundle may not share an id (the later one is reported). */
export const DuplicateIdRule: BundleRule = {
  name: 'DuplicateId',
  needs: 'earlier',
  entity(record, _kind, context) {
    if (context.seen(record.id)) context.report('id', `id "${record.id}" is used by another record of this bundle`);
  },
};
