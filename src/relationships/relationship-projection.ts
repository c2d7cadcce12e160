import {
  propertiesFor,
  QUANTITY_PROPERTIES,
  RETRACTION_PROPERTIES,
  type FieldProperties,
} from '../common/property-projection';
import { entityPropertiesFor } from '../entities/entity-projection';

/**
 * Which stored properties a page of relationships reads (src/common/property-projection.ts): of
 * each link, what its selected fields need (toRelationship, relationship.mapper.ts, and the
 * field resolvers); of the entity at its other end, what `node { ... }` selects. Null: all of them.
 * It is part of the loader's key (RelationshipQuery), so a page read for one selection is never
 * handed to a field that selects more.
 */
export interface RelationshipProjection {
  linkProperties: string[] | null;
  otherProperties: string[] | null;
}

/** What toRelationship always reads (`String(props.id)`, the cursor). */
const LINK_ALWAYS = ['id'] as const;

/** Relationship field → stored properties of the link it reads (`node` is the other end's own projection). */
export const RELATIONSHIP_FIELD_PROPERTIES: FieldProperties = {
  __typename: [],
  id: [],
  cursor: [],
  type: [],
  direction: [],
  node: [],
  credibility: ['credibility'],
  credibilityMeaning: ['credibility'],
  excerpt: ['excerpt'],
  validFrom: ['validFrom'],
  validTo: ['validTo'],
  date: ['date'],
  role: ['role'],
  quantity: QUANTITY_PROPERTIES,
  retraction: RETRACTION_PROPERTIES,
  // RelationshipResolver: the cited sources, by id.
  sources: ['sourceIds'],
};

/** The projection for these selected fields of the links and of their other ends (null: unreadable, read all). */
export function relationshipProjectionOf(
  linkFields: readonly string[] | null,
  otherFields: readonly string[] | null,
): RelationshipProjection {
  return {
    linkProperties: propertiesFor(RELATIONSHIP_FIELD_PROPERTIES, LINK_ALWAYS, linkFields),
    otherProperties: entityPropertiesFor(otherFields),
  };
}
