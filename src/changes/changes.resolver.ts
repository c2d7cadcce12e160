import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Args, Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AppError, BadUserInputError, ErrorCode } from '../errors';
import { listCost } from '../graphql/cost';
import type { RequestContext } from '../graphql/context';
import { validationProblems } from '../model/validation-problems';
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor';
import { changeSubscription } from './change-stream';
import { ChangeEvent, ChangeFeed } from './change.type';
import { ChangedArgs, ChangesArgs, DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE } from './changes.args';

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

  @Subscription(() => ChangeEvent, {
    description:
      'The records of `changes`, pushed as they commit, over WebSocket (graphql-ws) at /graphql; with `after`, the missed ones first (docs/changes.md). Same filters, same clearance rules',
    subscribe: ({ args, context }) => subscribeToChanges(args as Record<string, unknown>, context as RequestContext),
  })
  // The arguments are checked once, when the subscription starts (subscribeToChanges). This
  // resolver runs for every change pushed to every subscriber: validating them again each time
  // was 7% of the server's CPU with 1,000 subscribers (npm run bench:feeds, --cpu-prof).
  changed(@Root() change: ChangeEvent, @Args({ validate: false }) _filters: ChangedArgs): ChangeEvent {
    return change;
  }
}

/**
 * The subscribe step runs before any resolver, and the resolver does not validate (above), so the
 * arguments are checked here, once, with the same rules and the same BAD_USER_INPUT.
 */
async function subscribeToChanges(args: Record<string, unknown>, ctx: RequestContext) {
  if (!ctx.live) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Subscriptions run over WebSocket (graphql-ws) at /graphql');
  }
  const parsed = plainToInstance(ChangedArgs, args);
  const problems = validationProblems(await validate(parsed, { forbidUnknownValues: false }), '');
  if (problems.length > 0) throw new BadUserInputError(problems);
  const after = parsed.after ? decodeChangeCursor(parsed.after) : await ctx.live.head.current();
  const { kinds, types, entityIds } = parsed;
  return changeSubscription(ctx.live, after, { kinds, types, entityIds });
}
