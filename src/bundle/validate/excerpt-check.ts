import type { FieldProblem } from '../../errors';
import type { Bundle, BundleEvidence } from '../format';

/**
 * Provenance back to the sentence (issue 22, item 4): evidence that quotes a document says where
 * the words stand, `(documentId, start, end)`, and an import refuses an excerpt that is not what
 * the document holds there (a stale proposal, offsets from another version of the text, a typo).
 */
export interface QuotedExcerpt {
  /** Where the problem is reported, e.g. `relationships[3].excerpt`. */
  field: string;
  documentId: string;
  start: number;
  end: number;
  excerpt: string;
}

/** Longest excerpt compared: evidence excerpts are short (the bundle caps them far below this). */
export const MAX_QUOTED_EXCERPT = 10_000;

/** The problems of quotes, before anything is read: offsets that cannot be right whatever the text. */
export function quoteShapeProblems(quotes: readonly QuotedExcerpt[]): FieldProblem[] {
  return quotes.flatMap((quote): FieldProblem[] => {
    if (!Number.isInteger(quote.start) || !Number.isInteger(quote.end) || quote.start < 0 || quote.end < quote.start)
      return [{ field: quote.field, reason: `offsets [${quote.start}, ${quote.end}) are not a range of the text` }];
    if (quote.end - quote.start > MAX_QUOTED_EXCERPT)
      return [{ field: quote.field, reason: `quotes more than ${MAX_QUOTED_EXCERPT} characters` }];
    return [];
  });
}

/** Each quote compared with what its document holds at its offsets (`held[i]` for `quotes[i]`). */
export function excerptProblems(
  quotes: readonly QuotedExcerpt[],
  held: ReadonlyArray<{ length: number | null; text: string | null }>,
): FieldProblem[] {
  return quotes.flatMap((quote, i): FieldProblem[] => {
    const { length, text } = held[i] ?? { length: null, text: null };
    if (length === null) return [{ field: quote.field, reason: `no document "${quote.documentId}"` }];
    if (text === null)
      return [
        {
          field: quote.field,
          reason: `offsets [${quote.start}, ${quote.end}) pass the end of "${quote.documentId}" (length ${length})`,
        },
      ];
    if (text.normalize('NFC') !== quote.excerpt.normalize('NFC'))
      return [
        {
          field: quote.field,
          reason: `does not match "${quote.documentId}" at [${quote.start}, ${quote.end}), which reads "${text.slice(0, 200)}"`,
        },
      ];
    return [];
  });
}

/** The quoted excerpt of one record (named `where`, e.g. `relationships[3]`), or null when it gives no offsets. */
export function quotedExcerptOf(record: Partial<BundleEvidence>, where: string): QuotedExcerpt | null {
  const { excerptSourceId, excerptStart, excerptEnd, excerpt } = record;
  if (excerptSourceId === undefined || excerptStart === undefined || excerptEnd === undefined) return null;
  return {
    field: `${where}.excerpt`,
    documentId: excerptSourceId,
    start: excerptStart,
    end: excerptEnd,
    excerpt: excerpt ?? '',
  };
}

/** The quoted excerpts of a bundle: every record that says where its excerpt stands in a document. */
export function quotedExcerpts(bundle: Bundle): QuotedExcerpt[] {
  const sections = [
    ['actors', bundle.actors],
    ['locations', bundle.locations],
    ['events', bundle.events],
    ['allegations', bundle.allegations],
    ['relationships', bundle.relationships],
  ] as const;
  return sections.flatMap(([section, records]) =>
    records.flatMap((record: BundleEvidence, index) => quotedExcerptOf(record, `${section}[${index}]`) ?? []),
  );
}
