import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { MAX_PAGE_SIZE } from '../common/paging.args';
import { EntityListArgs } from '../entities/entity-list.args';
import { SourceFilter } from './source.input';

@ArgsType()
export class SourcesArgs extends EntityListArgs(SourceFilter) {}

@ArgsType()
export class SupportArgs {
  @Field(() => Int, { defaultValue: 20, description: 'At most this many entities and this many relationships, 1-100' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;
}
