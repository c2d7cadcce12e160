import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { EntityFilterInput } from '../common/entity-filter.input';
import { IsPartialDate } from '../model/validators';
import { EventType } from '../model/vocabulary';

@InputType({ description: 'Narrows the events list' })
export class EventFilter extends EntityFilterInput {
  @Field(() => [EventType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(EventType, { each: true })
  types?: EventType[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Events that may have run on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)',
  })
  @IsOptional()
  @IsPartialDate()
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Events that may have started on or before this date' })
  @IsOptional()
  @IsPartialDate()
  to?: string | null;
}
