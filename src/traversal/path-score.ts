import { excerptOffsetsOf } from '../common/excerpt-offsets';
import { Direction } from '../common/enums';
import { PartialDateType } from '../common/partial-date.type';
import { Allegation } from '../allegations/allegation.type';
import type { AnyEntity } from '../entities/entity.mapper';
import { Event } from '../events/event.type';
import {
  CLAIM_LINK_TYPES,
  CONTESTED_STATUSES,
  HYPOTHETICAL_EVENT_STATUSES,
  Reliability,
  type ParticipationRole,
  type RelationshipType,
} from '../model/vocabulary';
import type { Source } from '../sources/source.type';
import { explainPath } from './explanation';
import { Reading, type AllegationContext, type Hop, type Path, type SubgraphEdge } from './traversal.type';

export type { AllegationContext, Party } from './traversal.type';

/**
 * Grading a path (docs/evidence.md). A hop scores the weight of its credibility times the
 * support of its sources; a path scores the product of its hops, so a chain is never stronger
 * than its weakest links and every extra hop costs evidence. A hop's grade depends on its link
 * and the claim the link belongs to, never on the direction the path travels: a report link
 * (ALLEGES, DENIES) is graded as the report that the claim was made or denied; a content link
 * (ACCUSES, CONCERNS: from an allegation to what it alleges) by the worse of its own grade and
 * the claim's, and scored by both weights, so a curator's doubtful reading of what a claim
 * concerns (4) scores below a link the report states (2). A contested claim's content links and
 * the hops joining an event that did not happen count half. Grades that "cannot be judged"
 * (6, F) count as weak but not as negative evidence.
 */
export const CREDIBILITY_WEIGHT: Readonly<Record<number, number>> = { 1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.3 };
export const RELIABILITY_WEIGHT: Readonly<Record<Reliability, number>> = {
  [Reliability.A]: 1.0,
  [Reliability.B]: 0.8,
  [Reliability.C]: 0.6,
  [Reliability.D]: 0.4,
  [Reliability.E]: 0.2,
  [Reliability.F]: 0.3,
};
export const UNSOURCED_WEIGHT = 0.3;
/** A claim link of a denied, disputed, refuted or retracted claim. */
export const CONTESTED_FACTOR = 0.5;
/** A link to or from an event that was only threatened, planned or considered. */
export const HYPOTHETICAL_FACTOR = 0.5;
/** The worst grade a source's own statement gets (docs/evidence.md: the article's own voice is 2). */
export const STATED_AT_WORST = 2;
/** A claim graded worse than this (doubtful, improbable, cannot be judged) is not established. */
export const ESTABLISHED_AT_WORST = 3;

export interface RawEdge {
  type: string;
  props: Record<string, unknown>;
  fromId: string;
  toId: string;
}

export interface RawPath {
  nodes: AnyEntity[];
  edges: RawEdge[];
  allegations: AllegationContext[];
  /** [citing, cited] source ids among the path's sources: such sources are not independent. */
  citations?: Array<[string, string]>;
}

export function toSubgraphEdge(edge: RawEdge): SubgraphEdge {
  const text = (key: string) =>
    edge.props[key] === null || edge.props[key] === undefined ? null : String(edge.props[key]);
  return {
    id: String(edge.props.id),
    type: edge.type as RelationshipType,
    fromId: edge.fromId,
    toId: edge.toId,
    credibility: Number(edge.props.credibility),
    excerpt: String(edge.props.excerpt ?? ''),
    sourceIds: (edge.props.sourceIds as string[] | undefined) ?? [],
    excerptOffsets: excerptOffsetsOf(edge.props),
    validFrom: PartialDateType.of(text('validFrom')),
    validTo: PartialDateType.of(text('validTo')),
    role: text('role') as ParticipationRole | null,
  };
}

/** A retracted source supports nothing. */
export const liveSources = (sources: Source[]) => sources.filter((source) => !source.retraction);

export function bestSource(sources: Source[]): Source | undefined {
  return [...liveSources(sources)].sort(
    (a, b) => RELIABILITY_WEIGHT[b.reliability] - RELIABILITY_WEIGHT[a.reliability],
  )[0];
}

/**
 * How strongly a link's sources support it, 0-1. Sources that cite one another (directly or
 * through others on the list) form one group and count once, by their best member; independent
 * groups combine as independent evidence: 1 - (1 - w1)(1 - w2)... One source scores its
 * reliability weight; an independent second source always adds; retracted sources are ignored.
 */
export function sourceSupport(sources: Source[], citations: ReadonlyArray<[string, string]> = []): number {
  const live = liveSources(sources);
  if (live.length === 0) return UNSOURCED_WEIGHT;
  const group = new Map(live.map((source) => [source.id, source.id]));
  const root = (id: string): string => {
    let current = id;
    while (group.get(current) !== current) current = group.get(current)!;
    return current;
  };
  for (const [a, b] of citations) if (group.has(a) && group.has(b)) group.set(root(a), root(b));
  const best = new Map<string, number>();
  for (const source of live) {
    const key = root(source.id);
    best.set(key, Math.max(best.get(key) ?? 0, RELIABILITY_WEIGHT[source.reliability]));
  }
  return 1 - [...best.values()].reduce((doubt, weight) => doubt * (1 - weight), 1);
}

export function hopScore(
  credibility: number,
  sources: Source[],
  citations: ReadonlyArray<[string, string]> = [],
): number {
  return (CREDIBILITY_WEIGHT[credibility] ?? UNSOURCED_WEIGHT) * sourceSupport(sources, citations);
}

export const isContested = (allegation: Allegation, context: AllegationContext | undefined) =>
  CONTESTED_STATUSES.includes(allegation.status) || (context?.deniers.length ?? 0) > 0;

export const isHypothetical = (node: AnyEntity) =>
  node instanceof Event && HYPOTHETICAL_EVENT_STATUSES.includes(node.status);

/**
 * Whether a claim is established: corroborated to "possibly true" or better and contested by no
 * one. A chain that passes through a claim that is not ranks below every chain that does not.
 */
export const isEstablished = (allegation: Allegation, context: AllegationContext | undefined) =>
  allegation.claimCredibility <= ESTABLISHED_AT_WORST && !isContested(allegation, context);

/**
 * How a link's grade came about, from the grade and the sources only: graded 1-2, the source
 * states it; graded worse and backed by a source that another of its sources cites (the article
 * and the "Malian media" it quotes), the source attributes it to someone else; otherwise it is
 * a curator's inference from the text.
 */
export function readingOf(
  credibility: number,
  sources: Source[],
  citations: ReadonlyArray<[string, string]> = [],
): Reading {
  if (credibility <= STATED_AT_WORST) return Reading.STATED;
  const ids = new Set(sources.map((source) => source.id));
  return citations.some(([citing, cited]) => ids.has(citing) && ids.has(cited)) ? Reading.ATTRIBUTED : Reading.INFERRED;
}

const isClaimLink = (type: string) => (CLAIM_LINK_TYPES as readonly string[]).includes(type);

export function gradePath(raw: RawPath, sourcesById: ReadonlyMap<string, Source>): Path {
  const citations = raw.citations ?? [];
  const sourcesOf = (ids: string[]) => ids.map((id) => sourcesById.get(id)).filter((s): s is Source => s !== undefined);
  const contextOf = (id: string) => raw.allegations.find((context) => context.id === id);
  const hops: Hop[] = raw.edges.map((edge, index) => {
    const from = raw.nodes[index];
    const to = raw.nodes[index + 1];
    const link = toSubgraphEdge(edge);
    const sources = liveSources(sourcesOf(link.sourceIds));
    const allegation = [from, to].find((node): node is Allegation => node instanceof Allegation);
    const contested = allegation ? isContested(allegation, contextOf(allegation.id)) : false;
    const hypothetical = isHypothetical(from) || isHypothetical(to);
    // What the claim says (a link from the allegation to whom it accuses or what it concerns) is
    // graded by the claim too; a report link (ALLEGES, DENIES) only by the report.
    const content = allegation !== undefined && isClaimLink(link.type) && edge.fromId === allegation.id;
    const credibility = content ? Math.max(link.credibility, allegation.claimCredibility) : link.credibility;
    const claimWeight = content ? (CREDIBILITY_WEIGHT[allegation.claimCredibility] ?? UNSOURCED_WEIGHT) : 1;
    const factor =
      claimWeight * (content && contested ? CONTESTED_FACTOR : 1) * (hypothetical ? HYPOTHETICAL_FACTOR : 1);
    return {
      from,
      to,
      type: link.type,
      direction: edge.fromId === from.id ? Direction.OUTGOING : Direction.INCOMING,
      sources,
      credibility,
      reportCredibility: link.credibility,
      claimCredibility: allegation ? allegation.claimCredibility : null,
      reading: readingOf(link.credibility, sources, citations),
      excerpt: link.excerpt,
      excerptOffsets: link.excerptOffsets,
      role: link.role,
      score: round(hopScore(link.credibility, sources, citations) * factor),
      contested,
      hypothetical,
    };
  });
  const score = round(hops.reduce((product, hop) => product * hop.score, 1));
  const steps = explainPath(raw.nodes, hops, raw.allegations);
  return {
    length: hops.length,
    nodes: raw.nodes,
    hops,
    score,
    viaAllegation: raw.nodes.some((node) => node instanceof Allegation),
    contested: hops.some((hop) => hop.contested),
    hypothetical: hops.some((hop) => hop.hypothetical),
    unestablished: raw.nodes
      .slice(1, -1)
      .some((node) => node instanceof Allegation && !isEstablished(node, contextOf(node.id))),
    explanation: steps.map((step) => step.sentence).join(' '),
    steps,
    // Whether caps cut the candidates is the repository's to say (traversal.service.ts).
    truncated: false,
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
