import type { Page } from '../common/cursor';
import { FilterClauses } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { parsePartialDate } from '../model/partial-date';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
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

export class EventRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: EventsArgs): Promise<Page<Event>> {
    const clause = new FilterClauses()
      .when(filter?.text, TEXT_CLAUSE, { text: filter?.text })
      .when(filter?.types, 'n.type IN $types', { types: filter?.types });
    withinPeriod(clause, filter?.from, filter?.to);
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.EVENT], clause, { first, after }, filter?.includeRetracted)) as Page<Event>;
  }
}
