import { BadUserInputError } from '../../errors';
import type { DocumentLimits } from '../document-limits';
import { detectFormat, DocumentFormat, NOT_TEXT } from './document-format';
import { normaliseText } from './document-text';
import { parseInWorker, type ParseOutcome } from './parse-worker';

/** What arrives: pasted text, or a file's bytes (base64 over GraphQL, read from disk by the CLI). */
export type DocumentContent =
  | { text: string; field: string; filename?: string | null; mediaType?: string | null }
  | { bytes: Buffer; field: string; filename?: string | null; mediaType?: string | null };

export interface ReadDocument {
  format: DocumentFormat;
  /** Normalised (NFC, LF): the offset space of everything said about the document. */
  text: string;
  /** The title the document gives itself (HTML <title>, the article's heading, the PDF's Title). */
  title?: string;
}

const PROBLEMS: Record<Exclude<ParseOutcome, { ok: true }>['problem'], string> = {
  encrypted: 'is an encrypted PDF: save it without a password first',
  unreadable: 'could not be read as a PDF or HTML document (damaged, or not what it claims to be)',
  timeout: 'took too long to read (DOCUMENT_PARSE_TIMEOUT_MS)',
  'too-large': 'needs more memory to read than a document may take',
};

/** The bytes a base64 text decodes to, counted without decoding it. */
export function base64Bytes(base64: string): number {
  const length = base64.replace(/\s+/g, '').length;
  const padding = base64.trimEnd().endsWith('==') ? 2 : base64.trimEnd().endsWith('=') ? 1 : 0;
  return Math.floor((length * 3) / 4) - padding;
}

/** Refuses a document over the cap, naming the field, before anything is decoded or parsed. */
export function checkSize(bytes: number, field: string, limits: DocumentLimits): void {
  if (bytes > limits.maxBytes) {
    throw BadUserInputError.field(
      field,
      `is ${bytes} bytes: a document may have at most ${limits.maxBytes} bytes (DOCUMENT_MAX_BYTES)`,
    );
  }
}

/**
 * The document's format and text: plain text and Markdown as they are, HTML reduced to its
 * article's text, PDF to its text, in a bounded worker. Bad input is BAD_USER_INPUT on `field`.
 */
export async function readDocument(content: DocumentContent, limits: DocumentLimits): Promise<ReadDocument> {
  const bytes = 'bytes' in content ? content.bytes : Buffer.from(content.text, 'utf8');
  checkSize(bytes.length, content.field, limits);
  const format = detectFormat(bytes, content.filename, content.mediaType);
  if (!format) throw BadUserInputError.field(content.field, NOT_TEXT);
  let read: { text: string; title?: string };
  if (format === DocumentFormat.PDF || format === DocumentFormat.HTML) {
    const outcome = await parseInWorker(
      format === DocumentFormat.PDF
        ? { format, bytes: new Uint8Array(bytes) }
        : { format, html: 'text' in content ? content.text : bytes.toString('utf8') },
      limits.parseTimeoutMs,
    );
    if (!outcome.ok) throw BadUserInputError.field(content.field, PROBLEMS[outcome.problem]);
    read = outcome;
  } else {
    const text = 'text' in content ? content.text : bytes.toString('utf8').replace(/^\uFEFF/, '');
    // Markdown's title is its first level-one heading.
    const heading = format === DocumentFormat.MARKDOWN ? /^# +(.+)$/m.exec(text)?.[1].trim() : undefined;
    read = { text, ...(heading ? { title: heading } : {}) };
  }
  const text = normaliseText(read.text);
  if (!text.trim()) {
    throw BadUserInputError.field(
      content.field,
      format === DocumentFormat.PDF ? 'has no text (a scanned PDF? run OCR on it first)' : 'has no text',
    );
  }
  return { format, text, ...(read.title ? { title: normaliseText(read.title).slice(0, 200) } : {}) };
}
