import { ArrayMaxSize, IsEnum, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { EntityKind } from '../model/vocabulary';

export const MAX_HUBS = 50;

@ArgsType()
export class HubsArgs {
  @Field(() => Int, { defaultValue: 10, description: `How many entities, 1-${MAX_HUBS}` })
  @Min(1)
  @Max(MAX_HUBS)
  first: number = 10;

  @Field(() => [EntityKind], { nullable: true, description: 'Only these kinds of entity (default: all)' })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(EntityKind, { each: true })
  kinds?: EntityKind[] | null;
}
