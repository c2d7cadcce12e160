import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, type ClassType, Field } from 'type-graphql';
import type { EntityFilterInput } from '../common/entity-filter.input';
import { PagingArgs } from '../common/paging.args';

/**
 * The arguments of a kind's list: the page and the kind's optional filter, validated nested.
 * Use as `@ArgsType() class ActorsArgs extends EntityListArgs(ActorFilter) {}`.
 */
export function EntityListArgs<Filter extends EntityFilterInput>(FilterClass: ClassType<Filter>) {
  @ArgsType()
  abstract class FilteredPage extends PagingArgs {
    @Field(() => FilterClass, { nullable: true })
    @IsOptional()
    @ValidateNested()
    filter?: Filter | null;
  }
  return FilteredPage;
}
