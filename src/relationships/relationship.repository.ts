import { RELATIONSHIP_COUNT_CAP } from '../common/connection';
import { keysetStart, type Page } from '../common/cursor';
import { withProperties, type ReadProjected, type ReadWhole } from '../common/property-projection';
import { Direction } from '../common/enums';
import {
  int,
  PROPERTY_COLUMN,
  VISIBLE,
  visibleIds,
  type Database,
  type Visibility,
  type VisibilityParams,
} from '../db';
import { CONNECTION_TYPES, ENTITY_LABEL, RelationshipType } from '../model/vocabulary';
import { toRelationship, type RelationshipRecord } from './relationship.mapper';
import type { RawEdge } from '../traversal/path-score';
import { ARROWS } from '../traversal/traversal.cypher';
import type { RelationshipProjection } from './relationship-projection';
import type { Relationship } from './relationship.type';

export interface RelationshipQuery {
  types?: RelationshipType[] | null;
  direction: Direction;
  includeRetracted?: boolean;
  first: number;
  after?: string | null;
  /** Count each entity's total too (only when the query selects it). */
  withTotal?: boolean;
  /** The links' and other ends' properties to read (RelationshipProjection; null or absent: all). */
  linkProperties?: string[] | null;
  otherProperties?: string[] | null;
}

/**
 * The query of a `relationships` field from its arguments, built the same way wherever it is
 * asked (the field resolver, a list folding the field in): it is the loader's cache key, so a
 * page a folded list primed is the page the field resolver finds.
 */
export function relationshipQueryOf(
  args: Pick<RelationshipQuery, 'types' | 'direction' | 'includeRetracted' | 'first' | 'after'>,
  withTotal: boolean,
  projection: RelationshipProjection,
): RelationshipQuery {
  return {
    types: args.types ?? null,
    direction: args.direction,
    includeRetracted: args.includeRetracted ?? false,
    first: args.first,
    after: args.after ?? null,
    withTotal,
    linkProperties: projection.linkProperties,
    otherProperties: projection.otherProperties,
  };
}

/** What a query's projection makes of a page's Cypher: which side reads `values` of its keys. */
export function projectedSides(query: Pick<RelationshipQuery, 'linkProperties' | 'otherProperties'>) {
  return { projectLinks: Boolean(query.linkProperties), projectOthers: Boolean(query.otherProperties) };
}

/** The parameters of a projected page (none for a side read whole). */
export function projectionParams(query: Pick<RelationshipQuery, 'linkProperties' | 'otherProperties'>) {
  return {
    ...(query.linkProperties && { linkProperties: query.linkProperties }),
    ...(query.otherProperties && { otherProperties: query.otherProperties }),
  };
}

/**
 * Relationships of many entities in ONE statement (the batch behind the `relationships` field):
 * per entity, a page ordered by relationship id and the other end folded in, so a list of 50
 * actors with their relationships is two statements, not 51. The types and the direction are
 * written into the pattern (from the closed RelationshipType and Direction enums), so Neo4j
 * expands only those relationship groups of a dense node, and each entity's page is a top-k
 * (`ORDER BY r.id LIMIT first+1`, the +1 telling hasNextPage) rather than a sort of all its edges.
 * With `withTotal`, each entity's total: exactly from the degree Neo4j keeps when retracted links
 * are included and the caller sees everything (O(1) per type), else by reading at most $countCap
 * links ("at least" past it). Links and other ends the caller may not see (VISIBLE) are not there.
 */
export function relationshipsOfEntities(
  types: readonly RelationshipType[],
  direction: Direction,
  includeRetracted: boolean,
  withTotal: boolean,
  probe = true,
  seesEverything = false,
  sides: Pick<RelationshipShape, 'projectLinks' | 'projectOthers'> = {},
): string {
  const shape: RelationshipShape = { types, direction, includeRetracted, probe, ...sides };
  const { pattern, visible } = relationshipPattern(shape, LOADER_NAMES);
  const total = !withTotal
    ? ''
    : includeRetracted && seesEverything
      ? `
WITH entityId, n, COUNT { ${pattern.replace('(m)', '()')} } AS total, true AS exact`
      : `
CALL (n) {
  MATCH ${pattern} WHERE true${visible}
  WITH r LIMIT $countCap
  RETURN count(r) AS total
}
WITH entityId, n, total, total < $countCap AS exact`;
  return `
UNWIND $ids AS entityId
MATCH (n:${ENTITY_LABEL} {id: entityId})${total}
CALL (n) {
  ${relationshipPageBody(shape, LOADER_NAMES)}
}
RETURN entityId, ${withTotal ? 'total, exact' : 'null AS total, true AS exact'}, items, incomplete`;
}

/** What one entity's page of relationships is asked with, as Cypher text is built from it. */
export interface RelationshipShape {
  types: readonly RelationshipType[];
  direction: Direction;
  includeRetracted: boolean;
  /** Probe past the page for other ends that turn out retracted (see relationshipPageBody). */
  probe: boolean;
  /** Read of each link only `$linkProperties`, of each other end only `$otherProperties` (RelationshipProjection). */
  projectLinks?: boolean;
  projectOthers?: boolean;
}

/**
 * The names a page's Cypher uses for its values: parameters in the loader's own statement, other
 * parameters (and the statement's own list of hidden sources) when the page is folded into a list.
 */
export interface RelationshipNames {
  after: string;
  limit: string;
  probe: string;
  countCap: string;
  hidden: string;
}

export const LOADER_NAMES: RelationshipNames = {
  after: '$after',
  limit: '$limit',
  probe: '$probe',
  countCap: '$countCap',
  hidden: '$hiddenSourceIds',
};

/** `(n)-[r:TYPES]-(m)` in the shape's direction, and the AND-terms that keep only what may be shown. */
export function relationshipPattern(
  { types, direction, includeRetracted }: RelationshipShape,
  names: RelationshipNames,
): { pattern: string; visible: string } {
  const [left, right] = ARROWS[direction];
  const typed = `[r:${types.map((type) => RELATIONSHIP_TYPE_OF[type]).join('|')}]`;
  const live = includeRetracted ? '' : ' AND r.retracted IS NULL AND m.retracted IS NULL';
  return {
    pattern: `(n)${left}${typed}${right}(m)`,
    visible: `${live} AND ${VISIBLE('r', names.hidden)} AND ${VISIBLE('m', names.hidden)}`,
  };
}

/**
 * The body of one entity's page (inside `CALL (n) { ... }`): the top-k by relationship id, with
 * the other end folded in, returning `items` and `incomplete`. Probing: the top $probe by id among
 * all the entity's links of those types, reading only each link's id, then the marks that may
 * leave one out (retracted, VISIBLE) read for those candidates only, of the link and of its other
 * end, not for every link of a hub: the sort is what a hub's page costs, and reading one property
 * per link instead of three took a 30,000-42,000-link hub's page from 28 to 17 ms (1M entities,
 * `.probe`-style loop). Should more than $probe - $limit of the candidates be left out, the page
 * may be short: `incomplete` says so and the caller asks again for that entity without probing.
 */
export function relationshipPageBody(shape: RelationshipShape, names: RelationshipNames): string {
  const { pattern, visible } = relationshipPattern(shape, names);
  const linkKeys = shape.projectLinks ? '$linkProperties' : null;
  const otherKeys = shape.projectOthers ? '$otherProperties' : null;
  const item = (r: string, m: string) =>
    `{type: type(${r}), ${PROPERTY_COLUMN(r, linkKeys)}, outgoing: startNode(${r}) = n,
                  other: {${PROPERTY_COLUMN(m, otherKeys)}, labels: labels(${m})}}`;
  return shape.includeRetracted || !shape.probe
    ? `MATCH ${pattern}
  WHERE r.id > ${names.after}${visible}
  WITH r, m ORDER BY r.id LIMIT ${names.limit}
  RETURN collect(${item('r', 'm')}) AS items, false AS incomplete`
    : `MATCH ${pattern}
  WHERE r.id > ${names.after}
  WITH r, m ORDER BY r.id LIMIT ${names.probe}
  WITH collect({r: r, m: m}) AS candidates
  WITH candidates, [c IN candidates WHERE c.r.retracted IS NULL AND ${VISIBLE('c.r', names.hidden)}
    AND c.m.retracted IS NULL AND ${VISIBLE('c.m', names.hidden)}][0..${names.limit}] AS kept
  RETURN [c IN kept | ${item('c.r', 'c.m')}] AS items,
         size(candidates) = ${names.probe} AND size(kept) < ${names.limit} AS incomplete`;
}

/**
 * The body of one entity's total (inside `CALL (n) { ... }`), returning `total` and `exact`: the
 * degree Neo4j keeps when retracted links are included and the caller sees everything (O(1) per
 * type, even at a hub), else at most the count cap of links read ("at least" past it).
 */
export function relationshipTotalBody(shape: RelationshipShape, names: RelationshipNames, seesEverything: boolean) {
  const { pattern, visible } = relationshipPattern(shape, names);
  return shape.includeRetracted && seesEverything
    ? `RETURN COUNT { ${pattern.replace('(m)', '()')} } AS total, true AS exact`
    : `MATCH ${pattern} WHERE true${visible}
  WITH r LIMIT ${names.countCap}
  WITH count(r) AS counted
  RETURN counted AS total, counted < ${names.countCap} AS exact`;
}

/** The types a query reads: those asked, or every connection type; sorted, so equal asks read alike. */
export function typesOf(query: Pick<RelationshipQuery, 'types'>): RelationshipType[] {
  return [...new Set(query.types?.length ? query.types : CONNECTION_TYPES)].sort();
}

/** Candidates read for a page of `first`: the page, one more for hasNextPage, and room for retracted ends. */
export function probeOf(first: number): number {
  return 2 * (first + 1) + PROBE_SLACK;
}

/** A page as read (first+1 items at most) mapped for the caller: the evidence it may see, hasNextPage. */
export function toRelationshipPage(
  row: Pick<PageRow, 'items' | 'total' | 'exact'>,
  first: number,
  visible: VisibilityParams,
  projection: Pick<RelationshipQuery, 'linkProperties' | 'otherProperties'>,
): Page<Relationship> {
  const record = (item: ReadRelationship): RelationshipRecord => ({
    ...withProperties(item, projection.linkProperties),
    other: withProperties(item.other, projection.otherProperties),
  });
  return {
    items: row.items
      .slice(0, first)
      .map(record)
      .map((item) => Object.assign(toRelationship(item), { sourceIds: visibleIds(item.props.sourceIds, visible) })),
    totalCount: row.total,
    totalCountIsExact: row.exact,
    hasNextPage: row.items.length > first,
  };
}

/** Every type by its own name: a type reaches Cypher text only through this closed map. */
const RELATIONSHIP_TYPE_OF: Readonly<Record<RelationshipType, string>> = Object.fromEntries(
  Object.values(RelationshipType).map((type) => [type, type]),
) as Record<RelationshipType, string>;

const EDGE_PATTERN = `MATCH (a:${ENTITY_LABEL} {id: $from})-[r]->(b:${ENTITY_LABEL} {id: $to})`;
const EDGE_COLUMNS = 'RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId';

/**
 * One relationship by its id, found from its endpoints (which are indexed; relationship ids are
 * not), whoever may see it: what curation reads under its lock before changing it.
 */
export const EDGE_BETWEEN = `
${EDGE_PATTERN}
WHERE r.id = $id
${EDGE_COLUMNS}`;

/** The same, for a reader: nothing when the caller may not see the link or either end. */
export const VISIBLE_EDGE_BETWEEN = `
${EDGE_PATTERN}
WHERE r.id = $id AND ${VISIBLE('r')} AND ${VISIBLE('a')} AND ${VISIBLE('b')}
${EDGE_COLUMNS}`;

export class RelationshipRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  async edge(from: string, to: string, id: string): Promise<RawEdge | undefined> {
    const visible = await this.visibility.params();
    const [row] = await this.db.read<RawEdge>('relationships.edge', VISIBLE_EDGE_BETWEEN, { from, to, id, ...visible });
    return row && { ...row, props: { ...row.props, sourceIds: visibleIds(row.props.sourceIds, visible) } };
  }

  async pagesOf(ids: readonly string[], query: RelationshipQuery): Promise<Map<string, Page<Relationship>>> {
    const types = typesOf(query);
    const includeRetracted = query.includeRetracted ?? false;
    const withTotal = query.withTotal ?? true;
    const visible = await this.visibility.params();
    const params = {
      ...visible,
      after: keysetStart(query.after),
      limit: int(query.first + 1),
      probe: int(probeOf(query.first)),
      ...(withTotal ? { countCap: int(RELATIONSHIP_COUNT_CAP) } : {}),
      ...projectionParams(query),
    };
    const read = (entityIds: string[], probe: boolean) =>
      this.db.read<PageRow>(
        'relationships.ofEntities',
        relationshipsOfEntities(
          types,
          query.direction,
          includeRetracted,
          withTotal,
          probe,
          this.visibility.seesEverything,
          projectedSides(query),
        ),
        { ...params, ids: entityIds },
      );
    const rows = await read([...ids], true);
    const short = rows.filter((row) => row.incomplete).map((row) => row.entityId);
    if (short.length > 0) {
      const again = new Map((await read(short, false)).map((row) => [row.entityId, row]));
      for (const [index, row] of rows.entries()) rows[index] = again.get(row.entityId) ?? row;
    }
    return new Map(rows.map((row) => [row.entityId, toRelationshipPage(row, query.first, visible, query)]));
  }
}

/** A relationship as a page's statement returns it: its link and other end, each whole or projected. */
type ReadLink = {
  type: string;
  outgoing: boolean;
  other: ReadWhole<{ labels: string[] }> | ReadProjected<{ labels: string[] }>;
};
export type ReadRelationship = ReadWhole<ReadLink> | ReadProjected<ReadLink>;

export interface PageRow {
  entityId: string;
  total: number | null;
  exact: boolean;
  items: ReadRelationship[];
  incomplete: boolean;
}

/** Candidates read beyond twice the page, for other ends that turn out retracted. */
const PROBE_SLACK = 16;
