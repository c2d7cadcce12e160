/**
 * Words and sentences with their offsets. A word is folded exactly as the search folds names
 * (`foldedWords`), so "Jama’at", "Jama'at" and "Jamaat" are one word and "Mali’s" is "Mali" with
 * a possessive. Every scan here is linear: no regular expression can backtrack on hostile text.
 */
import { foldedWords } from '../../search/lucene-query';
import type { TextSpan } from './proposal.type';
import type { LanguageTable } from './tables/language-table.type';

export interface Token extends TextSpan {
  text: string;
  /** Folded like the search folds names; '' for a word that folds to nothing. */
  fold: string;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Two or more letters, all upper case ("JNIM", "AES"). */
  acronym: boolean;
  /** "Mali’s": the word is "Mali" (end excludes the "’s"). */
  possessive: boolean;
  /** What separates it from the word before ("", " ", ", ", " (", "-"), at most 8 characters. */
  gap: string;
}

/** Longest sentence the rules read at once; longer runs are cut so no rule is quadratic in a document. */
export const MAX_SENTENCE_TOKENS = 400;

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`][\p{L}\p{N}\p{M}]+)*/gu;
const POSSESSIVE = /['’]s$/i;
const UPPER = /^\p{Lu}/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}]+$/u;

/** Words of text[0, limit): a word that runs past the limit is left out. */
export function tokenize(text: string, limit = text.length): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    if (start + word.length > limit) break;
    const possessive = word.length > 2 && POSSESSIVE.test(word);
    if (possessive) word = word.slice(0, -2);
    const gapStart = Math.max(previousEnd, start - 8);
    tokens.push({
      start,
      end: start + word.length,
      text: word,
      fold: foldedWords(word).join(''),
      cap: UPPER.test(word),
      acronym: word.length >= 2 && word.length <= 10 && ACRONYM.test(word),
      possessive,
      gap: text.slice(gapStart, start),
    });
    previousEnd = start + match[0].length;
  }
  return tokens;
}

export interface Sentence extends TextSpan {
  index: number;
  /** Index of its first token and one past its last. */
  from: number;
  to: number;
  /** A heading, byline or caption line (mostly capitalised, no final stop): mentions only. */
  titleLike: boolean;
}

function isBoundary(text: string, i: number, abbreviations: Set<string>): boolean {
  const char = text[i];
  if (char === '\n') return true;
  if (char !== '.' && char !== '!' && char !== '?') return false;
  const next = text[i + 1];
  if (next !== undefined && next !== ' ' && next !== '\n' && next !== '"' && next !== '”' && next !== '\t')
    return false;
  if (char !== '.') return true;
  // "Dr. Traoré", "U.S. forces", "J. Smith": a stop after an abbreviation or an initial is not an end.
  let wordStart = i;
  while (wordStart > 0 && i - wordStart < 12 && /[\p{L}.]/u.test(text[wordStart - 1])) wordStart--;
  const word = foldedWords(text.slice(wordStart, i)).join('.');
  if (word.length === 1 && /\p{Lu}/u.test(text[i - 1] ?? '')) return false;
  if (abbreviations.has(word)) return false;
  let j = i + 1;
  while (j < text.length && j - i < 8 && /[\s"”’]/.test(text[j])) j++;
  return j >= text.length || !/\p{Ll}/u.test(text[j]);
}

/** Sentences as spans of the text, trimmed, with the tokens each holds. */
export function splitSentences(text: string, tokens: Token[], table: LanguageTable, limit = text.length): Sentence[] {
  const abbreviations = new Set(table.abbreviations);
  const spans: TextSpan[] = [];
  let start = 0;
  for (let i = 0; i <= limit; i++) {
    if (i < limit && !isBoundary(text, i, abbreviations)) continue;
    const end = i < limit && text[i] !== '\n' ? i + 1 : i;
    pushTrimmed(text, start, end, spans);
    start = i + 1;
  }
  const sentences: Sentence[] = [];
  let t = 0;
  for (const span of spans) {
    while (t < tokens.length && tokens[t].end <= span.start) t++;
    let to = t;
    while (to < tokens.length && tokens[to].start < span.end) to++;
    if (to === t) continue;
    // Cut runaway sentences (no stops in megabytes of text) into bounded pieces.
    for (let from = t; from < to; from += MAX_SENTENCE_TOKENS) {
      const last = Math.min(to, from + MAX_SENTENCE_TOKENS);
      const pieceStart = from === t ? span.start : tokens[from].start;
      const pieceEnd = last === to ? span.end : tokens[last - 1].end;
      sentences.push({ index: sentences.length, start: pieceStart, end: pieceEnd, from, to: last, titleLike: false });
    }
    t = to;
  }
  for (const sentence of sentences) sentence.titleLike = isTitleLike(text, sentence, tokens, table);
  return sentences;
}

function pushTrimmed(text: string, start: number, end: number, spans: TextSpan[]) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) spans.push({ start, end });
}

function isTitleLike(text: string, sentence: Sentence, tokens: Token[], table: LanguageTable): boolean {
  if (/[.!?]["”’]?$/.test(text.slice(Math.max(sentence.start, sentence.end - 2), sentence.end))) return false;
  const particles = new Set(table.nameParticles);
  let words = 0;
  let capitalised = 0;
  for (let i = sentence.from; i < sentence.to; i++) {
    if (particles.has(tokens[i].fold) || /^\p{N}+$/u.test(tokens[i].text)) continue;
    words++;
    if (tokens[i].cap) capitalised++;
  }
  return words <= 3 || capitalised / words >= 0.6;
}

const FOLDED_PHRASES = new Map<string, string[]>();
const MAX_CACHED_PHRASES = 10_000;

/**
 * Lower-case words of a phrase as the tokenizer folds them ("aimed at" -> ['aimed', 'at']).
 * Table phrases are folded once and remembered: the rules ask for them at every word.
 */
export function phraseFolds(phrase: string): string[] {
  const cached = FOLDED_PHRASES.get(phrase);
  if (cached) return cached;
  const words = [...phrase.matchAll(WORD)].map((match) => foldedWords(match[0]).join(''));
  if (FOLDED_PHRASES.size < MAX_CACHED_PHRASES) FOLDED_PHRASES.set(phrase, words);
  return words;
}
