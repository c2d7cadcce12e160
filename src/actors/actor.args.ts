import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PagingArgs } from '../common/paging.args';
import { ActorFilter } from './actor.input';

@ArgsType()
export class ActorsArgs extends PagingArgs {
  @Field(() => ActorFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ActorFilter | null;
}
