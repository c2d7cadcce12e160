import { IsBoolean, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PagingArgs } from '../common/paging.args';
import { IsEntityId } from '../model/validators';
import { AllegationStatus } from '../model/vocabulary';
import { AllegationFilter } from './allegation.input';

/** Declares its own `filter` (not EntityListArgs) so that it stays the last argument, after the root ones. */
@ArgsType()
export class AllegationsArgs extends PagingArgs {
  @Field(() => ID, { nullable: true, description: 'Only allegations this actor makes' })
  @IsOptional()
  @IsEntityId()
  accuserId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only allegations against this actor' })
  @IsOptional()
  @IsEntityId()
  accusedId?: string | null;

  @Field({
    defaultValue: false,
    description:
      'With accusedId: also allegations against its parts, the actors SUBORDINATE_TO it (up to 3 levels: an agency or force of a state), marked in `accusedParts`. Members of an alliance are not its parts.',
  })
  @IsBoolean()
  includeSubordinates: boolean = false;

  @Field(() => ID, { nullable: true, description: 'Only allegations about this entity (an actor, place or event)' })
  @IsOptional()
  @IsEntityId()
  concerningId?: string | null;

  @Field(() => AllegationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AllegationStatus)
  status?: AllegationStatus | null;

  @Field(() => AllegationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: AllegationFilter | null;
}
