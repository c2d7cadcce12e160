import { ArrayMaxSize, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

/** Ids asked per nodes(ids) at most: one batch through the entity loader, bounded. */
export const MAX_NODE_IDS = 100;

@ArgsType()
export class NodesArgs {
  @Field(() => [ID], {
    description: `Up to ${MAX_NODE_IDS} global ids; the answer has one item per id, in order (null where unknown or hidden)`,
  })
  @ArrayMaxSize(MAX_NODE_IDS)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  ids!: string[];
}
