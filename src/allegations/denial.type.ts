import { Field, Int, ObjectType } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { PartialDateType } from '../common/partial-date.type';

@ObjectType({ description: 'Someone denying an allegation: who, when, on what evidence' })
export class Denial {
  @Field(() => Actor)
  actor!: Actor;

  @Field(() => PartialDateType, { nullable: true, description: 'When the denial was made, if reported' })
  date!: PartialDateType | null;

  /** Resolved to `sources` in one batch. */
  sourceIds!: string[];

  @Field(() => Int, { description: 'Credibility that the denial was made, 1-6' })
  credibility!: number;

  @Field()
  excerpt!: string;
}
