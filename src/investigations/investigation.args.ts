import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { INVESTIGATION_LIMITS } from './investigation-limits';

@ArgsType()
export class InvestigationArgs {
  @Field(() => ID) @IsString() @Length(1, 100) id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'An older version to read (one of `history`); the newest by default',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number | null;
}

@ArgsType()
export class InvestigationsArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1-${INVESTIGATION_LIMITS.page}` })
  @Min(1)
  @Max(INVESTIGATION_LIMITS.page)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  after?: string | null;
}

@ArgsType()
export class DeleteInvestigationArgs {
  @Field(() => ID) @IsString() @Length(1, 100) id!: string;
}
