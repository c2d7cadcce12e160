import { LIST_COUNT_CAP } from '../common/connection';
import { keysetStart, type CountRequest, type Page } from '../common/cursor';
import { int, VISIBLE, VISIBLE_BY_SOURCE_LOOKUP, type Database, type Params, type Visibility } from '../db';
import { ENTITY_LABEL } from '../model/vocabulary';
import { toEntity, type AnyEntity, type NodeRecord } from './entity.mapper';

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
export function listStatement(label: string, where: string[], count: CountMode = 'none'): string {
  const filter = ['n.id > $after', ...where].join(' AND ');
  const page = `MATCH (n:${label}) WHERE ${filter}
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items`;
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
  ): Promise<Page<AnyEntity>> {
    // The count store counts what the caller may not see: exact only when nothing can be hidden.
    const unfiltered = filter.where.length === 0 && this.visibility.seesEverything;
    // Retracted entities stay in the graph (and its history) but lists hide them unless asked.
    const where = [...filter.where, VISIBLE('n'), ...(includeRetracted ? [] : ['n.retracted IS NULL'])];
    filter = { where, params: { ...filter.params, ...(await this.visibility.params()) } };
    const mode: CountMode = !count.withTotal
      ? 'none'
      : !unfiltered
        ? 'bounded'
        : includeRetracted
          ? 'store-with-retracted'
          : 'store';
    const [row] = await this.db.read<{ total: number | null; exact: boolean; items: NodeRecord[] }>(
      `entities.list.${label}`,
      listStatement(label, filter.where, mode),
      {
        ...filter.params,
        after: keysetStart(paging.after),
        limit: int(paging.first + 1),
        ...(mode === 'bounded' ? { countCap: int(LIST_COUNT_CAP) } : {}),
      },
    );
    return {
      items: row.items.slice(0, paging.first).map(toEntity),
      totalCount: row.total,
      totalCountIsExact: row.exact,
      hasNextPage: row.items.length > paging.first,
    };
  }
}
