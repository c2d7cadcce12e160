import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Entity } from '../../entities/entity.interface';
import type { AnyEntity } from '../../entities/entity.mapper';
import type { RequestContext } from '../../graphql/context';
import { ProposalsArgs, ReviewProposalsArgs } from './review.args';
import { MentionCandidate, ProposalMention, ProposalReview, ReviewOutcome } from './review.type';

/** A curator's review of a document's proposals (editors and up; docs/review.md). */
@Resolver()
export class ReviewResolver {
  @Query(() => ProposalReview, {
    description:
      "What the extraction proposes from a document (its stored text, the graph's known entities), flagged against the graph, with the decisions taken so far. Editors and up; a document above your clearance is NOT_FOUND",
  })
  proposals(@Args() { documentId }: ProposalsArgs, @Ctx() ctx: RequestContext): Promise<ProposalReview> {
    return ctx.review.proposals(documentId);
  }

  @Mutation(() => ReviewOutcome, {
    description:
      "Accept, edit, reject or link a document's proposals: the accepted records become one bundle, written with the decisions in one transaction, each citing the document with its excerpt and offsets",
  })
  reviewProposals(
    @Args() { documentId, decisions, dryRun }: ReviewProposalsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewOutcome> {
    return ctx.review.review(documentId, decisions, Boolean(dryRun), ctx.identity);
  }
}

@Resolver(() => ProposalMention)
export class ProposalMentionResolver {
  @FieldResolver(() => Entity, {
    nullable: true,
    description: 'The known entity it was linked to (null: none, or hidden)',
  })
  entity(@Root() mention: ProposalMention, @Ctx() ctx: RequestContext): Promise<AnyEntity | null> | null {
    return mention.entityId ? ctx.loaders.entity.load(mention.entityId) : null;
  }
}

@Resolver(() => MentionCandidate)
export class MentionCandidateResolver {
  @FieldResolver(() => Entity, { nullable: true, description: 'The existing entity (null: hidden from you)' })
  entity(@Root() candidate: MentionCandidate, @Ctx() ctx: RequestContext): Promise<AnyEntity | null> {
    return ctx.loaders.entity.load(candidate.entityId);
  }
}
