import { hopBound } from '../db';
import { Direction } from '../common/enums';
import { CLAIM_LINK_TYPES, DEFAULT_CLAIM_CREDIBILITY, ENTITY_LABEL, MAX_CREDIBILITY } from '../model/vocabulary';

/**
 * The Cypher of traversals. Every filter sits inside the quantified path pattern, so Neo4j prunes
 * while it expands instead of filtering finished paths; every pattern has an upper bound taken
 * from a closed table (never from request text); every value is a parameter:
 *   $types          relationship types to follow
 *   $maxCredibility follow links graded this or better (1 best); a link from an allegation to
 *                   what it alleges (ACCUSES, CONCERNS) is graded by the claim's content too
 *                   (the allegation's claimCredibility), not only by the report that it was made
 *   $asOfStart/$asOfEnd  the asOf date's period (null = no time filter)
 *   $factsOnly      leave out events that did not happen (threatened, planned, considered)
 *   $hypotheticalStatuses  those event statuses
 */

const CLAIM_LINKS = `[${CLAIM_LINK_TYPES.map((type) => `'${type}'`).join(', ')}]`;

/** Is relationship `r` one to follow: type, grade and, with asOf, valid at some time in that period. */
export const LINK_PREDICATE = (r: string) =>
  `type(${r}) IN $types AND ${r}.retracted IS NULL AND ${r}.credibility <= $maxCredibility` +
  // Without minCredibility every claim passes: the constant test spares reading the allegation.
  ` AND ($maxCredibility >= ${MAX_CREDIBILITY} OR NOT type(${r}) IN ${CLAIM_LINKS} OR coalesce(startNode(${r}).claimCredibility, ${DEFAULT_CLAIM_CREDIBILITY}) <= $maxCredibility)` +
  ` AND ($asOfStart IS NULL OR ((${r}.validFromDate IS NULL OR ${r}.validFromDate <= $asOfEnd)` +
  ` AND (${r}.validToDate IS NULL OR ${r}.validToDate >= $asOfStart)))`;

/**
 * Retracted entities are not there to be reached; with asOf, neither is an event not yet begun;
 * with $factsOnly, neither is an event that did not happen.
 */
export const NODE_PREDICATE = (n: string) =>
  `${n}.retracted IS NULL AND ($asOfStart IS NULL OR NOT ${n}:Event OR ${n}.startDate IS NULL OR ${n}.startDate <= $asOfEnd)` +
  ` AND (NOT $factsOnly OR NOT ${n}:Event OR NOT coalesce(${n}.status, 'OCCURRED') IN $hypotheticalStatuses)`;

const ARROWS: Readonly<Record<Direction, [string, string]>> = {
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
  `($maxCredibility >= ${MAX_CREDIBILITY} OR NOT ${x}:Allegation OR coalesce(${x}.claimCredibility, ${DEFAULT_CLAIM_CREDIBILITY}) <= $maxCredibility)`;

/** One filtered step, repeated: `((x)-[r]-(y) WHERE ...){1,n}`. */
export function steps(maxHops: number, direction: Direction = Direction.BOTH): string {
  const [left, right] = ARROWS[direction];
  return `((x)${left}[r]${right}(y) WHERE ${LINK_PREDICATE('r')} AND ${LEAVING_PREDICATE('x')} AND ${NODE_PREDICATE('y')})${hopBound(maxHops)}`;
}

const NODE_MAP = (n: string) => `{props: properties(${n}), labels: labels(${n})}`;
const EDGE_MAP = (r: string) =>
  `{type: type(${r}), props: properties(${r}), fromId: startNode(${r}).id, toId: endNode(${r}).id}`;

const PARTY = (n: string) =>
  `{id: ${n}.id, name: ${n}.name, labels: labels(${n}), plural: ${n}.plural = true OR coalesce(${n}.quantityValue, 0) > 1}`;
const LIVE = (n: string, r: string) => `${n}.retracted IS NULL AND ${r}.retracted IS NULL`;

/**
 * For each allegation a path passes through: who alleges it, whom it accuses, what it concerns,
 * who denies it (retracted links left out); folded into the path statement so the explanation
 * costs no extra query.
 */
const ALLEGATIONS_ON_PATH = `[n IN nodes(p) WHERE n:Allegation | {id: n.id,
    accusers: [(accuser)-[r:ALLEGES]->(n) WHERE ${LIVE('accuser', 'r')} | ${PARTY('accuser')}],
    accused: [(n)-[r:ACCUSES]->(target) WHERE ${LIVE('target', 'r')} | ${PARTY('target')}],
    concerns: [(n)-[r:CONCERNS]->(subject) WHERE ${LIVE('subject', 'r')} | ${PARTY('subject')}],
    deniers: [(denier)-[r:DENIES]->(n) WHERE ${LIVE('denier', 'r')} | ${PARTY('denier')}]}] AS allegations`;

/**
 * Which sources on the path cite which (CITES): a source that cites another, or is cited by it,
 * is not independent of it, so the two count once when a link's sources are combined.
 */
const CITATIONS_ON_PATH = `COLLECT {
    UNWIND reduce(ids = [], rel IN relationships(p) | ids + coalesce(rel.sourceIds, [])) AS citing
    MATCH (s:Source {id: citing})-[c:CITES]->(t:Source)
    WHERE c.retracted IS NULL AND any(rel IN relationships(p) WHERE t.id IN coalesce(rel.sourceIds, []))
    RETURN DISTINCT [s.id, t.id]
  } AS citations`;

const PATH_COLUMNS = `[n IN nodes(p) | ${NODE_MAP('n')}] AS nodes, [rel IN relationships(p) | ${EDGE_MAP('rel')}] AS edges, ${ALLEGATIONS_ON_PATH}, ${CITATIONS_ON_PATH}`;

/** Nearest `$nodeLimit` entities within `depth` hops (one shortest path each), and the links among them. */
export function neighborhoodStatement(depth: number, direction: Direction): string {
  return `
MATCH (start:${ENTITY_LABEL} {id: $id})
CALL (start) {
  MATCH p = ANY SHORTEST (start) ${steps(depth, direction)} (m:${ENTITY_LABEL})
  WHERE m <> start
  WITH m, length(p) AS distance ORDER BY distance, m.id LIMIT $nodeLimitPlusOne
  RETURN collect(m) AS found
}
WITH start, found[0..$nodeLimit] AS kept, size(found) > $nodeLimit AS nodesTruncated
WITH [start] + kept AS members, nodesTruncated
CALL (members) {
  UNWIND members AS a
  MATCH (a)-[r]->(b) WHERE b IN members AND ${LINK_PREDICATE('r')}
  WITH r ORDER BY r.id LIMIT $edgeLimitPlusOne
  RETURN collect(${EDGE_MAP('r')}) AS edges
}
RETURN [n IN members | ${NODE_MAP('n')}] AS nodes, edges, nodesTruncated`;
}

export type PathSelector = 'ALL SHORTEST' | 'SHORTEST 50';

/** Candidate paths between two entities; ranking and scoring happen in path-score.ts. */
export function pathsStatement(selector: PathSelector, maxHops: number): string {
  return `
MATCH (a:${ENTITY_LABEL} {id: $fromId}), (b:${ENTITY_LABEL} {id: $toId})
MATCH p = ${selector} (a) ${steps(maxHops)} (b)
WITH p LIMIT $candidates
RETURN ${PATH_COLUMNS}`;
}

/** All shortest paths between each pair of the given entities (a few per pair). */
export function connectStatement(maxHops: number): string {
  return `
UNWIND $pairs AS pair
MATCH (a:${ENTITY_LABEL} {id: pair[0]}), (b:${ENTITY_LABEL} {id: pair[1]})
CALL (a, b) {
  MATCH p = ALL SHORTEST (a) ${steps(maxHops)} (b)
  WITH p LIMIT $pathsPerPair
  RETURN p
}
RETURN ${PATH_COLUMNS}`;
}
