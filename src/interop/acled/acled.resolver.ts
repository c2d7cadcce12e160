import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ImportAcledArgs } from './acled.args';
import { AcledImportResult } from './acled.type';

/** ACLED in over GraphQL: the same use case as `npm run import -- --format acled FILE.csv`. */
@Resolver()
export class AcledResolver {
  @Mutation(() => AcledImportResult, {
    description:
      'Import an ACLED CSV export (docs/acled.md): every row an event, actors resolved against the graph by name and alias, places as a hierarchy; all or nothing, a bad row named by its line; re-importing changes nothing',
  })
  async importAcled(
    @Args() { csv, credibility, reliability, dryRun }: ImportAcledArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<AcledImportResult> {
    const summary = await ctx.acled.importCsv(csv, { who: ctx.identity, credibility, reliability, dryRun });
    ctx.loaders.entity.clearAll();
    return { dryRun, ...summary };
  }
}
