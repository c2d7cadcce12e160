import type { Bundle } from '../../../bundle/format';
import { RelationshipType } from '../../../model/vocabulary';

/** The ISO code of the nearest place a location is PART_OF (up to 5 levels), so a region is located. */
export function nearestCountry(bundle: Bundle): (locationId: string) => string | undefined {
  const isoOf = new Map(bundle.locations.map((location) => [location.id, location.isoCode]));
  const parentsOf = new Map<string, string[]>();
  for (const rel of bundle.relationships) {
    if (rel.type === RelationshipType.PART_OF) parentsOf.set(rel.from, [...(parentsOf.get(rel.from) ?? []), rel.to]);
  }
  return (locationId) => {
    let frontier = [locationId];
    const seen = new Set(frontier);
    for (let depth = 0; depth < 5 && frontier.length; depth++) {
      const parents = [...new Set(frontier.flatMap((id) => parentsOf.get(id) ?? []))]
        .filter((id) => !seen.has(id))
        .sort();
      for (const parent of parents) {
        if (isoOf.get(parent)) return isoOf.get(parent);
        seen.add(parent);
      }
      frontier = parents;
    }
    return undefined;
  };
}

export interface ClaimParties {
  /** Who makes each allegation (ALLEGES), by allegation id. */
  accusersOf: ReadonlyMap<string, string[]>;
  /** Whom and what each allegation is about (ACCUSES, CONCERNS), by allegation id. */
  targetsOf: ReadonlyMap<string, string[]>;
}

/** Who makes each allegation, and whom and what it is about, in one pass over the relationships. */
export function claimParties(bundle: Bundle): ClaimParties {
  const accusersOf = new Map<string, string[]>();
  const targetsOf = new Map<string, string[]>();
  for (const rel of bundle.relationships) {
    if (rel.type === RelationshipType.ALLEGES) accusersOf.set(rel.to, [...(accusersOf.get(rel.to) ?? []), rel.from]);
    if (rel.type === RelationshipType.ACCUSES || rel.type === RelationshipType.CONCERNS)
      targetsOf.set(rel.from, [...(targetsOf.get(rel.from) ?? []), rel.to]);
  }
  return { accusersOf, targetsOf };
}
