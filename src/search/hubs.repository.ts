import { int, VISIBLE, type Database, type Visibility } from '../db';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import { LABEL_OF_KIND, RelationshipType, type EntityKind } from '../model/vocabulary';
import type { Hub } from './hubs.type';

/** Links that say what an entity did or is, not where it was read: evidence links are left out. */
const EVIDENCE_LINKS: ReadonlySet<RelationshipType> = new Set([RelationshipType.REPORTED_BY, RelationshipType.CITES]);
const LINK_TYPES = Object.values(RelationshipType)
  .filter((type) => !EVIDENCE_LINKS.has(type))
  .join('|');

/**
 * The most-connected entities, in two steps of one statement. First every entity of the kinds
 * asked is ranked by its typed degree, which Neo4j reads from the node's degree store (no link
 * is visited); the best $candidates of those are then counted exactly, link by link, through the
 * caller's clearance (VISIBLE on the link and the other end) without retracted links or ends.
 * So the cost is one label scan plus $candidates nodes' links, never every link of the graph; an
 * entity whose links are mostly hidden falls back in the exact count (and may drop out of the
 * candidates: the list is "the best-connected of the most-linked", said in the API's description).
 */
export const HUBS = `
MATCH (n:Entity)
WHERE any(label IN labels(n) WHERE label IN $labels) AND n.retracted IS NULL AND ${VISIBLE('n')}
WITH n, COUNT { (n)-[:${LINK_TYPES}]-() } AS linked
ORDER BY linked DESC, n.id
LIMIT $candidates
WITH n, COUNT {
  MATCH (n)-[r:${LINK_TYPES}]-(m:Entity)
  WHERE r.retracted IS NULL AND m.retracted IS NULL AND ${VISIBLE('r')} AND ${VISIBLE('m')}
} AS degree
WHERE degree > 0
RETURN properties(n) AS props, labels(n) AS labels, degree
ORDER BY degree DESC, n.id
LIMIT $first`;

/** Candidates counted exactly per hub returned, so hidden links rarely change who is listed. */
const CANDIDATES_PER_HUB = 5;
const MAX_CANDIDATES = 250;

export class HubsRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  async hubs(first: number, kinds: EntityKind[] | null | undefined): Promise<Hub[]> {
    const rows = await this.db.read<NodeRecord & { degree: number }>('search.hubs', HUBS, {
      labels: (kinds?.length ? kinds : (Object.keys(LABEL_OF_KIND) as EntityKind[])).map((kind) => LABEL_OF_KIND[kind]),
      candidates: int(Math.min(first * CANDIDATES_PER_HUB, MAX_CANDIDATES)),
      first: int(first),
      ...(await this.visibility.params()),
    });
    return rows.map((row) => ({ entity: toEntity(row), degree: Number(row.degree) }));
  }
}
