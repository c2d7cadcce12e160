import { decodeCursor, type Page } from '../common/cursor';
import { Direction } from '../common/enums';
import { int, type Database } from '../db';
import { CONNECTION_TYPES, ENTITY_LABEL, type RelationshipType } from '../model/vocabulary';
import { toRelationship, type RelationshipRecord } from './relationship.mapper';
import type { RawEdge } from '../traversal/path-score';
import type { Relationship } from './relationship.type';

export interface RelationshipQuery {
  types?: RelationshipType[] | null;
  direction: Direction;
  includeRetracted?: boolean;
  first: number;
  after?: string | null;
}

/**
 * Relationships of many entities in ONE statement (the batch behind the `relationships` field):
 * per entity, a page ordered by relationship id, its total, and the other end folded in, so a
 * list of 50 actors with their relationships is two statements, not 51.
 */
export const RELATIONSHIPS_OF_ENTITIES = `
UNWIND $ids AS entityId
MATCH (n:${ENTITY_LABEL} {id: entityId})
CALL (n) {
  MATCH (n)-[r]-(m:${ENTITY_LABEL})
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
  RETURN count(r) AS total
}
CALL (n) {
  MATCH (n)-[r]-(m:${ENTITY_LABEL})
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
    AND ($includeRetracted OR (r.retracted IS NULL AND m.retracted IS NULL))
    AND ($after IS NULL OR r.id > $after)
  WITH r, m ORDER BY r.id LIMIT $limit
  RETURN collect({type: type(r), props: properties(r), outgoing: startNode(r) = n,
                  other: {props: properties(m), labels: labels(m)}}) AS items
}
RETURN entityId, total, items`;

/** One relationship by its id, found from its endpoints (which are indexed; relationship ids are not). */
export const EDGE_BETWEEN = `
MATCH (a:${ENTITY_LABEL} {id: $from})-[r]->(b:${ENTITY_LABEL} {id: $to})
WHERE r.id = $id
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId`;

export class RelationshipRepository {
  constructor(private readonly db: Database) {}

  async edge(from: string, to: string, id: string): Promise<RawEdge | undefined> {
    const [row] = await this.db.read<RawEdge>('relationships.edge', EDGE_BETWEEN, { from, to, id });
    return row;
  }

  async pagesOf(ids: readonly string[], query: RelationshipQuery): Promise<Map<string, Page<Relationship>>> {
    const rows = await this.db.read<{ entityId: string; total: number; items: RelationshipRecord[] }>(
      'relationships.ofEntities',
      RELATIONSHIPS_OF_ENTITIES,
      {
        ids: [...ids],
        types: query.types?.length ? query.types : CONNECTION_TYPES,
        direction: query.direction,
        includeRetracted: query.includeRetracted ?? false,
        after: decodeCursor(query.after),
        limit: int(query.first + 1),
      },
    );
    return new Map(
      rows.map((row) => [
        row.entityId,
        {
          items: row.items.slice(0, query.first).map(toRelationship),
          totalCount: row.total,
          hasNextPage: row.items.length > query.first,
        },
      ]),
    );
  }
}
