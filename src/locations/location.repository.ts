import { VISIBLE, type FilterClauses } from '../db';
import { EntityKindRepository } from '../entities/entity-kind.repository';
import { EntityKind } from '../model/vocabulary';
import type { LocationsArgs } from './location.args';
import type { Location } from './location.type';

/**
 * A path pattern from `from` up PART_OF links to `$target`, at most 4 links (bounded work), that
 * steps only through visible links and places (VISIBLE, docs/security.md): a hidden PART_OF link
 * must not decide what a place filter lists, or the list would tell that the link exists.
 * `min` 0 lets `from` be the target itself.
 */
export function visiblePartOfChain(from: string, min: 0 | 1, target: string): string {
  return `(${from}) ((:Location)-[p:PART_OF]->(up:Location) WHERE ${VISIBLE('p')} AND ${VISIBLE('up')}){${min},4} (:Location {id: ${target}})`;
}

export class LocationRepository extends EntityKindRepository<Location, LocationsArgs> {
  protected readonly kind = EntityKind.LOCATION;

  protected where({ filter }: LocationsArgs): FilterClauses {
    return this.textOf(filter)
      .when(filter?.kinds, 'n.kind IN $kinds', { kinds: filter?.kinds })
      .when(filter?.isoCode, 'n.isoCode = $isoCode', { isoCode: filter?.isoCode })
      .when(filter?.partOf, `EXISTS { ${visiblePartOfChain('n', 1, '$partOf')} }`, { partOf: filter?.partOf });
  }
}
