import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { listCost } from '../graphql/cost';
import type { RequestContext } from '../graphql/context';
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor';
import { ChangeFeed } from './change.type';
import { ChangesArgs, DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE } from './changes.args';

@Resolver()
export class ChangesResolver {
  @Query(() => ChangeFeed, {
    complexity: listCost(DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE),
    description:
      'Every committed write, once, in commit order (docs/changes.md): page with `after` = pageInfo.endCursor until hasNextPage is false, then poll from there. Changes to records above your clearance are left out',
  })
  async changes(
    @Args() { after, first, kinds, types, entityIds }: ChangesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ChangeFeed> {
    const start = decodeChangeCursor(after);
    const page = await ctx.repos.changes.page(start, first, { kinds, types, entityIds });
    return {
      nodes: page.changes,
      edges: page.changes.map((node) => ({ cursor: node.cursor, node })),
      pageInfo: {
        hasNextPage: page.endSequence < page.high,
        hasPreviousPage: start > 0,
        startCursor: page.changes[0]?.cursor ?? null,
        endCursor: encodeChangeCursor(page.endSequence),
      },
    };
  }
}
