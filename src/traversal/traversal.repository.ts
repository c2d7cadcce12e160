import { toNeo4jDate } from '../db';
import { int, type Database, type Params } from '../db';
import { BadUserInputError } from '../errors';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import { parsePartialDate } from '../model/partial-date';
import { CONNECTION_TYPES, HYPOTHETICAL_EVENT_STATUSES, MAX_CREDIBILITY, RelationshipType } from '../model/vocabulary';
import { toSubgraphEdge, type AllegationContext, type RawEdge, type RawPath } from './path-score';
import { type ConnectArgs, type NeighborhoodArgs, type PathArgs, type TraversalFilterArgs } from './traversal.args';
import { connectStatement, neighborhoodStatement, pathsStatement, type PathSelector } from './traversal.cypher';
import type { SubgraphEdge } from './traversal.type';

/** Candidate paths read per question: ranking by score happens over these (bounded work). */
export const PATH_CANDIDATES = 50;
export const PATHS_PER_PAIR = 5;
export const EDGE_LIMIT = 2_000;

const ALLEGATION_TYPES: readonly RelationshipType[] = [
  RelationshipType.ALLEGES,
  RelationshipType.ACCUSES,
  RelationshipType.CONCERNS,
  RelationshipType.DENIES,
];

interface PathRow {
  nodes: NodeRecord[];
  edges: RawEdge[];
  allegations: AllegationContext[];
  citations: Array<[string, string]>;
}

/**
 * The parameters every traversal filter turns into (see traversal.cypher.ts). Without
 * allegations, a traversal keeps reported facts only: no allegation links and no events that
 * did not happen (threatened, planned, considered).
 */
export function filterParams(args: TraversalFilterArgs, includeAllegations = true): Params {
  let types = args.relationTypes?.length ? args.relationTypes : CONNECTION_TYPES;
  if (!includeAllegations) types = types.filter((type) => !ALLEGATION_TYPES.includes(type));
  const asOf = args.asOf ? parsePartialDate(args.asOf) : null;
  return {
    types,
    maxCredibility: int(args.minCredibility ?? MAX_CREDIBILITY),
    asOfStart: asOf ? toNeo4jDate(asOf.earliest) : null,
    asOfEnd: asOf ? toNeo4jDate(asOf.latest) : null,
    factsOnly: !includeAllegations,
    hypotheticalStatuses: HYPOTHETICAL_EVENT_STATUSES,
  };
}

const toRawPath = (row: PathRow): RawPath => ({
  nodes: row.nodes.map(toEntity),
  edges: row.edges,
  allegations: row.allegations,
  citations: row.citations,
});

/** A path that visits an entity twice is a detour, not a distinct link. */
const simple = (path: RawPath) => new Set(path.nodes.map((node) => node.id)).size === path.nodes.length;

export class TraversalRepository {
  constructor(private readonly db: Database) {}

  async neighborhood(args: NeighborhoodArgs) {
    const rows = await this.db.read<{ nodes: NodeRecord[]; edges: RawEdge[]; nodesTruncated: boolean }>(
      'traversal.neighborhood',
      neighborhoodStatement(args.depth, args.direction),
      {
        ...filterParams(args),
        id: args.id,
        nodeLimit: int(args.limit),
        nodeLimitPlusOne: int(args.limit + 1),
        edgeLimitPlusOne: int(EDGE_LIMIT + 1),
      },
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    const edges: SubgraphEdge[] = row.edges.slice(0, EDGE_LIMIT).map(toSubgraphEdge);
    return { nodes: row.nodes.map(toEntity), edges, truncated: row.nodesTruncated || row.edges.length > EDGE_LIMIT };
  }

  /** Candidate paths from `fromId` to `toId`: all of the shortest length, or the 50 shortest. */
  async paths(args: PathArgs, selector: PathSelector): Promise<RawPath[]> {
    if (args.fromId === args.toId) throw BadUserInputError.field('toId', 'must differ from fromId');
    const rows = await this.db.read<PathRow>('traversal.paths', pathsStatement(selector, args.maxHops), {
      ...filterParams(args, args.includeAllegations),
      fromId: args.fromId,
      toId: args.toId,
      candidates: int(PATH_CANDIDATES),
    });
    return rows.map(toRawPath).filter(simple);
  }

  /** Shortest paths between every pair of `ids`. */
  async connect(args: ConnectArgs): Promise<RawPath[]> {
    const pairs = args.ids.flatMap((a, i) => args.ids.slice(i + 1).map((b) => [a, b]));
    const rows = await this.db.read<PathRow>('traversal.connect', connectStatement(args.maxHops), {
      ...filterParams(args, args.includeAllegations),
      pairs,
      pathsPerPair: int(PATHS_PER_PAIR),
    });
    return rows.map(toRawPath).filter(simple);
  }
}
