import { int, type Tx } from '../../db';
import { PRE_IMAGE_LABEL } from '../../bundle/load';
import { ENTITY_LABEL } from '../../model/vocabulary';

/**
 * What a STIX import would change: the content hash (node-properties.ts) of each entity and
 * relationship it names that the graph already holds, read inside the import's transaction after
 * its locks. Bare lock nodes (`placeholder`) are not entities yet.
 */

export const EXISTING_ENTITY_HASHES = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
WHERE n.placeholder IS NULL
RETURN n.id AS id, n.contentHash AS contentHash`;

/** The id names the type (`MEMBER_OF:mali->aes`), so the pattern needs none. */
export const EXISTING_RELATIONSHIP_HASHES = `UNWIND $relationships AS rel
MATCH (:${ENTITY_LABEL} {id: rel.from})-[r {id: rel.id}]->(:${ENTITY_LABEL} {id: rel.to})
RETURN r.id AS id, r.contentHash AS contentHash`;

/**
 * What an import run changed that the graph already held: the run keeps a pre-image of each such
 * record until it completes (stream-import.repository.ts). Read before it completes.
 */
export const CHANGED_BY_RUN = `MATCH (p:${PRE_IMAGE_LABEL} {preImageRun: $run})
RETURN p.preImageOf AS id ORDER BY id LIMIT $limit`;

export interface RelationshipKey {
  id: string;
  from: string;
  to: string;
}

export class StixRepository {
  async entityHashes(tx: Tx, ids: string[]): Promise<Map<string, string | null>> {
    const rows = await tx.run<{ id: string; contentHash: string | null }>(EXISTING_ENTITY_HASHES, { ids });
    return new Map(rows.map((row) => [row.id, row.contentHash]));
  }

  async relationshipHashes(tx: Tx, relationships: RelationshipKey[]): Promise<Map<string, string | null>> {
    const rows = await tx.run<{ id: string; contentHash: string | null }>(EXISTING_RELATIONSHIP_HASHES, {
      relationships,
    });
    return new Map(rows.map((row) => [row.id, row.contentHash]));
  }

  /** Ids of the records import run `run` changed (not created), the first `limit` of them. */
  async changedByRun(tx: Tx, run: string, limit: number): Promise<string[]> {
    const rows = await tx.run<{ id: string }>(CHANGED_BY_RUN, { run, limit: int(limit) });
    return rows.map((row) => row.id);
  }
}
