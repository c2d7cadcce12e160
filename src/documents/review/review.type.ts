import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WriteCounts } from '../../curation/curation.type';

/** What a curator decided about one proposal (stored as a (:ProposalDecision) node). */
export enum DecisionStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EDITED = 'EDITED',
  REJECTED = 'REJECTED',
  LINKED = 'LINKED',
}

/** What a curator does with one proposal in reviewProposals. */
export enum ReviewAction {
  ACCEPT = 'ACCEPT',
  EDIT = 'EDIT',
  REJECT = 'REJECT',
  LINK = 'LINK',
}

/** Why a proposal may contradict the graph (see review-flags.ts). */
export enum ProposalFlagCode {
  KIND_CONFLICT = 'KIND_CONFLICT',
  ID_EXISTS = 'ID_EXISTS',
  DENIED_AS_FACT = 'DENIED_AS_FACT',
  OUTSIDE_VALIDITY = 'OUTSIDE_VALIDITY',
  POSSIBLE_EXISTING = 'POSSIBLE_EXISTING',
}

registerEnumType(DecisionStatus, {
  name: 'DecisionStatus',
  description: "Where a proposal stands in a document's review",
});
registerEnumType(ReviewAction, { name: 'ReviewAction', description: 'What a curator does with a proposal' });
registerEnumType(ProposalFlagCode, {
  name: 'ProposalFlagCode',
  description: 'Why a proposal may contradict what the graph holds',
});

@ObjectType({ description: 'A known entity a mention could stand for, with how well its name matched' })
export class MentionCandidate {
  @Field(() => ID) entityId!: string;
  @Field(() => Float) score!: number;
}

@ObjectType({ description: 'A name in the document: a known entity, or a proposed new one (proposalId)' })
export class ProposalMention {
  @Field(() => Int, { description: 'Offset of the name in the document text (UTF-16)' }) start!: number;
  @Field(() => Int, { description: 'Offset just past it' }) end!: number;
  @Field({ description: 'The words as the document writes them' }) surface!: string;
  @Field(() => ID, { nullable: true, description: 'The known entity it was linked to' }) entityId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The proposal of a new entity it stands for' })
  proposalId!: string | null;
  @Field(() => [MentionCandidate], { description: 'Known entities it could be, best first' })
  candidates!: MentionCandidate[];
}

@ObjectType({ description: 'Why a proposal may contradict the graph, in words' })
export class ProposalFlag {
  @Field(() => ProposalFlagCode) code!: ProposalFlagCode;
  @Field() message!: string;
  @Field(() => [MentionCandidate], { description: 'For POSSIBLE_EXISTING: the existing entities, best first' })
  candidates!: MentionCandidate[];
}

@ObjectType({ description: "One curator's decision on a proposal of a document" })
export class ProposalDecision {
  @Field(() => ID) proposalId!: string;
  @Field(() => DecisionStatus) status!: DecisionStatus;
  @Field({ description: 'Who decided (the identity the history records)' }) by!: string;
  @Field({ description: 'When (ISO 8601)' }) at!: string;
  @Field(() => ID, { nullable: true, description: 'For LINKED: the existing entity it was linked to' })
  entityId!: string | null;
}

@ObjectType({
  description: 'What the extraction proposes from a document: a bundle record, with its words and offsets',
})
export class Proposal {
  @Field(() => ID, { description: 'Stable for the same text and graph' }) id!: string;
  @Field({ description: 'ENTITY, EVENT, RELATIONSHIP, ALLEGATION or DENIAL' }) kind!: string;
  @Field({ description: 'The rule that proposed it' }) rule!: string;
  @Field({ description: 'Verbatim: the document text from start to end' }) excerpt!: string;
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field({ description: "STATED (the source's own voice), ATTRIBUTED (to others) or INFERRED" }) voice!: string;
  @Field(() => Int, { description: 'Suggested information credibility 1-6' }) suggestedCredibility!: number;
  @Field({ description: 'The bundle section of its record: actors, locations, events, allegations, relationships' })
  section!: string;
  @Field(() => GraphQLJSONObject, { description: 'The bundle record it would add (format v1)' })
  record!: Record<string, unknown>;
  @Field(() => [ID], { description: 'Proposals (new entities) its record references: accept them too' })
  dependsOn!: string[];
  @Field(() => DecisionStatus) status!: DecisionStatus;
  @Field(() => ProposalDecision, { nullable: true, description: 'The decision taken, when one was' })
  decision!: ProposalDecision | null;
  @Field(() => [ProposalFlag]) flags!: ProposalFlag[];
}

@ObjectType({ description: "A document's proposals and mentions, with the review's decisions so far" })
export class ProposalReview {
  @Field(() => ID) documentId!: string;
  @Field(() => [ProposalMention]) mentions!: ProposalMention[];
  @Field(() => [Proposal]) proposals!: Proposal[];
  @Field(() => [ProposalDecision], {
    description: 'Every decision taken on this document, including proposals the graph now holds',
  })
  decisions!: ProposalDecision[];
  @Field({ description: 'A cap stopped the extraction (a very long text): not everything was read' })
  truncated!: boolean;
  @Field(() => Int, { description: 'Known entities handed to the extraction (at most a cap)' })
  knownEntities!: number;
}

@ObjectType({ description: 'What reviewProposals did (or, in a dry run, would do)' })
export class ReviewOutcome {
  @Field(() => ID) documentId!: string;
  @Field(() => [ID]) accepted!: string[];
  @Field(() => [ID]) edited!: string[];
  @Field(() => [ID]) rejected!: string[];
  @Field(() => [ID]) linked!: string[];
  @Field(() => WriteCounts) nodes!: WriteCounts;
  @Field(() => WriteCounts) relationships!: WriteCounts;
  @Field() dryRun!: boolean;
}
