import { HIDDEN_SOURCES, levelsUpTo, VISIBLE, type Tx, type VisibilityParams } from '../db';
import { ENTITY_LABEL, KIND_OF_LABEL, LABEL_OF_KIND, type EntityKind, type Tlp } from '../model/vocabulary';
import { EDGE_BETWEEN, VISIBLE_EDGE_BETWEEN } from '../relationships/relationship.repository';
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

/** The entities (sources included) among `ids` that VISIBLE leaves out for the writer's clearance. */
export const HIDDEN_ENTITIES = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
WHERE NOT ${VISIBLE('n')}
RETURN n.id AS id`;

/** The sources each existing record among `ids` cites, hidden ones included (read after the locks). */
export const CITED_SOURCES = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, coalesce(n.sourceIds, []) AS sourceIds`;

/** Existing relationships among `relationships` (read under their endpoints' locks): seen by the writer or not, and their sources. */
export const RELATIONSHIPS_AS_SEEN = `UNWIND $relationships AS rel
MATCH (:${ENTITY_LABEL} {id: rel.from})-[r]->(:${ENTITY_LABEL} {id: rel.to})
WHERE r.id = rel.id
RETURN r.id AS id, ${VISIBLE('r')} AS visible, coalesce(r.sourceIds, []) AS sourceIds`;

/** What a writer below RED must not overwrite or drop among the records a write is about. */
export interface RecordsAsSeen {
  /** Ids of existing relationships the writer cannot see. */
  hiddenRelationships: Set<string>;
  /** Record id (entity or relationship) -> the sources above the writer's clearance it cites now. */
  hiddenSourcesCited: Map<string, string[]>;
}

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

  /**
   * Locks a relationship's endpoints, then the relationship; returns it as of the lock. With a
   * writer's `view`, a relationship (or endpoint) hidden from the writer is returned as missing.
   */
  async lockRelationship(
    tx: Tx,
    id: string,
    from: string,
    to: string,
    view?: VisibilityParams,
  ): Promise<RawEdge | undefined> {
    await tx.run(LOCK_RELATIONSHIP, { id, from, to, endpointIds: [from, to].sort() });
    const [edge] = await tx.run<RawEdge>(view ? VISIBLE_EDGE_BETWEEN : EDGE_BETWEEN, { id, from, to, ...view });
    return edge;
  }

  /**
   * A writer's view (the parameters of VISIBLE) read inside the write transaction, so the check
   * and the write see the same sources.
   */
  async writerView(tx: Tx, clearance: Tlp): Promise<VisibilityParams> {
    const visibleTlp = levelsUpTo(clearance);
    const [row] = await tx.run<{ ids: string[] }>(HIDDEN_SOURCES, { visibleTlp });
    return { visibleTlp, hiddenSourceIds: row?.ids ?? [] };
  }

  /**
   * Of the existing records among `entityIds` and `relationships` (read after their locks): the
   * relationships hidden from `view`, and the hidden sources each cites.
   */
  async recordsAsSeen(
    tx: Tx,
    entityIds: string[],
    relationships: Array<{ id: string; from: string; to: string }>,
    view: VisibilityParams,
  ): Promise<RecordsAsSeen> {
    const hiddenSources = new Set(view.hiddenSourceIds);
    const entities = entityIds.length
      ? await tx.run<{ id: string; sourceIds: string[] }>(CITED_SOURCES, { ids: entityIds })
      : [];
    const edges = relationships.length
      ? await tx.run<{ id: string; visible: boolean; sourceIds: string[] }>(RELATIONSHIPS_AS_SEEN, {
          relationships,
          ...view,
        })
      : [];
    return {
      hiddenRelationships: new Set(edges.filter((edge) => !edge.visible).map((edge) => edge.id)),
      hiddenSourcesCited: new Map(
        [...entities, ...edges].map((row) => [row.id, row.sourceIds.filter((id) => hiddenSources.has(id))]),
      ),
    };
  }

  /** The ids among `ids` (read after their locks) of entities and sources hidden from `view`. */
  async hiddenEntities(tx: Tx, ids: string[], view: VisibilityParams): Promise<Set<string>> {
    const rows = await tx.run<{ id: string }>(HIDDEN_ENTITIES, { ids, ...view });
    return new Set(rows.map((row) => row.id));
  }
}
