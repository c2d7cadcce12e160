import { int, VISIBLE, type Database, type Visibility } from '../db';
import { toEntity, type NodeRecord } from '../entities/entity.mapper';
import { LABEL_OF_KIND, type EntityKind } from '../model/vocabulary';
import { bestMatchingName, namesIt, toLuceneQuery } from './lucene-query';
import type { SearchHit } from './search.type';

export const SEARCH_ENTITIES = `
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates}) YIELD node, score
WHERE node.retracted IS NULL AND ${VISIBLE('node')} AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
RETURN properties(node) AS props, labels(node) AS labels, score
ORDER BY score DESC, node.id
LIMIT $limit`;

/** Index hits read per result returned, so names can rank above mentions among them. */
const RERANKED_PER_RESULT = 3;
const MAX_CANDIDATES = 500;

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
      // Filtering by kind happens after the index lookup, and names rank above mentions (below),
      // so ask the index for more than are returned.
      candidates: int(Math.min(limit * (kinds?.length ? 10 : RERANKED_PER_RESULT), MAX_CANDIDATES)),
      limit: int(Math.min(limit * RERANKED_PER_RESULT, MAX_CANDIDATES)),
      ...(await this.visibility.params()),
    });
    const hits = rows.map((row) => {
      const entity = toEntity(row);
      const names = [entity.name, ...entity.aliases];
      return { entity, score: row.score, matched: bestMatchingName(query, names), names: namesIt(query, names) };
    });
    // Entities the term names come before those whose names only mention it (stable: by score within each).
    return [...hits.filter((hit) => hit.names), ...hits.filter((hit) => !hit.names)]
      .slice(0, limit)
      .map(({ entity, score, matched }) => ({ entity, score, matched }));
  }
}
