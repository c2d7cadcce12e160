import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../src/bundle/format';

/**
 * Writes a synthetic import file straight to disk, record by record, so it can be larger than
 * any heap: `actors` armed groups citing one source, and `relationships` SUPPORTS/OPPOSES links
 * between distinct pairs (the rows of generate-bundle.ts, in the same order). `padding`
 * characters of description per actor make a file large with few records. Either format:
 * JSON Lines or the JSON bundle.
 */
export interface GeneratedFile {
  actors: number;
  relationships: number;
  /** Characters of description per actor (at most 2,000, the field's limit). */
  padding?: number;
  /** Prefix of every id, so files of different tests do not share ids. */
  prefix?: string;
}

export function* generatedRecords({
  actors,
  relationships,
  padding = 0,
  prefix = 'gb',
}: GeneratedFile): Generator<{ kind: string; record: Record<string, unknown> }> {
  if (relationships > actors * (actors - 1)) throw new Error('not enough actors for that many distinct relationships');
  const source = `${prefix}-source`;
  const evidence = { sourceIds: [source], credibility: 3, excerpt: 'generated' };
  yield { kind: 'source', record: { id: source, title: 'Generated source', kind: 'OTHER', reliability: 'F' } };
  const description = padding ? 'x'.repeat(Math.min(padding, 2_000)) : undefined;
  for (let i = 0; i < actors; i++) {
    const actor = {
      id: `${prefix}-${i}`,
      name: `Generated group ${i}`,
      kind: 'ARMED_GROUP',
      ...(description ? { description } : {}),
      ...evidence,
    };
    yield { kind: 'actor', record: actor };
  }
  let written = 0;
  for (let i = 0; written < relationships; i++) {
    const from = i % actors;
    const to = (from + 1 + Math.floor(i / actors)) % actors;
    if (to === from) continue;
    written += 1;
    yield {
      kind: 'relationship',
      record: { type: i % 2 ? 'OPPOSES' : 'SUPPORTS', from: `${prefix}-${from}`, to: `${prefix}-${to}`, ...evidence },
    };
  }
}

/** Writes the file and resolves with its size in bytes. */
export async function writeImportFile(file: string, format: 'jsonl' | 'bundle', spec: GeneratedFile): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'jsonl') {
    await write(`${JSON.stringify({ kind: 'header', format: BUNDLE_FORMAT, version: BUNDLE_VERSION })}\n`);
    for (const line of generatedRecords(spec)) await write(`${JSON.stringify(line)}\n`);
  } else {
    const sections: Record<string, string> = { source: 'sources', actor: 'actors', relationship: 'relationships' };
    await write(`{"format":"${BUNDLE_FORMAT}","version":${BUNDLE_VERSION}`);
    let section = '';
    for (const { kind, record } of generatedRecords(spec)) {
      if (sections[kind] !== section) {
        await write(`${section ? ']' : ''},"${sections[kind]}":[`);
        section = sections[kind];
      } else await write(',');
      await write(JSON.stringify(record));
    }
    await write(`${section ? ']' : ''}}`);
  }
  out.end();
  await once(out, 'close');
  return bytes;
}
