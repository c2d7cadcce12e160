import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Direction } from '../common/enums';
import type { ExcerptOffsets } from '../common/excerpt-offsets';
import { PartialDateType } from '../common/partial-date.type';
import { Entity } from '../entities/entity.interface';
import { ParticipationRole, RelationshipType, Reliability } from '../model/vocabulary';
import { Source } from '../sources/source.type';

/** How a link's grade came about (path-score.ts, readingOf), so a sentence says no more than that. */
export enum Reading {
  STATED = 'STATED',
  ATTRIBUTED = 'ATTRIBUTED',
  INFERRED = 'INFERRED',
}
registerEnumType(Reading, {
  name: 'Reading',
  description:
    'How a link is known: STATED (graded 1-2: the source says it in its own voice), ATTRIBUTED (graded 3 or worse, backed by a source another of its sources cites: "according to Malian media"; read "is reported to"), INFERRED (graded 3 or worse otherwise: a curator\'s reading of the text; read "is assessed to")',
});

@ObjectType({ description: 'A relationship inside a subgraph, with its provenance' })
export class SubgraphEdge {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field(() => ID, { description: 'Id of the subject (the relationship points from it)' })
  fromId!: string;

  @Field(() => ID, { description: 'Id of the object' })
  toId!: string;

  @Field(() => Int)
  credibility!: number;

  @Field()
  excerpt!: string;

  /** Resolved to `sources` in one batch. */
  sourceIds!: string[];

  /** Where the excerpt stands in a stored document, when it came from one (a document review). */
  excerptOffsets?: ExcerptOffsets | null;

  @Field(() => PartialDateType, { nullable: true })
  validFrom!: PartialDateType | null;

  @Field(() => PartialDateType, { nullable: true })
  validTo!: PartialDateType | null;

  @Field(() => ParticipationRole, { nullable: true })
  role!: ParticipationRole | null;
}

@ObjectType({ description: 'Nodes and the relationships among them; `truncated` says a cap cut the result' })
export class Subgraph {
  @Field(() => [Entity])
  nodes!: Entity[];

  @Field(() => [SubgraphEdge])
  edges!: SubgraphEdge[];

  @Field({
    description:
      'True when a cap left out part of the answer: the node limit, the edge cap (2,000), the links read per entity (a neighbourhood reads at most `limit` new links of each entity: with minCredibility the best graded first, otherwise the first read), or the shortest paths read per pair (5, for `connect`)',
  })
  truncated!: boolean;
}

@ObjectType({ description: 'One step of a path, with the evidence for it' })
export class Hop {
  @Field(() => Entity)
  from!: Entity;

  @Field(() => Entity)
  to!: Entity;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field(() => Direction, { description: 'OUTGOING when the relationship points from `from` to `to`' })
  direction!: Direction;

  @Field(() => [Source])
  sources!: Source[];

  @Field(() => Int, {
    description:
      "Credibility of this hop, 1 (confirmed) ... 6, whatever the direction of travel: the link's own grade, or, from an allegation to what it alleges (ACCUSES, CONCERNS), the worse of that and the claim's grade",
  })
  credibility!: number;

  @Field(() => Int, {
    description:
      "The link's own grade: for ALLEGES and DENIES, that the claim was made or denied; for ACCUSES and CONCERNS, that the report names this party or subject (or, when INFERRED, the curator's reading that it does)",
  })
  reportCredibility!: number;

  @Field(() => Int, { nullable: true, description: "The claim's grade when the hop joins an allegation" })
  claimCredibility!: number | null;

  @Field(() => Reading)
  reading!: Reading;

  @Field()
  excerpt!: string;

  /** Where the excerpt stands in a stored document, when it came from one (a document review). */
  excerptOffsets?: ExcerptOffsets | null;

  @Field(() => ParticipationRole, { nullable: true })
  role!: ParticipationRole | null;

  @Field(() => Float, { description: "This hop's evidence score, 0-1 (see docs/evidence.md)" })
  score!: number;

  @Field({ description: 'True when this hop belongs to a claim that is denied, disputed, refuted or retracted' })
  contested!: boolean;

  @Field({ description: 'True when this hop joins an event that did not happen (threatened, planned, considered)' })
  hypothetical!: boolean;
}

@ObjectType({ description: 'One hop as a sentence and its parts, so applications need not parse the explanation' })
export class PathStep {
  @Field(() => Entity, { description: 'Who or what the sentence is about (the relationship points from it)' })
  subject!: Entity;

  @Field({
    description: 'What the relationship says, agreeing with the subject ("are subordinate to", "would be a target of")',
  })
  verb!: string;

  @Field(() => Entity)
  object!: Entity;

  @Field(() => RelationshipType)
  type!: RelationshipType;

  @Field({ description: 'The hop as one sentence, followed by its grade and source' })
  sentence!: string;

  @Field(() => Int, { description: "The grade the hop is scored by (the claim's, for a claim link)" })
  credibility!: number;

  @Field(() => Int, { description: "The link's own grade (see Hop.reportCredibility)" })
  reportCredibility!: number;

  @Field(() => Int, { nullable: true, description: "The claim's grade when the hop joins an allegation" })
  claimCredibility!: number | null;

  @Field(() => Reading, {
    description: 'How the link is known; the verb says it ("is reported to", "is assessed to") unless STATED',
  })
  reading!: Reading;

  @Field(() => Reliability, { nullable: true, description: 'Reliability of the best source; null when none is left' })
  reliability!: Reliability | null;

  @Field({ description: 'Admiralty code: best source\'s reliability and the credibility, e.g. "C2"' })
  grade!: string;

  @Field({ description: 'The grade in words: "fairly reliable source, probably true"' })
  gradeMeaning!: string;

  @Field(() => [Source])
  sources!: Source[];

  @Field(() => String, {
    nullable: true,
    description: 'Status of the allegation or event the hop passes through (DENIED, CONSIDERED ...)',
  })
  status!: string | null;

  @Field()
  contested!: boolean;

  @Field()
  hypothetical!: boolean;

  @Field(() => [String], {
    description:
      'Ids of who denies the allegation this step names; the sentence\'s "(denied by …)" names them, so a client can rebuild it',
  })
  deniedByIds!: string[];
}

@ObjectType({ description: 'A chain of relationships from one entity to another, graded' })
export class Path {
  @Field(() => Int, { description: 'Number of hops' })
  length!: number;

  @Field(() => [Entity], { description: 'From the start to the end, in order' })
  nodes!: Entity[];

  @Field(() => [Hop])
  hops!: Hop[];

  @Field(() => Float, {
    description: 'Strength of the evidence for the whole chain, 0-1: the product of the hop scores',
  })
  score!: number;

  @Field({ description: 'True when the chain passes through an allegation (a claim, not an established fact)' })
  viaAllegation!: boolean;

  @Field({ description: 'True when the chain passes through a claim that is denied, disputed, refuted or retracted' })
  contested!: boolean;

  @Field({
    description: 'True when the chain passes through an event that did not happen (threatened, planned, considered)',
  })
  hypothetical!: boolean;

  @Field({
    description:
      'True when the chain passes through a claim that is not established (graded 4-6, or denied, disputed, refuted, retracted): such a chain ranks below every chain that does not',
  })
  unestablished!: boolean;

  @Field({
    description: 'The chain as sentences, one per hop from fromId to toId, each followed by its grade and source',
  })
  explanation!: string;

  @Field(() => [PathStep], { description: 'The same sentences, structured' })
  steps!: PathStep[];

  @Field({
    description:
      'True when a cap on the paths read left some out, so a better-evidenced path may exist: the candidates read per question (50 of the shortest length; for `paths`, 20 of each longer length, found from walks that read at most 50 links per entity and keep 500 walks per step). The answer is the best of those read, not a timeout',
  })
  truncated!: boolean;
}

/**
 * Plain records shared by path-score.ts and explanation.ts (not GraphQL types): kept here so
 * neither file imports the other's types.
 */
/** Someone or something an allegation names, as the path statement returns it. */
export interface Party {
  id: string;
  name: string;
  labels: string[];
  plural: boolean;
}

export interface AllegationContext {
  id: string;
  accusers: Party[];
  accused: Party[];
  concerns: Party[];
  deniers: Party[];
}
