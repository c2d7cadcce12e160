/**
 * Turns what a person types into a safe, forgiving Lucene query for the entity_names index.
 * Only letters and digits survive (after folding accents), so nothing the user types is read
 * as Lucene syntax. Every word must match (a name the graph does not hold finds nothing):
 * exactly (boosted), as a prefix, or, for words long enough that a typo cannot turn them into
 * another word, with one or two edits ("Senegall" finds Senegal; "corps" does not find "coups").
 * The whole phrase in order scores highest.
 */

const MAX_TERMS = 12;

/**
 * The one folding of text into words that every name lookup uses (search, ACLED's actor names):
 * accents folded, lower case, apostrophes dropped ("Jama’at" -> "jamaat", not "jama at"),
 * anything but letters and digits a separator. What survives can never be Lucene syntax.
 */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The words of what a person typed, at most MAX_TERMS of them. */
export function normalizeWords(text: string): string[] {
  return foldedWords(text).slice(0, MAX_TERMS);
}

/** The Lucene phrase that finds names containing these words in order (folded words only: no syntax). */
export function phraseQuery(text: string): string {
  return `"${normalizeWords(text).join(' ')}"`;
}

/** Lucene's English stop words, which the index's standard-folding analyzer drops. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** Shorter words match only exactly or as a prefix: a typo of five letters is often another word. */
export const FUZZY_FROM_LENGTH = 6;
export const TWO_EDITS_FROM_LENGTH = 9;

function fuzziness(word: string): number {
  if (word.length >= TWO_EDITS_FROM_LENGTH) return 2;
  if (word.length >= FUZZY_FROM_LENGTH) return 1;
  return 0;
}

export function toLuceneQuery(text: string): string | null {
  const words = normalizeWords(text).filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
  if (words.length === 0) return null;
  const clauses = words.map((word) => {
    const parts = [`${word}^3`];
    if (word.length >= 2) parts.push(`${word}*`);
    const edits = fuzziness(word);
    if (edits > 0) parts.push(`${word}~${edits}`);
    // The index leaves English stop words out, so requiring one would find nothing.
    return `${STOP_WORDS.has(word) ? '' : '+'}(${parts.join(' OR ')})`;
  });
  if (words.length > 1) clauses.push(`"${words.join(' ')}"^6`);
  return clauses.join(' ');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** Words that end the head of a name: "Airstrikes | in response to the blockade". */
const HEAD_ENDS = new Set(['of', 'in', 'to', 'from', 'against', 'by', 'for', 'on', 'at', 'after', 'with', 'over']);

/**
 * Whether a name (or alias) names what the query asks for, rather than mentioning it: every
 * query word is a word, or the start of a word, of the name's head (the words before its first
 * preposition). "blockade" names "Economic blockade of Mali's trade routes" but only mentions
 * "Airstrikes in response to the blockade".
 */
export function namesIt(query: string, names: string[]): boolean {
  const queryWords = normalizeWords(query);
  return names.some((name) => {
    const words = normalizeWords(name);
    const end = words.findIndex((word) => HEAD_ENDS.has(word));
    const head = end > 0 ? words.slice(0, end) : words;
    return queryWords.every((word) => head.some((candidate) => candidate.startsWith(word)));
  });
}

/** Which of an entity's names best explains the hit, for showing "matched: Kyiv". */
export function bestMatchingName(query: string, names: string[]): string {
  const queryWords = normalizeWords(query);
  let best = names[0];
  let bestScore = -1;
  for (const name of names) {
    const nameWords = normalizeWords(name);
    let score = 0;
    for (const word of queryWords) {
      if (nameWords.includes(word)) score += 3;
      else if (nameWords.some((candidate) => candidate.startsWith(word))) score += 2;
      else if (nameWords.some((candidate) => editDistance(candidate, word) <= Math.max(1, fuzziness(word)))) score += 1;
    }
    // Prefer the name whose words are mostly the query's (an exact alias beats a long name).
    const normalized = score - nameWords.length * 0.01;
    if (normalized > bestScore) {
      best = name;
      bestScore = normalized;
    }
  }
  return best;
}
