/** Every operation the explorer sends, with the types of what it reads. */

// The map's operation lives beside the map's pure half; re-exported so the schema test checks it.
export { MAP_PLACES } from './map-places';

export interface EntityRef {
  __typename: string;
  id: string;
  name: string;
}

export interface NodeData extends EntityRef {
  credibility?: number | null;
  actorKind?: string;
  /** A plural name ("Six Senegalese truck drivers"): "were", not "was". */
  plural?: boolean;
  locationKind?: string;
  /** An allegation's status (ALLEGED, DENIED ...). */
  status?: string;
  /** An allegation's grade of what it claims; `credibility` grades the report that it was made. */
  claimCredibility?: number;
  /** An event's status (OCCURRED, CONSIDERED ...) and type (AIRSTRIKE ...). */
  eventStatus?: string;
  eventType?: string;
  start?: { value: string } | null;
}

export interface SourceRef {
  id: string;
  title: string;
  publisher?: string | null;
  published?: { value: string } | null;
  reliability: string;
  reliabilityMeaning: string;
}

/** One excerpt behind a link; start/end when it came from a stored document (its offsets). */
export interface EvidenceSpan {
  source: { id: string };
  excerpt: string;
  start?: number | null;
  end?: number | null;
}

export interface EdgeData {
  id: string;
  type: string;
  fromId: string;
  toId: string;
  credibility: number;
  excerpt: string;
  role?: string | null;
  validFrom?: { value: string } | null;
  validTo?: { value: string } | null;
  sources: SourceRef[];
  evidence: EvidenceSpan[];
}

export interface HopData {
  from: EntityRef;
  to: EntityRef;
  type: string;
  direction: 'OUTGOING' | 'INCOMING' | 'BOTH';
  /** The grade the hop is scored by: for a claim link, the worse of the link's and the claim's. */
  credibility: number;
  /** The link's own grade: for a claim link, that the report was made. */
  reportCredibility: number;
  contested: boolean;
  hypothetical: boolean;
  excerpt: string;
  role?: string | null;
  score: number;
  sources: SourceRef[];
  evidence: EvidenceSpan[];
}

/** One hop as the API says it: its sentence (with grade and source), the grade in code and words. */
export interface StepData {
  sentence: string;
  grade: string;
  gradeMeaning: string;
  status?: string | null;
  contested: boolean;
  hypothetical: boolean;
  credibility: number;
  reportCredibility: number;
}

export interface PathData {
  length: number;
  score: number;
  viaAllegation: boolean;
  contested: boolean;
  hypothetical: boolean;
  explanation: string;
  nodes: NodeData[];
  hops: HopData[];
  /** One per hop, in the same order (fromId to toId). */
  steps: StepData[];
}

export interface Filters {
  types: string[];
  minCredibility?: number;
  asOf?: string;
  /** A period (from the timeline's brush): the API's from–to, never with asOf. */
  from?: string;
  to?: string;
}

/** The filters as the API's traversal arguments (unset ones left out: the API's defaults). */
export function filterArgs(filters: Filters): Record<string, unknown> {
  return {
    relationTypes: filters.types.length > 0 ? filters.types : null,
    minCredibility: filters.minCredibility ?? null,
    asOf: filters.asOf || null,
    from: filters.from || null,
    to: filters.to || null,
  };
}

const NODE_FIELDS = `
  fragment NodeFields on Entity {
    __typename id name credibility
    ... on Actor { actorKind: kind plural }
    ... on Location { locationKind: kind }
    ... on Allegation { status claimCredibility }
    ... on Event { eventStatus: status eventType: type start { value } }
  }`;

const SOURCE_FIELDS = 'sources { id title publisher published { value } reliability reliabilityMeaning }';

/** Where each excerpt sits in its document, so the panel can open the document there. */
const EVIDENCE_FIELDS = 'evidence { source { id } excerpt start end }';

export const SEARCH = `
  query ExplorerSearch($query: String!) {
    search(query: $query, first: 8) { matched entity { __typename id name } }
  }`;

export const NEIGHBORHOOD = `
  query ExplorerNeighborhood($id: ID!, $relationTypes: [RelationshipType!], $minCredibility: Int, $asOf: String, $from: String, $to: String) {
    neighborhood(id: $id, depth: 1, limit: 60, relationTypes: $relationTypes, minCredibility: $minCredibility, asOf: $asOf, from: $from, to: $to) {
      truncated
      nodes { ...NodeFields }
      edges { id type fromId toId credibility excerpt role validFrom { value } validTo { value } ${SOURCE_FIELDS} ${EVIDENCE_FIELDS} }
    }
  }
  ${NODE_FIELDS}`;

const PATH_FIELDS = `
  fragment PathFields on Path {
    length score viaAllegation contested hypothetical explanation
    nodes { ...NodeFields }
    hops {
      from { __typename id name } to { __typename id name }
      type direction credibility reportCredibility contested hypothetical excerpt role score ${SOURCE_FIELDS} ${EVIDENCE_FIELDS}
    }
    steps { sentence grade gradeMeaning status contested hypothetical credibility reportCredibility }
  }`;

export const PATHS = `
  query ExplorerPaths($fromId: ID!, $toId: ID!, $relationTypes: [RelationshipType!], $minCredibility: Int, $asOf: String, $from: String, $to: String) {
    shortestPath(fromId: $fromId, toId: $toId, maxHops: 4, relationTypes: $relationTypes, minCredibility: $minCredibility, asOf: $asOf, from: $from, to: $to) {
      ...PathFields
    }
    paths(fromId: $fromId, toId: $toId, maxHops: 4, first: 4, orderBy: SCORE, relationTypes: $relationTypes, minCredibility: $minCredibility, asOf: $asOf, from: $from, to: $to) {
      ...PathFields
    }
  }
  ${PATH_FIELDS}
  ${NODE_FIELDS}`;

export interface EntityDetails extends NodeData {
  description?: string | null;
  excerpt?: string | null;
  aliases: string[];
  sources: SourceRef[];
}

export const ENTITY = `
  query ExplorerEntity($id: ID!) {
    entity(id: $id) { ...NodeFields description excerpt aliases ${SOURCE_FIELDS} }
  }
  ${NODE_FIELDS}`;

export interface TimelineEntry {
  event: { id: string; name: string; type: string; start?: { value: string } | null; end?: { value: string } | null };
  participants: Array<{ actor: { id: string; name: string }; role: string }>;
  places: Array<{ id: string; name: string }>;
}

/** An actor's timeline under the view's period: asOf reads as the API's `to` ("begun by then"). */
export const TIMELINE = `
  query ExplorerTimeline($actorId: ID!, $from: String, $to: String) {
    timeline(actorId: $actorId, first: 30, from: $from, to: $to) {
      totalCount
      nodes { event { id name type start { value } end { value } } participants { actor { id name } role } places { id name } }
    }
  }`;

export const EXPORT_BUNDLE = `
  query ExplorerExport($ids: [ID!], $depth: Int!) { exportBundle(ids: $ids, depth: $depth) }`;

/** exportBundle takes at most this many ids. */
export const EXPORT_MAX_IDS = 50;

/** The start page: where to begin (the most-connected entities) and what changed last. */
export interface HubData {
  degree: number;
  entity: NodeData;
}

export interface RecentChangeData {
  at: string;
  who: string;
  operation: string;
  change: string;
  targetType: string;
  targetId: string;
  /** The entity changed, or a relationship's two ends (from, to). */
  entities: NodeData[];
}

export const START = `
  query ExplorerStart($hubs: Int!, $changes: Int!) {
    hubs(first: $hubs) { degree entity { ...NodeFields } }
    recentChanges(first: $changes) { at who operation change targetType targetId entities { ...NodeFields } }
  }
  ${NODE_FIELDS}`;

/** What the timeline axis reads of the events in view: dates with their precision, status, FOLLOWS links. */
export interface TimelineEventData {
  __typename: string;
  id: string;
  name: string;
  status: string;
  type: string;
  start?: { value: string; earliest: string; latest: string; precision: string } | null;
  end?: { value: string; earliest: string; latest: string; precision: string } | null;
  relationships: { edges: Array<{ credibility: number; node: { id: string } }> };
}

/** The events in view by id (Relay's nodes, up to 100 in one batch), with the events each FOLLOWS. */
export const TIMELINE_EVENTS = `
  query ExplorerTimelineEvents($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Event {
        id name status type
        start { value earliest latest precision }
        end { value earliest latest precision }
        relationships(types: [FOLLOWS], direction: OUTGOING, first: 20) { edges { credibility node { id } } }
      }
    }
  }`;

/** Watchlists (docs/watchlists.md): watch an entity or the best path between two. */
export const WATCH_ENTITY = `
  mutation ExplorerWatch($entityId: ID!) { watch(entityId: $entityId) { id kind entityId } }`;

export const WATCH_PAIR = `
  mutation ExplorerWatchPair($fromId: ID!, $toId: ID!, $minCredibility: Int) {
    watchPair(fromId: $fromId, toId: $toId, maxHops: 4, minCredibility: $minCredibility) {
      id kind fromId toId answer { found explanation }
    }
  }`;

export interface AlertAnswer {
  found: boolean;
  length: number | null;
  score: number | null;
  explanation: string | null;
}

export interface AlertData {
  id: string;
  number: number;
  at: string;
  kind: 'ENTITY' | 'PAIR';
  entityId: string | null;
  fromId: string | null;
  toId: string | null;
  reasons: string[];
  before: AlertAnswer | null;
  after: AlertAnswer | null;
  causes: Array<{ kind: string; targetId: string; targetType: string }>;
}

export const ALERTS = `
  query ExplorerAlerts($first: Int!) {
    alerts(first: $first) {
      nodes {
        id number at kind entityId fromId toId reasons
        before { found length score explanation }
        after { found length score explanation }
        causes { kind targetId targetType }
      }
    }
  }`;
