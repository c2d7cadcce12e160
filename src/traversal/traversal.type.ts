import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Direction } from '../common/enums';
import { PartialDateType } from '../common/partial-date.type';
import { Entity } from '../entities/entity.interface';
import { ParticipationRole, RelationshipType } from '../model/vocabulary';
import { Source } from '../sources/source.type';

@ObjectType({ description: 'A relationship inside a subgraph, with its provenance' })
export class SubgraphEdge {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field(() => ID, { description: 'Id of the subject (the relationship points from it)' })
  fromId!: string;

  @Field(() => ID, { description: 'Id of the object' })
  toId!: string;

  @Field(() => Int)
  credibility!: number;

  @Field()
  excerpt!: string;

  /** Resolved to `sources` in one batch. */
  sourceIds!: string[];

  @Field(() => PartialDateType, { nullable: true })
  validFrom!: PartialDateType | null;

  @Field(() => PartialDateType, { nullable: true })
  validTo!: PartialDateType | null;

  @Field(() => ParticipationRole, { nullable: true })
  role!: ParticipationRole | null;
}

@ObjectType({ description: 'Nodes and the relationships among them; `truncated` says a cap cut the result' })
export class Subgraph {
  @Field(() => [Entity])
  nodes!: Entity[];

  @Field(() => [SubgraphEdge])
  edges!: SubgraphEdge[];

  @Field({ description: 'True when the node or edge cap left out part of the answer' })
  truncated!: boolean;
}

@ObjectType({ description: 'One step of a path, with the evidence for it' })
export class Hop {
  @Field(() => Entity)
  from!: Entity;

  @Field(() => Entity)
  to!: Entity;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field(() => Direction, { description: 'OUTGOING when the relationship points from `from` to `to`' })
  direction!: Direction;

  @Field(() => [Source])
  sources!: Source[];

  @Field(() => Int, { description: 'Information credibility of this link, 1 (confirmed) ... 6' })
  credibility!: number;

  @Field()
  excerpt!: string;

  @Field(() => ParticipationRole, { nullable: true })
  role!: ParticipationRole | null;

  @Field(() => Float, { description: 'This hop\'s evidence score, 0-1 (see README, "Path score")' })
  score!: number;
}

@ObjectType({ description: 'A chain of relationships from one entity to another, graded' })
export class Path {
  @Field(() => Int, { description: 'Number of hops' })
  length!: number;

  @Field(() => [Entity], { description: 'From the start to the end, in order' })
  nodes!: Entity[];

  @Field(() => [Hop])
  hops!: Hop[];

  @Field(() => Float, { description: 'Strength of the evidence for the whole chain, 0-1: the product of the hop scores' })
  score!: number;

  @Field({ description: 'True when the chain passes through an allegation (a claim, not an established fact)' })
  viaAllegation!: boolean;

  @Field({ description: 'The chain as sentences a person can check against the cited sources' })
  explanation!: string;
}
