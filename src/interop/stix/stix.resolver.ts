import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ImportStixArgs } from './stix.args';
import { importStix } from './stix.service';
import { StixImportResult } from './stix.type';

/** STIX 2.1 in over GraphQL: the same use case as `npm run import -- --format stix` (admin only). */
@Resolver()
export class StixResolver {
  @Mutation(() => StixImportResult, {
    description:
      'Import a STIX 2.1 bundle (OpenCTI, MISP, /export/stix.json): converted to a bundle and imported all or nothing like importBundle; unknown object types are skipped and counted',
  })
  async importStix(@Args() { bundle, dryRun }: ImportStixArgs, @Ctx() ctx: RequestContext): Promise<StixImportResult> {
    const summary = await importStix(ctx.curation, bundle, { who: ctx.identity, dryRun });
    ctx.loaders.entity.clearAll();
    return {
      dryRun,
      nodes: summary.nodes,
      relationships: summary.relationships,
      skipped: Object.entries(summary.skipped)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([reason, count]) => ({ reason, count })),
    };
  }
}
