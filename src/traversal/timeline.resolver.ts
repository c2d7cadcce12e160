import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { toConnection, type ConnectionValue } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { TimelineArgs } from './timeline.args';
import { TimelineConnection, type TimelineEntry } from './timeline.type';

@Resolver()
export class TimelineResolver {
  @Query(() => TimelineConnection, {
    complexity: listCost(20, 100),
    description: 'Events in date order (as precise as reported; undated last) with participants, roles and places',
  })
  async timeline(
    @Args() args: TimelineArgs,
    @Ctx() { repos }: RequestContext,
  ): Promise<ConnectionValue<TimelineEntry>> {
    return toConnection(await repos.timeline.timeline(args), (entry) => entry.sortKey);
  }
}
