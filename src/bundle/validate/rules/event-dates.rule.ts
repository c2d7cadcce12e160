import { parsePartialDate } from '../../../model/partial-date';
import type { BundleEvent } from '../../format';
import type { BundleRule } from '../rule';

/** An event cannot end before it starts (partial dates: at the widest reading of each). */
export const EventDatesRule: BundleRule = {
  name: 'EventDates',
  needs: 'record',
  entity(record, kind, context) {
    if (kind !== 'event') return;
    const event = record as BundleEvent;
    if (event.start && event.end && parsePartialDate(event.start).earliest > parsePartialDate(event.end).latest) {
      context.report('end', `end ${event.end} is before start ${event.start}`);
    }
  },
};
