import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { SERVICE_VERSION } from '../version';
import { About } from './meta.type';

@Resolver()
export class MetaResolver {
  @Query(() => About, { description: 'What this service is and how big its graph is' })
  async about(@Ctx() { repos }: RequestContext): Promise<About> {
    const [counts, migrations] = await Promise.all([repos.meta.counts(), repos.meta.appliedMigrations()]);
    return { version: SERVICE_VERSION, nodeCount: counts.nodes, relationshipCount: counts.relationships, migrations };
  }
}
