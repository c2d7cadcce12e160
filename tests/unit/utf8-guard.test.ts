import { Readable } from 'node:stream';
import { InvalidUtf8Error, Utf8Guard } from '../../src/bundle/format';

/** The UTF-8 check in front of every file the importers read (src/bundle/format/utf8-guard.ts). */
async function through(chunks: Buffer[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new Utf8Guard())) out.push(chunk as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('Utf8Guard', () => {
  it('passes UTF-8 through unchanged, a character split between two reads included', async () => {
    const text = 'line one\nSégou — 😀\nlast';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('😀')) + 2; // inside the four bytes of the emoji
    expect(await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(text);
  });

  it('streams one long line (a JSON bundle) without holding it', async () => {
    const chunks = Array.from({ length: 40 }, () => Buffer.from('é'.repeat(2 ** 19)));
    expect((await through(chunks)).length).toBe(40 * 2 ** 19);
  });

  it('names the line of the first bytes that are not UTF-8, across chunks', async () => {
    const error = await through([Buffer.from('ok\nfine\n'), Buffer.from('S\xe9gou\n', 'latin1')]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidUtf8Error);
    expect((error as InvalidUtf8Error).line).toBe(3);
  });
});
