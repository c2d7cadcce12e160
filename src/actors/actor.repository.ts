import type { FilterClauses } from '../db';
import { EntityKindRepository } from '../entities/entity-kind.repository';
import { EntityKind } from '../model/vocabulary';
import type { ActorsArgs } from './actor.args';
import type { Actor } from './actor.type';

export class ActorRepository extends EntityKindRepository<Actor, ActorsArgs> {
  protected readonly kind = EntityKind.ACTOR;

  protected where({ filter }: ActorsArgs): FilterClauses {
    return this.textOf(filter)
      .when(filter?.kinds, 'n.kind IN $kinds', { kinds: filter?.kinds })
      .when(filter?.country, 'n.country = $country', { country: filter?.country });
  }
}
