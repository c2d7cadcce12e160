import type { Page } from '../common/cursor';
import { textClause } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { parsePartialDate } from '../model/partial-date';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
import type { EventsArgs } from './event.args';
import type { Event } from './event.type';

export class EventRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: EventsArgs): Promise<Page<Event>> {
    const clause = textClause(filter, TEXT_CLAUSE);
    if (filter?.types?.length) {
      clause.where.push('n.type IN $types');
      clause.params.types = filter.types;
    }
    // Keeps events that MAY overlap the period, given each date's precision: startDate is the
    // earliest day a start can mean and endDate the latest day an end can mean, and an event
    // with no end may still be going on. Undated events cannot be placed and are left out.
    if (filter?.from || filter?.to) clause.where.push('n.startDate IS NOT NULL');
    if (filter?.from) {
      clause.where.push('(n.endDate IS NULL OR n.endDate >= date($from))');
      clause.params.from = parsePartialDate(filter.from).earliest;
    }
    if (filter?.to) {
      clause.where.push('n.startDate <= date($to)');
      clause.params.to = parsePartialDate(filter.to).latest;
    }
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.EVENT], clause, { first, after })) as Page<Event>;
  }
}
