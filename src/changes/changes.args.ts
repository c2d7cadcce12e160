import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsEntityId, IsUniqueList } from '../model/validators';
import { LABEL_OF_KIND, RelationshipType } from '../model/vocabulary';
import { ChangeKind, DOCUMENT_TARGET, IMPORT_RUN_TARGET } from './change-kind';

export const DEFAULT_CHANGES_PAGE = 100;
export const MAX_CHANGES_PAGE = 500;
/** Entities one feed (or subscription) may follow at most. */
export const MAX_FOLLOWED_ENTITIES = 100;

/** Every target type a change can have: the kinds' labels, the relationship types, documents and runs. */
export const CHANGE_TARGET_TYPES: readonly string[] = [
  ...Object.values(LABEL_OF_KIND),
  ...Object.values(RelationshipType),
  DOCUMENT_TARGET,
  IMPORT_RUN_TARGET,
];

/** The filters the feed and the subscription share: all optional, each a closed or capped list. */
@ArgsType()
export class ChangeFilterArgs {
  @Field(() => [ChangeKind], { nullable: true, description: 'Only these kinds of change' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(ChangeKind, { each: true })
  kinds?: ChangeKind[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Only changes to these target types: Actor, Location, Event, Allegation, Source, a relationship type, Document, ImportRun',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHANGE_TARGET_TYPES.length)
  @IsIn(CHANGE_TARGET_TYPES, { each: true })
  types?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Only changes to these entities and to relationships from or to them (1-${MAX_FOLLOWED_ENTITIES} ids)`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FOLLOWED_ENTITIES)
  @IsUniqueList()
  @IsEntityId({ each: true })
  entityIds?: string[] | null;
}

@ArgsType()
export class ChangesArgs extends ChangeFilterArgs {
  @Field(() => String, {
    nullable: true,
    description: "pageInfo.endCursor (or a change's cursor) to resume after; omit to start at the beginning",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string | null;

  @Field(() => Int, { defaultValue: DEFAULT_CHANGES_PAGE, description: `Page size, 1-${MAX_CHANGES_PAGE}` })
  @Min(1)
  @Max(MAX_CHANGES_PAGE)
  first: number = DEFAULT_CHANGES_PAGE;
}

@ArgsType()
export class ChangedArgs extends ChangeFilterArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "A cursor (pageInfo.endCursor, or a change's cursor) to replay every change after it first, then continue live; omit to receive only changes from now on",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string | null;
}
