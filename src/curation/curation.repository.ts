import type { Tx } from '../db';
import { ENTITY_LABEL, KIND_OF_LABEL, LABEL_OF_KIND, type EntityKind } from '../model/vocabulary';
import { EDGE_BETWEEN } from '../relationships/relationship.repository';
import type { RawEdge } from '../traversal/path-score';

/**
 * The first statements of a curation write on existing records: take the write lock of the
 * entities (in sorted order) or relationship it is about, then read their state in a later
 * statement of the same transaction, so checks see what the write will change and no concurrent
 * writer can change it before the commit. (Bundle writes lock through BundleRepository.lock.)
 */

/** SET/REMOVE of a scratch property takes the write lock and leaves nothing behind. */
export const LOCK_EXISTING_ENTITIES = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
SET n.writeLock = true
REMOVE n.writeLock`;

export const ENTITY_STATES = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label, n.retracted IS NOT NULL AS retracted`;

/** A relationship's endpoints (sorted, like every lock), then the relationship itself. */
export const LOCK_RELATIONSHIP = `UNWIND $endpointIds AS endpointId
MATCH (n:${ENTITY_LABEL} {id: endpointId})
SET n.writeLock = true
REMOVE n.writeLock
WITH count(n) AS locked
MATCH (:${ENTITY_LABEL} {id: $from})-[r]->(:${ENTITY_LABEL} {id: $to})
WHERE r.id = $id
SET r.writeLock = true
REMOVE r.writeLock`;

export interface EntityState {
  id: string;
  /** The kind's label (Actor, Location, ...), as LABEL_OF_KIND spells it. */
  label: string;
  kind: EntityKind;
  retracted: boolean;
}

export class CurationRepository {
  /** Locks the entities among `ids` that exist and returns their state as of the lock. */
  async lockEntities(tx: Tx, ids: string[]): Promise<Map<string, EntityState>> {
    const sorted = [...new Set(ids)].sort();
    await tx.run(LOCK_EXISTING_ENTITIES, { ids: sorted });
    const rows = await tx.run<{ id: string; label: string; retracted: boolean }>(ENTITY_STATES, {
      ids: sorted,
      kindLabels: Object.values(LABEL_OF_KIND),
    });
    return new Map(rows.map((row) => [row.id, { ...row, kind: KIND_OF_LABEL[row.label] }]));
  }

  /** Locks a relationship's endpoints, then the relationship; returns it as of the lock. */
  async lockRelationship(tx: Tx, id: string, from: string, to: string): Promise<RawEdge | undefined> {
    await tx.run(LOCK_RELATIONSHIP, { id, from, to, endpointIds: [from, to].sort() });
    const [edge] = await tx.run<RawEdge>(EDGE_BETWEEN, { id, from, to });
    return edge;
  }
}
