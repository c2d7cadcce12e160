import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../src/bundle/format';
import { generatedRecords } from './generate-import-file';

/** Bundle section of each kind of record generatedRecords yields. */
const SECTION_OF: Readonly<Record<string, 'sources' | 'actors' | 'relationships'>> = {
  source: 'sources',
  actor: 'actors',
  relationship: 'relationships',
};

/**
 * A synthetic bundle of `actors` armed groups and `relationships` SUPPORTS/OPPOSES links between
 * them (distinct pairs), all citing one source (`gb-source`), for import size and speed checks:
 * the records of generate-import-file.ts, in memory as one bundle.
 */
export function generateBundle(actors: number, relationships: number): Record<string, unknown> {
  const sections = { sources: [] as unknown[], actors: [] as unknown[], relationships: [] as unknown[] };
  for (const { kind, record } of generatedRecords({ actors, relationships, prefix: 'gb' }))
    sections[SECTION_OF[kind]].push(record);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    description: `Generated: ${actors} actors, ${relationships} relationships`,
    ...sections,
  };
}
