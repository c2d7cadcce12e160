import { excerptOffsetsOf } from '../common/excerpt-offsets';
import { encodeCursor } from '../common/cursor';
import { Direction } from '../common/enums';
import { PartialDateType } from '../common/partial-date.type';
import { Retraction } from '../common/retraction.type';
import { quantityOf, toEntity, type NodeRecord } from '../entities/entity.mapper';
import { CREDIBILITY_MEANING, type ParticipationRole, type RelationshipType } from '../model/vocabulary';
import { Relationship } from './relationship.type';

/** A relationship as repositories return it, seen from one of its ends. */
export interface RelationshipRecord {
  type: string;
  props: Record<string, unknown>;
  outgoing: boolean;
  other: NodeRecord;
}

export function toRelationship({ type, props, outgoing, other }: RelationshipRecord): Relationship {
  const text = (key: string) => (props[key] === null || props[key] === undefined ? null : String(props[key]));
  return Object.assign(new Relationship(), {
    id: String(props.id),
    cursor: encodeCursor(String(props.id)),
    type: type as RelationshipType,
    direction: outgoing ? Direction.OUTGOING : Direction.INCOMING,
    node: toEntity(other),
    sourceIds: (props.sourceIds as string[] | undefined) ?? [],
    credibility: Number(props.credibility),
    credibilityMeaning: CREDIBILITY_MEANING[Number(props.credibility)] ?? 'ungraded',
    excerpt: String(props.excerpt ?? ''),
    excerptOffsets: excerptOffsetsOf(props),
    validFrom: PartialDateType.of(text('validFrom')),
    validTo: PartialDateType.of(text('validTo')),
    date: PartialDateType.of(text('date')),
    role: (text('role') as ParticipationRole | null) ?? null,
    quantity: quantityOf(props),
    retraction: Retraction.of(props),
  });
}
