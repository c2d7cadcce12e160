/**
 * Finding names in a sentence: every registered name and alias (known entities, the language
 * table's countries and regions, names discovered in the document), folded word by word, longest
 * match first. A lookup is one map probe per start word and length: linear in the sentence.
 */
import { type ExtractionContext, MAX_NAME_WORDS, type NameTarget } from './context';
import type { Token } from './text';

export interface NameMatch {
  from: number;
  to: number;
  target: NameTarget;
}

/** Words may join a name across these separators only: a space, a hyphen, an apostrophe. */
export function joins(gap: string): boolean {
  return gap === ' ' || gap === '-' || gap === '' || gap === '’' || gap === "'";
}

/** Non-overlapping longest matches in tokens [from, to), left to right. */
export function matchNames(
  tokens: Token[],
  from: number,
  to: number,
  names: ReadonlyMap<string, NameTarget>,
  prefixes: ReadonlySet<string>,
): NameMatch[] {
  const matches: NameMatch[] = [];
  for (let i = from; i < to;) {
    let found: NameMatch | undefined;
    let key = '';
    const words: string[] = [];
    for (let n = 0; n < MAX_NAME_WORDS && i + n < to; n++) {
      const token = tokens[i + n];
      if (n > 0 && (!joins(token.gap.slice(-1)) || /[,;:()—–]/.test(token.gap) || tokens[i + n - 1].possessive)) break;
      words.push(token.fold);
      key = words.join(' ');
      const target = names.get(key);
      if (target) found = { from: i, to: i + n + 1, target };
      if (!prefixes.has(key)) break;
    }
    if (found) {
      matches.push(found);
      i = found.to;
    } else i++;
  }
  return matches;
}

export function matchesIn(ctx: ExtractionContext, from: number, to: number): NameMatch[] {
  return matchNames(ctx.tokens, from, to, ctx.names, ctx.namePrefixes);
}
