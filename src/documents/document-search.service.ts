import { normalizeWords, toLuceneQuery } from '../search/lucene-query';
import { BadUserInputError } from '../errors';
import { MAX_SEARCH_OFFSET } from './document.args';
import type { DocumentHit, DocumentHitPage } from './document-hit.type';
import { toDocument } from './document.mapper';
import type { DocumentRepository } from './document.repository';
import type { Mention } from './mention.type';
import { CHUNK_OVERLAP, foldedNeedle } from './readers/document-text';
import { sentenceAround } from './readers/sentence';

/** Snippets: this many characters either side of a hit. */
const SNIPPET_CONTEXT = 120;
/** Mentions look in the best this many chunks (8,000 characters each) the index finds for the names. */
const MENTION_CHUNKS = 200;
/** Names (a name and its aliases) looked for at most. */
const MAX_NAMES = 30;

/**
 * Search over document texts and mentions of entities, each one statement (src/documents/
 * document.repository.ts); the offsets come from the folded twin of the text (same length as the
 * text), the snippets and sentences are cut here from a bounded window of text around each hit.
 */
export class DocumentSearchService {
  constructor(private readonly documents: DocumentRepository) {}

  async search(query: string, first: number, after: string | null | undefined): Promise<DocumentHitPage> {
    const lucene = toLuceneQuery(query);
    if (!lucene) throw BadUserInputError.field('query', 'has no letters or digits to search for');
    const skip = offsetOf(after);
    // The needle " word" finds a word that starts with a query word, as the prefix query does.
    const needles = normalizeWords(query).map((word) => ` ${word}`);
    const rows = await this.documents.search(lucene, needles, skip, first + 1);
    const hits = rows.slice(0, first).map((row): DocumentHit => {
      const at = row.hit < 0 ? null : row.hit;
      const end = at === null ? null : wordEnd(row.window, row.windowStart, at);
      const snippetStart = at === null ? row.windowStart : Math.max(row.windowStart, at - SNIPPET_CONTEXT);
      const snippetEnd = at === null ? row.windowStart + 2 * SNIPPET_CONTEXT : end! + SNIPPET_CONTEXT;
      return {
        document: toDocument(row),
        score: row.score,
        snippet: row.window.slice(snippetStart - row.windowStart, snippetEnd - row.windowStart),
        snippetStart,
        start: at,
        end,
      };
    });
    const next = skip + first;
    return { hits, endCursor: rows.length > first && next < MAX_SEARCH_OFFSET ? encodeOffset(next) : null };
  }

  /** Where any of `names` occurs, as whole words, accent- and case-insensitively. */
  async mentions(names: string[], first: number): Promise<Mention[]> {
    // A needle longer than a chunk's overlap could start in one chunk and end past it: not looked for.
    const needles = [
      ...new Set(
        names
          .slice(0, MAX_NAMES)
          .map(foldedNeedle)
          .filter((n): n is string => n !== null && n.length <= CHUNK_OVERLAP),
      ),
    ];
    if (needles.length === 0) return [];
    // Folded needles hold letters, digits and spaces only: quoted, they are Lucene phrases and nothing else.
    const lucene = needles.map((needle) => `"${needle.trim()}"`).join(' OR ');
    const rows = await this.documents.mentions(lucene, needles, {
      chunks: MENTION_CHUNKS,
      perName: first,
      limit: first * 2,
    });
    const seen = new Set<string>();
    const mentions: Mention[] = [];
    // A longer name at the same place wins ("Jama'at Nusrat al-Islam" over a shorter alias inside it).
    for (const row of [...rows].sort((a, b) => b.end - b.start - (a.end - a.start))) {
      const key = `${String(row.source.id)}@${row.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { sentence, sentenceStart } = sentenceAround(row.window, row.windowStart, row.start, row.end);
      mentions.push({
        document: toDocument(row),
        start: row.start,
        end: row.end,
        matched: row.window.slice(row.start - row.windowStart, row.end - row.windowStart),
        sentence,
        sentenceStart,
      });
    }
    const rank = new Map<string, number>();
    for (const row of rows) if (!rank.has(String(row.source.id))) rank.set(String(row.source.id), rank.size);
    return mentions
      .sort((a, b) => rank.get(a.document.id)! - rank.get(b.document.id)! || a.start - b.start)
      .slice(0, first);
  }
}

/** Offset just past the word that starts at `at`. */
function wordEnd(window: string, windowStart: number, at: number): number {
  const rest = window.slice(at - windowStart);
  const match = /^[\p{L}\p{N}\p{M}]+/u.exec(rest);
  return at + (match ? match[0].length : 0);
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

function offsetOf(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = /^o:(\d{1,6})$/.exec(text) ? Number(text.slice(2)) : NaN;
  if (!Number.isInteger(offset) || offset >= MAX_SEARCH_OFFSET)
    throw BadUserInputError.field('after', 'is not a cursor returned by searchDocuments (use endCursor)');
  return offset;
}
