/**
 * The stored text of a document and its folded twin. Offsets everywhere (search hits, mentions,
 * later the extraction's proposals) are UTF-16 indexes into the stored text, so the stored text
 * is only normalised in ways that never need to be undone: Unicode NFC and CRLF line ends to LF.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\r\n/g, '\n');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The text folded for matching, one UTF-16 unit for each of the text's: accents dropped and lower
 * case where that keeps the length (é -> e, Ş -> s; a character whose folding is longer, such as
 * ß's upper case, stays as it is), anything but letters and digits a space. Because the lengths
 * are equal, an index found in the folded text is the same index in the stored text. Names are
 * folded the same way (foldedNeedle), so "Ségou", "SEGOU" and "Segou" meet, and "Jama’at" meets
 * "Jama'at" (both apostrophes are spaces).
 */
export function foldText(text: string): string {
  let out = '';
  for (const char of text) {
    if (!LETTER_OR_DIGIT.test(char)) {
      out += ' '.repeat(char.length);
      continue;
    }
    const folded = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded.length === char.length) out += folded;
    else {
      const lower = char.toLowerCase();
      out += lower.length === char.length ? lower : char;
    }
  }
  return out;
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
