import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { citedSources } from '../sources/cited-sources';
import { Source } from '../sources/source.type';
import { Relationship } from './relationship.type';

@Resolver(() => Relationship)
export class RelationshipResolver {
  @FieldResolver(() => [Source], { description: 'The sources this relationship cites, with their reliability' })
  async sources(@Root() relationship: Relationship, @Ctx() { loaders }: RequestContext): Promise<Source[]> {
    return citedSources(loaders, relationship.sourceIds);
  }
}
