import type { FilterClauses } from '../db';
import { EntityKindRepository } from '../entities/entity-kind.repository';
import { EntityKind } from '../model/vocabulary';
import type { LocationsArgs } from './location.args';
import type { Location } from './location.type';

export class LocationRepository extends EntityKindRepository<Location, LocationsArgs> {
  protected readonly kind = EntityKind.LOCATION;

  protected where({ filter }: LocationsArgs): FilterClauses {
    return this.textOf(filter)
      .when(filter?.kinds, 'n.kind IN $kinds', { kinds: filter?.kinds })
      .when(filter?.isoCode, 'n.isoCode = $isoCode', { isoCode: filter?.isoCode })
      .when(filter?.partOf, 'EXISTS { (n)-[:PART_OF]->{1,4}(:Location {id: $partOf}) }', { partOf: filter?.partOf });
  }
}
