import { LIST_COUNT_CAP, RELATIONSHIP_COUNT_CAP } from '../common/connection';
import { keysetStart, type CountRequest, type Page } from '../common/cursor';
import { withProperties, type ReadProjected, type ReadWhole } from '../common/property-projection';
import {
  HIDDEN_SOURCES_AS,
  int,
  PROPERTY_COLUMN,
  VISIBLE,
  VISIBLE_BY_SOURCE_LOOKUP,
  type Database,
  type Params,
  type Visibility,
} from '../db';
import { ENTITY_LABEL } from '../model/vocabulary';
import {
  probeOf,
  projectedSides,
  projectionParams,
  relationshipPageBody,
  relationshipTotalBody,
  toRelationshipPage,
  typesOf,
  type PageRow,
  type RelationshipNames,
  type RelationshipQuery,
  type RelationshipShape,
} from '../relationships/relationship.repository';
import type { Relationship } from '../relationships/relationship.type';
import { toEntity, type AnyEntity, type NodeRecord } from './entity.mapper';

/** An entity as a list statement returns it: whole, or projected onto `$nodeProperties`. */
type ReadNode = ReadWhole<{ labels: string[] }> | ReadProjected<{ labels: string[] }>;

/** WHERE fragments on `n` built by a kind's repository from constants; values stay in params. */
export interface EntityFilterClause {
  where: string[];
  params: Params;
}

/**
 * A lookup by id needs no list of hidden sources (VISIBLE_BY_SOURCE_LOOKUP): a request that only
 * looks entities up runs this one statement.
 */
export const ENTITIES_BY_ID = `
UNWIND $ids AS entityId
MATCH (n:${ENTITY_LABEL} {id: entityId}) WHERE ${VISIBLE_BY_SOURCE_LOOKUP('n')}
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels`;

/** Case-insensitive "contains" on the name and every alias; the search field does ranked, fuzzy search. */
export const TEXT_CLAUSE =
  '(toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text)))';

/**
 * One page of a label, read in id order from the label's id index (migration 0008): `n.id >
 * $after ... ORDER BY n.id LIMIT $limit` is a range seek that stops after `limit` matches, so a
 * page costs the same on page 1 and page 30,000. A filter that few nodes pass is checked on each
 * node read in id order, so it reads at most the label's nodes, never more.
 */
export function listStatement(label: string, where: string[], count: CountMode = 'none', projectItems = false): string {
  const filter = ['n.id > $after', ...where].join(' AND ');
  const page = `MATCH (n:${label}) WHERE ${filter}
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({${itemColumns(projectItems)}}) AS items`;
  // In a CALL so that an empty page is still one row (collect over nothing: []).
  const counted = count === 'none' ? '' : `\n${countClause(label, where, count)}`;
  const total = count === 'none' ? 'null AS total, true AS exact' : 'total, exact';
  return `${counted}
CALL () {
  ${page}
}
RETURN ${total}, items`;
}

/**
 * The columns of an item of a page: its properties whole, or only `$nodeProperties` (the
 * properties the query's selection needs, src/entities/entity-projection.ts), and its labels.
 */
const itemColumns = (projected: boolean) =>
  `${PROPERTY_COLUMN('n', projected ? '$nodeProperties' : null)}, labels: labels(n)`;

/**
 * How a list is counted, when its total is selected: `store` for the kind's nodes without other
 * filters (Neo4j's count store, O(1), minus the retracted ones through their index unless they
 * are included), `bounded` for a filtered list (counts up to $countCap, then says "at least").
 */
export type CountMode = 'none' | 'store' | 'store-with-retracted' | 'bounded';

function countClause(label: string, where: string[], count: Exclude<CountMode, 'none'>): string {
  if (count === 'store-with-retracted') {
    return `CALL () { MATCH (n:${label}) RETURN count(n) AS total, true AS exact }`;
  }
  if (count === 'store') {
    return `CALL () { MATCH (n:${label}) RETURN count(n) AS stored }
CALL () { MATCH (n:${label}) WHERE n.retracted IS NOT NULL RETURN count(n) AS retracted }
WITH stored - retracted AS total, true AS exact`;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')} ` : '';
  return `CALL () { MATCH (n:${label}) ${filter}WITH n LIMIT $countCap RETURN count(n) AS counted }
WITH counted AS total, counted < $countCap AS exact`;
}

/** The folded list's own list of the sources above the caller's clearance (HIDDEN_SOURCES, as a variable). */
const HIDDEN = 'hiddenSourceIds';

/** A count as a subquery body returning `total` and `exact` (the folded list's form of countClause). */
function countBody(label: string, where: string[], count: Exclude<CountMode, 'none'>): string {
  if (count === 'store-with-retracted') return `MATCH (n:${label}) RETURN count(n) AS total, true AS exact`;
  if (count === 'store') {
    return `CALL () { MATCH (n:${label}) RETURN count(n) AS stored }
  CALL () { MATCH (n:${label}) WHERE n.retracted IS NOT NULL RETURN count(n) AS retracted }
  RETURN stored - retracted AS total, true AS exact`;
  }
  return `MATCH (n:${label}) WHERE ${where.join(' AND ')}
  WITH n LIMIT $countCap
  WITH count(n) AS counted
  RETURN counted AS total, counted < $countCap AS exact`;
}

/** The nested relationships a folded list reads for each entity of its page. */
export interface NestedRelationships {
  shape: RelationshipShape;
  withTotal: boolean;
}

/**
 * A page of a label and, for each entity on it, its first page of relationships: what
 * `actors { nodes { relationships(...) } }` needs, in ONE statement (listStatement and
 * relationshipsOfEntities would be two, and a third for the hidden sources below RED). The
 * statement reads the hidden sources itself (through the Source.tlp index), pages the label by
 * id as listStatement does, then per entity of the page (`CALL (n)`, the +1 left out) the same
 * top-k by relationship id and bounded total as the relationships loader, with its own names
 * ($rel...) for the relationship page's values.
 */
export function foldedListStatement(
  label: string,
  where: string[],
  count: CountMode,
  nested: NestedRelationships,
  seesEverything: boolean,
  projectItems = false,
): string {
  const visibleWhere = [...where, VISIBLE('n', HIDDEN)];
  const filter = ['n.id > $after', ...visibleWhere].join(' AND ');
  const counted =
    count === 'none'
      ? ''
      : `
CALL (${HIDDEN}) {
  ${countBody(label, visibleWhere, count)}
}`;
  const relTotal = nested.withTotal
    ? relationshipTotalBody(nested.shape, FOLDED_NAMES, seesEverything)
    : 'RETURN null AS total, true AS exact';
  return `
${HIDDEN_SOURCES_AS(HIDDEN)}${counted}
CALL (${HIDDEN}) {
  MATCH (n:${label}) WHERE ${filter}
  WITH n ORDER BY n.id LIMIT $limit
  WITH collect(n) AS read
  RETURN read[0..$first] AS shown, size(read) > $first AS more
}
CALL (shown, ${HIDDEN}) {
  UNWIND shown AS n
  CALL (n, ${HIDDEN}) {
    ${indented(relTotal)}
  }
  CALL (n, ${HIDDEN}) {
    ${indented(relationshipPageBody(nested.shape, FOLDED_NAMES))}
  }
  RETURN collect({${itemColumns(projectItems)},
                  relationships: {total: total, exact: exact, items: items, incomplete: incomplete}}) AS nodes
}
RETURN ${count === 'none' ? 'null AS total, true AS exact' : 'total, exact'}, nodes, more, ${HIDDEN}`;
}

/** The folded relationship page's values: parameters of their own, the hidden sources a variable. */
const FOLDED_NAMES: RelationshipNames = {
  after: '$relAfter',
  limit: '$relLimit',
  probe: '$relProbe',
  countCap: '$relCountCap',
  hidden: HIDDEN,
};

/** A page of entities with, for each, its page of relationships (where the folded reading had it whole). */
export interface PageWithRelationships extends Page<AnyEntity> {
  /** Per entity id; an entity missing here (its probe came up short) is left to the loader. */
  relationships: Map<string, Page<Relationship>>;
}

interface FoldedRow {
  total: number | null;
  exact: boolean;
  more: boolean;
  hiddenSourceIds: string[];
  nodes: Array<ReadNode & { relationships: PageRow & { incomplete: boolean } }>;
}

export class EntityRepository {
  constructor(
    private readonly db: Database,
    /** The caller's view: every kind's statements (EntityKindRepository) read through it too. */
    readonly visibility: Visibility,
  ) {}

  /** Entities by id, in the order asked, null where none exists or the caller may not see it (the DataLoader batch). */
  async byIds(ids: readonly string[]): Promise<Array<AnyEntity | null>> {
    const rows = await this.db.read<NodeRecord & { id: string }>('entities.byIds', ENTITIES_BY_ID, {
      ids: [...ids],
      visibleTlp: this.visibility.visibleTlp,
    });
    const found = new Map(rows.map((row) => [row.id, toEntity(row)]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /**
   * One page of entities with `label`, ordered by id; with `count.withTotal`, how many match
   * (exact from the count store when only the retracted rule applies, else up to LIST_COUNT_CAP).
   */
  async list(
    label: string,
    filter: EntityFilterClause,
    paging: { first: number; after?: string | null },
    includeRetracted = false,
    count: CountRequest = { withTotal: true },
    nodeProperties: string[] | null = null,
  ): Promise<Page<AnyEntity>> {
    // The count store counts what the caller may not see: exact only when nothing can be hidden.
    const unfiltered = filter.where.length === 0 && this.visibility.seesEverything;
    // Retracted entities stay in the graph (and its history) but lists hide them unless asked.
    const where = [...filter.where, VISIBLE('n'), ...(includeRetracted ? [] : ['n.retracted IS NULL'])];
    filter = { where, params: { ...filter.params, ...(await this.visibility.params()) } };
    const mode = countModeOf(count, unfiltered, includeRetracted);
    const [row] = await this.db.read<{ total: number | null; exact: boolean; items: ReadNode[] }>(
      `entities.list.${label}`,
      listStatement(label, filter.where, mode, nodeProperties !== null),
      {
        ...filter.params,
        ...(nodeProperties && { nodeProperties }),
        after: keysetStart(paging.after),
        limit: int(paging.first + 1),
        ...(mode === 'bounded' ? { countCap: int(LIST_COUNT_CAP) } : {}),
      },
    );
    return {
      items: row.items.slice(0, paging.first).map((item) => toEntity(withProperties(item, nodeProperties))),
      totalCount: row.total,
      totalCountIsExact: row.exact,
      hasNextPage: row.items.length > paging.first,
    };
  }

  /**
   * A page of entities with `label` and each one's first page of relationships (`nested`), in
   * one statement (foldedListStatement): the same items, totals and pages as list() followed by
   * the relationships loader. The hidden sources it read are kept for the request's later
   * statements.
   */
  async listWithRelationships(
    label: string,
    filter: EntityFilterClause,
    paging: { first: number; after?: string | null },
    includeRetracted: boolean,
    count: CountRequest,
    nested: RelationshipQuery,
    nodeProperties: string[] | null = null,
  ): Promise<PageWithRelationships> {
    const unfiltered = filter.where.length === 0 && this.visibility.seesEverything;
    // A kind's filter that follows links checks them with VISIBLE over $hiddenSourceIds: here the
    // statement's own list (the clauses are the kinds' constants, never user text).
    const where = [...filter.where, ...(includeRetracted ? [] : ['n.retracted IS NULL'])].map((clause) =>
      clause.replaceAll('$hiddenSourceIds', HIDDEN),
    );
    const mode = countModeOf(count, unfiltered, includeRetracted);
    const shape: RelationshipShape = {
      types: typesOf(nested),
      direction: nested.direction,
      includeRetracted: nested.includeRetracted ?? false,
      probe: true,
      ...projectedSides(nested),
    };
    const withRelTotal = nested.withTotal ?? true;
    const visibleTlp = this.visibility.visibleTlp;
    const [row] = await this.db.read<FoldedRow>(
      `entities.listWithRelationships.${label}`,
      foldedListStatement(
        label,
        where,
        mode,
        { shape, withTotal: withRelTotal },
        this.visibility.seesEverything,
        nodeProperties !== null,
      ),
      {
        ...filter.params,
        ...(nodeProperties && { nodeProperties }),
        ...projectionParams(nested),
        visibleTlp,
        after: keysetStart(paging.after),
        first: int(paging.first),
        limit: int(paging.first + 1),
        ...(mode === 'bounded' ? { countCap: int(LIST_COUNT_CAP) } : {}),
        relAfter: keysetStart(nested.after),
        relLimit: int(nested.first + 1),
        relProbe: int(probeOf(nested.first)),
        ...(withRelTotal ? { relCountCap: int(RELATIONSHIP_COUNT_CAP) } : {}),
      },
    );
    const visible = { visibleTlp, hiddenSourceIds: row?.hiddenSourceIds ?? [] };
    this.visibility.remember(visible);
    // Ordered by id as read; sorted again here so the page's order never rests on the plan's.
    const nodes = (row?.nodes ?? [])
      .map((node) => withProperties(node, nodeProperties))
      .sort((a, b) => compareIds(String(a.props.id), String(b.props.id)));
    const relationships = new Map<string, Page<Relationship>>();
    for (const node of nodes) {
      if (node.relationships.incomplete) continue;
      relationships.set(String(node.props.id), toRelationshipPage(node.relationships, nested.first, visible, nested));
    }
    return {
      items: nodes.map(toEntity),
      totalCount: row?.total ?? null,
      totalCountIsExact: row?.exact ?? true,
      hasNextPage: row?.more ?? false,
      relationships,
    };
  }
}

/** A subquery body indented one level deeper than it was written. */
const indented = (body: string) => body.replace(/\n/g, '\n  ');

function countModeOf(count: CountRequest, unfiltered: boolean, includeRetracted: boolean): CountMode {
  if (!count.withTotal) return 'none';
  if (!unfiltered) return 'bounded';
  return includeRetracted ? 'store-with-retracted' : 'store';
}

/** Neo4j's order of strings (UTF-16 code units), as JavaScript's < compares them. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
