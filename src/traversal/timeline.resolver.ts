import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { toConnection, type ConnectionValue } from '../common/connection';
import { Actor } from '../actors/actor.type';
import { requireEntities, type RequiredId } from '../graphql/required-entities';
import type { RequestContext } from '../graphql/context';
import { Location } from '../locations/location.type';
import { listCost } from '../graphql/cost';
import { TimelineArgs } from './timeline.args';
import { TimelineConnection, type TimelineEntry } from './timeline.type';

@Resolver()
export class TimelineResolver {
  @Query(() => TimelineConnection, {
    complexity: listCost(20, 100),
    description:
      'Events in date order (as precise as reported; undated last) with participants, roles and places; NOT_FOUND (extensions.field "actorId" or "locationId") when that actor or place is unknown or hidden from the caller',
  })
  async timeline(
    @Args() args: TimelineArgs,
    @Ctx() { repos, loaders }: RequestContext,
  ): Promise<ConnectionValue<TimelineEntry>> {
    // An unknown actor is not "an actor with no events": say so instead of an empty page.
    const anchors: RequiredId[] = [];
    if (args.actorId) anchors.push({ field: 'actorId', id: args.actorId, kind: Actor });
    if (args.locationId) anchors.push({ field: 'locationId', id: args.locationId, kind: Location });
    if (anchors.length) await requireEntities(loaders, anchors);
    return toConnection(await repos.timeline.timeline(args), (entry) => entry.sortKey, args.after);
  }
}
