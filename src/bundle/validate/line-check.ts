import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { CLASS_OF_KIND, lineItem, type FileHeader, type RecordKind } from '../format';
import { recordFields, type CheckedRecord, type FieldsOutcome } from './record-fields';
import { recordKeys, recordRuleProblems, type RuleProblem } from './rule-engine';
import { BUNDLE_RULES } from './rules';

/**
 * The per-record, stateless part of validating a JSON Lines file, over one byte range of it: what
 * a validation worker (record-check.worker.ts) runs. A range owns the lines that start inside it
 * (a line that starts in it is read to its end, past the range; one that started before is
 * skipped), so ranges cut anywhere cover every line once. Line numbers are counted from the
 * range's first line; the main thread, reading the ranges in order, makes them the file's.
 *
 * Modes: `check` is the first pass (fields by class-validator, then the record-only rules);
 * `keys` the second (the records are known sound: their keys only); `quotes` the excerpt check
 * (the offsets a record gives into a document, straight from the JSON).
 */
export type CheckMode = 'check' | 'keys' | 'quotes';

/** What a quoted excerpt is made of (quotedExcerptOf), as the record gives it. */
export interface QuoteFields {
  excerptSourceId?: string;
  excerptStart?: number;
  excerptEnd?: number;
  excerpt?: string;
}

/** One line's outcome, `line` counted from 1 at the range's first line. */
export type LineResult =
  | { line: number; shape: { field: string; reason: string } }
  | { line: number; header: FileHeader }
  | { line: number; notUtf8: true }
  | { line: number; kind: RecordKind; fields: Exclude<FieldsOutcome, { typed: CheckedRecord }> }
  | { line: number; kind: RecordKind; keys: CheckedRecord; rules: RuleProblem[] }
  | { line: number; kind: RecordKind; quote: QuoteFields };

export interface RangeResult {
  /** Lines that start in the range, blank ones included (what the next range's numbers start after). */
  lines: number;
  results: LineResult[];
}

const NEWLINE = 0x0a;
const BLOCK = 2 ** 20;

/** Checks the lines that start in [start, end) of `file`, in order, up to the first that is not UTF-8. */
export function checkRange(file: string, start: number, end: number, mode: CheckMode): RangeResult {
  const results: LineResult[] = [];
  let lines = 0;
  const fd = openSync(file, 'r');
  try {
    forEachLine(fd, start, end, (bytes) => {
      lines += 1;
      if (!isUtf8(bytes)) {
        results.push({ line: lines, notUtf8: true });
        return false; // the file is refused at its first line that is not UTF-8: nothing after it is read
      }
      // Only the file's first line may be the header: a later range numbers its lines from 2 on.
      const result = checkLine(bytes.toString('utf8'), lines, start === 0 ? lines : lines + 1, mode);
      if (result) results.push(result);
      return true;
    });
  } finally {
    closeSync(fd);
  }
  return { lines, results };
}

function checkLine(text: string, line: number, number: number, mode: CheckMode): LineResult | null {
  const item = lineItem(text, number);
  if (!item) return null;
  if ('header' in item) return { line, header: item.header };
  if ('shapeProblem' in item) return { line, shape: { field: item.field, reason: item.reason } };
  const { kind, record } = item;
  if (mode === 'quotes') {
    // Most records quote no document: nothing to send back for them.
    const quote = quoteFields(record);
    return quote ? { line, kind, quote } : null;
  }
  if (mode === 'keys') {
    // The first pass found every record sound (as StreamValidator.recheck, no class-validator
    // again); a line that is not an object was reported there.
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return null;
    return {
      line,
      kind,
      keys: recordKeys(kind, plainToInstance(CLASS_OF_KIND[kind], record) as CheckedRecord),
      rules: [],
    };
  }
  const outcome = recordFields(kind, record);
  if (!('typed' in outcome)) return { line, kind, fields: outcome };
  return {
    line,
    kind,
    keys: recordKeys(kind, outcome.typed),
    rules: recordRuleProblems(BUNDLE_RULES, kind, outcome.typed),
  };
}

function quoteFields(record: unknown): QuoteFields | null {
  if (record === null || typeof record !== 'object') return null;
  const { excerptSourceId, excerptStart, excerptEnd, excerpt } = record as QuoteFields;
  if (excerptSourceId === undefined || excerptStart === undefined || excerptEnd === undefined) return null;
  return { excerptSourceId, excerptStart, excerptEnd, excerpt };
}

/**
 * Calls `onLine` with the bytes of each line (without its newline) that starts in [start, end),
 * until it returns false. Reads a block at a time; a line longer than a block is gathered in
 * pieces and joined once (no quadratic copying).
 */
function forEachLine(fd: number, start: number, end: number, onLine: (bytes: Buffer) => boolean): void {
  let pieces: Buffer[] = [];
  let lineAt = start;
  // A range that does not begin the file begins after the first newline at or after start - 1.
  let aligned = start === 0;
  for (let position = aligned ? start : start - 1; ;) {
    const block = Buffer.allocUnsafe(BLOCK);
    const read = readSync(fd, block, 0, BLOCK, position);
    if (read === 0) break;
    let data = block.subarray(0, read);
    let dataAt = position;
    position += read;
    if (!aligned) {
      const newline = data.indexOf(NEWLINE);
      if (newline === -1) continue;
      aligned = true;
      lineAt = dataAt + newline + 1;
      data = data.subarray(newline + 1);
      dataAt = lineAt;
    }
    for (let from = 0; ;) {
      if (lineAt >= end) return;
      const newline = data.indexOf(NEWLINE, from);
      if (newline === -1) {
        if (from < data.length) pieces.push(data.subarray(from));
        break;
      }
      const piece = data.subarray(from, newline);
      const bytes = pieces.length ? Buffer.concat([...pieces, piece]) : piece;
      pieces = [];
      if (!onLine(bytes)) return;
      from = newline + 1;
      lineAt = dataAt + from;
    }
  }
  // The file's last line, without a newline after it.
  if (aligned && lineAt < end && pieces.length) onLine(Buffer.concat(pieces));
}
