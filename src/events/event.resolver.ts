import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, toConnection, type ConnectionValue } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { EventsArgs } from './event.args';
import { Event } from './event.type';

@ObjectType()
export class EventConnection extends Connection(Event, 'Event') {}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'An event by id, e.g. "senegalese-drivers-abduction"' })
  async event(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Event | null> {
    const entity = await loaders.entity.load(id);
    return entity instanceof Event ? entity : null;
  }

  @Query(() => EventConnection, {
    complexity: listCost(20, 100),
    description: 'Events ordered by id (see timeline for date order), filtered and paged' })
  async events(@Args() args: EventsArgs, @Ctx() { repos }: RequestContext): Promise<ConnectionValue<Event>> {
    return toConnection(await repos.events.list(args), (item) => item.id);
  }
}
