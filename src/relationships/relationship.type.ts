import type { ExcerptOffsets } from '../common/excerpt-offsets';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RELATIONSHIP_COUNT_CAP, TOTAL_COUNT_IS_EXACT_DESCRIPTION } from '../common/connection';
import { Direction } from '../common/enums';
import { PageInfo } from '../common/page-info.type';
import { PartialDateType } from '../common/partial-date.type';
import { Quantity } from '../common/quantity.type';
import { Retraction } from '../common/retraction.type';
import { Entity } from '../entities/entity.interface';
import { ParticipationRole, RelationshipType } from '../model/vocabulary';

@ObjectType({ description: 'A relationship seen from one entity: its type, direction, the other end and its evidence' })
export class Relationship {
  @Field(() => ID, { description: 'Stable id, e.g. "MEMBER_OF:mali->aes"' })
  id!: string;

  @Field({ description: 'Opaque paging cursor of this edge' })
  cursor!: string;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field(() => Direction, {
    description: 'OUTGOING when the entity asked about is the subject ("Mali MEMBER_OF AES" from Mali)',
  })
  direction!: Direction;

  @Field(() => Entity, { description: 'The entity at the other end' })
  node!: Entity;

  /** Source ids cited by this relationship; `sources` resolves them in one batch. */
  sourceIds!: string[];

  /** Where the excerpt stands in a stored document, when it came from one (a document review). */
  excerptOffsets?: ExcerptOffsets | null;

  @Field(() => Int, { description: 'Information credibility 1 (confirmed) ... 6 (cannot be judged)' })
  credibility!: number;

  @Field({ description: 'The credibility grade in words' })
  credibilityMeaning!: string;

  @Field({ description: "The source's words that back this relationship" })
  excerpt!: string;

  @Field(() => PartialDateType, { nullable: true, description: 'Valid from (inclusive, as precisely as reported)' })
  validFrom!: PartialDateType | null;

  @Field(() => PartialDateType, {
    nullable: true,
    description: 'Valid until (inclusive); null while ongoing or unknown',
  })
  validTo!: PartialDateType | null;

  @Field(() => PartialDateType, { nullable: true, description: 'When it happened, for one-off links such as a denial' })
  date!: PartialDateType | null;

  @Field(() => ParticipationRole, { nullable: true, description: "For PARTICIPATED_IN: the actor's role" })
  role!: ParticipationRole | null;

  @Field(() => Quantity, {
    nullable: true,
    description: "A figure the source attaches, e.g. Kayes' ~80% share of gold production",
  })
  quantity!: Quantity | null;

  @Field(() => Retraction, { nullable: true, description: 'Set when the relationship was retracted' })
  retraction!: Retraction | null;
}

@ObjectType({ description: 'A page of relationships' })
export class RelationshipConnection {
  @Field(() => Int, {
    description: `How many relationships match, across all pages. Counted only when selected; exact when retracted ones are included (from the degrees Neo4j keeps), else counted up to ${RELATIONSHIP_COUNT_CAP} (see totalCountIsExact)`,
  })
  totalCount!: number;

  @Field({ description: TOTAL_COUNT_IS_EXACT_DESCRIPTION })
  totalCountIsExact!: boolean;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [Relationship], {
    description: 'The relationships of this page (each carries its own id; there are no per-edge cursors)',
  })
  edges!: Relationship[];

  @Field(() => [Relationship], {
    description: 'The same relationships as edges, under the name every other connection uses',
  })
  nodes!: Relationship[];
}
