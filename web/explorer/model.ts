import { hopMarks, linkMarks, mergeMarks, type LinkMark } from './contested';
import type { EdgeData, EvidenceSpan, HopData, NodeData, PathData, SourceRef } from './queries';

/** The view as data: what the graph draws and the panels list, built from the API's answers. */

export interface ViewNode {
  id: string;
  name: string;
  kind: string;
  actorKind?: string;
  status?: string;
  /** An allegation's grade of what it claims: the evidence table grades its claim links by it. */
  claimCredibility?: number;
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
    kind: node.__typename,
    actorKind: node.actorKind,
    status: node.status,
    claimCredibility: node.claimCredibility,
  });
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
      marks: linkMarks({
        type: edge.type,
        fromKind: model.nodes.get(edge.fromId)?.kind,
        toKind: model.nodes.get(edge.toId)?.kind,
      }),
      validFrom: edge.validFrom?.value,
      validTo: edge.validTo?.value,
    });
  }
  model.truncated ||= truncated;
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
      known.marks = mergeMarks(known.marks, marks);
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
}
