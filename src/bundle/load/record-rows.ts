import { EntityKind, LABEL_OF_ACTOR_KIND, LABEL_OF_LOCATION_KIND, RelationshipType } from '../../model/vocabulary';
import {
  actorProps,
  allegationProps,
  eventProps,
  locationProps,
  relationshipId,
  relationshipProps,
  sourceProps,
  type BundleActor,
  type BundleEvidence,
  type BundleLocation,
  type BundleRelationship,
  type EntityRecord,
  type Props,
  type EntityRecordKind,
} from '../format';

/**
 * The rows both bundle writers send to their UNWIND statements (bundle.repository.ts, one
 * transaction; stream-import.service.ts, batches of an import run): a record's id, its stored
 * properties (node-properties.ts) and, when history keeps it, the record as JSON. One builder, so
 * the two paths store a record the same way; their statements differ (record-holders.ts).
 */

export interface NodeRow {
  id: string;
  props: Props;
  /** The bundle record as JSON, kept in the history. */
  record?: string;
}

export interface RelationshipRow extends NodeRow {
  from: string;
  to: string;
}

/** Sub-kind labels of a kind, all of which a node loses before it gains its current one. */
export const SUB_LABELS: Partial<Record<EntityKind, string[]>> = {
  [EntityKind.ACTOR]: Object.values(LABEL_OF_ACTOR_KIND),
  [EntityKind.LOCATION]: Object.values(LABEL_OF_LOCATION_KIND),
};

/** The sub-kind label an actor or place carries besides its kind's (`State`, `City`); none for the rest. */
export function subLabelOf(kind: EntityRecordKind, record: EntityRecord): string | undefined {
  if (kind === 'actor') return LABEL_OF_ACTOR_KIND[(record as BundleActor).kind];
  if (kind === 'location') return LABEL_OF_LOCATION_KIND[(record as BundleLocation).kind];
  return undefined;
}

const PROPS_OF: Readonly<Record<EntityRecordKind, (record: never) => Props>> = {
  source: sourceProps,
  actor: actorProps,
  location: locationProps,
  event: eventProps,
  allegation: allegationProps,
};

export function nodeRow(kind: EntityRecordKind, entity: EntityRecord, withRecord: boolean): NodeRow {
  const props = PROPS_OF[kind](entity as never);
  return { id: entity.id, props, ...(withRecord ? { record: JSON.stringify(entity) } : {}) };
}

export function relationshipRow(rel: BundleRelationship, withRecord: boolean): RelationshipRow {
  return {
    id: relationshipId(rel),
    from: rel.from,
    to: rel.to,
    props: relationshipProps(rel),
    ...(withRecord ? { record: JSON.stringify(rel) } : {}),
  };
}

/** A record that makes claims: an actor, place, event or allegation (not a source). */
export type Claim = Pick<BundleEvidence, 'sourceIds' | 'credibility' | 'excerpt'> & { id: string };

/** Evidence edges: a claim-bearing entity REPORTED_BY each source it cites. */
export function reportedByRows(claim: Claim, withRecord: boolean): RelationshipRow[] {
  return claim.sourceIds.map((sourceId) =>
    relationshipRow(
      {
        type: RelationshipType.REPORTED_BY,
        from: claim.id,
        to: sourceId,
        sourceIds: [sourceId],
        credibility: claim.credibility,
        excerpt: claim.excerpt,
      } as BundleRelationship,
      withRecord,
    ),
  );
}
