import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { createEntityResolver } from '../entities/entity-kind.resolver';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { SourcesArgs, SupportArgs } from './source.args';
import { SourceSupport } from './source-support.type';
import { Source } from './source.type';

@Resolver(() => Source)
export class SourceResolver extends createEntityResolver(Source, SourcesArgs, (repos) => repos.sources, {
  byId: { name: 'source', description: 'A source by id' },
  list: { name: 'sources', description: 'Sources ordered by id, filtered and paged' },
}) {
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
