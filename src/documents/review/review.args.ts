import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ArgsType, Field, ID } from 'type-graphql';
import { ProposalDecisionInput } from './review.input';

/** Decisions one reviewProposals call takes at most: a long report gives a few hundred proposals. */
export const MAX_DECISIONS = 2_000;

@ArgsType()
export class ProposalsArgs {
  @Field(() => ID, { description: 'The id of the Source the document is stored as' })
  @IsString()
  @Length(1, 200)
  documentId!: string;
}

@ArgsType()
export class ReviewProposalsArgs extends ProposalsArgs {
  @Field(() => [ProposalDecisionInput], { description: `At least one, at most ${MAX_DECISIONS}` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DECISIONS)
  @ValidateNested({ each: true })
  @Type(() => ProposalDecisionInput)
  decisions!: ProposalDecisionInput[];

  @Field({ nullable: true, description: 'Check and count, then roll back: nothing is written, no decision stored' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
