/** The longest sentence a mention carries: a "sentence" without stops is cut around the name. */
export const MAX_SENTENCE = 600;

/**
 * The sentence around [start, end) of a window of text that begins at `windowStart` (offsets are
 * the document's): from after the last sentence end (". ", "! ", "? " or a blank line) before the
 * name to the first one after it, within the window, at most MAX_SENTENCE characters.
 */
export function sentenceAround(
  window: string,
  windowStart: number,
  start: number,
  end: number,
): { sentence: string; sentenceStart: number } {
  const from = start - windowStart;
  const to = end - windowStart;
  let begin = 0;
  for (const match of window.slice(0, from).matchAll(/[.!?]["'’”)]*\s+|\n\s*\n/g))
    begin = match.index + match[0].length;
  const after = /[.!?]["'’”)]*(?=\s|$)|\n\s*\n/.exec(window.slice(to));
  let finish = after ? to + after.index + (after[0].startsWith('\n') ? 0 : after[0].length) : window.length;
  begin = Math.max(begin, from - MAX_SENTENCE / 2);
  finish = Math.min(finish, begin + MAX_SENTENCE);
  const raw = window.slice(begin, finish);
  const lead = raw.length - raw.trimStart().length;
  return { sentence: raw.trim(), sentenceStart: windowStart + begin + lead };
}
