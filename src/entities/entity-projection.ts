/**
 * Reading only what a query asks of its entities (issue 25: a neighbourhood that asks `nodes {
 * id }` should not pay for 50 full property maps). The table says which stored properties each
 * entity field needs, as toEntity (entity.mapper.ts) and the entity field resolvers read them. A
 * field that is not listed (a field resolver that reads more, or a field added later) makes the
 * read take every property: a projection can read more than a query needs, never less.
 */

/** What toEntity always reads (`String(props.id)`, `String(props.name)`). */
const ALWAYS = ['id', 'name'] as const;
const QUANTITY = ['quantityMeasure', 'quantityValue', 'quantityApproximate'] as const;
const RETRACTION = ['retracted', 'retractedReason', 'retractedAt', 'retractedBy'] as const;

/**
 * GraphQL field (of the Entity interface or of one of its types) → stored properties it reads.
 * One name means the same properties on every type that has it (`kind`, `status`, `type`).
 */
export const ENTITY_FIELD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  name: [],
  title: [],
  statement: [],
  aliases: ['aliases'],
  description: ['description'],
  credibility: ['credibility'],
  excerpt: ['excerpt'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  retraction: RETRACTION,
  // EntityResolver: the cited sources by id, and the entity's relationships by its id.
  sources: ['sourceIds'],
  relationships: [],
  kind: ['kind'],
  country: ['country'],
  quantity: QUANTITY,
  plural: ['plural', ...QUANTITY],
  isoCode: ['isoCode'],
  latitude: ['latitude'],
  longitude: ['longitude'],
  type: ['type'],
  status: ['status'],
  start: ['start'],
  end: ['end'],
  claimTypes: ['claimTypes'],
  claimCredibility: ['claimCredibility'],
  date: ['date'],
  publisher: ['publisher'],
  author: ['author'],
  url: ['url'],
  published: ['published'],
  reliability: ['reliability'],
  reliabilityMeaning: ['reliability'],
  tlp: ['tlp'],
};

/**
 * The stored properties that answer these fields of an entity, or null for all of them (a field
 * the table does not know). Sorted, so one selection is one parameter value.
 */
export function entityPropertiesFor(fields: Iterable<string>): string[] | null {
  return propertiesFor(ENTITY_FIELD_PROPERTIES, ALWAYS, fields);
}

/** The properties a table gives for these fields, with `always`; null at a field it does not list. */
export function propertiesFor(
  table: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
  fields: Iterable<string>,
): string[] | null {
  const properties = new Set(always);
  for (const field of fields) {
    const needs = Object.hasOwn(table, field) ? table[field] : undefined;
    if (!needs) return null;
    for (const property of needs) properties.add(property);
  }
  return [...properties].sort();
}

/**
 * A property map from a projected read (`[key IN $keys | n[key]]`): the keys with their values,
 * leaving out the absent ones (null), so it reads as `properties(n)` restricted to the keys.
 */
export function propertiesFromValues(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    if (values[i] !== null && values[i] !== undefined) props[key] = values[i];
  });
  return props;
}
