import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PagingArgs } from '../common/paging.args';
import { EventFilter } from './event.input';

@ArgsType()
export class EventsArgs extends PagingArgs {
  @Field(() => EventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: EventFilter | null;
}
