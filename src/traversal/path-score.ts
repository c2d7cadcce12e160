import { Direction } from '../common/enums';
import { PartialDateType } from '../common/partial-date.type';
import { Allegation } from '../allegations/allegation.type';
import type { AnyEntity } from '../entities/entity.mapper';
import { ClaimType, RELATIONSHIP_RULES, Reliability, type ParticipationRole, type RelationshipType } from '../model/vocabulary';
import type { Source } from '../sources/source.type';
import type { Hop, Path, SubgraphEdge } from './traversal.type';

/**
 * Grading a path. Each hop scores its information credibility times the reliability of its best
 * source; the path scores the product of its hops, so a chain is never stronger than its weakest
 * links and every extra hop costs evidence. Grades that "cannot be judged" (6, F) count as weak
 * but not as negative evidence. See README, "Path score".
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
const UNSOURCED_WEIGHT = 0.3;

export interface RawEdge {
  type: string;
  props: Record<string, unknown>;
  fromId: string;
  toId: string;
}

export interface AllegationContext {
  id: string;
  accusers: string[];
  accused: string[];
  concerns: string[];
  deniers: string[];
}

export interface RawPath {
  nodes: AnyEntity[];
  edges: RawEdge[];
  allegations: AllegationContext[];
}

export function toSubgraphEdge(edge: RawEdge): SubgraphEdge {
  const text = (key: string) => (edge.props[key] === null || edge.props[key] === undefined ? null : String(edge.props[key]));
  return {
    id: String(edge.props.id),
    type: edge.type as RelationshipType,
    fromId: edge.fromId,
    toId: edge.toId,
    credibility: Number(edge.props.credibility),
    excerpt: String(edge.props.excerpt ?? ''),
    sourceIds: (edge.props.sourceIds as string[] | undefined) ?? [],
    validFrom: PartialDateType.of(text('validFrom')),
    validTo: PartialDateType.of(text('validTo')),
    role: text('role') as ParticipationRole | null,
  };
}

export function bestSource(sources: Source[]): Source | undefined {
  return [...sources].sort((a, b) => RELIABILITY_WEIGHT[b.reliability] - RELIABILITY_WEIGHT[a.reliability])[0];
}

export function hopScore(credibility: number, sources: Source[]): number {
  const best = bestSource(sources);
  return (CREDIBILITY_WEIGHT[credibility] ?? UNSOURCED_WEIGHT) * (best ? RELIABILITY_WEIGHT[best.reliability] : UNSOURCED_WEIGHT);
}

/** "[Mali Suffering from Jihadist Economic Blockade, C2]": best source, its reliability and the link's credibility. */
export function citation(sources: Source[], credibility: number | null): string {
  const best = bestSource(sources);
  if (!best) return `[unsourced, ${credibility ?? '?'}]`;
  const others = sources.length > 1 ? ` +${sources.length - 1} more` : '';
  return `[${best.title}${others}, ${best.reliability}${credibility ?? ''}]`;
}

/** What the accused is said to do: [one accused, several accused]. */
const CLAIM_VERBS: Readonly<Record<ClaimType, [string, string]>> = {
  [ClaimType.SUPPORTS]: ['supports', 'support'],
  [ClaimType.FACILITATES]: ['facilitates', 'facilitate'],
  [ClaimType.FUNDS]: ['funds', 'fund'],
  [ClaimType.ARMS]: ['arms', 'arm'],
  [ClaimType.TRAINS]: ['trains', 'train'],
  [ClaimType.COMMITTED]: ['committed', 'committed'],
  [ClaimType.OTHER]: ['is involved in', 'are involved in'],
};

const list = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
const verb = (subjects: string[], singular: string, plural: string) => (subjects.length > 1 ? plural : singular);

export function gradePath(raw: RawPath, sourcesById: ReadonlyMap<string, Source>): Path {
  const sourcesOf = (ids: string[]) => ids.map((id) => sourcesById.get(id)).filter((s): s is Source => s !== undefined);
  const hops: Hop[] = raw.edges.map((edge, index) => {
    const from = raw.nodes[index];
    const to = raw.nodes[index + 1];
    const link = toSubgraphEdge(edge);
    const sources = sourcesOf(link.sourceIds);
    return {
      from,
      to,
      type: link.type,
      direction: edge.fromId === from.id ? Direction.OUTGOING : Direction.INCOMING,
      sources,
      credibility: link.credibility,
      excerpt: link.excerpt,
      role: link.role,
      score: round(hopScore(link.credibility, sources)),
    };
  });
  const score = round(hops.reduce((product, hop) => product * hop.score, 1));
  const viaAllegation = raw.nodes.some((node) => node instanceof Allegation);

  const sentences: string[] = [];
  const described = new Set<string>();
  for (const hop of hops) {
    const allegation = [hop.from, hop.to].find((node): node is Allegation => node instanceof Allegation);
    if (allegation) {
      if (!described.has(allegation.id)) {
        described.add(allegation.id);
        const context = raw.allegations.find((a) => a.id === allegation.id);
        sentences.push(describeAllegation(allegation, context, sourcesOf(allegation.sourceIds), hops));
      }
      continue;
    }
    const subject = hop.direction === Direction.OUTGOING ? hop.from : hop.to;
    const object = hop.direction === Direction.OUTGOING ? hop.to : hop.from;
    const role = hop.role ? ` (as ${hop.role.toLowerCase()})` : '';
    sentences.push(`${subject.name} ${RELATIONSHIP_RULES[hop.type].phrase} ${object.name}${role} ${citation(hop.sources, hop.credibility)}`);
  }
  return { length: hops.length, nodes: raw.nodes, hops, score, viaAllegation, explanation: sentences.join('; ') };
}

function describeAllegation(allegation: Allegation, context: AllegationContext | undefined, sources: Source[], hops: Hop[]): string {
  const accusers = context?.accusers.length ? context.accusers : ['someone'];
  const accused = context?.accused.length ? context.accused : ['someone'];
  const claims = allegation.claimTypes.map((claim) => CLAIM_VERBS[claim][accused.length > 1 ? 1 : 0]).join(' or ');
  const concerns = context?.concerns.length ? ` ${list(context.concerns)}` : '';
  let sentence =
    `${list(accusers)} ${verb(accusers, 'alleges', 'allege')} that ${list(accused)} ${claims}${concerns}` +
    ` (allegation, ${allegation.status.toLowerCase()}) ${citation(sources, allegation.credibility)}`;
  if (context?.deniers.length) {
    const denial = hops.find((hop) => hop.type === 'DENIES' && (hop.from.id === allegation.id || hop.to.id === allegation.id));
    sentence += `; ${list(context.deniers)} ${verb(context.deniers, 'denies', 'deny')} it${denial ? ` ${citation(denial.sources, denial.credibility)}` : ''}`;
  }
  return sentence;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
