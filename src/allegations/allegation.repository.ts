import type { Page } from '../common/cursor';
import { FilterClauses } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
import type { AllegationsArgs } from './allegation.args';
import type { Allegation } from './allegation.type';

export class AllegationRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: AllegationsArgs): Promise<Page<Allegation>> {
    const clause = new FilterClauses()
      .when(filter?.text, TEXT_CLAUSE, { text: filter?.text })
      .when(filter?.statuses, 'n.status IN $statuses', { statuses: filter?.statuses })
      .when(filter?.claimTypes, 'any(claim IN n.claimTypes WHERE claim IN $claimTypes)', { claimTypes: filter?.claimTypes });
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.ALLEGATION], clause, { first, after })) as Page<Allegation>;
  }
}
