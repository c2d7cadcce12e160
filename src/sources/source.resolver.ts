import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, toConnection, type ConnectionValue } from '../common/connection';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { SourcesArgs, SupportArgs } from './source.args';
import { SourceSupport } from './source-support.type';
import { Source } from './source.type';

@ObjectType()
export class SourceConnection extends Connection(Source, 'Source') {}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'A source by id' })
  async source(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RequestContext): Promise<Source | null> {
    const entity = await loaders.entity.load(id);
    return entity instanceof Source ? entity : null;
  }

  @Query(() => SourceConnection, {
    complexity: listCost(20, 100),
    description: 'Sources ordered by id, filtered and paged' })
  async sources(@Args() args: SourcesArgs, @Ctx() { repos }: RequestContext): Promise<ConnectionValue<Source>> {
    return toConnection(await repos.sources.list(args), (item) => item.id);
  }

  @FieldResolver(() => SourceSupport, {
    // Up to `first` entities and `first` relationships, each with its selection.
    complexity: ({ args, childComplexity }) => 2 * listCost(20, 100)({ args, childComplexity }),
    description: 'What this source backs: entities and relationships that cite it',
  })
  supports(
    @Root() source: Source,
    @Args() { first }: SupportArgs,
    @Ctx() { loaders }: RequestContext,
  ): Promise<SourceSupport> {
    return loaders.sourceSupport.load({ id: source.id, first });
  }
}
