import { toNeo4jDate } from '../db';
import { int, visibleIds, type Database, type Params, type Visibility, type VisibilityParams } from '../db';
import { BadUserInputError } from '../errors';
import { withProperties, type ReadProjected, type ReadWhole } from '../common/property-projection';
import { toEntity, type AnyEntity, type NodeRecord } from '../entities/entity.mapper';
import { parsePartialDate } from '../model/partial-date';
import { CONNECTION_TYPES, HYPOTHETICAL_EVENT_STATUSES, MAX_CREDIBILITY, RelationshipType } from '../model/vocabulary';
import { toSubgraphEdge, type AllegationContext, type RawEdge, type RawPath } from './path-score';
import { type ConnectArgs, type NeighborhoodArgs, type PathArgs, type TraversalFilterArgs } from './traversal.args';
import { joinHalves, type WalkIds } from './path-halves';
import {
  connectStatement,
  neighborhoodStatement,
  NeighbourOrder,
  pathWalksStatement,
  pathsByIdsStatement,
  shortestPathsStatement,
} from './traversal.cypher';
import { WHOLE_SUBGRAPH, type SubgraphProjection } from './subgraph-projection';
import type { SubgraphEdge } from './traversal.type';

/**
 * The caps of traversals (bounded work: no request enumerates an unbounded set; an answer cut by
 * one says `truncated`). Ranking by score happens over the candidates read, never more.
 */
/** Shortest paths read per question. */
export const PATH_CANDIDATES = 50;
/** Shortest paths read per pair of `connect`. */
export const PATHS_PER_PAIR = 5;
/** Longer paths (`paths`, past the shortest length) kept per length. */
export const LONGER_PATHS_PER_LENGTH = 20;
/** Links a walk's end reads per step when `paths` looks for longer paths. */
export const WALK_STEPS_PER_NODE = 50;
/** Walks kept per step from each end when `paths` looks for longer paths. */
export const WALKS_PER_LAYER = 500;
/** Relationships returned by a neighbourhood. */
export const EDGE_LIMIT = 2_000;
/**
 * A neighbourhood member with more links than this is not expanded to find the links among the
 * members (LINKS_AMONG_MEMBERS): they are found from the other ends. Not expanding a member costs
 * an expand-into with each other such member, so the bar sits well above an ordinary entity's
 * degree (p99 29 in the bench graph) and below a hub's (thousands): few members pass it.
 */
export const DENSE_MEMBER_DEGREE = 1_000;

/**
 * The caps a neighbourhood statement takes as parameters for a node limit of `limit`: the limit,
 * each node's read ($perNode, and one more to know it was cut), the links returned and the bar of
 * a dense member. One place, for the repository and for anything that runs the statement itself.
 */
export function neighbourhoodCaps(limit: number, denseDegree = DENSE_MEMBER_DEGREE) {
  return {
    nodeLimit: int(limit),
    perNode: int(limit),
    perNodePlusOne: int(limit + 1),
    edgeLimitPlusOne: int(EDGE_LIMIT + 1),
    denseDegree: int(denseDegree),
  };
}

const ALLEGATION_TYPES: readonly RelationshipType[] = [
  RelationshipType.ALLEGES,
  RelationshipType.ACCUSES,
  RelationshipType.CONCERNS,
  RelationshipType.DENIES,
];

/** Raw candidate paths, and whether a cap left some out. */
export interface PathCandidates {
  paths: RawPath[];
  truncated: boolean;
}

/**
 * A path question's answer from the search: the candidates; the entities their shortest paths
 * cite, by id (null where none exists or the caller may not see it: what the entity loader would
 * answer); and which end, if any, is not there for the caller (NOT_FOUND; no candidates then).
 */
export interface PathSearch extends PathCandidates {
  cited: ReadonlyMap<string, AnyEntity | null>;
  missingEnd: 'fromId' | 'toId' | null;
}

/** `connect`'s answer from the search: its anchors in the order asked (null: NOT_FOUND), the candidates, what they cite. */
export interface ConnectSearch extends PathCandidates {
  anchors: Array<AnyEntity | null>;
  cited: ReadonlyMap<string, AnyEntity | null>;
}

interface NeighbourhoodRow {
  nodes: Array<ReadWhole<{ labels: string[] }> | ReadProjected<{ labels: string[] }>>;
  edges: Array<ReadWhole<Omit<RawEdge, 'props'>> | ReadProjected<Omit<RawEdge, 'props'>>>;
  nodesTruncated: boolean;
  hiddenSourceIds: string[];
}

interface PathRow {
  nodes: NodeRecord[];
  edges: RawEdge[];
  allegations: AllegationContext[];
  citations: Array<[string, string]>;
}

/** An entity a statement read by id: null where none exists or the caller may not see it. */
interface ReadById {
  id: string;
  entity: NodeRecord | null;
}

interface ShortestPathsRow {
  fromFound: boolean;
  toFound: boolean;
  paths: PathRow[];
  cited: ReadById[];
  hiddenSourceIds: string[];
}

interface ConnectRow {
  anchors: Array<{ i: number; entity: NodeRecord | null }>;
  paths: Array<PathRow & { pair: number }>;
  cited: ReadById[];
  hiddenSourceIds: string[];
}

const citedEntities = (rows: ReadById[]): ReadonlyMap<string, AnyEntity | null> =>
  new Map(rows.map(({ id, entity }) => [id, entity && toEntity(entity)]));

/** The first and last day a period filter can mean when only one of its ends is given. */
const OPEN_START = '0001-01-01';
const OPEN_END = '9999-12-31';

/**
 * The period the graph is read in: asOf's (a year is all its days), or from–to's, the same test
 * over a longer period (so the statements stay as they are: only $asOfStart/$asOfEnd differ).
 * asOf with from or to, or a `to` before `from`, is a mistake the caller must hear about.
 */
export function periodOf(args: TraversalFilterArgs): { start: string; end: string } | null {
  if (args.asOf && (args.from || args.to))
    throw BadUserInputError.field(args.from ? 'from' : 'to', 'cannot be combined with asOf (use one or the other)');
  if (args.asOf) {
    const asOf = parsePartialDate(args.asOf);
    return { start: asOf.earliest, end: asOf.latest };
  }
  if (!args.from && !args.to) return null;
  const start = args.from ? parsePartialDate(args.from).earliest : OPEN_START;
  const end = args.to ? parsePartialDate(args.to).latest : OPEN_END;
  if (end < start) throw BadUserInputError.field('to', `ends before from (${args.from})`);
  return { start, end };
}

/**
 * The parameters every traversal filter turns into (see traversal.cypher.ts). Without
 * allegations, a traversal keeps reported facts only: no allegation links and no events that
 * did not happen (threatened, planned, considered).
 */
export function filterParams(
  args: TraversalFilterArgs,
  includeAllegations = true,
): Params & { types: readonly RelationshipType[] } {
  let types = args.relationTypes?.length ? args.relationTypes : CONNECTION_TYPES;
  if (!includeAllegations) types = types.filter((type) => !ALLEGATION_TYPES.includes(type));
  const period = periodOf(args);
  return {
    types,
    maxCredibility: int(args.minCredibility ?? MAX_CREDIBILITY),
    asOfStart: period ? toNeo4jDate(period.start) : null,
    asOfEnd: period ? toNeo4jDate(period.end) : null,
    factsOnly: !includeAllegations,
    hypotheticalStatuses: HYPOTHETICAL_EVENT_STATUSES,
  };
}

/** A visible link shows only its visible sources. */
const shownEdge = (edge: RawEdge, visible: VisibilityParams): RawEdge => ({
  ...edge,
  props: { ...edge.props, sourceIds: visibleIds(edge.props.sourceIds, visible) },
});

const toRawPath = (row: PathRow, visible: VisibilityParams): RawPath => ({
  nodes: row.nodes.map(toEntity),
  edges: row.edges.map((edge) => shownEdge(edge, visible)),
  allegations: row.allegations,
  citations: row.citations,
});

/** A path that visits an entity twice is a detour, not a distinct link. */
const simple = (path: RawPath) => new Set(path.nodes.map((node) => node.id)).size === path.nodes.length;

export class TraversalRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  /** The neighbourhood, reading of its nodes and links only the properties `projection` names. */
  async neighborhood(args: NeighborhoodArgs, projection: SubgraphProjection = WHOLE_SUBGRAPH) {
    const { nodeProperties, edgeProperties } = projection;
    // Grades choose among neighbours only when the caller asked about grades (minCredibility);
    // otherwise the nearest read first, unsorted (see NeighbourOrder).
    const order = args.minCredibility == null ? NeighbourOrder.NEAREST : NeighbourOrder.GRADED;
    // The statement reads the hidden sources itself (one transaction, not two) and hands them back.
    const visibleTlp = this.visibility.visibleTlp;
    const rows = await this.db.read<NeighbourhoodRow>(
      'traversal.neighborhood',
      neighborhoodStatement(args.depth, args.direction, order, {
        projectNodes: nodeProperties !== null,
        projectEdges: edgeProperties !== null,
      }),
      {
        ...filterParams(args),
        visibleTlp,
        id: args.id,
        ...neighbourhoodCaps(args.limit),
        ...(nodeProperties && { nodeProperties }),
        ...(edgeProperties && { edgeProperties }),
      },
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    const visible = { visibleTlp, hiddenSourceIds: row.hiddenSourceIds };
    this.visibility.remember(visible);
    const edges: SubgraphEdge[] = row.edges
      .slice(0, EDGE_LIMIT)
      .map((edge) => toSubgraphEdge(shownEdge(withProperties(edge, edgeProperties), visible)));
    const nodes = row.nodes.map((node) => toEntity(withProperties(node, nodeProperties)));
    return { nodes, edges, truncated: row.nodesTruncated || row.edges.length > EDGE_LIMIT };
  }

  /**
   * Candidate paths from `fromId` to `toId`: at most PATH_CANDIDATES of the shortest length and,
   * with `longer`, at most LONGER_PATHS_PER_LENGTH of each longer length up to maxHops. The ends'
   * check, the search, the hidden sources and the cited entities are one statement (one round trip
   * on every shortestPath); longer paths take their own statements after it.
   */
  async paths(args: PathArgs, longer = false): Promise<PathSearch> {
    const visibleTlp = this.visibility.visibleTlp;
    const filtering = filterParams(args, args.includeAllegations);
    const [row] = await this.db.read<ShortestPathsRow>(
      'traversal.paths',
      shortestPathsStatement(args.maxHops, filtering.types),
      {
        ...filtering,
        visibleTlp,
        fromId: args.fromId,
        toId: args.toId,
        candidatesPlusOne: int(PATH_CANDIDATES + 1),
      },
    );
    const visible = { visibleTlp, hiddenSourceIds: row.hiddenSourceIds };
    this.visibility.remember(visible);
    const missingEnd = !row.fromFound ? 'fromId' : !row.toFound ? 'toId' : null;
    const toPath = (path: PathRow) => toRawPath(path, visible);
    const shortest = row.paths.slice(0, PATH_CANDIDATES).map(toPath).filter(simple);
    let truncated = row.paths.length > PATH_CANDIDATES;
    const answer = (paths: RawPath[], cited: ReadById[] = row.cited): PathSearch => ({
      paths,
      truncated,
      cited: citedEntities(cited),
      missingEnd,
    });
    if (!longer || shortest.length === 0 || shortest[0].edges.length >= args.maxHops) return answer(shortest);
    const filters = { ...filtering, ...visible };

    const walks = (fromStart: boolean, layers: number) =>
      this.db.read<{ walks: WalkIds[][]; capped: boolean }>('traversal.pathWalks', pathWalksStatement(layers), {
        ...filters,
        fromId: args.fromId,
        toId: args.toId,
        fromStart,
        perNode: int(WALK_STEPS_PER_NODE),
        perNodePlusOne: int(WALK_STEPS_PER_NODE + 1),
        walksPerLayer: int(WALKS_PER_LAYER),
      });
    const [[forward], [backward]] = await Promise.all([
      walks(true, Math.ceil(args.maxHops / 2)),
      walks(false, Math.floor(args.maxHops / 2)),
    ]);
    if (!forward || !backward) return answer(shortest);
    const joined = joinHalves(
      forward.walks,
      backward.walks,
      shortest[0].edges.length + 1,
      args.maxHops,
      LONGER_PATHS_PER_LENGTH,
    );
    truncated ||= forward.capped || backward.capped || joined.capped;
    if (joined.paths.length === 0) return answer(shortest);
    const [longerRow] = await this.db.read<{ paths: PathRow[]; cited: ReadById[] }>(
      'traversal.pathsByIds',
      pathsByIdsStatement(),
      { paths: joined.paths, ...visible },
    );
    return answer([...shortest, ...longerRow.paths.map(toPath).filter(simple)], [...row.cited, ...longerRow.cited]);
  }

  /**
   * Shortest paths between every pair of `ids`, at most PATHS_PER_PAIR per pair, with the anchors
   * themselves (null for one the caller cannot see: NOT_FOUND) and the entities the paths cite, in
   * one statement.
   */
  async connect(args: ConnectArgs): Promise<ConnectSearch> {
    const pairs = args.ids.flatMap((a, i) => args.ids.slice(i + 1).map((b) => [a, b]));
    const visibleTlp = this.visibility.visibleTlp;
    const filters = filterParams(args, args.includeAllegations);
    const [row] = await this.db.read<ConnectRow>('traversal.connect', connectStatement(args.maxHops, filters.types), {
      ...filters,
      visibleTlp,
      ids: args.ids,
      pairs,
      pathsPerPairPlusOne: int(PATHS_PER_PAIR + 1),
    });
    const visible = { visibleTlp, hiddenSourceIds: row.hiddenSourceIds };
    this.visibility.remember(visible);
    const anchors = [...row.anchors].sort((a, b) => a.i - b.i).map(({ entity }) => entity && toEntity(entity));
    const seenPerPair = new Map<number, number>();
    let truncated = false;
    const kept: PathRow[] = [];
    for (const path of row.paths) {
      const seen = (seenPerPair.get(path.pair) ?? 0) + 1;
      seenPerPair.set(path.pair, seen);
      if (seen > PATHS_PER_PAIR) truncated = true;
      else kept.push(path);
    }
    const paths = kept.map((path) => toRawPath(path, visible)).filter(simple);
    return { anchors, paths, truncated, cited: citedEntities(row.cited) };
  }
}
