import { ArrayMaxSize, IsEnum, IsOptional, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { EntityFilterInput } from '../common/entity-filter.input';
import { ActorKind } from '../model/vocabulary';

@InputType({ description: 'Narrows the actors list' })
export class ActorFilter extends EntityFilterInput {
  @Field(() => [ActorKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(ActorKind, { each: true })
  kinds?: ActorKind[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code, e.g. ML' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as ML' })
  country?: string | null;
}
