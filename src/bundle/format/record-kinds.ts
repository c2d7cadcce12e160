import type { ClassConstructor } from 'class-transformer';
import { EntityKind } from '../../model/vocabulary';
import {
  BundleActor,
  BundleAllegation,
  BundleEvent,
  BundleLocation,
  BundleRelationship,
  BundleSource,
} from './bundle.model';

/**
 * The kinds of record a bundle holds, and what each reader needs to know of them: the bundle's
 * section (`actors`), the class that checks its fields, its entity kind, and the id a
 * relationship is known by (a relationship record has no id field of its own).
 */

export type RecordKind = 'source' | 'actor' | 'location' | 'event' | 'allegation' | 'relationship';

export type EntityRecordKind = Exclude<RecordKind, 'relationship'>;

export type EntityRecord = BundleSource | BundleActor | BundleLocation | BundleEvent | BundleAllegation;

/** The bundle section of each record kind, in the bundle's (dependency) order. */
export const SECTION_OF_KIND: Readonly<Record<RecordKind, string>> = {
  source: 'sources',
  actor: 'actors',
  location: 'locations',
  event: 'events',
  allegation: 'allegations',
  relationship: 'relationships',
};

/** The record kind of each bundle section (`actors` -> actor). */
export const KIND_OF_SECTION: ReadonlyMap<string, RecordKind> = new Map(
  Object.entries(SECTION_OF_KIND).map(([kind, section]) => [section, kind as RecordKind]),
);

/** The sections of entity records and their kinds, in the bundle's (dependency) order. */
export const ENTITY_SECTIONS = [
  ['sources', EntityKind.SOURCE],
  ['actors', EntityKind.ACTOR],
  ['locations', EntityKind.LOCATION],
  ['events', EntityKind.EVENT],
  ['allegations', EntityKind.ALLEGATION],
] as const;

export const CLASS_OF_KIND: Readonly<Record<RecordKind, ClassConstructor<object>>> = {
  source: BundleSource,
  actor: BundleActor,
  location: BundleLocation,
  event: BundleEvent,
  allegation: BundleAllegation,
  relationship: BundleRelationship,
};

export const ENTITY_KIND_OF: Readonly<Record<EntityRecordKind, EntityKind>> = {
  source: EntityKind.SOURCE,
  actor: EntityKind.ACTOR,
  location: EntityKind.LOCATION,
  event: EntityKind.EVENT,
  allegation: EntityKind.ALLEGATION,
};

export function relationshipId(rel: Pick<BundleRelationship, 'type' | 'from' | 'to' | 'role'>): string {
  return `${rel.type}:${rel.from}->${rel.to}${rel.role ? `#${rel.role}` : ''}`;
}

const RELATIONSHIP_ID = /^([A-Z_]+):([a-z0-9]+(?:-[a-z0-9]+)*)->([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([A-Z_]+))?$/;

/** The parts of a relationship id (`MEMBER_OF:mali->aes`), or null when it is not one. */
export function parseRelationshipId(id: string): { type: string; from: string; to: string; role?: string } | null {
  const match = RELATIONSHIP_ID.exec(id);
  return match ? { type: match[1], from: match[2], to: match[3], role: match[4] } : null;
}
