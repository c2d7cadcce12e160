import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, toConnection, type ConnectionValue } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { LocationsArgs } from './location.args';
import { Location } from './location.type';

@ObjectType()
export class LocationConnection extends Connection(Location, 'Location') {}

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location, { nullable: true, description: 'A location by id, e.g. "kayes"' })
  async location(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Location | null> {
    const entity = await loaders.entity.load(id);
    return entity instanceof Location ? entity : null;
  }

  @Query(() => LocationConnection, {
    complexity: listCost(20, 100),
    description: 'Locations (countries, regions, cities, corridors) ordered by id, filtered and paged' })
  async locations(@Args() args: LocationsArgs, @Ctx() { repos }: RequestContext): Promise<ConnectionValue<Location>> {
    return toConnection(await repos.locations.list(args), (item) => item.id);
  }
}
