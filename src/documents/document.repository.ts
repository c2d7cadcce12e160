import { int, VISIBLE, type Database, type Tx, type Visibility } from '../db';
import type { TextChunk } from './readers/document-text';

/**
 * Cypher of documents. A document is a Source (written through the bundle loader, like any
 * source) plus a (:DocumentText {sourceId, contentHash, text, folded, length, format}) node found
 * by the source's id: no relationship, so no traversal, export or count of the graph ever walks
 * into a text. Every read goes through the Source's visibility (TLP): a text, snippet or mention
 * of a document above the caller's clearance is never read.
 */

/**
 * The first statement of an ingest: MERGE on the unique content hash. Two ingests of the same
 * text queue here; the second sees the first's node once it commits (created: false) and writes
 * nothing. `claim` marks the node this transaction created; it is removed when the text is set.
 */
export const CLAIM_CONTENT = `MERGE (t:DocumentText {contentHash: $contentHash})
ON CREATE SET t.claim = $claim
RETURN coalesce(t.claim = $claim, false) AS created, t.sourceId AS sourceId`;

/** After the Source is written: its document properties, and the text on the claimed node. */
export const WRITE_TEXT = `MATCH (s:Source {id: $id})
SET s.language = $language, s.undated = $undated, s.documentHash = $contentHash
WITH s
MATCH (t:DocumentText {contentHash: $contentHash})
SET t.sourceId = s.id, t.text = $text, t.length = $length, t.format = $format, t.ingestedAt = $ingestedAt
REMOVE t.claim
RETURN t.sourceId AS id`;

/** The text's chunks (src/documents/readers/document-text.ts), for search and mentions. */
export const WRITE_CHUNKS = `UNWIND $chunks AS chunk
CREATE (c:DocumentChunk {sourceId: $id, start: chunk.start, own: chunk.own, text: chunk.text, before: chunk.before,
                         folded: chunk.folded})
RETURN count(c) AS chunks`;

const DOCUMENT_FIELDS = `s {.id, .name, .kind, .publisher, .author, .url, .published, .undated, .language, .reliability, .tlp} AS source,
       t {.length, .contentHash, .format, .ingestedAt} AS text`;

/** Documents by id, without their text, as the caller may see them (the `document` loader). */
export const DOCUMENTS_BY_IDS = `UNWIND $ids AS id
MATCH (s:Source {id: id}) WHERE ${VISIBLE('s')}
MATCH (t:DocumentText {sourceId: id})
RETURN ${DOCUMENT_FIELDS}`;

/** Slices of texts (batched per request), each bounded by the caller's start and length. */
export const TEXT_SLICES = `UNWIND $slices AS slice
MATCH (s:Source {id: slice.id}) WHERE ${VISIBLE('s')}
MATCH (t:DocumentText {sourceId: slice.id})
RETURN slice.key AS key, substring(t.text, slice.start, slice.length) AS text`;

/**
 * Full-text search over the chunks (at most $chunks of the best, so a common word costs what a
 * page shows), ranked per document by its best chunk; in that chunk, the first query word found
 * as the start of a word (a needle " word" in the folded twin, whose index i is the document's
 * chunk start + i) and a window of text around it. Offset paging: ranked hits have no stable key.
 */
export const SEARCH_DOCUMENTS = `CALL db.index.fulltext.queryNodes('document_chunks', $lucene) YIELD node AS c, score
WITH c, score LIMIT $chunks
MATCH (s:Source {id: c.sourceId}) WHERE ${VISIBLE('s')}
WITH s, max(score) AS score, collect(c)[0] AS c
ORDER BY score DESC, s.id SKIP $skip LIMIT $limit
MATCH (t:DocumentText {sourceId: s.id})
WITH s, t, c, score, [p IN [needle IN $needles | size(split(c.folded, needle)[0])] WHERE p < size(c.folded)] AS found
WITH s, t, c, score, CASE WHEN size(found) = 0 THEN -1 ELSE found[0] END AS at
WITH s, t, c, score, at, CASE WHEN at > $context THEN at - $context ELSE 0 END AS from
RETURN ${DOCUMENT_FIELDS}, score, CASE WHEN at < 0 THEN -1 ELSE c.start + at END AS hit,
       c.start + from AS windowStart, substring(c.text, from, 2 * $context) AS window`;

/**
 * Where names occur: the chunks the index finds for any of the names (the best $chunks), then in
 * each the exact places of each folded name (" jnim ") in its folded twin, at most $perName per
 * name and chunk, counted only where they start in what the chunk owns (the overlap is the next
 * chunk's), each with the chunk's text before and around it for its sentence.
 */
export const MENTIONS = `CALL db.index.fulltext.queryNodes('document_chunks', $lucene) YIELD node AS c, score
WITH c, score LIMIT $chunks
MATCH (s:Source {id: c.sourceId}) WHERE ${VISIBLE('s')}
UNWIND $needles AS needle
WITH s, c, score, needle, split(c.folded, needle) AS parts
UNWIND range(0, CASE WHEN size(parts) - 2 < $perName - 1 THEN size(parts) - 2 ELSE $perName - 1 END) AS i
WITH s, c, score, reduce(at = 0, part IN parts[0..i + 1] | at + size(part)) + i * size(needle) AS at, size(needle) - 2 AS length
WHERE at < c.own
WITH s, c, score, c.start + at AS start, c.start + at + length AS end
ORDER BY score DESC, s.id, start
LIMIT $limit
MATCH (t:DocumentText {sourceId: s.id})
RETURN ${DOCUMENT_FIELDS}, start, end, c.start - size(c.before) AS windowStart, c.before + c.text AS window`;

export interface DocumentRow {
  source: Record<string, unknown>;
  text: { length: number; contentHash: string; format: string; ingestedAt: string };
}

export interface SearchRow extends DocumentRow {
  score: number;
  hit: number;
  windowStart: number;
  window: string;
}

export interface MentionRow extends DocumentRow {
  start: number;
  end: number;
  windowStart: number;
  window: string;
}

export interface TextToWrite {
  id: string;
  contentHash: string;
  text: string;
  chunks: TextChunk[];
  format: string;
  language: string | null;
  undated: boolean;
  ingestedAt: string;
}

/** Characters of text either side of a hit that a search returns, to cut a snippet from. */
export const WINDOW = 400;
/** Chunks a search ranks at most: past this, the best-scoring ones (a common word in many documents). */
export const MAX_CHUNKS_READ = 2_000;

export class DocumentRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  /** In the ingest's transaction: whether this transaction holds the hash now, else whose it is. */
  async claim(tx: Tx, contentHash: string, claim: string): Promise<{ created: boolean; sourceId: string | null }> {
    const [row] = await tx.run<{ created: boolean; sourceId: string | null }>(CLAIM_CONTENT, { contentHash, claim });
    return row;
  }

  async writeText(tx: Tx, { chunks, ...document }: TextToWrite): Promise<void> {
    await tx.run(WRITE_TEXT, { ...document, length: int(document.text.length) });
    await tx.run(WRITE_CHUNKS, {
      id: document.id,
      chunks: chunks.map((chunk) => ({ ...chunk, start: int(chunk.start), own: int(chunk.own) })),
    });
  }

  async byIds(ids: readonly string[]): Promise<DocumentRow[]> {
    return this.db.read<DocumentRow>('documents.byIds', DOCUMENTS_BY_IDS, {
      ids: [...new Set(ids)],
      ...(await this.visibility.params()),
    });
  }

  async slices(slices: ReadonlyArray<{ key: string; id: string; start: number; length: number }>) {
    return this.db.read<{ key: string; text: string }>('documents.text', TEXT_SLICES, {
      slices: slices.map((slice) => ({ ...slice, start: int(slice.start), length: int(slice.length) })),
      ...(await this.visibility.params()),
    });
  }

  async search(lucene: string, needles: string[], skip: number, limit: number): Promise<SearchRow[]> {
    return this.db.read<SearchRow>('documents.search', SEARCH_DOCUMENTS, {
      lucene,
      needles,
      chunks: int(MAX_CHUNKS_READ),
      skip: int(skip),
      limit: int(limit),
      context: int(WINDOW),
      ...(await this.visibility.params()),
    });
  }

  async mentions(
    lucene: string,
    needles: string[],
    bounds: { chunks: number; perName: number; limit: number },
  ): Promise<MentionRow[]> {
    return this.db.read<MentionRow>('documents.mentions', MENTIONS, {
      lucene,
      needles,
      chunks: int(bounds.chunks),
      perName: int(bounds.perName),
      limit: int(bounds.limit),
      context: int(WINDOW),
      ...(await this.visibility.params()),
    });
  }
}
