/**
 * The stored text of a document and its folded twin. Offsets everywhere (search hits, mentions,
 * later the extraction's proposals) are UTF-16 indexes into the stored text, so the stored text
 * is only normalised in ways that never need to be undone: Unicode NFC and CRLF line ends to LF.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\r\n/g, '\n');
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]+$/u;
const SPACE = 0x20;

/** Each ASCII unit folded: letters lower case, digits as they are, anything else a space. */
const ASCII_FOLDED = Uint16Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  return /[A-Za-z0-9]/.test(char) ? char.toLowerCase().charCodeAt(0) : SPACE;
});

/** One character (a code point, one or two units) folded to as many units as it has. */
function foldCharacter(char: string): string {
  if (!LETTER_OR_DIGIT.test(char)) return ' '.repeat(char.length);
  const folded = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (folded.length === char.length) return folded;
  const lower = char.toLowerCase();
  return lower.length === char.length ? lower : char;
}

/**
 * The text folded for matching, one UTF-16 unit for each of the text's: accents dropped and lower
 * case where that keeps the length (é -> e, Ş -> s; a character whose folding is longer, such as
 * ß's upper case, stays as it is), anything but letters and digits a space. Because the lengths
 * are equal, an index found in the folded text is the same index in the stored text. Names are
 * folded the same way (foldedNeedle), so "Ségou", "SEGOU" and "Segou" meet, and "Jama’at" meets
 * "Jama'at" (both apostrophes are spaces). Unit by unit into a typed array, each non-ASCII
 * character folded once per call: a 10 MB text folds in a fraction of a second.
 */
export function foldText(text: string): string {
  const out = new Uint16Array(text.length);
  const seen = new Map<string, string>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      out[i] = ASCII_FOLDED[code];
      continue;
    }
    const next = text.charCodeAt(i + 1); // NaN past the end
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const char = pair ? text.slice(i, i + 2) : text[i];
    let folded = seen.get(char);
    if (folded === undefined) {
      folded = foldCharacter(char);
      seen.set(char, folded);
    }
    for (let j = 0; j < folded.length; j++) out[i + j] = folded.charCodeAt(j);
    i += folded.length - 1;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf16le');
}

/**
 * What the folded text is stored as: a space before and after, so a name matches only as whole
 * words (" kayes " is not found in "kayesville"). Index i of the stored text is i + 1 here.
 */
export function storedFolding(text: string): string {
  return ` ${foldText(text)} `;
}

/** A name as it is looked for in the stored folding: folded, single spaces, a space each side. */
export function foldedNeedle(name: string): string | null {
  const words = foldText(normaliseText(name)).trim().split(/ +/);
  return words[0] ? ` ${words.join(' ')} ` : null;
}

/** Units of text a chunk owns: the full-text index and the exact matching work chunk by chunk. */
export const CHUNK_LENGTH = 8_000;
/** Units a chunk carries past what it owns, so a name that starts in it is whole in it. */
export const CHUNK_OVERLAP = 256;
/** Units of text before a chunk it carries, so a sentence that starts before it can be cut whole. */
export const CHUNK_BEFORE = 300;

export interface TextChunk {
  /** Offset in the document of the chunk's first owned unit. */
  start: number;
  /** Units it owns (CHUNK_LENGTH, less for the last). A hit counts here only when it starts in them. */
  own: number;
  /** text[start, start + own + CHUNK_OVERLAP) */
  text: string;
  /** Up to CHUNK_BEFORE units before `start`. */
  before: string;
  /**
   * The folding of `text` with the units either side (a space at the document's ends), so a name
   * at the chunk's edge is still matched as a whole word: index i here is the document's start + i.
   */
  folded: string;
}

/** The document cut into chunks for search and mentions (the whole text is kept as well). */
export function chunksOf(text: string): TextChunk[] {
  const folded = storedFolding(text);
  const chunks: TextChunk[] = [];
  for (let start = 0; start < text.length; start += CHUNK_LENGTH) {
    const end = Math.min(text.length, start + CHUNK_LENGTH + CHUNK_OVERLAP);
    chunks.push({
      start,
      own: Math.min(CHUNK_LENGTH, text.length - start),
      text: text.slice(start, end),
      before: text.slice(Math.max(0, start - CHUNK_BEFORE), start),
      folded: folded.slice(start, end + 2),
    });
  }
  return chunks;
}
