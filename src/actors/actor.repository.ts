import type { Page } from '../common/cursor';
import { FilterClauses } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { LABEL_OF_KIND, EntityKind } from '../model/vocabulary';
import type { ActorsArgs } from './actor.args';
import type { Actor } from './actor.type';

export class ActorRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: ActorsArgs): Promise<Page<Actor>> {
    const clause = new FilterClauses()
      .when(filter?.text, TEXT_CLAUSE, { text: filter?.text })
      .when(filter?.kinds, 'n.kind IN $kinds', { kinds: filter?.kinds })
      .when(filter?.country, 'n.country = $country', { country: filter?.country });
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.ACTOR], clause, { first, after }, filter?.includeRetracted)) as Page<Actor>;
  }
}
