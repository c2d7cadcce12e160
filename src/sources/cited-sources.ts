import type { AnyEntity } from '../entities/entity.mapper';
import { loadAll, type Loaders } from '../graphql/loaders';
import { Source } from './source.type';

/**
 * The sources behind a claim, from the per-request entity loader: what every `sources` field
 * (entities, relationships, denials, subgraph edges) and path grading read. Ids that are not
 * sources (or no longer exist) are left out; a failed load raises, so a database error is the
 * field's error rather than an empty list (and a path scored as if it had no evidence).
 */
export async function citedSources(loaders: Pick<Loaders, 'entity'>, ids: readonly string[]): Promise<Source[]> {
  const found = await loadAll(loaders.entity, ids);
  return found.filter((item): item is Source => item instanceof Source);
}

/**
 * Entities a statement already read by id (null where none exists or the caller may not see it,
 * as the loader itself answers), handed to the loader so citedSources finds them without a batch.
 */
export function primeCited(loaders: Pick<Loaders, 'entity'>, cited: ReadonlyMap<string, AnyEntity | null>): void {
  for (const [id, entity] of cited) loaders.entity.prime(id, entity);
}
