import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Bundle } from '../bundle/format';
import { MAX_IMPORT_BUNDLE_WRITES } from '../bundle/validate';
import { exportPartBundle, exportWholeBundle, MAX_GRAPHQL_EXPORT_ENTITIES } from '../bundle/export';
import type { RequestContext } from '../graphql/context';
import { ExportBundleArgs, ImportBundleArgs } from './curation.args';
import { ImportResult } from './curation.type';

/**
 * Bundles in and out over GraphQL. importBundle is the one-transaction write (curation.service.ts:
 * locks, per-record history, 'curated' holders), not `npm run import`'s streamed run of batches;
 * the two share the format's rules (src/bundle/validate/rules/) and row builder
 * (src/bundle/load/record-rows.ts), and nothing else.
 */
@Resolver()
export class BundleResolver {
  @Mutation(() => ImportResult, {
    description: `Import a bundle (the seed format): all or nothing, with created/updated/unchanged counts; dryRun writes nothing. One transaction: at most ${MAX_IMPORT_BUNDLE_WRITES} writes (records, and sources cited by claims) and the admin body limit; larger files with \`npm run import\``,
  })
  async importBundle(@Args() { bundle, dryRun }: ImportBundleArgs, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    const summary = await ctx.curation.importBundle(bundle, { who: ctx.identity, dryRun });
    ctx.loaders.entity.clearAll();
    return { dryRun, ...summary };
  }

  @Query(() => GraphQLJSONObject, {
    description:
      'The graph, or the part within `depth` hops of `ids`, as a bundle (the seed format) that imports on its own; retracted entities and relationships are left out',
  })
  exportBundle(@Args() { ids, depth }: ExportBundleArgs, @Ctx() { repos }: RequestContext): Promise<Bundle> {
    if (!ids?.length) return exportWholeBundle(repos.exports, MAX_GRAPHQL_EXPORT_ENTITIES);
    return exportPartBundle(repos.exports, ids, depth, MAX_GRAPHQL_EXPORT_ENTITIES);
  }
}
