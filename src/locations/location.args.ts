import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PagingArgs } from '../common/paging.args';
import { LocationFilter } from './location.input';

@ArgsType()
export class LocationsArgs extends PagingArgs {
  @Field(() => LocationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: LocationFilter | null;
}
