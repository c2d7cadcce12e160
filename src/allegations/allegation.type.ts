import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PartialDateType } from '../common/partial-date.type';
import { Node } from '../common/node.interface';
import { Entity } from '../entities/entity.interface';
import { AllegationStatus, ClaimType } from '../model/vocabulary';

@ObjectType({
  implements: [Node, Entity],
  description:
    'A claim someone makes about someone (not a fact): who alleges, against whom, about what, and who denies it',
})
export class Allegation extends Entity {
  @Field({ description: 'The claim in words; same as name' })
  statement!: string;

  @Field(() => [ClaimType])
  claimTypes!: ClaimType[];

  @Field(() => AllegationStatus)
  status!: AllegationStatus;

  @Field(() => Int, {
    description:
      'Credibility of what the claim says, 1-6 (6, cannot be judged, until independent sources corroborate it). `credibility` grades the report that the claim was made.',
  })
  claimCredibility!: number;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Only in allegations(accusedId, includeSubordinates: true): the parts of that accused (actors SUBORDINATE_TO it) that this allegation accuses; empty when it accuses the accused itself',
  })
  accusedParts?: string[] | null;

  @Field(() => PartialDateType, { nullable: true, description: 'When the allegation was made' })
  date!: PartialDateType | null;
}
