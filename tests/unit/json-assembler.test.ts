import { Readable } from 'node:stream';
import Parser from 'stream-json/Parser';
import StreamArray from 'stream-json/streamers/StreamArray';
import Assembler from 'stream-json/Assembler';
import { assembledSafely, JsonAssembler } from '../../src/common/json-assembler';

/**
 * Streamed JSON (import files, large request bodies) must mean what JSON.parse makes of the same
 * text: a "__proto__" key is an own property, never the object's prototype.
 */

const HOSTILE = '[{"__proto__": {"polluted": 1}, "x": 2}, "s", 3.5, {"a": {"__proto__": [1]}}, [{"__proto__": null}]]';

async function assembled(text: string, assembler: Assembler): Promise<unknown> {
  for await (const token of Readable.from([text]).pipe(new Parser()) as AsyncIterable<{ name: string; value?: string }>)
    assembler.consume(token);
  return assembler.current;
}

describe('JsonAssembler', () => {
  it('stream-json’s own Assembler sets the prototype (why this class exists)', async () => {
    const [first] = (await assembled(HOSTILE, new Assembler())) as Array<Record<string, unknown>>;
    expect(first.polluted).toBe(1);
    expect(Object.keys(first)).toEqual(['x']);
  });

  it('keeps "__proto__" an own property, exactly as JSON.parse does', async () => {
    const value = (await assembled(HOSTILE, new JsonAssembler())) as Array<Record<string, unknown>>;
    expect(value).toEqual(JSON.parse(HOSTILE));
    expect(Object.getPrototypeOf(value[0])).toBe(Object.prototype);
    expect(value[0].polluted).toBeUndefined();
    expect(Object.keys(value[0])).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(HOSTILE)));
  });

  it('a streamer given it (StreamArray) hands out elements as JSON.parse reads them', async () => {
    const elements: unknown[] = [];
    for await (const { value } of Readable.from([HOSTILE]).pipe(new Parser()).pipe(assembledSafely(new StreamArray())))
      elements.push(value);
    expect(JSON.stringify(elements)).toBe(JSON.stringify(JSON.parse(HOSTILE)));
    expect((elements[0] as Record<string, unknown>).polluted).toBeUndefined();
  });
});
