import { int, VISIBLE, type Database, type Visibility } from '../db';

export interface GraphCounts {
  nodes: number;
  relationships: number;
}

/** Past this many, a count a caller with a partial view asks for stops (bounded work) and says "at least". */
export const VISIBLE_COUNT_CAP = 100_000;

/**
 * What a caller who may not see everything is told: the visible entities and the visible links
 * between visible entities, each counted up to VISIBLE_COUNT_CAP (the count store would count
 * hidden ones too).
 */
export const VISIBLE_COUNTS = `
CALL () { MATCH (n:Entity) WHERE ${VISIBLE('n')} WITH n LIMIT $countCap RETURN count(n) AS nodes }
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity) WHERE ${VISIBLE('r')} AND ${VISIBLE('a')} AND ${VISIBLE('b')}
  WITH r LIMIT $countCap RETURN count(r) AS relationships
}
RETURN nodes, relationships`;

/** Facts about the graph as a whole: sizes and applied migrations. */
export class MetaRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  async counts(): Promise<GraphCounts> {
    if (!this.visibility.seesEverything) {
      const params = { ...(await this.visibility.params()), countCap: int(VISIBLE_COUNT_CAP) };
      const [visible] = await this.db.read<GraphCounts>('meta.visibleCounts', VISIBLE_COUNTS, params);
      return visible;
    }
    const [row] = await this.db.read<GraphCounts>(
      'meta.counts',
      // Both counts come from Neo4j's count store (no scan): only entities have relationships.
      `CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
       CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
       RETURN nodes, relationships`,
    );
    return row;
  }

  async appliedMigrations(): Promise<string[]> {
    const rows = await this.db.read<{ id: string }>(
      'meta.migrations',
      'MATCH (m:Migration) RETURN m.id AS id ORDER BY id',
    );
    return rows.map((row) => row.id);
  }
}
