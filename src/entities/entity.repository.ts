import { decodeCursor, type Page } from '../common/cursor';
import { int, type Database, type Params } from '../db';
import { ENTITY_LABEL } from '../model/vocabulary';
import { toEntity, type AnyEntity, type NodeRecord } from './entity.mapper';

/** WHERE fragments on `n` built by a kind's repository from constants; values stay in params. */
export interface EntityFilterClause {
  where: string[];
  params: Params;
}

export const ENTITIES_BY_ID = `
UNWIND $ids AS entityId
MATCH (n:${ENTITY_LABEL} {id: entityId})
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels`;

/** Case-insensitive "contains" on the name and every alias; the search field does ranked, fuzzy search. */
export const TEXT_CLAUSE =
  '(toLower(n.name) CONTAINS toLower($text) OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($text)))';

export function listStatement(label: string, where: string[]): string {
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const pageFilter = where.length
    ? `${filter} AND ($after IS NULL OR n.id > $after)`
    : 'WHERE ($after IS NULL OR n.id > $after)';
  return `
CALL () { MATCH (n:${label}) ${filter} RETURN count(n) AS total }
CALL () {
  MATCH (n:${label}) ${pageFilter}
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS items
}
RETURN total, items`;
}

export class EntityRepository {
  constructor(private readonly db: Database) {}

  /** Entities by id, in the order asked, null where none exists (the DataLoader batch). */
  async byIds(ids: readonly string[]): Promise<Array<AnyEntity | null>> {
    const rows = await this.db.read<NodeRecord & { id: string }>('entities.byIds', ENTITIES_BY_ID, { ids: [...ids] });
    const found = new Map(rows.map((row) => [row.id, toEntity(row)]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** One page of entities with `label`, ordered by id, with the total that match. */
  async list(
    label: string,
    filter: EntityFilterClause,
    paging: { first: number; after?: string | null },
    includeRetracted = false,
  ): Promise<Page<AnyEntity>> {
    // Retracted entities stay in the graph (and its history) but lists hide them unless asked.
    if (!includeRetracted) filter = { where: [...filter.where, 'n.retracted IS NULL'], params: filter.params };
    const [row] = await this.db.read<{ total: number; items: NodeRecord[] }>(
      `entities.list.${label}`,
      listStatement(label, filter.where),
      {
        ...filter.params,
        after: decodeCursor(paging.after),
        limit: int(paging.first + 1),
      },
    );
    return {
      items: row.items.slice(0, paging.first).map(toEntity),
      totalCount: row.total,
      hasNextPage: row.items.length > paging.first,
    };
  }
}
