import type { Database } from '../../db';
import { ENTITY_LABEL } from '../../model/vocabulary';

/**
 * What a bulk load (src/cli/bulk-load.ts) does to the graph once Neo4j's importer has written the
 * store: put back the empty lists CSV cannot carry (empty-lists.jsonl of a neo4j-csv export), and
 * count what the store holds to check it against the export's manifest.
 */

export const RESTORE_NODE_EMPTY_LISTS = `
UNWIND $rows AS row
MATCH (n:${ENTITY_LABEL} {id: row.id})
SET n += row.props
RETURN count(*) AS found`;

/** Relationship ids are not indexed: the start node (by id) narrows the search to its own relationships. */
export const RESTORE_RELATIONSHIP_EMPTY_LISTS = `
UNWIND $rows AS row
MATCH (:${ENTITY_LABEL} {id: row.from})-[r]->()
WHERE r.id = row.id
SET r += row.props
RETURN count(*) AS found`;

/** Both counts come from Neo4j's count store. */
export const STORE_COUNTS = `
CALL () { MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships`;

export interface EmptyListsRow {
  id: string;
  /** The relationship's start node; absent for a node. */
  from?: string;
  /** property -> [] */
  props: Record<string, never[]>;
}

export class BulkLoadRepository {
  constructor(private readonly db: Database) {}

  /** Sets the empty lists of one batch of nodes or relationships; returns how many were found. */
  async restoreEmptyLists(kind: 'node' | 'relationship', rows: EmptyListsRow[]): Promise<number> {
    const statement = kind === 'node' ? RESTORE_NODE_EMPTY_LISTS : RESTORE_RELATIONSHIP_EMPTY_LISTS;
    const [row] = await this.db.write<{ found: number }>(`bulkLoad.emptyLists.${kind}`, statement, { rows });
    return row?.found ?? 0;
  }

  async counts(): Promise<{ nodes: number; relationships: number }> {
    const [row] = await this.db.read<{ nodes: number; relationships: number }>('bulkLoad.counts', STORE_COUNTS);
    return row;
  }
}
