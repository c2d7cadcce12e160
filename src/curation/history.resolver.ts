import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { parseRelationshipId } from '../bundle/format';
import { NotFoundError } from '../errors';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { HistoryArgs, MAX_RECENT_CHANGES, RecentChangesArgs } from './curation.args';
import { Change, RecentChange } from './curation.type';

@Resolver()
export class HistoryResolver {
  @Query(() => [Change], {
    description:
      'Changes to an entity or relationship, newest first: who, when, what. NOT_FOUND (extensions.field "id") when the id names no record the caller can see and has no history (a merged-away entity keeps its history)',
  })
  async history(@Args() { id, first }: HistoryArgs, @Ctx() ctx: RequestContext): Promise<Change[]> {
    const changes = await ctx.repos.history.history(id, first);
    if (changes.length === 0 && !(await exists(ctx, id))) throw new NotFoundError('Record', id, 'id');
    return changes;
  }

  @Query(() => [RecentChange], {
    complexity: listCost(10, MAX_RECENT_CHANGES),
    description:
      "The newest changes in the graph, newest first: who, when, what, and the entities touched. Only changes to records that still exist, are not retracted and the caller can see (TLP clearance); an import run without per-record history is not listed (its records' history(id) names it)",
  })
  recentChanges(
    @Args() { first, evidenceLinks }: RecentChangesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<RecentChange[]> {
    return ctx.repos.history.recent(first, evidenceLinks);
  }
}

/**
 * Whether the id names an entity or relationship the caller can see: asked only when there is
 * no history (a seeded record may have none), through the caller's clearance, so a hidden record
 * reads as unknown. A hidden record's history is empty (HistoryRepository), never shown.
 */
async function exists({ loaders, repos }: RequestContext, id: string): Promise<boolean> {
  const link = parseRelationshipId(id);
  if (link) return (await repos.relationships.edge(link.from, link.to, id)) !== undefined;
  return (await loaders.entity.load(id)) !== null;
}
