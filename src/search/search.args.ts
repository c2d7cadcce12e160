import { ArrayMaxSize, IsEnum, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { EntityKind } from '../model/vocabulary';

export const MAX_SEARCH_RESULTS = 50;

@ArgsType()
export class SearchArgs {
  @Field({
    description: 'Names or aliases, any case or accents, small typos forgiven: "Kyiv", "GSIM", "jamaat nusrat"',
  })
  @IsString()
  @Length(1, 200)
  query!: string;

  @Field(() => [EntityKind], { nullable: true, description: 'Only these kinds of entity' })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(EntityKind, { each: true })
  kinds?: EntityKind[] | null;

  @Field(() => Int, { defaultValue: 10, description: `How many hits, 1-${MAX_SEARCH_RESULTS}` })
  @Min(1)
  @Max(MAX_SEARCH_RESULTS)
  first: number = 10;
}
