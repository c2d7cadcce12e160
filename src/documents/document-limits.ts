/**
 * The bounds of one document ingest (DOCUMENT_MAX_BYTES and DOCUMENT_PARSE_TIMEOUT_MS in
 * src/config.ts, which has the same defaults): the size is checked before anything is decoded or
 * parsed, the parse of a PDF or HTML file runs in a worker thread stopped past the timeout.
 */
export interface DocumentLimits {
  maxBytes: number;
  parseTimeoutMs: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxBytes: 10_000_000, parseTimeoutMs: 20_000 };

/** Heap of the parsing worker: a hostile PDF or HTML file fails there, not in the server's heap. */
export const PARSE_WORKER_HEAP_MB = 256;
