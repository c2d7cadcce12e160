import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { BundleRelationship } from '../bundle/format';
import { Retraction } from '../common/retraction.type';
import { NotFoundError } from '../errors';
import type { RequestContext } from '../graphql/context';
import { toSubgraphEdge } from '../traversal/path-score';
import { SubgraphEdge } from '../traversal/traversal.type';
import { MergeEntitiesArgs, RetractArgs, UpdateRelationshipArgs } from './curation.args';
import type { RelationshipRef } from './curation.service';
import { MergeResult } from './curation.type';

/**
 * Relationships, retraction and entity resolution: each mutation maps its arguments to one use
 * case of CurationService (one write transaction that locks, checks and writes) and reloads.
 */
@Resolver()
export class GraphEditsResolver {
  @Mutation(() => SubgraphEdge, {
    description: 'Add (or update) a relationship between two existing entities, with its evidence',
  })
  async addRelationship(
    @Arg('relationship', () => BundleRelationship) relationship: BundleRelationship,
    @Ctx() ctx: RequestContext,
  ): Promise<SubgraphEdge> {
    return reloadEdge(ctx, await ctx.curation.addRelationship(relationship, ctx.identity));
  }

  @Mutation(() => SubgraphEdge, {
    description: "Change a relationship's evidence or validity; the change is validated and recorded like any write",
  })
  async updateRelationship(
    @Args() { id, changes }: UpdateRelationshipArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<SubgraphEdge> {
    return reloadEdge(ctx, await ctx.curation.updateRelationship(id, changes, ctx.identity));
  }

  @Mutation(() => Retraction, {
    description:
      'Retract an entity or relationship, with a reason: it stays in the graph and its history; reads hide it unless asked',
  })
  async retract(@Args() { id, reason }: RetractArgs, @Ctx() ctx: RequestContext): Promise<Retraction> {
    const retraction = await ctx.curation.retract(id, reason, ctx.identity);
    ctx.loaders.entity.clearAll();
    return retraction;
  }

  @Mutation(() => MergeResult, {
    description:
      'Entity resolution: merge duplicates of the same kind into one; aliases combined, relationships moved, the merge recorded',
  })
  async mergeEntities(
    @Args() { targetId, duplicateIds }: MergeEntitiesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<MergeResult> {
    const outcome = await ctx.curation.mergeEntities(targetId, duplicateIds, ctx.identity);
    ctx.loaders.entity.clearAll();
    return { entity: (await ctx.loaders.entity.load(targetId))!, ...outcome };
  }
}

/** The relationship as committed, read through the writer's clearance (missing when it cannot see it). */
async function reloadEdge(ctx: RequestContext, { id, from, to }: RelationshipRef): Promise<SubgraphEdge> {
  const edge = await ctx.repos.relationships.edge(from, to, id);
  if (!edge) throw new NotFoundError('Relationship', id);
  return toSubgraphEdge(edge);
}
