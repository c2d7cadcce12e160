import { isUtf8 } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import { InvalidUtf8Error, NOT_UTF8, Utf8Guard } from './utf8-guard';
import { KIND_OF_SECTION, SECTION_OF_KIND, type RecordKind } from './record-kinds';
import Parser from 'stream-json/Parser';
import { JsonAssembler } from '../../common/json-assembler';

/**
 * Reads the records of an import file one at a time, whatever its size: the JSON bundle
 * (stream-parsed, so its arrays never sit in memory whole) or JSON Lines. Each record comes with
 * where it is in the file (`actors[3]`, `line 12`) for problems to name.
 *
 * JSON Lines (`.jsonl`, `.ndjson`): one object per line, `{"kind": K, "record": {...}}` where K is
 * source | actor | location | event | allegation | relationship and `record` is exactly a record
 * of the bundle's section of that kind. An optional first line `{"kind": "header", "format":
 * "sahel-graph-bundle", "version": 1, "description": "..."}` carries the bundle's header. Blank
 * lines are skipped. Records may come in any order (references are checked once the file is read).
 */

export type ImportFormat = 'bundle' | 'jsonl';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['bundle', 'jsonl'];

export interface SourceRecord {
  kind: RecordKind;
  record: unknown;
  /** Where the record is: `actors[3]` (bundle) or `line 12` (JSON Lines). */
  where: string;
}

/** Something in the file that is not a record where one should be: reported like a field problem. */
export interface ShapeProblem {
  shapeProblem: true;
  where: string;
  field: string;
  reason: string;
}

export interface FileHeader {
  format?: unknown;
  version?: unknown;
  description?: unknown;
}

export type FileItem = SourceRecord | ShapeProblem | { header: FileHeader };

/** `--format` when given, else by extension: `.jsonl` / `.ndjson` are JSON Lines, anything else a bundle. */
export function detectFormat(file: string, format?: string): ImportFormat {
  if (format) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
      throw new Error(`unknown format "${format}" (one of ${IMPORT_FORMATS.join(', ')})`);
    }
    return format as ImportFormat;
  }
  return /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'bundle';
}

/** Size and modification time: a file that changes between the passes of an import is refused. */
export function fileStamp(file: string): string {
  const stat = statSync(file);
  return `${stat.size}:${stat.mtimeMs}`;
}

/**
 * The file's items, in arrays of a few thousand (one per chunk read): a consumer loops over each
 * array synchronously, so the cost of async iteration is paid per chunk, not per record.
 */
export function readFileItems(file: string, format: ImportFormat): AsyncGenerator<FileItem[]> {
  return format === 'jsonl' ? readJsonLines(file) : inArrays(readBundle(file));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The file's bytes, checked to be UTF-8 (Utf8Guard: whole lines, so each chunk decodes alone). */
function utf8Chunks(file: string): Utf8Guard {
  const guard = new Utf8Guard();
  const bytes = createReadStream(file, { highWaterMark: 2 ** 20 });
  bytes.once('error', (error) => guard.destroy(error)).pipe(guard);
  return guard;
}

/** Bytes that are not UTF-8 end the reading with a problem naming their line (nothing is written). */
const notUtf8 = (error: InvalidUtf8Error): FileItem => ({
  shapeProblem: true,
  where: `line ${error.line}`,
  field: 'line',
  reason: NOT_UTF8,
});

/**
 * JSON Lines, a line at a time from the bytes: each line is checked to be UTF-8 on its own, so the
 * file is refused at its first bad line with every line before it read, wherever the reads fall
 * (the validation workers, cutting the file anywhere, report the same).
 */
async function* readJsonLines(file: string): AsyncGenerator<FileItem[]> {
  let number = 0;
  let pieces: Buffer[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 2 ** 20 }) as AsyncIterable<Buffer>) {
    const items: FileItem[] = [];
    let from = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, newline);
      const bytes = pieces.length ? Buffer.concat([...pieces, piece]) : piece;
      pieces = [];
      from = newline + 1;
      const item = bytesItem(bytes, (number += 1));
      if (item && 'shapeProblem' in item && item.reason === NOT_UTF8) {
        yield [...items, item];
        return;
      }
      if (item) items.push(item);
    }
    // A line longer than a read is gathered in pieces and joined once.
    if (from < chunk.length) pieces.push(chunk.subarray(from));
    yield items;
  }
  const last = bytesItem(Buffer.concat(pieces), number + 1);
  if (last) yield [last];
}

function bytesItem(bytes: Buffer, number: number): FileItem | null {
  if (!isUtf8(bytes)) return { shapeProblem: true, where: `line ${number}`, field: 'line', reason: NOT_UTF8 };
  return lineItem(bytes.toString('utf8'), number);
}

const NEWLINE = 0x0a;

export function lineItem(raw: string, number: number): FileItem | null {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (!line.trim()) return null;
  const where = `line ${number}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { shapeProblem: true, where, field: 'line', reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { shapeProblem: true, where, field: 'line', reason: 'must be a JSON object' };
  const { kind } = value;
  if (kind === 'header') {
    if (number > 1) return { shapeProblem: true, where, field: 'kind', reason: 'the header must be the first line' };
    return { header: { format: value.format, version: value.version, description: value.description } };
  }
  if (typeof kind !== 'string' || !(kind in SECTION_OF_KIND)) {
    return {
      shapeProblem: true,
      where,
      field: 'kind',
      reason: `must be one of header, ${Object.keys(SECTION_OF_KIND).join(', ')}`,
    };
  }
  const extra = Object.keys(value).filter((key) => key !== 'kind' && key !== 'record');
  if (extra.length)
    return { shapeProblem: true, where, field: extra[0], reason: 'a line holds only "kind" and "record"' };
  return { kind: kind as RecordKind, record: value.record, where };
}

async function* inArrays(items: AsyncGenerator<FileItem>, size = 1_000): AsyncGenerator<FileItem[]> {
  let batch: FileItem[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * The bundle through stream-json's tokenizer: the top-level scalars form the header; each element
 * of a section array is assembled on its own and handed out, then dropped.
 */
async function* readBundle(file: string): AsyncGenerator<FileItem> {
  const walk = new BundleWalk();
  try {
    for await (const token of bundleTokens(file)) {
      const item = walk.step(token);
      if (item) yield item;
      if (walk.stopped) return;
    }
  } catch (error) {
    if (error instanceof InvalidUtf8Error) {
      yield { ...notUtf8(error), where: 'bundle', field: `line ${error.line}` };
      return;
    }
    throw new Error(`${file} is not JSON (nothing written): ${(error as Error).message}`, { cause: error });
  }
  yield { header: walk.header };
}

interface Token {
  name: string;
  value?: unknown;
}

/** The file's JSON tokens (values packed whole, never streamed in pieces), after the UTF-8 check. */
function bundleTokens(file: string): AsyncIterable<Token> {
  const guard = utf8Chunks(file);
  const tokens = new Parser({
    packValues: true,
    streamValues: false,
    packKeys: true,
    packStrings: true,
    packNumbers: true,
  });
  guard.once('error', (error) => tokens.destroy(error)).pipe(tokens);
  return tokens as AsyncIterable<Token>;
}

const problemAt = (field: string, reason: string): FileItem => ({ shapeProblem: true, where: 'bundle', field, reason });

/**
 * A walk over a bundle's tokens, one at a time: where it is (depth, the top-level key, the
 * section and the index in it), the header so far, and the element being assembled.
 */
class BundleWalk {
  readonly header: FileHeader = {};
  /** The file is not a bundle at all: nothing more to read. */
  stopped = false;
  private depth = 0;
  private key: string | null = null;
  private section: RecordKind | null = null;
  private index = -1;
  private assembler: JsonAssembler | null = null;
  /** Inside a top-level value that is not a section's array (reported once, its contents skipped). */
  private skipping = false;

  /** The item a token completes, if any (at most one). */
  step(token: Token): FileItem | undefined {
    if (this.assembler) return this.assemble(token);
    const { name } = token;
    if (name === 'startObject' || name === 'startArray') return this.open(token);
    if (name === 'endObject' || name === 'endArray') {
      this.depth -= 1;
      if (this.depth === 1) this.section = null;
    } else if (name === 'keyValue') {
      if (this.depth === 1) this.key = token.value as string;
    } else return this.scalar(token);
    return undefined;
  }

  private where(): string {
    return `${SECTION_OF_KIND[this.section!]}[${this.index}]`;
  }

  private assemble(token: Token): FileItem | undefined {
    const assembler = this.assembler!;
    assembler.consume(token as never);
    if (!assembler.done) return undefined;
    this.assembler = null;
    return { kind: this.section!, record: assembler.current, where: this.where() };
  }

  private open(token: Token): FileItem | undefined {
    this.depth += 1;
    if (this.depth === 1) {
      if (token.name === 'startObject') return undefined;
      this.stopped = true;
      return problemAt('bundle', 'must be a JSON object');
    }
    if (this.depth === 2 && this.key !== null) return this.openSection(token.name);
    if (this.depth === 3 && !this.skipping) {
      this.index += 1;
      // An element: assemble it from here to its end.
      // Assembled as JSON.parse would (a "__proto__" key stays an own key).
      this.assembler = new JsonAssembler();
      this.assembler.consume(token as never);
      this.depth -= 1;
    }
    return undefined;
  }

  private openSection(name: string): FileItem | undefined {
    this.section = KIND_OF_SECTION.get(this.key!) ?? null;
    this.index = -1;
    this.skipping = !this.section || name !== 'startArray';
    if (!this.skipping) return undefined;
    return problemAt(this.key!, this.section ? 'must be an array' : 'is not a field of a bundle');
  }

  private scalar(token: Token): FileItem | undefined {
    const { name } = token;
    const value =
      name === 'nullValue' ? null : name === 'trueValue' ? true : name === 'falseValue' ? false : token.value;
    if (this.depth === 1 && this.key !== null) return this.headerField(name, this.key, value);
    if (this.depth === 2 && this.section && !this.skipping) {
      this.index += 1;
      return { kind: this.section, record: value, where: this.where() };
    }
    return undefined;
  }

  private headerField(name: string, key: string, value: unknown): FileItem | undefined {
    if (key === 'format' || key === 'description') this.header[key] = value;
    else if (key === 'version') this.header.version = name === 'numberValue' ? Number(value) : value;
    else return problemAt(key, KIND_OF_SECTION.has(key) ? 'must be an array' : 'is not a field of a bundle');
    return undefined;
  }
}
