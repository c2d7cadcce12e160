import Assembler from 'stream-json/Assembler';
import type StreamBase from 'stream-json/streamers/StreamBase';

/**
 * stream-json's Assembler builds values with `object[key] = value`, so a `"__proto__"` key in the
 * text sets the object's prototype (its properties then read as if the text had them) where
 * JSON.parse makes an own property. This one keeps such a key as JSON.parse does, so a streamed
 * file or body means exactly what the same text parsed whole means.
 */
export class JsonAssembler extends Assembler {
  constructor() {
    super();
    const base = Assembler.prototype as unknown as { _saveValue: (this: Assembler, value: unknown) => void };
    const save = (value: unknown): void => {
      if (!this.done && !Array.isArray(this.current) && this.key === '__proto__') {
        Object.defineProperty(this.current, '__proto__', {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
        this.key = null;
        return;
      }
      // oxlint-disable-next-line no-underscore-dangle -- stream-json's own name for the method
      base._saveValue.call(this, value);
    };
    // The base class calls `_saveValue` for every value, and `stringValue` is the same function.
    Object.assign(this, { _saveValue: save, stringValue: save });
  }
}

/** A stream-json streamer (StreamArray, StreamValues) that assembles its values with JsonAssembler. */
export function assembledSafely<T extends StreamBase>(streamer: T): T {
  // StreamBase keeps its assembler in `_assembler` (stream-json 1.x), created in its constructor.
  // oxlint-disable-next-line no-underscore-dangle -- stream-json's own name for the field
  (streamer as unknown as { _assembler: Assembler })._assembler = new JsonAssembler();
  return streamer;
}
