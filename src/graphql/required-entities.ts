import type { ClassType } from 'type-graphql';
import { NotFoundError } from '../errors';
import { loadAll, type Loaders } from './loaders';
import type { AnyEntity } from '../entities/entity.mapper';

/** An id argument that must name an entity the caller can see: the argument's name, the id, the kind. */
export interface RequiredId {
  field: string;
  id: string;
  /** The kind the field asks for (another kind's id is as unknown as a missing one); any when absent. */
  kind?: ClassType<AnyEntity>;
}

/**
 * The entities these id arguments name, loaded in one batch through the request's loader, or
 * NOT_FOUND naming the first argument whose id is unknown or hidden from the caller. The loader
 * reads through the caller's clearance, so a hidden entity is refused exactly as a missing one:
 * same code, same message, nothing that tells them apart.
 */
export async function requireEntities(loaders: Loaders, required: readonly RequiredId[]): Promise<AnyEntity[]> {
  const found = await loadAll(
    loaders.entity,
    required.map((r) => r.id),
  );
  return required.map(({ field, id, kind }, i) => {
    const entity = found[i];
    if (!entity || (kind && !(entity instanceof kind))) throw new NotFoundError(kind?.name ?? 'Entity', id, field);
    return entity;
  });
}

/** One id argument: see requireEntities. */
export async function requireEntity<Item extends AnyEntity = AnyEntity>(
  loaders: Loaders,
  field: string,
  id: string,
  kind?: ClassType<Item>,
): Promise<Item> {
  const [entity] = await requireEntities(loaders, [{ field, id, kind }]);
  return entity as Item;
}
