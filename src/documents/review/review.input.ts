import { GraphQLJSONObject } from 'graphql-scalars';
import { IsEnum, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ReviewAction } from './review.type';

@InputType({ description: "A curator's decision on one proposal of a document" })
export class ProposalDecisionInput {
  @Field(() => ID, { description: 'The proposal, as proposals(documentId) gives it' })
  @IsString()
  @Length(1, 200)
  proposalId!: string;

  @Field(() => ReviewAction)
  @IsEnum(ReviewAction)
  action!: ReviewAction;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'For EDIT: the record as the curator corrected it (the same section and format as the proposal)',
  })
  @IsOptional()
  record?: Record<string, unknown>;

  @Field(() => ID, {
    nullable: true,
    description: "For LINK: the existing entity a new entity's proposal stands for; references to it are rewritten",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entityId?: string;

  @Field(() => Int, {
    nullable: true,
    description: "For an EDIT whose excerpt changed: the new excerpt's offset in the document's text",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number;

  @Field(() => Int, { nullable: true, description: 'For an EDIT whose excerpt changed: the offset just past it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  end?: number;
}
