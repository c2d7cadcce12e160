import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEntityId, IsPartialDate, IsUniqueList } from '../model/validators';
import { MAX_CREDIBILITY, MIN_CREDIBILITY, ParticipationRole } from '../model/vocabulary';

const MAX_LINKS = 50;

@InputType({ description: 'An actor taking part in an event being recorded' })
export class ParticipantInput {
  @Field(() => ID)
  @IsEntityId()
  actorId!: string;

  @Field(() => ParticipationRole)
  @IsEnum(ParticipationRole)
  role!: ParticipationRole;
}

@InputType({ description: 'Someone denying an allegation, with the evidence of the denial' })
export class DenialInput {
  @Field(() => ID)
  @IsEntityId()
  allegationId!: string;

  @Field(() => ID, { description: 'The actor who denies it' })
  @IsEntityId()
  actorId!: string;

  @Field(() => [ID])
  @IsArray()
  @IsUniqueList()
  @ArrayMaxSize(MAX_LINKS)
  @IsEntityId({ each: true })
  sourceIds!: string[];

  @Field(() => Int)
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  credibility!: number;

  @Field()
  @IsString()
  @Length(1, 1_000)
  excerpt!: string;

  @Field({ nullable: true, description: 'When it was denied: YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @IsPartialDate()
  date?: string;
}

/** A bounded list of entity ids (participants' places, accused, ...). */
export function IdList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    IsUniqueList()(target, key);
    ArrayMaxSize(MAX_LINKS)(target, key);
    IsEntityId({ each: true })(target, key);
  };
}
