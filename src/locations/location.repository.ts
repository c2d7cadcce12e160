import type { Page } from '../common/cursor';
import { FilterClauses } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
import type { LocationsArgs } from './location.args';
import type { Location } from './location.type';

export class LocationRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: LocationsArgs): Promise<Page<Location>> {
    const clause = new FilterClauses()
      .when(filter?.text, TEXT_CLAUSE, { text: filter?.text })
      .when(filter?.kinds, 'n.kind IN $kinds', { kinds: filter?.kinds })
      .when(filter?.isoCode, 'n.isoCode = $isoCode', { isoCode: filter?.isoCode })
      .when(filter?.partOf, 'EXISTS { (n)-[:PART_OF]->{1,4}(:Location {id: $partOf}) }', { partOf: filter?.partOf });
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.LOCATION], clause, { first, after }, filter?.includeRetracted)) as Page<Location>;
  }
}
