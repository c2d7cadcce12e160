import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, toConnection, type ConnectionValue } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { ActorsArgs } from './actor.args';
import { Actor } from './actor.type';

@ObjectType()
export class ActorConnection extends Connection(Actor, 'Actor') {}

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => Actor, { nullable: true, description: 'An actor by id, e.g. "jnim"' })
  async actor(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Actor | null> {
    const entity = await loaders.entity.load(id);
    return entity instanceof Actor ? entity : null;
  }

  @Query(() => ActorConnection, {
    complexity: listCost(20, 100),
    description: 'Actors ordered by id, filtered and paged' })
  async actors(@Args() args: ActorsArgs, @Ctx() { repos }: RequestContext): Promise<ConnectionValue<Actor>> {
    return toConnection(await repos.actors.list(args), (item) => item.id);
  }
}
