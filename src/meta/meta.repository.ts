import type { Database } from '../db';

export interface GraphCounts {
  nodes: number;
  relationships: number;
}

/** Facts about the graph as a whole: sizes and applied migrations. */
export class MetaRepository {
  constructor(private readonly db: Database) {}

  async counts(): Promise<GraphCounts> {
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
