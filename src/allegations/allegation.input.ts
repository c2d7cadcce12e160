import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { EntityFilterInput } from '../common/entity-filter.input';
import { AllegationStatus, ClaimType } from '../model/vocabulary';

@InputType({ description: 'Narrows the allegations list' })
export class AllegationFilter extends EntityFilterInput {
  @Field(() => [AllegationStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(AllegationStatus, { each: true })
  statuses?: AllegationStatus[] | null;

  @Field(() => [ClaimType], { nullable: true, description: 'Allegations claiming any of these' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(ClaimType, { each: true })
  claimTypes?: ClaimType[] | null;
}
