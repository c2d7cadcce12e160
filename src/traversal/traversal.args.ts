import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int, registerEnumType } from 'type-graphql';
import { Direction } from '../common/enums';
import { IsEntityId, IsPartialDate, IsUniqueList } from '../model/validators';
import { MAX_CREDIBILITY, MIN_CREDIBILITY, RelationshipType } from '../model/vocabulary';

export const MAX_DEPTH = 3;
export const MAX_HOPS = 6;
export const DEFAULT_NODE_LIMIT = 50;
export const MAX_NODE_LIMIT = 500;
export const MAX_PATHS = 20;
export const MAX_CONNECT_IDS = 10;

export enum PathOrder {
  LENGTH = 'LENGTH',
  SCORE = 'SCORE',
}
registerEnumType(PathOrder, { name: 'PathOrder', description: 'LENGTH: shortest first; SCORE: best-evidenced first' });

/** Filters every traversal accepts; applied inside the path patterns, not after them. */
@ArgsType()
export class TraversalFilterArgs {
  @Field(() => [RelationshipType], {
    nullable: true,
    description: 'Follow only these relationship types (default: all but the evidence links REPORTED_BY and CITES)',
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(RelationshipType).length)
  @IsEnum(RelationshipType, { each: true })
  relationTypes?: RelationshipType[] | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Follow only links graded this credible or better (1 confirmed ... 6 cannot be judged; 3 keeps 1-3)',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  minCredibility?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The graph as known at this date (YYYY, YYYY-MM or YYYY-MM-DD): relationships dated to some day of it (validFrom, or for a link to an event the event's start, on or before its end; validTo, if any, not before its start) and events begun by then. Undated relationships and events are left out: unknown is not valid (timeline `to` reads events the same way)",
  })
  @IsOptional()
  @IsPartialDate()
  asOf?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'With `to`, the graph as known during a period, as asOf is for one date: links dated to some day on or before `to` and not ended before this date (YYYY, YYYY-MM or YYYY-MM-DD), events begun by `to`. Alone, the period runs on from it. Not with asOf',
  })
  @IsOptional()
  @IsPartialDate()
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The period's last date (YYYY, YYYY-MM or YYYY-MM-DD; its last day counts), see `from`; alone, the graph as known by then. Undated links and events are left out, as with asOf. Not with asOf",
  })
  @IsOptional()
  @IsPartialDate()
  to?: string | null;
}

@ArgsType()
export class NeighborhoodArgs extends TraversalFilterArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;

  @Field(() => Int, { defaultValue: 1, description: `Hops from the entity, 1-${MAX_DEPTH}` })
  @IsInt()
  @Min(1)
  @Max(MAX_DEPTH)
  depth: number = 1;

  @Field(() => Direction, { defaultValue: Direction.BOTH })
  @IsEnum(Direction)
  direction: Direction = Direction.BOTH;

  @Field(() => Int, {
    defaultValue: DEFAULT_NODE_LIMIT,
    description: `Most nodes returned, nearest first, 1-${MAX_NODE_LIMIT}`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_NODE_LIMIT)
  limit: number = DEFAULT_NODE_LIMIT;
}

@ArgsType()
export class PathArgs extends TraversalFilterArgs {
  @Field(() => ID)
  @IsEntityId()
  fromId!: string;

  @Field(() => ID)
  @IsEntityId()
  toId!: string;

  @Field(() => Int, { defaultValue: 4, description: `Longest path considered, 1-${MAX_HOPS} hops` })
  @IsInt()
  @Min(1)
  @Max(MAX_HOPS)
  maxHops: number = 4;

  @Field({
    defaultValue: true,
    description:
      'Allow paths through allegations (claims, not facts) and through events that did not happen (threatened, planned, considered); false keeps reported facts only',
  })
  @IsBoolean()
  includeAllegations: boolean = true;
}

@ArgsType()
export class PathsArgs extends PathArgs {
  @Field(() => Int, { defaultValue: 5, description: `How many distinct paths, 1-${MAX_PATHS}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PATHS)
  first: number = 5;

  @Field(() => PathOrder, { defaultValue: PathOrder.LENGTH })
  @IsEnum(PathOrder)
  orderBy: PathOrder = PathOrder.LENGTH;
}

@ArgsType()
export class ConnectArgs extends TraversalFilterArgs {
  @Field(() => [ID], { description: `The entities to connect, 2-${MAX_CONNECT_IDS}` })
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_CONNECT_IDS)
  @IsUniqueList()
  @IsEntityId({ each: true })
  ids!: string[];

  @Field(() => Int, { defaultValue: 4, description: `Longest link considered between two of them, 1-${MAX_HOPS} hops` })
  @IsInt()
  @Min(1)
  @Max(MAX_HOPS)
  maxHops: number = 4;

  @Field({
    defaultValue: true,
    description: 'As on paths: false keeps reported facts only (no allegations, no events that did not happen)',
  })
  @IsBoolean()
  includeAllegations: boolean = true;
}
