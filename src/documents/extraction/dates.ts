/**
 * Dates and partial dates in a clause: "since 2012" (from 2012), "between 2020 and 2023", "in
 * September" and "earlier this month" (against the document's date when it has one; without it
 * the phrase stays words: an undated report gives no year).
 */
import type { ExtractionContext } from './context';
import { phraseAt } from './references';
import type { LanguageTable } from './tables/language-table.type';
import { phraseFolds } from './text';

export interface ClauseDates {
  start?: string;
  end?: string;
}

const YEAR = /^(1[89]\d\d|20\d\d)$/;

/** Dates are read near their event: at most this many words after the trigger. */
const DATE_REACH = 15;

const RELATIVE_PHRASES = new WeakMap<LanguageTable, string[]>();
function relativePhrases(table: LanguageTable): string[] {
  if (!RELATIVE_PHRASES.has(table)) RELATIVE_PHRASES.set(table, Object.keys(table.relativeDates));
  return RELATIVE_PHRASES.get(table)!;
}

export function datesIn(ctx: ExtractionContext, from: number, clauseTo: number): ClauseDates {
  const { tokens, table } = ctx;
  const to = Math.min(clauseTo, from + DATE_REACH);
  const documentDate = ctx.input.documentDate;
  for (let i = from; i < to; i++) {
    const word = tokens[i].fold;
    if (table.sinceCues.includes(word) && YEAR.test(tokens[i + 1]?.text ?? '')) return { start: tokens[i + 1].text };
    if (
      table.betweenCues.includes(word) &&
      YEAR.test(tokens[i + 1]?.text ?? '') &&
      YEAR.test(tokens[i + 3]?.text ?? '')
    )
      return { start: tokens[i + 1].text, end: tokens[i + 3].text };
    const month = table.months.indexOf(word);
    if (month >= 0 && tokens[i].cap) {
      const year = YEAR.test(tokens[i + 1]?.text ?? '') ? tokens[i + 1].text : documentDate?.slice(0, 4);
      if (year) return { start: `${year}-${String(month + 1).padStart(2, '0')}` };
    }
    if (!documentDate) continue;
    const phrases = relativePhrases(table);
    const n = phraseAt(ctx, i, to, phrases);
    if (!n) continue;
    const phrase = phrases.find(
      (candidate) => phraseFolds(candidate).length === n && phraseAt(ctx, i, to, [candidate]),
    );
    const relative = table.relativeDates[phrase!];
    const resolved = shift(documentDate, relative.unit, relative.offset);
    if (resolved) return { start: resolved };
  }
  return {};
}

/** The document's month or year moved by `offset`; undefined when the document date is too coarse. */
function shift(documentDate: string, unit: 'month' | 'year', offset: number): string | undefined {
  const [year, month] = documentDate.split('-').map(Number);
  if (unit === 'year') return String(year + offset);
  if (!month) return undefined;
  const total = year * 12 + (month - 1) + offset;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
