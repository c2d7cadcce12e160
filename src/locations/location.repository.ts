import type { Page } from '../common/cursor';
import { textClause } from '../common/entity-filter.input';
import { TEXT_CLAUSE, type EntityRepository } from '../entities/entity.repository';
import { EntityKind, LABEL_OF_KIND } from '../model/vocabulary';
import type { LocationsArgs } from './location.args';
import type { Location } from './location.type';

export class LocationRepository {
  constructor(private readonly entities: EntityRepository) {}

  async list({ filter, first, after }: LocationsArgs): Promise<Page<Location>> {
    const clause = textClause(filter, TEXT_CLAUSE);
    if (filter?.kinds?.length) {
      clause.where.push('n.kind IN $kinds');
      clause.params.kinds = filter.kinds;
    }
    if (filter?.isoCode) {
      clause.where.push('n.isoCode = $isoCode');
      clause.params.isoCode = filter.isoCode;
    }
    if (filter?.partOf) {
      clause.where.push('EXISTS { (n)-[:PART_OF]->{1,4}(:Location {id: $partOf}) }');
      clause.params.partOf = filter.partOf;
    }
    return (await this.entities.list(LABEL_OF_KIND[EntityKind.LOCATION], clause, { first, after })) as Page<Location>;
  }
}
