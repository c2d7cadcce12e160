import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsEntityId, IsPartialDate } from '../model/validators';
import { MAX_CREDIBILITY, MIN_CREDIBILITY, ParticipationRole, RelationshipType, Tlp } from '../model/vocabulary';
import { INVESTIGATION_LIMITS as LIMITS } from './investigation-limits';

/**
 * What one save sends: the whole view (a save replaces the previous contents; the version before
 * is kept in the history). Each field is checked here, so a bad one is BAD_USER_INPUT naming it
 * (`input.entities[3].x`); the checks that need the graph (entities exist and are visible to the
 * writer, link ends in the view) are the use case's.
 */

/** A coordinate: finite and within the canvas cap (NaN and Infinity never reach GraphQL's Float, this is the rest). */
function Coordinate(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    Min(-LIMITS.coordinate)(target, key);
    Max(LIMITS.coordinate)(target, key);
  };
}

/** A note: plain text, shown as text (never HTML), within its length. */
function Note(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    MaxLength(LIMITS.noteLength)(target, key);
  };
}

@InputType({ description: 'An entity of the view to save' })
export class InvestigationEntityInput {
  @Field(() => ID) @IsEntityId() id!: string;
  @Field({ defaultValue: false }) @IsBoolean() expanded: boolean = false;
  @Field({ defaultValue: false }) @IsBoolean() hidden: boolean = false;
  @Field({ defaultValue: false }) @IsBoolean() pinned: boolean = false;
  @Field(() => Float, { nullable: true }) @Coordinate() x?: number | null;
  @Field(() => Float, { nullable: true }) @Coordinate() y?: number | null;
  @Field(() => String, { nullable: true, description: `Plain text, at most ${LIMITS.noteLength} characters` })
  @Note()
  note?: string | null;
}

@InputType({ description: 'A note on a link of the view (both ends must be entities of the investigation)' })
export class InvestigationLinkInput {
  @Field(() => RelationshipType) @IsEnum(RelationshipType) type!: RelationshipType;
  @Field(() => ID) @IsEntityId() fromId!: string;
  @Field(() => ID) @IsEntityId() toId!: string;
  @Field(() => ParticipationRole, { nullable: true })
  @IsOptional()
  @IsEnum(ParticipationRole)
  role?: ParticipationRole | null;
  @Field({ description: `Plain text, 1-${LIMITS.noteLength} characters` })
  @IsString()
  @Length(1, LIMITS.noteLength)
  note!: string;
}

@InputType({ description: 'The filters of the view' })
export class InvestigationFiltersInput {
  @Field(() => [RelationshipType], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(Object.keys(RelationshipType).length)
  @IsEnum(RelationshipType, { each: true })
  types!: RelationshipType[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  minCredibility?: number | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsPartialDate() asOf?: string | null;
}

@InputType({ description: 'An investigation to save: without id a new one, with id and expectedVersion over that one' })
export class SaveInvestigationInput {
  @Field(() => ID, { nullable: true, description: 'The investigation to save over; absent: create one' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  id?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'With id: the version you read; another save since then answers CONFLICT',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field() @IsString() @Length(1, LIMITS.name) name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.description)
  description?: string | null;

  @Field(() => Tlp, { defaultValue: Tlp.GREEN, description: 'Its own marking; at most your clearance' })
  @IsEnum(Tlp)
  tlp: Tlp = Tlp.GREEN;

  @Field(() => [InvestigationEntityInput], { description: `At most ${LIMITS.entities}, each id once` })
  @IsArray()
  @ArrayMaxSize(LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => InvestigationEntityInput)
  entities!: InvestigationEntityInput[];

  @Field(() => [InvestigationLinkInput], { defaultValue: [], description: `At most ${LIMITS.links}` })
  @IsArray()
  @ArrayMaxSize(LIMITS.links)
  @ValidateNested({ each: true })
  @Type(() => InvestigationLinkInput)
  links!: InvestigationLinkInput[];

  @Field(() => InvestigationFiltersInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvestigationFiltersInput)
  filters?: InvestigationFiltersInput | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsEntityId() pathFrom?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsEntityId() pathTo?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsEntityId() selected?: string | null;
}
