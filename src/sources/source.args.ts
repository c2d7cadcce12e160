import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { MAX_PAGE_SIZE, PagingArgs } from '../common/paging.args';
import { SourceFilter } from './source.input';

@ArgsType()
export class SourcesArgs extends PagingArgs {
  @Field(() => SourceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: SourceFilter | null;
}

@ArgsType()
export class SupportArgs {
  @Field(() => Int, { defaultValue: 20, description: 'At most this many entities and this many relationships, 1-100' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;
}
