import type { FilterClauses } from '../db';
import { EntityKindRepository } from '../entities/entity-kind.repository';
import { parsePartialDate } from '../model/partial-date';
import { EntityKind } from '../model/vocabulary';
import type { EventsArgs } from './event.args';
import type { Event } from './event.type';

/**
 * Keeps events (`n`) that MAY overlap the period, given each date's precision: startDate is the
 * earliest day a start can mean and endDate the latest day an end can mean, and an event with no
 * end may still be going on. Undated events cannot be placed and are left out.
 */
export function withinPeriod(clause: FilterClauses, from?: string | null, to?: string | null): FilterClauses {
  const fromDay = from ? parsePartialDate(from).earliest : null;
  const toDay = to ? parsePartialDate(to).latest : null;
  return clause
    .when(fromDay ?? toDay, 'n.startDate IS NOT NULL', {})
    .when(fromDay, '(n.endDate IS NULL OR n.endDate >= date($from))', { from: fromDay })
    .when(toDay, 'n.startDate <= date($to)', { to: toDay });
}

export class EventRepository extends EntityKindRepository<Event, EventsArgs> {
  protected readonly kind = EntityKind.EVENT;

  protected where({ filter }: EventsArgs): FilterClauses {
    const clause = this.textOf(filter).when(filter?.types, 'n.type IN $types', { types: filter?.types });
    return withinPeriod(clause, filter?.from, filter?.to);
  }
}
