import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ImportStixArgs } from './stix.args';
import { StixImportResult } from './stix.type';

/** STIX 2.1 in over GraphQL: the same use case as `npm run import -- --format stix` (admin only). */
@Resolver()
export class StixResolver {
  @Mutation(() => StixImportResult, {
    description:
      "Import a STIX 2.1 bundle (OpenCTI, MISP, /export/stix.json): converted to a bundle and imported all or nothing like importBundle, keeping every object's TLP marking; it changes nothing the graph already holds unless updateExisting; object types the model has no place for are skipped and counted",
  })
  async importStix(
    @Args() { bundle, dryRun, updateExisting }: ImportStixArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<StixImportResult> {
    const summary = await ctx.stix.import(bundle, { who: ctx.identity, dryRun, updateExisting });
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
