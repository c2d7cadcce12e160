import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A pass-through for the bytes of a text file that fails, naming the line, at the first bytes
 * that are not UTF-8, instead of letting the decoder turn them silently into U+FFFD. It passes
 * on whole lines only (the bytes after the last newline wait for the next chunk), so a
 * character split between two reads is never taken for a bad one, and what it passes on can be
 * decoded chunk by chunk.
 */

/** A line longer than this is refused: the guard holds a line whole to check it. */
const MAX_LINE_BYTES = 16 * 2 ** 20;
const NEWLINE = 0x0a;

/** What a problem says of a line that is not UTF-8. */
export const NOT_UTF8 = 'is not UTF-8 (bytes no text decoder accepts): save the file as UTF-8';

export class InvalidUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} ${NOT_UTF8}`);
  }
}

export class Utf8Guard extends Transform {
  /** Line number of the first line of `carry`. */
  private line = 1;
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = data.lastIndexOf(NEWLINE) + 1;
    this.carry = Buffer.from(data.subarray(end));
    if (this.carry.length > MAX_LINE_BYTES) {
      done(new Error(`line ${this.line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB`));
      return;
    }
    const lines = data.subarray(0, end);
    const bad = this.check(lines);
    if (bad) done(bad);
    else done(null, lines);
  }

  override _flush(done: TransformCallback): void {
    const bad = this.check(this.carry);
    if (bad) done(bad);
    else done(null, this.carry);
  }

  /** Null when `lines` are UTF-8; else the error naming the first bad one. Counts the lines. */
  private check(lines: Buffer): InvalidUtf8Error | null {
    if (isUtf8(lines)) {
      for (let at = lines.indexOf(NEWLINE); at !== -1; at = lines.indexOf(NEWLINE, at + 1)) this.line += 1;
      return null;
    }
    let start = 0;
    for (;;) {
      const end = lines.indexOf(NEWLINE, start);
      const line = lines.subarray(start, end === -1 ? lines.length : end);
      if (!isUtf8(line)) return new InvalidUtf8Error(this.line);
      this.line += 1;
      if (end === -1) return new InvalidUtf8Error(this.line);
      start = end + 1;
    }
  }
}
