import type { Page } from '../common/cursor';
import { FilterClauses } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { parsePartialDate } from '../model/partial-date';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
import type { EventsArgs } from './event.args';
import type { Event } from './event.type';

export class EventRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: EventsArgs): Promise<Page<Event>> {
    // Keeps events that MAY overlap the period, given each date's precision: startDate is the
    // earliest day a start can mean and endDate the latest day an end can mean, and an event
    // with no end may still be going on. Undated events cannot be placed and are left out.
    const from = filter?.from ? parsePartialDate(filter.from).earliest : null;
    const to = filter?.to ? parsePartialDate(filter.to).latest : null;
    const clause = new FilterClauses()
      .when(filter?.text, TEXT_CLAUSE, { text: filter?.text })
      .when(filter?.types, 'n.type IN $types', { types: filter?.types })
      .when(from ?? to, 'n.startDate IS NOT NULL', {})
      .when(from, '(n.endDate IS NULL OR n.endDate >= date($from))', { from })
      .when(to, 'n.startDate <= date($to)', { to });
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.EVENT], clause, { first, after })) as Page<Event>;
  }
}
