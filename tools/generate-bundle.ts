import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../src/bundle/format';

/**
 * A synthetic bundle of `actors` armed groups and `relationships` SUPPORTS/OPPOSES links between
 * them (distinct pairs), all citing one source, for import size and speed checks.
 */
export function generateBundle(actors: number, relationships: number): Record<string, unknown> {
  if (relationships > actors * (actors - 1)) throw new Error('not enough actors for that many distinct relationships');
  const evidence = { sourceIds: ['gen-bundle-source'], credibility: 3, excerpt: 'generated' };
  const rels: Array<Record<string, unknown>> = [];
  for (let i = 0; rels.length < relationships; i++) {
    const from = i % actors;
    const to = (from + 1 + Math.floor(i / actors)) % actors;
    if (to === from) continue;
    rels.push({ type: i % 2 ? 'OPPOSES' : 'SUPPORTS', from: `gb-${from}`, to: `gb-${to}`, ...evidence });
  }
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    description: `Generated: ${actors} actors, ${relationships} relationships`,
    sources: [{ id: 'gen-bundle-source', title: 'Generated source', kind: 'OTHER', reliability: 'F' }],
    actors: Array.from({ length: actors }, (_, i) => ({
      id: `gb-${i}`,
      name: `Generated group ${i}`,
      kind: 'ARMED_GROUP',
      ...evidence,
    })),
    relationships: rels,
  };
}
