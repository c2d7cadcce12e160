import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Actor } from '../actors/actor.type';
import { Allegation } from '../allegations/allegation.type';
import { GraphQLJSONObject } from 'graphql-scalars';
import { assembleBundle, relationshipToRecord } from '../bundle/bundle.export';
import { Bundle, BundleActor, BundleLocation, BundleRelationship, BundleSource } from '../bundle/bundle.model';
import { exportWholeBundle, MAX_GRAPHQL_EXPORT_ENTITIES } from '../bundle/export.service';
import { parseRelationshipId, relationshipId } from '../bundle/bundle.validator';
import { Retraction } from '../common/retraction.type';
import { BadUserInputError, NotFoundError, type FieldProblem } from '../errors';
import type { AnyEntity } from '../entities/entity.mapper';
import { Event } from '../events/event.type';
import type { RequestContext } from '../graphql/context';
import { Location } from '../locations/location.type';
import { RelationshipType } from '../model/vocabulary';
import { Source } from '../sources/source.type';
import { toSubgraphEdge } from '../traversal/path-score';
import { SubgraphEdge } from '../traversal/traversal.type';
import { ExportBundleArgs, HistoryArgs, ImportBundleArgs, MergeEntitiesArgs, RetractArgs, UpdateRelationshipArgs, RecordAllegationArgs, RecordEventArgs } from './curation.args';
import { DenialInput } from './curation.input';
import { linkWithEvidence, mutationBundle, writeMutation, type MutationBundle } from './curation.service';
import { Change, ImportResult, MergeResult } from './curation.type';

/**
 * Curating the graph. Each mutation is one write transaction through the bundle loader (see
 * curation.service.ts): validated, all or nothing, recorded in the history under the request's
 * identity.
 */
@Resolver()
export class CurationResolver {
  @Mutation(() => Actor, { description: 'Create or update an actor by id' })
  async upsertActor(@Arg('actor', () => BundleActor) actor: BundleActor, @Ctx() ctx: RequestContext): Promise<Actor> {
    await this.write(ctx, 'upsertActor', { bundle: mutationBundle({ actors: [actor] }), sections: { actors: 'actor' }, links: [] });
    return (await this.reload(ctx, actor.id)) as Actor;
  }

  @Mutation(() => Location, { description: 'Create or update a place by id' })
  async upsertLocation(@Arg('location', () => BundleLocation) location: BundleLocation, @Ctx() ctx: RequestContext): Promise<Location> {
    await this.write(ctx, 'upsertLocation', { bundle: mutationBundle({ locations: [location] }), sections: { locations: 'location' }, links: [] });
    return (await this.reload(ctx, location.id)) as Location;
  }

  @Mutation(() => Source, { description: 'Create or update a source by id' })
  async upsertSource(@Arg('source', () => BundleSource) source: BundleSource, @Ctx() ctx: RequestContext): Promise<Source> {
    await this.write(ctx, 'upsertSource', { bundle: mutationBundle({ sources: [source] }), sections: { sources: 'source' }, links: [] });
    return (await this.reload(ctx, source.id)) as Source;
  }

  @Mutation(() => Event, { description: 'Record an event with who took part (and in what role) and where; links cite the event\'s evidence' })
  async recordEvent(@Args() { event, participants, placeIds }: RecordEventArgs, @Ctx() ctx: RequestContext): Promise<Event> {
    const links = [
      ...participants.map((p, i) => ({
        relationship: linkWithEvidence(event, RelationshipType.PARTICIPATED_IN, p.actorId, event.id, { role: p.role }),
        endpointArg: `participants[${i}].actorId`,
      })),
      ...placeIds.map((placeId, i) => ({
        relationship: linkWithEvidence(event, RelationshipType.OCCURRED_IN, event.id, placeId),
        endpointArg: `placeIds[${i}]`,
      })),
    ];
    await this.write(ctx, 'recordEvent', {
      bundle: mutationBundle({ events: [event], relationships: links.map((l) => l.relationship) }),
      sections: { events: 'event' },
      links,
      evidenceArg: 'event',
    });
    return (await this.reload(ctx, event.id)) as Event;
  }

  @Mutation(() => Allegation, { description: 'Record an allegation: who makes it, whom it accuses, what it concerns' })
  async recordAllegation(
    @Args() { allegation, accuserIds, accusedIds, concerningIds }: RecordAllegationArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Allegation> {
    const link = (type: RelationshipType, from: string, to: string, endpointArg: string) => ({
      relationship: linkWithEvidence(allegation, type, from, to),
      endpointArg,
    });
    const links = [
      ...accuserIds.map((id, i) => link(RelationshipType.ALLEGES, id, allegation.id, `accuserIds[${i}]`)),
      ...accusedIds.map((id, i) => link(RelationshipType.ACCUSES, allegation.id, id, `accusedIds[${i}]`)),
      ...concerningIds.map((id, i) => link(RelationshipType.CONCERNS, allegation.id, id, `concerningIds[${i}]`)),
    ];
    await this.write(ctx, 'recordAllegation', {
      bundle: mutationBundle({ allegations: [allegation], relationships: links.map((l) => l.relationship) }),
      sections: { allegations: 'allegation' },
      links,
      evidenceArg: 'allegation',
    });
    return (await this.reload(ctx, allegation.id)) as Allegation;
  }

  @Mutation(() => Allegation, {
    description: "Record that an actor denies an allegation, with the denial's evidence (the allegation's status is the curator's to set)",
  })
  async recordDenial(@Arg('denial', () => DenialInput) denial: DenialInput, @Ctx() ctx: RequestContext): Promise<Allegation> {
    const relationship = { ...linkWithEvidence(denial, RelationshipType.DENIES, denial.actorId, denial.allegationId), date: denial.date };
    await this.write(ctx, 'recordDenial', {
      bundle: mutationBundle({ relationships: [relationship as BundleRelationship] }),
      sections: {},
      links: [{ relationship: relationship as BundleRelationship, endpointArg: 'denial.actorId' }],
      evidenceArg: 'denial',
    });
    return (await this.reload(ctx, denial.allegationId)) as Allegation;
  }

  @Mutation(() => SubgraphEdge, { description: 'Add (or update) a relationship between two existing entities, with its evidence' })
  async addRelationship(
    @Arg('relationship', () => BundleRelationship) relationship: BundleRelationship,
    @Ctx() ctx: RequestContext,
  ): Promise<SubgraphEdge> {
    await this.write(ctx, 'addRelationship', {
      bundle: mutationBundle({ relationships: [relationship] }),
      sections: {},
      links: [{ relationship, endpointArg: 'relationship' }],
      evidenceArg: 'relationship',
    });
    const edge = await ctx.repos.relationships.edge(relationship.from, relationship.to, relationshipId(relationship));
    return toSubgraphEdge(edge!);
  }

  @Mutation(() => SubgraphEdge, { description: 'Change a relationship\'s evidence or validity; the change is validated and recorded like any write' })
  async updateRelationship(@Args() { id, changes }: UpdateRelationshipArgs, @Ctx() ctx: RequestContext): Promise<SubgraphEdge> {
    const parts = parseRelationshipId(id);
    const current = parts ? await ctx.repos.relationships.edge(parts.from, parts.to, id) : undefined;
    if (!parts || !current) throw new NotFoundError('Relationship', id);
    const record = { ...relationshipToRecord(current) } as Record<string, unknown>;
    const { addSourceIds, ...fields } = changes;
    if (addSourceIds) record.sourceIds = [...new Set([...(fields.sourceIds ?? (record.sourceIds as string[])), ...addSourceIds])];
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'sourceIds' && addSourceIds) continue;
      if (value === null) delete record[key];
      else if (value !== undefined) record[key] = value;
    }
    const relationship = record as unknown as BundleRelationship;
    await this.write(ctx, 'updateRelationship', {
      bundle: mutationBundle({ relationships: [relationship] }),
      sections: {},
      links: [{ relationship, endpointArg: 'id' }],
      evidenceArg: 'changes',
    });
    return toSubgraphEdge((await ctx.repos.relationships.edge(parts.from, parts.to, id))!);
  }

  @Mutation(() => Retraction, {
    description: 'Retract an entity or relationship, with a reason: it stays in the graph and its history; reads hide it unless asked',
  })
  async retract(@Args() { id, reason }: RetractArgs, @Ctx() ctx: RequestContext): Promise<Retraction> {
    const parts = parseRelationshipId(id);
    const at = parts
      ? await ctx.repos.retractions.retractRelationship(id, parts.from, parts.to, reason, ctx.identity)
      : await ctx.repos.retractions.retractEntity(id, reason, ctx.identity);
    if (!at) throw new NotFoundError(parts ? 'Relationship' : 'Entity', id);
    ctx.loaders.entity.clearAll();
    return { reason, at, by: ctx.identity };
  }

  @Mutation(() => MergeResult, {
    description: 'Entity resolution: merge duplicates of the same kind into one; aliases combined, relationships moved, the merge recorded',
  })
  async mergeEntities(@Args() { targetId, duplicateIds }: MergeEntitiesArgs, @Ctx() ctx: RequestContext): Promise<MergeResult> {
    const [target, ...duplicates] = await ctx.loaders.entity.loadMany([targetId, ...duplicateIds]);
    const problems: FieldProblem[] = [];
    if (!target || target instanceof Error) problems.push({ field: 'targetId', reason: `no entity "${targetId}"` });
    duplicates.forEach((duplicate, i) => {
      const field = `duplicateIds[${i}]`;
      if (!duplicate || duplicate instanceof Error) problems.push({ field, reason: `no entity "${duplicateIds[i]}"` });
      else if (duplicate.id === targetId) problems.push({ field, reason: 'is the target itself' });
      else if (target && !(target instanceof Error) && duplicate.constructor !== target.constructor) {
        problems.push({ field, reason: `"${duplicate.id}" is not the same kind of entity as "${targetId}"` });
      } else if (duplicate.retraction) problems.push({ field, reason: `"${duplicate.id}" is retracted` });
    });
    if (problems.length) throw new BadUserInputError(problems);
    const label = (target as AnyEntity).constructor.name;
    const moved = await ctx.repos.merges.merge(targetId, duplicateIds, label, ctx.identity);
    ctx.loaders.entity.clearAll();
    return { entity: (await ctx.loaders.entity.load(targetId))!, merged: duplicateIds, relationshipsMoved: moved };
  }

  @Mutation(() => ImportResult, {
    description: 'Import a bundle (the seed format): all or nothing, with created/updated/unchanged counts; dryRun writes nothing',
  })
  async importBundle(@Args() { bundle, dryRun }: ImportBundleArgs, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    const summary = await ctx.repos.bundles.import(bundle, { who: ctx.identity, operation: 'importBundle', dryRun });
    ctx.loaders.entity.clearAll();
    return { dryRun, ...summary };
  }

  @Query(() => GraphQLJSONObject, {
    description: 'The graph, or the part within `depth` hops of `ids`, as a bundle (the seed format) that imports on its own',
  })
  async exportBundle(@Args() { ids, depth }: ExportBundleArgs, @Ctx() { repos }: RequestContext): Promise<Bundle> {
    if (!ids?.length) return exportWholeBundle(repos.exports, MAX_GRAPHQL_EXPORT_ENTITIES);
    const part = await repos.exports.subset(ids, depth, MAX_GRAPHQL_EXPORT_ENTITIES);
    return assembleBundle(part.nodes, part.relationships);
  }

  @Query(() => [Change], { description: 'Changes to an entity or relationship, newest first: who, when, what' })
  history(@Args() { id, first }: HistoryArgs, @Ctx() { repos }: RequestContext): Promise<Change[]> {
    return repos.history.history(id, first);
  }

  private write(ctx: RequestContext, operation: string, request: MutationBundle) {
    return writeMutation(ctx.repos.bundles, request, { who: ctx.identity, operation });
  }

  private reload(ctx: RequestContext, id: string): Promise<AnyEntity | null> {
    return ctx.loaders.entity.clear(id).load(id);
  }
}
