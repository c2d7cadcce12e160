import { ArrayMaxSize, IsEnum, IsOptional, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { EntityFilterInput } from '../common/entity-filter.input';
import { IsEntityId } from '../model/validators';
import { LocationKind } from '../model/vocabulary';

@InputType({ description: 'Narrows the locations list' })
export class LocationFilter extends EntityFilterInput {
  @Field(() => [LocationKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(LocationKind, { each: true })
  kinds?: LocationKind[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of a country' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'isoCode must be an ISO 3166-1 alpha-2 code such as ML' })
  isoCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only places PART_OF this place, directly or not (up to 4 levels)',
  })
  @IsOptional()
  @IsEntityId()
  partOf?: string | null;
}
