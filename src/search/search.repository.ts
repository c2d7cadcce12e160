import { int, VISIBLE, type Database, type Visibility } from '../db';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import { LABEL_OF_KIND, type EntityKind } from '../model/vocabulary';
import { bestMatchingName, toLuceneQuery } from './lucene-query';
import type { SearchHit } from './search.type';

export const SEARCH_ENTITIES = `
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates}) YIELD node, score
WHERE node.retracted IS NULL AND ${VISIBLE('node')} AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
RETURN properties(node) AS props, labels(node) AS labels, score
ORDER BY score DESC, node.id
LIMIT $limit`;

export class SearchRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  async search(query: string, kinds: EntityKind[] | null | undefined, limit: number): Promise<SearchHit[]> {
    const lucene = toLuceneQuery(query);
    if (!lucene) return [];
    const rows = await this.db.read<NodeRecord & { score: number }>('search.entities', SEARCH_ENTITIES, {
      lucene,
      labels: kinds?.length ? kinds.map((kind) => LABEL_OF_KIND[kind]) : null,
      // Filtering by kind happens after the index lookup, so ask the index for more.
      candidates: int(kinds?.length ? Math.min(limit * 10, 500) : limit),
      limit: int(limit),
      ...(await this.visibility.params()),
    });
    return rows.map((row) => {
      const entity = toEntity(row);
      return { entity, score: row.score, matched: bestMatchingName(query, [entity.name, ...entity.aliases]) };
    });
  }
}
