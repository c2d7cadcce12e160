import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { Allegation } from '../allegations/allegation.type';
import { BundleActor, BundleLocation, BundleSource } from '../bundle/format';
import { Event } from '../events/event.type';
import type { RequestContext } from '../graphql/context';
import { Location } from '../locations/location.type';
import { Source } from '../sources/source.type';
import { RecordAllegationArgs, RecordEventArgs } from './curation.args';
import { DenialInput } from './curation.input';

/**
 * Curating entities: each mutation maps its arguments to one use case of CurationService (one
 * write transaction: locked, validated, all or nothing, recorded in the history under the
 * request's identity) and reloads what it wrote.
 */
@Resolver()
export class CurationResolver {
  @Mutation(() => Actor, { description: 'Create or update an actor by id' })
  async upsertActor(@Arg('actor', () => BundleActor) actor: BundleActor, @Ctx() ctx: RequestContext): Promise<Actor> {
    await ctx.curation.upsertActor(actor, ctx.identity);
    return reloadEntity<Actor>(ctx, actor.id);
  }

  @Mutation(() => Location, { description: 'Create or update a place by id' })
  async upsertLocation(
    @Arg('location', () => BundleLocation) location: BundleLocation,
    @Ctx() ctx: RequestContext,
  ): Promise<Location> {
    await ctx.curation.upsertLocation(location, ctx.identity);
    return reloadEntity<Location>(ctx, location.id);
  }

  @Mutation(() => Source, { description: 'Create or update a source by id' })
  async upsertSource(
    @Arg('source', () => BundleSource) source: BundleSource,
    @Ctx() ctx: RequestContext,
  ): Promise<Source> {
    await ctx.curation.upsertSource(source, ctx.identity);
    return reloadEntity<Source>(ctx, source.id);
  }

  @Mutation(() => Event, {
    description: "Record an event with who took part (and in what role) and where; links cite the event's evidence",
  })
  async recordEvent(
    @Args() { event, participants, placeIds }: RecordEventArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Event> {
    await ctx.curation.recordEvent(event, participants, placeIds, ctx.identity);
    return reloadEntity<Event>(ctx, event.id);
  }

  @Mutation(() => Allegation, { description: 'Record an allegation: who makes it, whom it accuses, what it concerns' })
  async recordAllegation(
    @Args() { allegation, accuserIds, accusedIds, concerningIds }: RecordAllegationArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Allegation> {
    await ctx.curation.recordAllegation(allegation, accuserIds, accusedIds, concerningIds, ctx.identity);
    return reloadEntity<Allegation>(ctx, allegation.id);
  }

  @Mutation(() => Allegation, {
    description:
      "Record that an actor denies an allegation, with the denial's evidence (the allegation's status is the curator's to set)",
  })
  async recordDenial(
    @Arg('denial', () => DenialInput) denial: DenialInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Allegation> {
    await ctx.curation.recordDenial(denial, ctx.identity);
    return reloadEntity<Allegation>(ctx, denial.allegationId);
  }
}

/** The entity as committed (the request's loader may hold what it was before the write). */
export async function reloadEntity<T>(ctx: RequestContext, id: string): Promise<T> {
  return (await ctx.loaders.entity.clear(id).load(id)) as T;
}
