import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { PartialDateType } from '../common/partial-date.type';
import { visibleIds } from '../db';
import { Entity } from '../entities/entity.interface';
import type { RequestContext } from '../graphql/context';
import { citedSources } from '../sources/cited-sources';
import { Source } from '../sources/source.type';
import { Allegation } from './allegation.type';
import { Denial } from './denial.type';

/** Who alleges, whom, about what, who denies, and how many sources report it; batched per request. */
@Resolver(() => Allegation)
export class AllegationDetailsResolver {
  @FieldResolver(() => [Actor], { description: 'Who makes the allegation' })
  async accusers(@Root() allegation: Allegation, @Ctx() { loaders }: RequestContext): Promise<Actor[]> {
    const details = await loaders.allegationDetails.load(allegation.id);
    return (details?.accusers ?? []).map((link) => link.node).filter((node): node is Actor => node instanceof Actor);
  }

  @FieldResolver(() => [Actor], { description: 'Whom it accuses' })
  async accused(@Root() allegation: Allegation, @Ctx() { loaders }: RequestContext): Promise<Actor[]> {
    const details = await loaders.allegationDetails.load(allegation.id);
    return (details?.accused ?? []).map((link) => link.node).filter((node): node is Actor => node instanceof Actor);
  }

  @FieldResolver(() => [Entity], { description: 'What it is about (an actor, place or event)' })
  async concerns(@Root() allegation: Allegation, @Ctx() { loaders }: RequestContext): Promise<Entity[]> {
    const details = await loaders.allegationDetails.load(allegation.id);
    return (details?.concerns ?? []).map((link) => link.node);
  }

  @FieldResolver(() => [Denial], { description: 'Who denies it, when, and on what evidence' })
  async denials(@Root() allegation: Allegation, @Ctx() { loaders }: RequestContext): Promise<Denial[]> {
    const details = await loaders.allegationDetails.load(allegation.id);
    return (details?.denials ?? [])
      .filter((link) => link.node instanceof Actor)
      .map((link) => ({
        actor: link.node as Actor,
        date: PartialDateType.of(link.date),
        sourceIds: link.sourceIds,
        credibility: link.credibility,
        excerpt: link.excerpt,
      }));
  }

  @FieldResolver(() => Int, {
    description:
      'Corroboration: how many distinct sources report this allegation (on the allegation or on who makes it)',
  })
  async corroboration(@Root() allegation: Allegation, @Ctx() { loaders, visibility }: RequestContext): Promise<number> {
    const details = await loaders.allegationDetails.load(allegation.id);
    // Links' sourceIds arrive without hidden sources; the allegation's own are filtered here.
    const own = visibleIds(allegation.sourceIds, await visibility.params());
    const ids = new Set([...own, ...(details?.accusers ?? []).flatMap((link) => link.sourceIds)]);
    return ids.size;
  }
}

@Resolver(() => Denial)
export class DenialResolver {
  @FieldResolver(() => [Source])
  async sources(@Root() denial: Denial, @Ctx() { loaders }: RequestContext): Promise<Source[]> {
    return citedSources(loaders, denial.sourceIds);
  }
}

@Resolver(() => Actor)
export class ActorAllegationsResolver {
  @FieldResolver(() => [Allegation], { description: 'Allegations this actor makes (at most 100)' })
  async allegationsMade(@Root() actor: Actor, @Ctx() { loaders }: RequestContext): Promise<Allegation[]> {
    return (await loaders.actorAllegations.load(actor.id)).made;
  }

  @FieldResolver(() => [Allegation], { description: 'Allegations against this actor (at most 100)' })
  async allegationsAgainst(@Root() actor: Actor, @Ctx() { loaders }: RequestContext): Promise<Allegation[]> {
    return (await loaders.actorAllegations.load(actor.id)).against;
  }
}
