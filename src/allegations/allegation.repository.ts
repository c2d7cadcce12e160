import type { Page } from '../common/cursor';
import { textClause } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
import type { AllegationsArgs } from './allegation.args';
import type { Allegation } from './allegation.type';

export class AllegationRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: AllegationsArgs): Promise<Page<Allegation>> {
    const clause = textClause(filter, TEXT_CLAUSE);
    if (filter?.statuses?.length) {
      clause.where.push('n.status IN $statuses');
      clause.params.statuses = filter.statuses;
    }
    if (filter?.claimTypes?.length) {
      clause.where.push('any(claim IN n.claimTypes WHERE claim IN $claimTypes)');
      clause.params.claimTypes = filter.claimTypes;
    }
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.ALLEGATION], clause, { first, after })) as Page<Allegation>;
  }
}
