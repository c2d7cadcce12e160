import {
  propertiesFor,
  QUANTITY_PROPERTIES as QUANTITY,
  RETRACTION_PROPERTIES as RETRACTION,
  type FieldProperties,
} from '../common/property-projection';

/**
 * Which stored properties each entity field needs (src/common/property-projection.ts), as toEntity
 * (entity.mapper.ts) and the entity field resolvers read them. A field that is not listed (a field
 * resolver that reads more, or a field added later) makes the read take every property.
 */

/** What toEntity always reads (`String(props.id)`, `String(props.name)`). */
const ALWAYS = ['id', 'name'] as const;

/**
 * GraphQL field (of the Entity interface or of one of its types) → stored properties it reads.
 * One name means the same properties on every type that has it (`kind`, `status`, `type`).
 */
export const ENTITY_FIELD_PROPERTIES: FieldProperties = {
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
 * the table does not know, or no readable selection).
 */
export function entityPropertiesFor(fields: Iterable<string> | null): string[] | null {
  return propertiesFor(ENTITY_FIELD_PROPERTIES, ALWAYS, fields);
}
