/**
 * Turns what a person types into a safe, forgiving Lucene query for the entity_names index.
 * Only letters and digits survive (after folding accents), so nothing the user types is read
 * as Lucene syntax. Each word matches exactly (boosted), as a prefix, or with a small typo;
 * the whole phrase in order scores highest.
 */

const MAX_TERMS = 12;

/** Lower-cased, accent-free words: "Jama’at Nusrat al-Islam" -> ["jama", "at", ...] is avoided by keeping apostrophes out. */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_TERMS);
}

function fuzziness(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 4) return 1;
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
    return `(${parts.join(' OR ')})`;
  });
  if (words.length > 1) clauses.push(`"${words.join(' ')}"^6`);
  return clauses.join(' OR ');
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
