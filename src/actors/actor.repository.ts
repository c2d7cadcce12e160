import type { Page } from '../common/cursor';
import { textClause } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { LABEL_OF_KIND, EntityKind } from '../model/vocabulary';
import type { ActorsArgs } from './actor.args';
import type { Actor } from './actor.type';

export class ActorRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: ActorsArgs): Promise<Page<Actor>> {
    const clause = textClause(filter, TEXT_CLAUSE);
    if (filter?.kinds?.length) {
      clause.where.push('n.kind IN $kinds');
      Object.assign(clause.params, { kinds: filter.kinds });
    }
    if (filter?.country) {
      clause.where.push('n.country = $country');
      Object.assign(clause.params, { country: filter.country });
    }
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.ACTOR], clause, { first, after })) as Page<Actor>;
  }
}
