import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { HubsArgs, MAX_HUBS } from './hubs.args';
import { Hub } from './hubs.type';

@Resolver()
export class HubsResolver {
  @Query(() => [Hub], {
    complexity: listCost(10, MAX_HUBS),
    description:
      'The most-connected entities, most links first (then by id): where to start exploring. Counts the links the caller can see, without evidence links (REPORTED_BY, CITES) or retracted items; ranked among the entities with the most links in the store (a few times `first`), so an entity whose links are mostly hidden from the caller may be left out',
  })
  hubs(@Args() { first, kinds }: HubsArgs, @Ctx() { repos }: RequestContext): Promise<Hub[]> {
    return repos.hubs.hubs(first, kinds);
  }
}
