import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { EntityFilterInput } from '../common/entity-filter.input';
import { Reliability, SourceKind } from '../model/vocabulary';

@InputType({ description: 'Narrows the sources list' })
export class SourceFilter extends EntityFilterInput {
  @Field(() => [SourceKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(SourceKind, { each: true })
  kinds?: SourceKind[] | null;

  @Field(() => Reliability, { nullable: true, description: 'Only sources graded this or better (A best)' })
  @IsOptional()
  @IsEnum(Reliability)
  minReliability?: Reliability | null;
}
