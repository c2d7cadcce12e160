import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { Field, ID, InputType } from 'type-graphql';
import { CHANGE_TARGET_TYPES, MAX_FOLLOWED_ENTITIES } from '../changes/changes.args';
import { ChangeKind } from '../changes/change-kind';
import { IsEntityId, IsUniqueList } from '../model/validators';
import { MAX_WEBHOOK_DESCRIPTION_LENGTH, MAX_WEBHOOK_URL_LENGTH } from './webhook-settings';

/** The feed's filters (docs/changes.md), for a webhook: the same closed lists and caps. */
@InputType()
export class WebhookFilterInput {
  @Field(() => [ChangeKind], { nullable: true, description: 'Only these kinds of change' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(ChangeKind, { each: true })
  kinds?: ChangeKind[] | null;

  @Field(() => [String], { nullable: true, description: 'Only changes to these target types (as `changes`)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHANGE_TARGET_TYPES.length)
  @IsIn(CHANGE_TARGET_TYPES, { each: true })
  types?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Only changes to these entities and relationships from or to them (1-${MAX_FOLLOWED_ENTITIES} ids)`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FOLLOWED_ENTITIES)
  @IsUniqueList()
  @IsEntityId({ each: true })
  entityIds?: string[] | null;
}

@InputType()
export class WebhookInput {
  @Field({ description: `http(s) URL that receives the POSTs (at most ${MAX_WEBHOOK_URL_LENGTH} characters)` })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url!: string;

  @Field(() => WebhookFilterInput, { nullable: true, description: 'Which changes it receives; omit for all' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookFilterInput)
  filter?: WebhookFilterInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_DESCRIPTION_LENGTH)
  description?: string | null;
}
