import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, NotFoundError } from '../errors';
import type { RequestContext } from '../graphql/context';
import type { Loaders } from '../graphql/loaders';
import type { AnyEntity } from '../entities/entity.mapper';
import { citedSources, primeCited } from '../sources/cited-sources';
import { Source } from '../sources/source.type';
import { ConnectArgs, MAX_NODE_LIMIT, NeighborhoodArgs, PathArgs, PathOrder, PathsArgs } from './traversal.args';
import { traversalCost } from '../graphql/cost';
import { subgraphProjection } from '../graphql/projections';
import { gradePaths, mergePaths, rankPaths } from './traversal.service';
import type { PathCandidates, PathSearch } from './traversal.repository';
import { Path, Subgraph, SubgraphEdge } from './traversal.type';

/**
 * The candidates of a path question, or its refusal: NOT_FOUND for the first end the caller
 * cannot see (decided by the search's own statement, so an unknown end wins over every other
 * refusal), then equal ends. The entities the search read for its candidates' citations go into
 * the request's loader: grading and every `sources` field under the answer read them from there.
 */
function candidatesOf(loaders: Loaders, args: PathArgs, found: PathSearch): PathCandidates {
  if (found.missingEnd) throw new NotFoundError('Entity', args[found.missingEnd], found.missingEnd);
  if (args.fromId === args.toId) throw BadUserInputError.field('toId', 'must differ from fromId');
  primeCited(loaders, found.cited);
  return found;
}

@Resolver()
export class TraversalResolver {
  @Query(() => Subgraph, {
    nullable: true,
    complexity: traversalCost((_, at) => ({
      work: at('depth', 1, 3) * at('limit', 50, 500),
      items: at('limit', 50, 500),
    })),
    description:
      'Entities within `depth` hops (nearest first, capped by `limit`) and the relationships among them; NOT_FOUND (extensions.field "id") if the id is unknown or hidden from the caller',
  })
  async neighborhood(
    @Args() args: NeighborhoodArgs,
    @Ctx() { repos }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Subgraph> {
    // The statement starts at the entity only when the caller can see it: no row is NOT_FOUND,
    // as requireEntity would say, without a statement of its own before it. It reads only the
    // properties the query's `nodes` and `edges` ask for.
    const subgraph = await repos.traversal.neighborhood(args, subgraphProjection(info));
    if (!subgraph) throw new NotFoundError('Entity', args.id, 'id');
    return subgraph;
  }

  @Query(() => Path, {
    nullable: true,
    complexity: traversalCost((_, at) => ({ work: at('maxHops', 4, 6) * 50, items: 1 })),
    description:
      'The best-evidenced of the shortest paths between two entities, hop by hop with sources and grades; null if none within maxHops; NOT_FOUND (extensions.field "fromId" or "toId") if an end is unknown or hidden from the caller',
  })
  async shortestPath(@Args() args: PathArgs, @Ctx() { repos, loaders }: RequestContext): Promise<Path | null> {
    const candidates = candidatesOf(loaders, args, await repos.traversal.paths(args));
    const graded = await gradePaths(candidates.paths, (ids) => citedSources(loaders, ids), candidates.truncated);
    return rankPaths(graded, PathOrder.SCORE)[0] ?? null;
  }

  @Query(() => [Path], {
    complexity: traversalCost((_, at) => ({ work: at('maxHops', 4, 6) * 50, items: at('first', 5, 20) })),
    description:
      'Up to `first` distinct paths, shortest or best-evidenced first, ranked among a bounded set of candidates (`truncated` on each path says a cap cut that set); empty if none; NOT_FOUND (extensions.field "fromId" or "toId") if an end is unknown or hidden from the caller',
  })
  async paths(@Args() args: PathsArgs, @Ctx() { repos, loaders }: RequestContext): Promise<Path[]> {
    const candidates = candidatesOf(loaders, args, await repos.traversal.paths(args, true));
    const graded = await gradePaths(candidates.paths, (ids) => citedSources(loaders, ids), candidates.truncated);
    return rankPaths(graded, args.orderBy).slice(0, args.first);
  }

  @Query(() => Subgraph, {
    complexity: traversalCost((args, at) => {
      const ids = Math.min(Array.isArray(args.ids) ? args.ids.length : 2, 10);
      return { work: ((ids * (ids - 1)) / 2) * at('maxHops', 4, 6) * 50, items: 100 };
    }),
    description:
      'How a set of 2-10 entities are linked: the union of the shortest paths between each pair; NOT_FOUND (extensions.field "ids[i]") if an id is unknown or hidden from the caller',
  })
  async connect(@Args() args: ConnectArgs, @Ctx() { repos, loaders }: RequestContext): Promise<Subgraph> {
    const found = await repos.traversal.connect(args);
    const missing = found.anchors.findIndex((anchor) => anchor === null);
    if (missing >= 0) throw new NotFoundError('Entity', args.ids[missing], `ids[${missing}]`);
    primeCited(loaders, found.cited);
    return mergePaths(found.paths, found.anchors as AnyEntity[], MAX_NODE_LIMIT, found.truncated);
  }
}

@Resolver(() => SubgraphEdge)
export class SubgraphEdgeResolver {
  @FieldResolver(() => [Source], { description: 'The sources this relationship cites' })
  async sources(@Root() edge: SubgraphEdge, @Ctx() { loaders }: RequestContext): Promise<Source[]> {
    return citedSources(loaders, edge.sourceIds);
  }
}
