import { CLAIM_LINK_TYPES } from '../../src/model/vocabulary';
import { entityMarks, hopMarks, linkMarks, mergeMarks, type LinkMark } from './contested';
import { kindWord, qualifiedNames, type Named } from './words';
import type { EdgeData, EvidenceSpan, HopData, NodeData, PathData, SourceRef } from './queries';

/** The view as data: what the graph draws and the panels list, built from the API's answers. */

export interface ViewNode {
  id: string;
  name: string;
  /** The name to show: qualified by kind where another entity in view has the same name (settle). */
  label: string;
  kind: string;
  actorKind?: string;
  plural?: boolean;
  locationKind?: string;
  /** An allegation's status, or an event's: what decides whether it is contested or did not happen. */
  status?: string;
  /** An allegation's grade of what it claims (its `credibility` grades the report that it was made). */
  claimCredibility?: number;
  /** Why the entity itself is marked (contested.ts: entityMarks): a claim, contested, did not happen. */
  marks: LinkMark[];
}

export interface ViewEdge {
  key: string;
  type: string;
  source: string;
  target: string;
  /** The link's own grade (for a claim link: that the report was made). */
  credibility: number;
  /** For a claim link on a path: the grade it is scored by, the worse of the link's and the claim's. */
  claimCredibility?: number;
  excerpt: string;
  role?: string | null;
  sources: SourceRef[];
  /** The excerpts with their documents' offsets: the panel links each to /documents. */
  evidence: EvidenceSpan[];
  /** Why the link is drawn dashed with a marker (contested.ts); empty for a reported fact. */
  marks: LinkMark[];
  /** The API's verdicts on the link, when a path brought them (kept apart: `marks` is recomputed). */
  pathMarks: LinkMark[];
  /** The API's sentence for the link, when a path brought one (neighbourhood edges have none). */
  sentence?: string;
  validFrom?: string;
  validTo?: string;
}

export interface ViewModel {
  nodes: Map<string, ViewNode>;
  edges: Map<string, ViewEdge>;
  best: PathData | null;
  alternatives: PathData[];
  /** Edge keys of the best path, and of the alternatives. */
  bestKeys: Set<string>;
  alternativeKeys: Set<string>;
  truncated: boolean;
  /** Expanded ids the API did not find (null neighborhood). */
  missing: string[];
}

/** The API's relationship id form: TYPE:from->to, with #ROLE for participations. */
export function edgeKey(type: string, source: string, target: string, role?: string | null): string {
  return `${type}:${source}->${target}${role ? `#${role}` : ''}`;
}

export function hopEnds(hop: HopData): { source: string; target: string } {
  return hop.direction === 'INCOMING'
    ? { source: hop.to.id, target: hop.from.id }
    : { source: hop.from.id, target: hop.to.id };
}

export function hopKey(hop: HopData): string {
  const { source, target } = hopEnds(hop);
  return edgeKey(hop.type, source, target, hop.role);
}

function pathSignature(path: PathData): string {
  return path.hops.map(hopKey).join('|');
}

export function emptyModel(): ViewModel {
  return {
    nodes: new Map(),
    edges: new Map(),
    best: null,
    alternatives: [],
    bestKeys: new Set(),
    alternativeKeys: new Set(),
    truncated: false,
    missing: [],
  };
}

function addNode(model: ViewModel, node: NodeData): void {
  if (model.nodes.has(node.id)) return;
  model.nodes.set(node.id, {
    id: node.id,
    name: node.name,
    label: node.name,
    kind: node.__typename,
    actorKind: node.actorKind,
    plural: node.plural,
    locationKind: node.locationKind,
    status: node.status ?? node.eventStatus,
    claimCredibility: node.claimCredibility,
    marks: [],
  });
}

const isClaimContent = (type: string) => (CLAIM_LINK_TYPES as readonly string[]).includes(type);

/**
 * Settles what depends on the whole view, once its parts are in: each entity's and link's marks
 * (an allegation is contested when someone in view denies it; a link to a denied allegation or
 * to an event that did not happen is marked as such, whichever neighbourhood brought it), and
 * the claim's grade on a link from an allegation to what it claims (the worse of the link's and
 * the claim's, as the API's Hop.credibility).
 */
export function settle(model: ViewModel): void {
  const denied = new Set([...model.edges.values()].filter((edge) => edge.type === 'DENIES').map((edge) => edge.target));
  const facts = (id: string) => {
    const node = model.nodes.get(id);
    return { kind: node?.kind ?? '', status: node?.status, denied: denied.has(id) };
  };
  const labels = qualifiedNames(model.nodes.values(), kindWord);
  for (const node of model.nodes.values()) {
    node.marks = entityMarks(facts(node.id));
    node.label = labels.get(node.id) ?? node.name;
  }
  for (const edge of model.edges.values()) {
    const from = facts(edge.source);
    const to = facts(edge.target);
    const own = linkMarks({
      type: edge.type,
      fromKind: from.kind,
      toKind: to.kind,
      fromStatus: from.status,
      toStatus: to.status,
      denied: from.denied || to.denied,
    });
    edge.marks = mergeMarks(own, edge.pathMarks);
    const claim = model.nodes.get(edge.source);
    if (claim?.kind === 'Allegation' && claim.claimCredibility !== undefined && isClaimContent(edge.type))
      edge.claimCredibility ??= Math.max(edge.credibility, claim.claimCredibility);
  }
}

/** An entity in view as a sentence names it (its qualified name, kind, event status, number). */
export function named(model: ViewModel, id: string): Named {
  const node = model.nodes.get(id);
  if (!node) return { name: id };
  return {
    __typename: node.kind,
    name: node.label,
    eventStatus: node.kind === 'Event' ? node.status : undefined,
    plural: node.plural,
  };
}

/** The grade a link is weighed by: for a claim link the claim's, else its own. */
export function gradeOf(edge: ViewEdge): number {
  return edge.claimCredibility ?? edge.credibility;
}

export function addNeighborhood(model: ViewModel, nodes: NodeData[], edges: EdgeData[], truncated: boolean): void {
  nodes.forEach((node) => addNode(model, node));
  for (const edge of edges) {
    const key = edgeKey(edge.type, edge.fromId, edge.toId, edge.role);
    if (model.edges.has(key)) continue;
    model.edges.set(key, {
      key,
      type: edge.type,
      source: edge.fromId,
      target: edge.toId,
      credibility: edge.credibility,
      excerpt: edge.excerpt,
      role: edge.role,
      sources: edge.sources,
      evidence: edge.evidence,
      marks: [],
      pathMarks: [],
      validFrom: edge.validFrom?.value,
      validTo: edge.validTo?.value,
    });
  }
  model.truncated ||= truncated;
  settle(model);
}

function addPathElements(model: ViewModel, path: PathData, keys: Set<string>): void {
  path.nodes.forEach((node) => addNode(model, node));
  path.hops.forEach((hop, index) => {
    const key = hopKey(hop);
    keys.add(key);
    const marks = hopMarks(hop);
    const sentence = path.steps[index]?.sentence;
    const known = model.edges.get(key);
    if (known) {
      // Drawn already from a neighbourhood: the API's verdicts on the hop add to its marks.
      known.pathMarks = mergeMarks(known.pathMarks, marks);
      known.sentence ??= sentence;
      if (hop.credibility !== hop.reportCredibility) known.claimCredibility ??= hop.credibility;
      return;
    }
    const { source, target } = hopEnds(hop);
    model.edges.set(key, {
      key,
      type: hop.type,
      source,
      target,
      credibility: hop.reportCredibility,
      claimCredibility: hop.credibility === hop.reportCredibility ? undefined : hop.credibility,
      excerpt: hop.excerpt,
      role: hop.role,
      sources: hop.sources,
      evidence: hop.evidence,
      marks,
      pathMarks: marks,
      sentence,
    });
  });
}

/** The best-evidenced shortest path, and up to three other paths, best-evidenced first. */
export function addPaths(model: ViewModel, best: PathData | null, ranked: PathData[]): void {
  model.best = best;
  if (best) addPathElements(model, best, model.bestKeys);
  const seen = new Set(best ? [pathSignature(best)] : []);
  for (const path of ranked) {
    const signature = pathSignature(path);
    if (seen.has(signature) || model.alternatives.length >= 3) continue;
    seen.add(signature);
    model.alternatives.push(path);
    addPathElements(model, path, model.alternativeKeys);
  }
  settle(model);
}
