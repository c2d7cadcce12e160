import { HIDDEN_SOURCES_AS, PROPERTY_COLUMN, varLengthBound, VISIBLE } from '../db';
import { Direction } from '../common/enums';
import {
  CLAIM_LINK_TYPES,
  DEFAULT_CLAIM_CREDIBILITY,
  ENTITY_LABEL,
  MAX_CREDIBILITY,
  RelationshipType,
} from '../model/vocabulary';

/**
 * The Cypher of traversals. Every filter sits inside the search (the shortest-path search, or each
 * limited per-entity read), so Neo4j prunes while it expands instead of filtering finished paths;
 * every expansion has an upper bound (hops from a closed table, never from request text; rows
 * per entity and per layer as parameters), and every value is a parameter:
 *   $types          relationship types to follow
 *   $maxCredibility follow links graded this or better (1 best); a link from an allegation to
 *                   what it alleges (ACCUSES, CONCERNS) is graded by the claim's content too
 *                   (the allegation's claimCredibility), not only by the report that it was made
 *   $asOfStart/$asOfEnd  the asOf date's period (null = no time filter): a link must be dated
 *                   (its validFrom, else the start of the event it joins) to a day by $asOfEnd and
 *                   not end before $asOfStart; an event must have begun by $asOfEnd. Undated means
 *                   unknown, not valid: left out, as timeline(to:) leaves undated events out.
 *   $factsOnly      leave out events that did not happen (threatened, planned, considered)
 *   $hypotheticalStatuses  those event statuses
 *   $visibleTlp/$hiddenSourceIds  the caller's view (VISIBLE, src/db/visibility.ts): a hidden
 *                   entity or link is not there to be reached, stepped through or shown
 */

const CLAIM_LINKS = `[${CLAIM_LINK_TYPES.map((type) => `'${type}'`).join(', ')}]`;

/**
 * `test` only when `unfiltered` (a test of parameters alone) is false. A CASE, not an OR: Neo4j
 * evaluates a CASE branch only when it is taken, so a search without the filter reads none of
 * its properties on the thousands of links and entities it tests (measured with VISIBLE's CASE,
 * src/db/visibility.ts: these constant tests as CASEs took a further ~10% off allShortestPaths).
 */
const WHEN_FILTERING = (unfiltered: string, test: string) => `CASE WHEN ${unfiltered} THEN true ELSE ${test} END`;

/**
 * Is relationship `r` one to follow: type, grade and, with asOf, known to be valid at some time in
 * that period. `hidden` names the list of hidden sources (VISIBLE): the parameter, or the
 * variable of a statement that reads the list itself (the neighbourhood).
 */
export const LINK_PREDICATE = (r: string, hidden?: string) =>
  `type(${r}) IN $types AND ${r}.retracted IS NULL AND ${r}.credibility <= $maxCredibility AND ${VISIBLE(r, hidden)}` +
  // Without minCredibility every claim passes: the constant test spares reading the allegation.
  ` AND ${WHEN_FILTERING(`$maxCredibility >= ${MAX_CREDIBILITY} OR NOT type(${r}) IN ${CLAIM_LINKS}`, `coalesce(startNode(${r}).claimCredibility, ${DEFAULT_CLAIM_CREDIBILITY}) <= $maxCredibility`)}` +
  // An undated link compares as null: coalesce(..., false) leaves it out (unknown is not valid).
  ` AND ${WHEN_FILTERING('$asOfStart IS NULL', `coalesce(coalesce(${r}.validFromDate, startNode(${r}).startDate, endNode(${r}).startDate) <= $asOfEnd, false) AND (${r}.validToDate IS NULL OR ${r}.validToDate >= $asOfStart)`)}`;

/**
 * Retracted entities are not there to be reached; with asOf, neither is an event not known to
 * have begun by then (undated included); with $factsOnly, neither is an event that did not happen.
 */
export const NODE_PREDICATE = (n: string, hidden?: string) =>
  `${n}.retracted IS NULL AND ${VISIBLE(n, hidden)} AND ${WHEN_FILTERING(
    '$asOfStart IS NULL AND NOT $factsOnly',
    `($asOfStart IS NULL OR NOT ${n}:Event OR coalesce(${n}.startDate <= $asOfEnd, false))` +
      ` AND (NOT $factsOnly OR NOT ${n}:Event OR NOT coalesce(${n}.status, 'OCCURRED') IN $hypotheticalStatuses)`,
  )}`;

/** The two halves of a relationship pattern's arrow for each direction: `(a)<left>[r]<right>(b)`. */
export const ARROWS: Readonly<Record<Direction, [string, string]>> = {
  [Direction.OUTGOING]: ['-', '->'],
  [Direction.INCOMING]: ['<-', '-'],
  [Direction.BOTH]: ['-', '-'],
};

/**
 * A path that passes through an allegation relies on its claim: the step out of an allegation
 * (whichever link it leaves by) must meet $maxCredibility with the claim's grade too. A path may
 * still end at an allegation ("who denies this claim?") on the report's grades.
 */
export const LEAVING_PREDICATE = (x: string) =>
  WHEN_FILTERING(
    `$maxCredibility >= ${MAX_CREDIBILITY}`,
    `NOT ${x}:Allegation OR coalesce(${x}.claimCredibility, ${DEFAULT_CLAIM_CREDIBILITY}) <= $maxCredibility`,
  );

/**
 * The node filters of a path from `a` to `b` as one test per node, so they can sit inside a
 * bidirectional search (which checks nodes, not steps): every node but the start must be
 * reachable (NODE_PREDICATE), and every node but the end must be one a path may leave
 * (LEAVING_PREDICATE). For a simple path this is the same as testing each step.
 */
export const ON_PATH_PREDICATE = (n: string, a: string, b: string, hidden?: string) =>
  `(${n} = ${a} OR (${NODE_PREDICATE(n, hidden)})) AND (${n} = ${b} OR ${LEAVING_PREDICATE(n)})`;

/** A path's ends `a` and `b` must be visible: a question about a hidden entity has no answer. */
const ENDS_VISIBLE = `${VISIBLE('a')} AND ${VISIBLE('b')}`;

/** A node and a link as repositories read them: whole, or only the keys in the parameter `keys` (PROPERTY_COLUMN). */
const NODE_MAP = (n: string, keys: string | null = null) => `{${PROPERTY_COLUMN(n, keys)}, labels: labels(${n})}`;
/** A node an OPTIONAL MATCH may not have found: NODE_MAP, or null. */
const NODE_MAP_OR_NULL = (n: string) => `CASE WHEN ${n} IS NULL THEN null ELSE ${NODE_MAP(n)} END`;
const EDGE_MAP = (r: string, keys: string | null = null) =>
  `{type: type(${r}), ${PROPERTY_COLUMN(r, keys)}, fromId: startNode(${r}).id, toId: endNode(${r}).id}`;

/**
 * Whether a neighbourhood reads its nodes and links whole or only the keys in `$nodeProperties` /
 * `$edgeProperties` (subgraph-projection.ts).
 */
export interface NeighbourhoodColumns {
  projectNodes: boolean;
  projectEdges: boolean;
}

const PARTY = (n: string) =>
  `{id: ${n}.id, name: ${n}.name, labels: labels(${n}), plural: ${n}.plural = true OR coalesce(${n}.quantityValue, 0) > 1}`;
const LIVE = (n: string, r: string, hidden?: string) =>
  `${n}.retracted IS NULL AND ${r}.retracted IS NULL AND ${VISIBLE(n, hidden)} AND ${VISIBLE(r, hidden)}`;

/**
 * For each allegation a path passes through: who alleges it, whom it accuses, what it concerns,
 * who denies it (retracted links left out); folded into the path statement so the explanation
 * costs no extra query.
 */
const ALLEGATIONS_ON = (ns: string, hidden?: string) => `[n IN ${ns} WHERE n:Allegation | {id: n.id,
    accusers: [(accuser)-[r:ALLEGES]->(n) WHERE ${LIVE('accuser', 'r', hidden)} | ${PARTY('accuser')}],
    accused: [(n)-[r:ACCUSES]->(target) WHERE ${LIVE('target', 'r', hidden)} | ${PARTY('target')}],
    concerns: [(n)-[r:CONCERNS]->(subject) WHERE ${LIVE('subject', 'r', hidden)} | ${PARTY('subject')}],
    deniers: [(denier)-[r:DENIES]->(n) WHERE ${LIVE('denier', 'r', hidden)} | ${PARTY('denier')}]}] AS allegations`;

/**
 * Which sources on the path cite which (CITES): a source that cites another, or is cited by it,
 * is not independent of it, so the two count once when a link's sources are combined.
 */
const CITATIONS_ON = (rs: string, hidden?: string) => `COLLECT {
    UNWIND reduce(ids = [], rel IN ${rs} | ids + coalesce(rel.sourceIds, [])) AS citing
    MATCH (s:${ENTITY_LABEL} {id: citing})-[c:CITES]->(t:Source)
    WHERE s:Source AND c.retracted IS NULL AND ${VISIBLE('s', hidden)} AND ${VISIBLE('t', hidden)} AND ${VISIBLE('c', hidden)}
      AND any(rel IN ${rs} WHERE t.id IN coalesce(rel.sourceIds, []))
    RETURN DISTINCT [s.id, t.id]
  } AS citations`;

/** What the repository reads of a path, given its node and relationship lists. */
const PATH_COLUMNS = (ns: string, rs: string, hidden?: string) =>
  `[n IN ${ns} | ${NODE_MAP('n')}] AS nodes, [rel IN ${rs} | ${EDGE_MAP('rel')}] AS edges, ${ALLEGATIONS_ON(ns, hidden)}, ${CITATIONS_ON(rs, hidden)}`;

/**
 * How a neighbourhood chooses among more neighbours than it may keep. GRADED (with
 * `minCredibility`): best graded first, then by id, so answers are stable; Neo4j reads all of a
 * hub's relationships to order them, but keeps only the best few (a top-k sort): a 42k-edge hub
 * costs one scan, not 42k rows flowing on. NEAREST (no credibility filter): the first ones read,
 * in storage order, with no sort: a hub costs only the `$perNodePlusOne` links read, and a layer
 * is not graded before the limit. The caps, and what `truncated` says, are the same in both.
 */
export enum NeighbourOrder {
  GRADED = 'GRADED',
  NEAREST = 'NEAREST',
}

/**
 * The neighbourhood's and the path search's own list of the sources above the caller's clearance
 * (HIDDEN_SOURCES, read by the statement itself as a variable): one transaction, not a second one
 * before it for the list (on a 2-core machine that round trip cost about as much as the raw
 * expansion the neighbourhood is measured against).
 */
const HIDDEN = 'hiddenSourceIds';

/** Up to `$perNodePlusOne` reachable neighbours `y` of `x` not yet in `seen` (see NeighbourOrder). */
function neighboursOf(direction: Direction, seen: string, order: NeighbourOrder): string {
  const [left, right] = ARROWS[direction];
  const pick =
    order === NeighbourOrder.GRADED
      ? `WITH r, y ORDER BY r.credibility, r.id LIMIT $perNodePlusOne
    RETURN collect({node: y, credibility: r.credibility}) AS reached`
      : `WITH y LIMIT $perNodePlusOne
    RETURN collect(y) AS reached`;
  return `MATCH (x)${left}[r]${right}(y)
    WHERE ${LINK_PREDICATE('r', HIDDEN)} AND ${LEAVING_PREDICATE('x')} AND ${NODE_PREDICATE('y', HIDDEN)} AND NOT y IN ${seen}
    ${pick}`;
}

/**
 * The entities a layer reached, each once (`fresh`), from what each node of the frontier read (at
 * most `$perNode` of each; `reached` per row), and whether some node read more (`nodeCapped`).
 *
 * GRADED: every node's reads, then best graded first. NEAREST: in the order read, and the layer
 * stops asking further nodes once it holds more new entities than can still be kept
 * ($nodeLimit + 2: the limit, the start and one more to say it was cut; Neo4j's community
 * runtime pulls rows one at a time, so the LIMIT stops the reads). A stop changes nothing the
 * answer shows: the layer is then full, so the answer is cut (`truncated`) whatever the nodes not
 * asked would have read, and the next layer has no frontier. A node that read more than
 * `$perNode` adds a null row, which DISTINCT keeps once and `collect` leaves out.
 */
function freshOf(order: NeighbourOrder): string {
  return order === NeighbourOrder.GRADED
    ? `WITH collect(reached) AS reachedByNode
  CALL (reachedByNode) {
    UNWIND reachedByNode AS reached
    UNWIND reached[0..$perNode] AS step
    WITH step.node AS node, min(step.credibility) AS best
    ORDER BY best, node.id
    RETURN collect(node) AS fresh
  }
  RETURN any(reached IN reachedByNode WHERE size(reached) > $perNode) AS nodeCapped, fresh`
    : `UNWIND CASE WHEN size(reached) > $perNode THEN reached[0..$perNode] + [null] ELSE reached END AS node
  WITH DISTINCT node LIMIT $nodeLimit + 3
  RETURN collect(node) AS fresh, count(*) > count(node) AS nodeCapped`;
}

/**
 * One layer of a neighbourhood: each node of `frontier` reads its first `$perNode` new neighbours
 * (neighboursOf, in `order`); the layer keeps as many of them as still fit under the node limit
 * (one more, to know whether it was cut). `capped` records that a per-node read or the limit left
 * someone out.
 */
function neighbourhoodLayer(direction: Direction, order: NeighbourOrder): string {
  return `
CALL (kept, frontier, ${HIDDEN}) {
  UNWIND frontier AS x
  CALL (x, kept, ${HIDDEN}) {
    ${neighboursOf(direction, 'kept', order)}
  }
  ${freshOf(order)}
}
WITH ${HIDDEN}, kept + fresh[0..($nodeLimit + 2 - size(kept))] AS kept, fresh, capped OR nodeCapped AS capped
WITH ${HIDDEN}, kept, CASE WHEN size(kept) > $nodeLimit THEN [] ELSE fresh END AS frontier, capped`;
}

/**
 * How many layers a statement may unroll (a neighbourhood's depth, a path half's steps): a closed
 * range, checked before a number from a request shapes the statement's text.
 */
function layersUpTo3(layers: number, what: string): number {
  if (![1, 2, 3].includes(layers)) throw new Error(`${what} ${layers} is outside 1-3`);
  return layers;
}

/**
 * The links among a neighbourhood's `members` (rows `r`, each once), read from the cheaper end: a
 * member with more than `$denseDegree` links of any kind (a hub: Neo4j keeps its degree, so asking
 * costs no scan) is not expanded; its links to other members are found from their side, and
 * between two such members by Neo4j's expand-into, which starts from the end with fewer links
 * (never from a member to itself: no way in writes a link from an entity to itself, the
 * SelfLoop rule, and that expand-into would read every link of the hub).
 * Expanding every member instead read every link of each hub among them: 7,000 to 25,000 links for
 * an ordinary neighbourhood of 50 at 1M entities, against the 100-200 its layers read. Membership
 * is tested first, in a CASE: Neo4j orders the terms of a WHERE as its estimates suggest, and one
 * plan read the marks of every link expanded (~700) before dropping those that leave the members
 * (db hits of that filter 265 -> 863); a CASE's THEN runs only for the links among the members.
 */
const LINKS_AMONG_MEMBERS = `CALL (members, ${HIDDEN}) {
  UNWIND members AS member
  WITH members, member WHERE COUNT { (member)--() } > $denseDegree
  RETURN collect(member) AS dense
}
CALL (members, dense, ${HIDDEN}) {
  UNWIND members AS a
  WITH members, dense, a, ${HIDDEN} WHERE NOT a IN dense
  MATCH (a)-[r]-(b) WHERE CASE WHEN b IN members AND (startNode(r) = a OR b IN dense) THEN ${LINK_PREDICATE('r', HIDDEN)} ELSE false END
  RETURN r
  UNION
  UNWIND dense AS a
  UNWIND dense AS b
  WITH a, b, ${HIDDEN} WHERE a <> b
  MATCH (a)-[r]->(b) WHERE ${LINK_PREDICATE('r', HIDDEN)}
  RETURN r
}`;

/**
 * The nearest `$nodeLimit` entities within `depth` hops, and the links among them. Expands layer by
 * layer from the start, each node through a limited read of its links (in `order`), and stops
 * once the limit is reached, so a hub costs one bounded read instead of its whole ball. The
 * answer is cut (`truncated`) when a node had more new neighbours than it may read, or the layers
 * held more than the limit.
 */
export function neighborhoodStatement(
  depth: number,
  direction: Direction,
  order: NeighbourOrder,
  columns: NeighbourhoodColumns = { projectNodes: false, projectEdges: false },
): string {
  const layers = layersUpTo3(depth, 'neighbourhood depth');
  const edgeKeys = columns.projectEdges ? '$edgeProperties' : null;
  const nodeKeys = columns.projectNodes ? '$nodeProperties' : null;
  return `
${HIDDEN_SOURCES_AS(HIDDEN)}
MATCH (start:${ENTITY_LABEL} {id: $id}) WHERE ${VISIBLE('start', HIDDEN)}
WITH ${HIDDEN}, [start] AS kept, [start] AS frontier, false AS capped${neighbourhoodLayer(direction, order).repeat(layers)}
WITH ${HIDDEN}, kept[0..($nodeLimit + 1)] AS members, capped OR size(kept) > $nodeLimit + 1 AS nodesTruncated
CALL (members, ${HIDDEN}) {
  ${LINKS_AMONG_MEMBERS.replace(/\n/g, '\n  ')}
  WITH r ORDER BY r.id LIMIT $edgeLimitPlusOne
  RETURN collect(${EDGE_MAP('r', edgeKeys)}) AS edges
}
RETURN [n IN members | ${NODE_MAP('n', nodeKeys)}] AS nodes, edges, nodesTruncated, ${HIDDEN}`;
}

/**
 * The shortest paths from `a` to `b` (PATH_FILTERS on `rs` follow it; Neo4j tests them inside the
 * search). `allShortestPaths` runs Neo4j's bidirectional breadth-first search (it expands the
 * smaller side, so a hub at one end does not make the other end's ball explode), finds the
 * shortest length first and then yields the paths of that length one by one, so a LIMIT after it
 * bounds the enumeration. (The `SHORTEST` selectors of quantified path patterns search from one
 * side in Neo4j 5.26, and `ALL SHORTEST` enumerates every path before a LIMIT: measured, they
 * time out between hubs.)
 * The relationship types are written into the pattern (typesPattern), not only tested in the
 * predicate: with `type(r) IN $types` alone the search reads every link of every entity it
 * reaches (REPORTED_BY and CITES included, thousands at a source) and throws most away; typed, it
 * reads only the links it may follow. Measured on a warm 1M-entity pair: 307 ms against 25 ms.
 */
const ALL_SHORTEST_PATHS = (maxHops: number, types: readonly RelationshipType[]) =>
  `p = allShortestPaths((a)-[rs${typesPattern(types)}${varLengthBound(maxHops)}]-(b))`;

/** The filters of a path `p` from `a` to `b` whose links are `rs`: every link, every entity on it. */
const PATH_FILTERS = (rs: string, hidden?: string) =>
  `all(r IN ${rs} WHERE ${LINK_PREDICATE('r', hidden)}) AND all(n IN nodes(p) WHERE ${ON_PATH_PREDICATE('n', 'a', 'b', hidden)})`;

/**
 * Up to `limit` shortest paths from `a` to `b` (both bound, not equal) as rows `p`: the direct
 * links first; when there are none, the paths through one entity; when there are none either,
 * ALL_SHORTEST_PATHS for the longer ones. Each step runs only when the steps before it found nothing,
 * so every path yielded has the shortest length (a path of two links that repeats an end holds a
 * direct link, which the first step finds). The two short steps are plain patterns that Neo4j stops
 * reading once `limit` paths are found; allShortestPaths first reads every link of the side it
 * expands. Between two hubs two hops apart (1M entities, hubs of 30k-42k links) the search read
 * 710,300 db hits and took 211 ms at p50, the patterns 30,000 hits and 43 ms, with the same paths;
 * between ordinary entities the short steps read a few links before the search runs as before.
 */
function shortestCandidates(
  maxHops: number,
  types: readonly RelationshipType[],
  hidden: string,
  limit: string,
  indent: string,
): string {
  const typed = typesPattern(types);
  const step = (name: string, earlier: readonly string[], match: string, filters: string) => {
    const vars = ['a', 'b', hidden, ...earlier].join(', ');
    const none = earlier.length
      ? `\n  WITH a, b, ${hidden} WHERE ${earlier.map((found) => `size(${found})`).join(' + ')} = 0`
      : '';
    return `CALL (${vars}) {${none}
  MATCH ${match}
  WHERE ${filters}
  WITH p LIMIT ${limit}
  RETURN collect(p) AS ${name}
}`;
  };
  const patternFilters = PATH_FILTERS('relationships(p)', hidden);
  const steps = [step('adjacent', [], `p = (a)-[r1${typed}]-(b)`, patternFilters)];
  const found = ['adjacent'];
  if (maxHops >= 2) {
    steps.push(step('throughOne', found, `p = (a)-[r1${typed}]-(via)-[r2${typed}]-(b)`, patternFilters));
    found.push('throughOne');
  }
  if (maxHops >= 3) {
    steps.push(step('longer', found, ALL_SHORTEST_PATHS(maxHops, types), PATH_FILTERS('rs', hidden)));
    found.push('longer');
  }
  return `${steps.join('\n')}\nUNWIND ${found.join(' + ')} AS p`.replace(/\n/g, `\n${indent}`);
}

/**
 * A relationship-type pattern (`:A|B|C`) for a search: only values of the closed enum
 * (RelationshipType) ever become text; sorted and without repeats, so one set is one plan. No type
 * at all writes no pattern (`$types`, empty, then lets nothing through).
 */
export function typesPattern(types: readonly RelationshipType[]): string {
  const known = new Set<string>(Object.values(RelationshipType));
  const listed = [...new Set(types)].filter((type) => known.has(type)).sort();
  return listed.length === 0 ? '' : `:${listed.join('|')}`;
}

/** One candidate path as the repositories read it (PATH_COLUMNS), collected: `WITH <PATH_COLUMNS>` before it. */
const COLLECTED_PATH = (extra = '') =>
  `collect({${extra}nodes: nodes, edges: edges, allegations: allegations, citations: citations})`;

/**
 * The entities cited by the collected candidate `paths` (their links' and nodes' sourceIds), as
 * `cited`: each id with its entity, or null where none exists or the caller may not see it, which
 * is what the entity loader would answer; the resolvers prime the request's loader with them, so
 * grading and every `sources` field under the answer send no statement of their own.
 */
const CITED_BY_PATHS = `CALL (paths, ${HIDDEN}) {
  UNWIND paths AS path
  UNWIND path.nodes + path.edges AS item
  UNWIND coalesce(item.props.sourceIds, []) AS citedId
  WITH DISTINCT citedId, ${HIDDEN}
  OPTIONAL MATCH (cited:${ENTITY_LABEL} {id: citedId}) WHERE ${VISIBLE('cited', HIDDEN)}
  RETURN collect({id: citedId, entity: ${NODE_MAP_OR_NULL('cited')}}) AS cited
}`;

/**
 * A path question answered in one statement, one row: whether each end is there for the caller
 * (`fromFound`, `toFound`: NOT_FOUND is decided from the same read, with no lookup of its own), at
 * most `$candidatesPlusOne` shortest paths between them (`paths`, in the order the search yields
 * them; ranking happens in path-score.ts), the entities they cite (`cited`, CITED_BY_PATHS), and
 * the sources above the caller's clearance it read (`hiddenSourceIds`, handed to the request's
 * later statements). Equal ends are not searched.
 */
export function shortestPathsStatement(maxHops: number, types: readonly RelationshipType[]): string {
  return `
${HIDDEN_SOURCES_AS(HIDDEN)}
OPTIONAL MATCH (a:${ENTITY_LABEL} {id: $fromId}) WHERE ${VISIBLE('a', HIDDEN)}
OPTIONAL MATCH (b:${ENTITY_LABEL} {id: $toId}) WHERE ${VISIBLE('b', HIDDEN)}
CALL (a, b, ${HIDDEN}) {
  WITH a, b, ${HIDDEN} WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  ${shortestCandidates(maxHops, types, HIDDEN, '$candidatesPlusOne', '  ')}
  WITH ${PATH_COLUMNS('nodes(p)', 'relationships(p)', HIDDEN)}
  RETURN ${COLLECTED_PATH()} AS paths
}
${CITED_BY_PATHS}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths, cited, ${HIDDEN}`;
}

/**
 * `connect` in one statement, one row: its anchors in the order given (`anchors`, each with its
 * entity or null where none exists or the caller may not see it: NOT_FOUND, decided from the same
 * read), at most `$pathsPerPairPlusOne` shortest paths between each pair of them (`paths`, each
 * with its `pair`; none searched when an anchor is missing), the entities they cite (`cited`,
 * CITED_BY_PATHS), and the hidden sources it read.
 */
export function connectStatement(maxHops: number, types: readonly RelationshipType[]): string {
  return `
${HIDDEN_SOURCES_AS(HIDDEN)}
CALL (${HIDDEN}) {
  UNWIND range(0, size($ids) - 1) AS i
  OPTIONAL MATCH (anchor:${ENTITY_LABEL} {id: $ids[i]}) WHERE ${VISIBLE('anchor', HIDDEN)}
  RETURN collect({i: i, entity: ${NODE_MAP_OR_NULL('anchor')}}) AS anchors
}
CALL (anchors, ${HIDDEN}) {
  WITH anchors, ${HIDDEN} WHERE all(anchor IN anchors WHERE anchor.entity IS NOT NULL)
  UNWIND range(0, size($pairs) - 1) AS pair
  MATCH (a:${ENTITY_LABEL} {id: $pairs[pair][0]}), (b:${ENTITY_LABEL} {id: $pairs[pair][1]})
  CALL (a, b, ${HIDDEN}) {
    ${shortestCandidates(maxHops, types, HIDDEN, '$pathsPerPairPlusOne', '    ')}
    RETURN p
  }
  WITH pair, ${PATH_COLUMNS('nodes(p)', 'relationships(p)', HIDDEN)}
  RETURN ${COLLECTED_PATH('pair: pair, ')} AS paths
}
${CITED_BY_PATHS}
RETURN anchors, paths, cited, ${HIDDEN}`;
}

/**
 * One more step of every walk in `walks`: each walk's end reads at most `$perNodePlusOne` links
 * (in storage order: no sort, so a hub costs only what is read), the layer keeps at most
 * `$walksPerLayer` walks. Walks stay simple (no entity twice) and pass the path filters.
 */
const WALK_LAYER = (walks: string, next: string) => `
  CALL (a, b, ${walks}) {
    UNWIND ${walks} AS w
    CALL (a, b, w) {
      WITH a, b, w, last(w.ns) AS x
      MATCH (x)-[r]-(y) WHERE ${LINK_PREDICATE('r')} AND ${ON_PATH_PREDICATE('y', 'a', 'b')} AND NOT y IN w.ns
      WITH w, r, y LIMIT $perNodePlusOne
      RETURN collect({ns: w.ns + y, rs: w.rs + r}) AS extended
    }
    WITH collect(extended) AS extendedByWalk
    CALL (extendedByWalk) {
      UNWIND extendedByWalk AS extended
      UNWIND extended[0..$perNode] AS walk
      RETURN collect(walk) AS flat
    }
    RETURN any(extended IN extendedByWalk WHERE size(extended) > $perNode) OR size(flat) > $walksPerLayer AS ${next}Cut,
           flat[0..$walksPerLayer] AS ${next}
  }
  WITH *, capped OR ${next}Cut AS capped`;

const WALK_IDS = (walks: string) =>
  `[w IN ${walks} | {nodes: [n IN w.ns | elementId(n)], rels: [r IN w.rs | elementId(r)]}]`;

/**
 * One half of the longer paths (for `paths`): bounded walks of 1..`layers` steps from `a` (with
 * `$fromStart`) or from `b`, by length, as element ids, and whether a cap cut them. The
 * repository reads both halves (ceil(maxHops/2) steps from the start, floor(maxHops/2) from the
 * end; one statement text per step count, so Neo4j plans each once), joins them where they meet
 * (path-halves.ts) and reads the chosen paths with pathsByIdsStatement.
 */
export function pathWalksStatement(layers: number): string {
  layersUpTo3(layers, 'path walk steps');
  let text = `
MATCH (a:${ENTITY_LABEL} {id: $fromId}), (b:${ENTITY_LABEL} {id: $toId}) WHERE ${ENDS_VISIBLE}
WITH a, b, [{ns: [CASE WHEN $fromStart THEN a ELSE b END], rs: []}] AS walks0, false AS capped`;
  for (let layer = 1; layer <= layers; layer++) text += WALK_LAYER(`walks${layer - 1}`, `walks${layer}`);
  const byLength = Array.from({ length: layers }, (_, i) => WALK_IDS(`walks${i + 1}`)).join(', ');
  return `${text}
RETURN [${byLength}] AS walks, capped`;
}

/**
 * The paths named by their nodes' and relationships' element ids, in the order given (`paths`, one
 * row), with the entities they cite (`cited`, CITED_BY_PATHS), under the caller's view in the
 * parameters.
 */
export function pathsByIdsStatement(): string {
  return `
UNWIND $paths AS path
CALL (path) {
  UNWIND range(0, size(path.nodes) - 1) AS i
  MATCH (n) WHERE elementId(n) = path.nodes[i]
  WITH i, n ORDER BY i
  RETURN collect(n) AS ns
}
CALL (path) {
  UNWIND range(0, size(path.rels) - 1) AS i
  MATCH ()-[rel]->() WHERE elementId(rel) = path.rels[i]
  WITH i, rel ORDER BY i
  RETURN collect(rel) AS rs
}
WITH ${PATH_COLUMNS('ns', 'rs')}
WITH ${COLLECTED_PATH()} AS paths, $hiddenSourceIds AS ${HIDDEN}
${CITED_BY_PATHS}
RETURN paths, cited`;
}
