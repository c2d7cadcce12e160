import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { listCost } from '../graphql/cost';
import { SearchArgs } from './search.args';
import { SearchHit } from './search.type';

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    complexity: listCost(10, 50),
    description: 'Find entities by name or alias: case- and accent-insensitive, forgiving small typos, best first',
  })
  search(@Args() { query, kinds, first }: SearchArgs, @Ctx() { repos }: RequestContext): Promise<SearchHit[]> {
    return repos.search.search(query, kinds, first);
  }
}
