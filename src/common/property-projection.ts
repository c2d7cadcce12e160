/**
 * Reading only the stored properties a query asks for (issue 25): a statement returns
 * `[key IN $keys | n[key]]` instead of `properties(n)` when every field selected is one a table
 * knows (entities: src/entities/entity-projection.ts; links: src/relationships/
 * relationship-projection.ts, src/traversal/subgraph-projection.ts). An unknown field reads the
 * whole map: a projection can read more than a query needs, never less.
 */

/** What quantityOf (entity.mapper.ts) reads, for entities and links alike. */
export const QUANTITY_PROPERTIES = ['quantityMeasure', 'quantityValue', 'quantityApproximate'] as const;
/** What Retraction.of reads. */
export const RETRACTION_PROPERTIES = ['retracted', 'retractedReason', 'retractedAt', 'retractedBy'] as const;

/** Which stored properties each GraphQL field reads (as the type's mapper and field resolvers read them). */
export type FieldProperties = Readonly<Record<string, readonly string[]>>;

/** The properties a table gives for these fields, with `always`; null (read everything) at a field it does not list. */
export function propertiesFor(
  table: FieldProperties,
  always: readonly string[],
  fields: Iterable<string> | null,
): string[] | null {
  if (fields === null) return null;
  const properties = new Set(always);
  for (const field of fields) {
    const needs = Object.hasOwn(table, field) ? table[field] : undefined;
    if (!needs) return null;
    for (const property of needs) properties.add(property);
  }
  // Sorted: one selection is one parameter value (and one loader key).
  return [...properties].sort();
}

/** A node or link as a statement returns it: whole (`props`) or projected (`values` of the keys, in order). */
export type ReadWhole<T> = T & { props: Record<string, unknown> };
export type ReadProjected<T> = T & { values: unknown[] };

/**
 * The property map of a read, whole or projected onto `keys`: a projected read leaves out the
 * absent keys (null), so it reads as `properties(n)` restricted to the keys.
 */
export function withProperties<T extends object>(
  read: ReadWhole<T> | ReadProjected<T>,
  keys: readonly string[] | null | undefined,
): ReadWhole<Omit<T, 'values'>> {
  if (!('values' in read)) return read;
  const { values, ...rest } = read;
  const props: Record<string, unknown> = {};
  (keys ?? []).forEach((key, i) => {
    if (values[i] !== null && values[i] !== undefined) props[key] = values[i];
  });
  return { ...rest, props } as ReadWhole<Omit<T, 'values'>>;
}
