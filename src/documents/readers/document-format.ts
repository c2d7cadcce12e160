import { isUtf8 } from 'node:buffer';
import { NOT_UTF8 } from '../../bundle/utf8-guard';

/** The formats a document is read from (docs/documents.md). */
export enum DocumentFormat {
  TEXT = 'TEXT',
  MARKDOWN = 'MARKDOWN',
  HTML = 'HTML',
  PDF = 'PDF',
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * The format by content first (a PDF starts with %PDF-, whatever its name says; HTML starts with
 * a doctype or an <html> tag), then by the file name's extension or the media type. Anything else
 * that is text is plain text; null when it is not text (a NUL byte, bytes that are not UTF-8).
 */
export function detectFormat(
  bytes: Buffer,
  filename?: string | null,
  mediaType?: string | null,
): DocumentFormat | null {
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (bytes.subarray(0, 1024).includes(PDF_MAGIC)) return DocumentFormat.PDF;
  if (!isText(bytes)) return null;
  const head = bytes
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  const name = (filename ?? '').toLowerCase();
  const media = (mediaType ?? '').toLowerCase().split(';')[0].trim();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /\.x?html?$/.test(name) || media === 'text/html')
    return DocumentFormat.HTML;
  if (/\.(md|markdown)$/.test(name) || media === 'text/markdown') return DocumentFormat.MARKDOWN;
  return DocumentFormat.TEXT;
}

/** Text: UTF-8 (the bundle importer's rule, src/bundle/utf8-guard.ts) without NUL bytes. */
export function isText(bytes: Buffer): boolean {
  return !bytes.includes(0) && isUtf8(bytes);
}

/** Why bytes that are neither a PDF nor text are refused (in the bundle importer's words). */
export const NOT_TEXT = `is not a PDF and not text: it holds NUL bytes, or it ${NOT_UTF8}`;
