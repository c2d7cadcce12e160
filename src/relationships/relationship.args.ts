import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { Direction } from '../common/enums';
import { PagingArgs } from '../common/paging.args';
import { RelationshipType } from '../model/vocabulary';

@ArgsType()
export class RelationshipsArgs extends PagingArgs {
  @Field(() => [RelationshipType], {
    nullable: true,
    description: 'Only these types; default: every type except the evidence links REPORTED_BY and CITES',
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(RelationshipType).length)
  @IsEnum(RelationshipType, { each: true })
  types?: RelationshipType[] | null;

  @Field(() => Direction, { defaultValue: Direction.BOTH })
  @IsEnum(Direction)
  direction: Direction = Direction.BOTH;

  @Field({ defaultValue: false, description: 'Also list retracted relationships, and those to retracted entities' })
  @IsBoolean()
  includeRetracted: boolean = false;
}
