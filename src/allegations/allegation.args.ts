import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PagingArgs } from '../common/paging.args';
import { AllegationFilter } from './allegation.input';

@ArgsType()
export class AllegationsArgs extends PagingArgs {
  @Field(() => AllegationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: AllegationFilter | null;
}
