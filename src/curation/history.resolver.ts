import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { HistoryArgs } from './curation.args';
import { Change } from './curation.type';

@Resolver()
export class HistoryResolver {
  @Query(() => [Change], { description: 'Changes to an entity or relationship, newest first: who, when, what' })
  history(@Args() { id, first }: HistoryArgs, @Ctx() { repos }: RequestContext): Promise<Change[]> {
    return repos.history.history(id, first);
  }
}
