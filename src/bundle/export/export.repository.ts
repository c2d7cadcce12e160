import { int, VISIBLE, Visibility, visibleIds, type Database, type VisibilityParams } from '../../db';
import type { NodeRecord } from '../../entities/entity.mapper';
import { CONNECTION_TYPES, ENTITY_LABEL, RelationshipType, type Tlp } from '../../model/vocabulary';
import { hopBound } from '../../db';
import type { RelationshipRecordRow } from './bundle.export';

/**
 * Reads the graph for export: in pages of entities (ordered by id) with their outgoing
 * relationships, so a whole-graph export holds one page at a time in the database's answer; or
 * the part of the graph within `depth` hops of some entities, with the sources it cites. Both
 * leave retracted entities and relationships out (a subset reaches nothing through them), and
 * what the reader's view hides (VISIBLE: items above its TLP clearance or resting only on such
 * sources; the sourceIds of what is kept lose the hidden sources, so the bundle imports on its own).
 */

export const ENTITIES_PAGE = `
MATCH (n:${ENTITY_LABEL}) WHERE ($after IS NULL OR n.id > $after) AND (n.retracted IS NULL OR n:Source) AND ${VISIBLE('n')}
WITH n ORDER BY n.id LIMIT $limit
RETURN properties(n) AS props, labels(n) AS labels`;

export const OUTGOING_RELATIONSHIPS = `
UNWIND $ids AS entityId
MATCH (a:${ENTITY_LABEL} {id: entityId})-[r]->(b:${ENTITY_LABEL})
WHERE ($among IS NULL OR b.id IN $among) AND r.retracted IS NULL AND b.retracted IS NULL
  AND ${VISIBLE('a')} AND ${VISIBLE('r')} AND ${VISIBLE('b')}
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId`;

/** Like the whole-graph export: retracted entities are left out, retracted sources kept (claims cite them). */
export const NODES_BY_ID = `
UNWIND $ids AS entityId
MATCH (n:${ENTITY_LABEL} {id: entityId}) WHERE (n.retracted IS NULL OR n:Source) AND ${VISIBLE('n')}
RETURN properties(n) AS props, labels(n) AS labels`;

export function reachStatement(depth: number): string {
  return `
MATCH (start:${ENTITY_LABEL}) WHERE start.id IN $ids AND start.retracted IS NULL AND ${VISIBLE('start')}
OPTIONAL MATCH p = ANY SHORTEST (start) ((x)-[r]-(y) WHERE type(r) IN $types AND r.retracted IS NULL AND y.retracted IS NULL
  AND ${VISIBLE('r')} AND ${VISIBLE('y')})${hopBound(depth)} (m:${ENTITY_LABEL})
WITH collect(DISTINCT start.id) + collect(DISTINCT m.id) AS reached
RETURN reached[0..$limit] AS ids, size(reached) > $limit AS truncated`;
}

export interface GraphPage {
  nodes: NodeRecord[];
  relationships: RelationshipRecordRow[];
}

export const EXPORT_PAGE_SIZE = 2_000;

/** A kept item as the view shows it: its sourceIds without the hidden sources. */
function shown<T extends { props: Record<string, unknown> }>(rows: T[], visible: VisibilityParams): T[] {
  if (visible.hiddenSourceIds.length === 0) return rows;
  return rows.map((row) =>
    row.props.sourceIds === undefined || row.props.sourceIds === null
      ? row
      : { ...row, props: { ...row.props, sourceIds: visibleIds(row.props.sourceIds, visible) } },
  );
}

export class ExportRepository {
  constructor(
    private readonly db: Database,
    /**
     * Whose view is exported: the request's (GraphQL, /export/*, at the caller's clearance or the
     * lower `?tlp=`); the operator's (everything) when a tool reads the store and passes none.
     */
    readonly visibility: Visibility = Visibility.operator(db),
  ) {}

  /** The same reads at `level` when that is stricter than this view (an export's TLP level). */
  lowered(level: Tlp): ExportRepository {
    const view = this.visibility.lowered(level);
    return view === this.visibility ? this : new ExportRepository(this.db, view);
  }

  /** The whole graph, page by page (every relationship type, evidence links included). */
  async *pages(pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<GraphPage> {
    const visible = await this.visibility.params();
    let after: string | null = null;
    for (;;) {
      const nodes: NodeRecord[] = await this.db.read<NodeRecord>('export.entities', ENTITIES_PAGE, {
        after,
        limit: int(pageSize),
        ...visible,
      });
      if (nodes.length === 0) return;
      const ids = nodes.map((node) => String(node.props.id));
      const relationships = await this.db.read<RelationshipRecordRow>('export.relationships', OUTGOING_RELATIONSHIPS, {
        ids,
        among: null,
        ...visible,
      });
      yield { nodes: shown(nodes, visible), relationships: shown(relationships, visible) };
      if (nodes.length < pageSize) return;
      after = ids[ids.length - 1];
    }
  }

  /**
   * Entities within `depth` hops of `ids` (at most `limit`), the relationships among them, and
   * every source they or those relationships cite: a bundle that imports on its own.
   */
  async subset(ids: string[], depth: number, limit: number): Promise<GraphPage & { truncated: boolean }> {
    const visible = await this.visibility.params();
    let members = ids;
    let truncated = false;
    if (depth > 0) {
      const [row] = await this.db.read<{ ids: string[]; truncated: boolean }>('export.reach', reachStatement(depth), {
        ids,
        types: CONNECTION_TYPES,
        limit: int(limit),
        ...visible,
      });
      members = row?.ids ?? [];
      truncated = row?.truncated ?? false;
    }
    const nodes = shown(
      await this.db.read<NodeRecord>('export.nodes', NODES_BY_ID, { ids: members, ...visible }),
      visible,
    );
    const have = new Set(nodes.map((node) => String(node.props.id)));
    const kept = [...have];
    const inner = await this.db.read<RelationshipRecordRow>('export.relationships', OUTGOING_RELATIONSHIPS, {
      ids: kept,
      among: kept,
      ...visible,
    });
    const relationships = shown(inner, visible).filter((rel) => rel.type !== RelationshipType.REPORTED_BY);
    const cited = new Set<string>();
    for (const item of [...nodes.map((n) => n.props), ...relationships.map((r) => r.props)]) {
      for (const id of (item.sourceIds as string[] | undefined) ?? []) if (!have.has(id)) cited.add(id);
    }
    if (cited.size > 0) {
      const sources = await this.db.read<NodeRecord>('export.sources', NODES_BY_ID, { ids: [...cited], ...visible });
      nodes.push(...sources);
      const sourceIds = [...have, ...cited];
      const citations = await this.db.read<RelationshipRecordRow>('export.citations', OUTGOING_RELATIONSHIPS, {
        ids: [...cited],
        among: sourceIds,
        ...visible,
      });
      relationships.push(...citations.filter((rel) => rel.type === RelationshipType.CITES));
    }
    return { nodes, relationships, truncated };
  }
}
