import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsEntityId } from '../model/validators';
import { MAX_CREDIBILITY, MIN_CREDIBILITY } from '../model/vocabulary';
import { MAX_HOPS } from '../traversal/traversal.args';

export const DEFAULT_ALERTS_PAGE = 20;
export const MAX_ALERTS_PAGE = 100;

@ArgsType()
export class WatchArgs {
  @Field(() => ID, { description: 'The entity to watch' })
  @IsEntityId()
  entityId!: string;
}

@ArgsType()
export class WatchPairArgs {
  @Field(() => ID)
  @IsEntityId()
  fromId!: string;

  @Field(() => ID)
  @IsEntityId()
  toId!: string;

  @Field(() => Int, { defaultValue: 4, description: `Longest path considered, 1-${MAX_HOPS} hops (as shortestPath)` })
  @IsInt()
  @Min(1)
  @Max(MAX_HOPS)
  maxHops: number = 4;

  @Field(() => Int, {
    nullable: true,
    description: 'Follow only links graded this credible or better (1-6, as shortestPath)',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  minCredibility?: number | null;
}

@ArgsType()
export class UnwatchArgs {
  @Field(() => ID, { description: 'A watch of yours (Watch.id)' })
  @IsString()
  @Length(1, 100)
  id!: string;
}

@ArgsType()
export class AlertsArgs {
  @Field(() => String, { nullable: true, description: 'Alert.cursor of the last alert read: the older ones follow' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  after?: string | null;

  @Field(() => Int, { defaultValue: DEFAULT_ALERTS_PAGE, description: `1-${MAX_ALERTS_PAGE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_ALERTS_PAGE)
  first: number = DEFAULT_ALERTS_PAGE;
}
