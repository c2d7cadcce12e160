import type { FilterClauses } from '../db';
import { int, VISIBLE } from '../db';
import { EntityKindRepository } from '../entities/entity-kind.repository';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import { EntityKind, Reliability, RelationshipType } from '../model/vocabulary';
import type { SourcesArgs } from './source.args';
import type { CitedRelationship, SourceSupport } from './source-support.type';
import type { Source } from './source.type';

const RELIABILITY_ORDER = Object.values(Reliability);

/**
 * For each source asked (one statement for all of them, batched per request): the entities that
 * cite it (REPORTED_BY edges) and the relationships that cite it (through the
 * relationship_sources full-text index on r.sourceIds), each capped at $limit: no scan of all
 * relationships. Each id arrives quoted for Lucene, so no user text is read as query syntax.
 */
export const SOURCE_SUPPORT = `
UNWIND $sources AS asked
MATCH (s:Source {id: asked.id}) WHERE ${VISIBLE('s')}
CALL (s) { MATCH (s)<-[:REPORTED_BY]-(n:Entity) WHERE ${VISIBLE('n')} RETURN count(n) AS entityCount }
CALL (s) {
  MATCH (s)<-[:REPORTED_BY]-(n:Entity) WHERE ${VISIBLE('n')}
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({props: properties(n), labels: labels(n)}) AS entities
}
CALL (asked) {
  CALL db.index.fulltext.queryRelationships('relationship_sources', asked.lucene) YIELD relationship
  WITH relationship WHERE NOT type(relationship) IN $evidenceTypes AND ${VISIBLE('relationship')}
    AND ${VISIBLE('startNode(relationship)')} AND ${VISIBLE('endNode(relationship)')}
  RETURN count(relationship) AS relationshipCount
}
CALL (asked) {
  CALL db.index.fulltext.queryRelationships('relationship_sources', asked.lucene) YIELD relationship AS r
  WITH r WHERE NOT type(r) IN $evidenceTypes AND ${VISIBLE('r')} AND ${VISIBLE('startNode(r)')} AND ${VISIBLE('endNode(r)')}
  WITH r ORDER BY r.id LIMIT $limit
  WITH r, startNode(r) AS a, endNode(r) AS b
  RETURN collect({id: r.id, type: type(r), credibility: r.credibility, excerpt: r.excerpt,
                  from: {props: properties(a), labels: labels(a)}, to: {props: properties(b), labels: labels(b)}}) AS relationships
}
RETURN s.id AS id, entityCount, entities, relationshipCount, relationships`;

interface SupportRow {
  id: string;
  entityCount: number;
  entities: NodeRecord[];
  relationshipCount: number;
  relationships: Array<{
    id: string;
    type: RelationshipType;
    credibility: number;
    excerpt: string;
    from: NodeRecord;
    to: NodeRecord;
  }>;
}

export class SourceRepository extends EntityKindRepository<Source, SourcesArgs> {
  protected readonly kind = EntityKind.SOURCE;

  protected where({ filter }: SourcesArgs): FilterClauses {
    const reliabilities = filter?.minReliability
      ? RELIABILITY_ORDER.slice(0, RELIABILITY_ORDER.indexOf(filter.minReliability) + 1)
      : null;
    return this.textOf(filter)
      .when(filter?.kinds, 'n.kind IN $kinds', { kinds: filter?.kinds })
      .when(reliabilities, 'n.reliability IN $reliabilities', { reliabilities });
  }

  /** What each source backs (an unknown id backs nothing), in one statement for all of them. */
  async supportOf(ids: readonly string[], limit: number): Promise<Map<string, SourceSupport>> {
    const rows = await this.db.read<SupportRow>('sources.support', SOURCE_SUPPORT, {
      sources: [...new Set(ids)].map((id) => ({ id, lucene: `"${id.replace(/["\\]/g, '')}"` })),
      limit: int(limit),
      evidenceTypes: [RelationshipType.REPORTED_BY, RelationshipType.CITES],
      ...(await this.entities.visibility.params()),
    });
    return new Map(
      rows.map((row) => [
        row.id,
        {
          entityCount: row.entityCount,
          relationshipCount: row.relationshipCount,
          entities: row.entities.map(toEntity),
          relationships: row.relationships.map((rel): CitedRelationship => ({
            ...rel,
            from: toEntity(rel.from),
            to: toEntity(rel.to),
          })),
        },
      ]),
    );
  }
}
