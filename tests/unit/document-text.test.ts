import { detectFormat, DocumentFormat, isText } from '../../src/documents/readers/document-format';
import { base64Bytes } from '../../src/documents/readers/document-reader';
import { foldedNeedle, foldText, normaliseText, storedFolding } from '../../src/documents/readers/document-text';
import { sentenceAround } from '../../src/documents/readers/sentence';

/** The offset space of documents (issue 22): normalisation, folding of equal length, formats, sentences. */
describe('document text', () => {
  it('normalises to NFC with LF line ends and nothing else', () => {
    expect(normaliseText('Se\u0301gou\r\nKayes\r\n\tMali  ')).toBe('Ségou\nKayes\n\tMali  ');
  });

  it('folds accents, case and punctuation without changing the length, so offsets carry over', () => {
    const text = 'SÉGOU, Région de Kayes — Jama’at Nusrat 𝐀 ß İstanbul \uD800x 2025';
    const folded = foldText(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('segou  region de kayes   jama at nusrat 𝐀 ß istanbul  x 2025');
    const at = folded.indexOf('region de kayes');
    expect(text.slice(at, at + 'region de kayes'.length)).toBe('Région de Kayes');
    // Random text: the length holds for any mix of units (surrogates, marks, CJK, emoji).
    const units = ['a', 'É', '\u0301', '字', '😀', '\uD800', '\uDC00', ' ', '’', 'ǅ', 'ﬁ', 'İ'];
    for (let round = 0; round < 200; round++) {
      const sample = Array.from({ length: 30 }, (_, i) => units[(round * 7 + i * i) % units.length]).join('');
      expect(foldText(sample)).toHaveLength(sample.length);
    }
  });

  it('looks for names as whole folded words, with a space either side', () => {
    expect(storedFolding('Kayes.')).toBe(' kayes  ');
    expect(foldedNeedle("Jama'at  Nusrat al-Islam")).toBe(' jama at nusrat al islam ');
    expect(foldedNeedle('—')).toBeNull();
  });

  it('tells formats by content first, then extension or media type, and refuses what is not text', () => {
    const bytes = (text: string) => Buffer.from(text, 'utf8');
    expect(detectFormat(bytes('%PDF-1.7\n...'), 'notes.txt')).toBe(DocumentFormat.PDF);
    expect(detectFormat(bytes('\uFEFF  <!DOCTYPE html><p>x'), 'x.txt')).toBe(DocumentFormat.HTML);
    expect(detectFormat(bytes('<p>x</p>'), null, 'text/html; charset=utf-8')).toBe(DocumentFormat.HTML);
    expect(detectFormat(bytes('# Title'), 'a.MD')).toBe(DocumentFormat.MARKDOWN);
    expect(detectFormat(bytes('plain'), 'a.txt')).toBe(DocumentFormat.TEXT);
    expect(detectFormat(Buffer.from([0x41, 0x00, 0x42]), 'a.txt')).toBeNull();
    expect(detectFormat(Buffer.from([0xc3, 0x28]), 'a.txt')).toBeNull();
    expect(isText(bytes('Ségou'))).toBe(true);
  });

  it('measures base64 without decoding it', () => {
    for (const size of [0, 1, 2, 3, 4, 100, 1001])
      expect(base64Bytes(Buffer.alloc(size).toString('base64'))).toBe(size);
  });

  it('cuts the sentence around a name from a window of text, with its offset', () => {
    const text = 'First one. Then JNIM fighters stopped trucks near Kayes! Last.';
    const start = text.indexOf('JNIM');
    const around = sentenceAround(text.slice(5), 5, start, start + 4);
    expect(around.sentence).toBe('Then JNIM fighters stopped trucks near Kayes!');
    expect(text.slice(around.sentenceStart, around.sentenceStart + around.sentence.length)).toBe(around.sentence);
  });
});
