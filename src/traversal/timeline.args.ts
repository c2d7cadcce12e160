import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PagingArgs } from '../common/paging.args';
import { IsEntityId, IsPartialDate } from '../model/validators';
import { EventType } from '../model/vocabulary';

@ArgsType()
export class TimelineArgs extends PagingArgs {
  @Field(() => ID, { nullable: true, description: 'Only events this actor took part in' })
  @IsOptional()
  @IsEntityId()
  actorId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only events in or affecting this place, or any place that is part of it',
  })
  @IsOptional()
  @IsEntityId()
  locationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Events that may have run on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); undated events are left out, as with asOf',
  })
  @IsOptional()
  @IsPartialDate()
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Events begun on or before this date; undated events are left out (unknown is not begun), as with asOf',
  })
  @IsOptional()
  @IsPartialDate()
  to?: string | null;

  @Field(() => [EventType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(EventType, { each: true })
  types?: EventType[] | null;
}
