import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsPartialDate } from '../model/validators';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BundleAllegation, BundleEvent } from '../bundle/format';
import { IdList, ParticipantInput } from './curation.input';

@ArgsType()
export class RecordEventArgs {
  @Field(() => BundleEvent)
  @ValidateNested()
  event!: BundleEvent;

  @Field(() => [ParticipantInput], { description: "Who took part, in what role (cited with the event's evidence)" })
  @ValidateNested({ each: true })
  participants: ParticipantInput[] = [];

  @Field(() => [ID], { description: 'Where it occurred' })
  @IdList()
  placeIds: string[] = [];
}

@ArgsType()
export class RecordAllegationArgs {
  @Field(() => BundleAllegation)
  @ValidateNested()
  allegation!: BundleAllegation;

  @Field(() => [ID], { description: 'Who makes it' })
  @IdList()
  @ArrayMinSize(1)
  accuserIds!: string[];

  @Field(() => [ID], { description: 'Whom it accuses' })
  @IdList()
  @ArrayMinSize(1)
  accusedIds!: string[];

  @Field(() => [ID], { description: 'What it is about' })
  @IdList()
  concerningIds: string[] = [];
}

@ArgsType()
export class ImportBundleArgs {
  @Field(() => GraphQLJSONObject, { description: "A bundle in the seed's format (see seed/README.md)" })
  @IsObject()
  bundle!: Record<string, unknown>;

  @Field({ defaultValue: false, description: 'Validate and count only; write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;
}

@ArgsType()
export class HistoryArgs {
  @Field(() => ID, { description: 'An entity id, or a relationship id such as "MEMBER_OF:mali->aes"' })
  @IsString()
  @Length(1, 300)
  id!: string;

  @Field(() => Int, { defaultValue: 20, description: 'Newest first, 1-100' })
  @Min(1)
  @Max(100)
  first: number = 20;
}

@ArgsType()
export class ExportBundleArgs {
  @Field(() => [ID], { nullable: true, description: 'Export around these entities; omit for the whole graph' })
  @IsOptional()
  @IdList()
  ids?: string[] | null;

  @Field(() => Int, { defaultValue: 1, description: 'Hops around `ids` to include, 0-3' })
  @Min(0)
  @Max(3)
  depth: number = 1;
}

@ArgsType()
export class RetractArgs {
  @Field(() => ID, { description: 'An entity id, or a relationship id such as "MEMBER_OF:mali->aes"' })
  @IsString()
  @Length(1, 300)
  id!: string;

  @Field({ description: 'Why: kept with the item and in its history' })
  @IsString()
  @Length(3, 1_000)
  reason!: string;
}

@InputType({ description: 'What to change on a relationship; omitted fields stay, null clears an optional one' })
export class RelationshipChangesInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IdList()
  @ArrayMinSize(1)
  sourceIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Sources to cite besides those the relationship already cites' })
  @IsOptional()
  @IdList()
  @ArrayMinSize(1)
  addSourceIds?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  credibility?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1_000)
  excerpt?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPartialDate()
  validFrom?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPartialDate()
  validTo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPartialDate()
  date?: string | null;
}

@ArgsType()
export class UpdateRelationshipArgs {
  @Field(() => ID, { description: 'The relationship id, e.g. "MEMBER_OF:mali->aes"' })
  @IsString()
  @Length(1, 300)
  id!: string;

  @Field(() => RelationshipChangesInput)
  @ValidateNested()
  changes!: RelationshipChangesInput;
}

@ArgsType()
export class MergeEntitiesArgs {
  @Field(() => ID, { description: 'The entity that stays' })
  @IsString()
  @Length(1, 80)
  targetId!: string;

  @Field(() => [ID], { description: 'Duplicates of the same kind, merged into the target (1-10)' })
  @IdList()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  duplicateIds!: string[];
}

export const MAX_RECENT_CHANGES = 50;

@ArgsType()
export class RecentChangesArgs {
  @Field(() => Int, { defaultValue: 10, description: `Newest first, 1-${MAX_RECENT_CHANGES}` })
  @Min(1)
  @Max(MAX_RECENT_CHANGES)
  first: number = 10;

  @Field({
    defaultValue: false,
    description:
      'Also changes to evidence links (REPORTED_BY, CITES), which a write makes with the record that cites the source',
  })
  @IsBoolean()
  evidenceLinks: boolean = false;
}
