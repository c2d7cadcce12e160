import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { DeleteInvestigationArgs, InvestigationArgs, InvestigationsArgs } from './investigation.args';
import { SaveInvestigationInput } from './investigation.input';
import { INVESTIGATION_LIMITS } from './investigation-limits';
import { Investigation, InvestigationPage } from './investigation.type';

/** Saved investigations (docs/investigations.md): thin, every use case in InvestigationService. */
@Resolver(() => Investigation)
export class InvestigationResolver {
  @Query(() => Investigation, {
    nullable: true,
    description:
      'A saved investigation (or one of its versions) as the caller may see it; NOT_FOUND (extensions.field "id") when unknown or marked above the caller\'s clearance',
  })
  investigation(@Args() { id, version }: InvestigationArgs, @Ctx() ctx: RequestContext): Promise<Investigation> {
    return ctx.investigations.get(id, version ?? null);
  }

  @Query(() => InvestigationPage, {
    complexity: ({ args, childComplexity }) => 5 + Number(args.first ?? 20) * childComplexity,
    description: `The saved investigations the caller is cleared for, newest first (at most ${INVESTIGATION_LIMITS.page} a page)`,
  })
  investigations(@Args() { first, after }: InvestigationsArgs, @Ctx() ctx: RequestContext): Promise<InvestigationPage> {
    return ctx.investigations.list(first, after);
  }

  @Mutation(() => Investigation, {
    description:
      'Save an investigation: without id a new one (editors); with id and expectedVersion over it (its author or an admin), CONFLICT when another save came first. Each save is a version in its history',
  })
  saveInvestigation(
    @Arg('input', () => SaveInvestigationInput) input: SaveInvestigationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Investigation> {
    return ctx.investigations.save(input);
  }

  @Mutation(() => Boolean, { description: 'Delete an investigation and its history (its author or an admin)' })
  deleteInvestigation(@Args() { id }: DeleteInvestigationArgs, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.investigations.delete(id);
  }
}
