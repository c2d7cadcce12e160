import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AppError, BadUserInputError, ErrorCode } from '../errors';
import { listCost } from '../graphql/cost';
import type { RequestContext } from '../graphql/context';
import type { WatchService } from './watch.service';
import { AlertsArgs, DEFAULT_ALERTS_PAGE, MAX_ALERTS_PAGE, UnwatchArgs, WatchArgs, WatchPairArgs } from './watch.args';
import type { AlertRow, WatchRow } from './watch.repository';
import { Alert, AlertPage, Watch, type WatchAnswer } from './watch.type';

const CURSOR_PREFIX = 'alert:';
const encodeAlertCursor = (number: number) => Buffer.from(`${CURSOR_PREFIX}${number}`, 'utf8').toString('base64url');

function decodeAlertCursor(cursor: string | null | undefined): number | null {
  if (cursor == null) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d{1,15}$/.test(digits)) throw BadUserInputError.field('after', 'is not an alert cursor (use Alert.cursor)');
  return Number(digits);
}

/** Watches are an identity's own: anonymous callers have none to keep. */
function watcherOf(ctx: RequestContext): WatchService {
  if (!ctx.watchlists) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'Watchlists need credentials (x-api-key or a bearer token)', {
      http: { status: 401 },
    });
  }
  return ctx.watchlists;
}

const parsed = <T>(json: string | null): T | null => (json ? (JSON.parse(json) as T) : null);

function toWatch(row: WatchRow): Watch {
  const snapshot = parsed<WatchAnswer>(row.snapshot);
  return {
    ...row,
    answer: snapshot && {
      found: snapshot.found,
      length: snapshot.length,
      score: snapshot.score,
      explanation: snapshot.explanation,
    },
  };
}

const toAlert = (row: AlertRow): Alert => ({
  ...row,
  cursor: encodeAlertCursor(row.number),
  before: parsed<WatchAnswer>(row.before),
  after: parsed<WatchAnswer>(row.after),
  causes: parsed<Alert['causes']>(row.causes) ?? [],
});

@Resolver()
export class WatchResolver {
  @Mutation(() => Watch, {
    description:
      'Watch an entity: an alert when it or one of its relationships changes (docs/watchlists.md). Watching it again answers the same watch; NOT_FOUND (extensions.field "entityId") if unknown or hidden from you',
  })
  async watch(@Args() { entityId }: WatchArgs, @Ctx() ctx: RequestContext): Promise<Watch> {
    return toWatch(await watcherOf(ctx).watchEntity(entityId));
  }

  @Mutation(() => Watch, {
    description:
      'Watch the best path between two entities (as shortestPath answers it, at your clearance): an alert when it changes (a new or shorter path, a better or worse score, a claim on it corroborated, denied or retracted)',
  })
  async watchPair(@Args() args: WatchPairArgs, @Ctx() ctx: RequestContext): Promise<Watch> {
    const row = await watcherOf(ctx).watchPair(args.fromId, args.toId, args.maxHops, args.minCredibility ?? null);
    return toWatch(row);
  }

  @Mutation(() => Boolean, {
    description: 'Stop a watch of yours; NOT_FOUND (extensions.field "id") if you have none by that id',
  })
  async unwatch(@Args() { id }: UnwatchArgs, @Ctx() ctx: RequestContext): Promise<boolean> {
    await watcherOf(ctx).unwatch(id);
    return true;
  }

  @Query(() => [Watch], { description: 'Your watches, oldest first (at most 50)' })
  async watchlist(@Ctx() ctx: RequestContext): Promise<Watch[]> {
    return (await watcherOf(ctx).list()).map(toWatch);
  }

  @Query(() => AlertPage, {
    complexity: listCost(DEFAULT_ALERTS_PAGE, MAX_ALERTS_PAGE),
    description: 'Your alerts, newest first; page with `after` = pageInfo.endCursor (docs/watchlists.md)',
  })
  async alerts(@Args() { after, first }: AlertsArgs, @Ctx() ctx: RequestContext): Promise<AlertPage> {
    const before = decodeAlertCursor(after);
    const rows = await watcherOf(ctx).alerts(before, first);
    const nodes = rows.slice(0, first).map(toAlert);
    return {
      nodes,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: before !== null,
        startCursor: nodes[0]?.cursor ?? null,
        endCursor: nodes[nodes.length - 1]?.cursor ?? null,
      },
    };
  }
}
