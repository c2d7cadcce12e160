import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A pass-through for the bytes of a text file that fails, naming the line, at the first bytes
 * that are not UTF-8, instead of letting the decoder turn them silently into U+FFFD. It passes
 * on whole characters only (a character split between two reads waits for the rest), so what it
 * passes on can be decoded chunk by chunk, and it holds at most three bytes back: a file that is
 * one long line (a JSON bundle) streams like any other.
 */

/** What a problem says of a line that is not UTF-8. */
export const NOT_UTF8 = 'is not UTF-8 (bytes no text decoder accepts): save the file as UTF-8';

const NEWLINE = 0x0a;

export class InvalidUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} ${NOT_UTF8}`);
  }
}

export class Utf8Guard extends Transform {
  /** Line number of the byte after the last one checked. */
  private line = 1;
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = wholeCharacters(data);
    this.carry = Buffer.from(data.subarray(end));
    const checked = data.subarray(0, end);
    const bad = this.check(checked);
    if (bad) done(bad);
    else done(null, checked);
  }

  override _flush(done: TransformCallback): void {
    const bad = this.check(this.carry);
    if (bad) done(bad);
    else done(null, this.carry);
  }

  /** Null when `bytes` are UTF-8; else the error naming the line of the first bad ones. Counts lines. */
  private check(bytes: Buffer): InvalidUtf8Error | null {
    if (isUtf8(bytes)) {
      for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) this.line += 1;
      return null;
    }
    for (let start = 0; ;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end)) || end === -1)
        return new InvalidUtf8Error(this.line);
      this.line += 1;
      start = end + 1;
    }
  }
}

/** Where the last whole character of `bytes` ends: before a lead byte whose sequence is cut off. */
function wholeCharacters(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
