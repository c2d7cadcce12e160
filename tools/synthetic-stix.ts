import { uuidV5 } from '../src/interop/stix/stix-ids';

/**
 * A foreign STIX 2.1 bundle of `objects` objects, for the STIX import's caps, benchmark and attack
 * tests: half threat-actors (a name and a sentence of description), half `opposes` relationships
 * between them, none reported by a report (so each cites the bundle). Deterministic for a seed.
 */
export function syntheticStixBundle(
  objects: number,
  seed = 'synthetic',
): { type: 'bundle'; id: string; objects: object[] } {
  const namespace = uuidV5(`synthetic-stix:${seed}`);
  const id = (type: string, n: number) => `${type}--${uuidV5(`${type}:${n}`, namespace)}`;
  const actors = Math.max(2, Math.ceil(objects / 2));
  const created = '2025-01-01T00:00:00.000Z';
  const list: object[] = [];
  for (let i = 0; i < actors && list.length < objects; i++)
    list.push({
      type: 'threat-actor',
      spec_version: '2.1',
      id: id('threat-actor', i),
      created,
      modified: created,
      name: `Synthetic armed group ${seed} ${i}`,
      description: `A group named only in a synthetic bundle, number ${i}, for testing the import's bounds.`,
      confidence: 50,
    });
  for (let i = 0; list.length < objects; i++)
    list.push({
      type: 'relationship',
      spec_version: '2.1',
      id: id('relationship', i),
      created,
      modified: created,
      relationship_type: 'opposes',
      source_ref: id('threat-actor', i % actors),
      target_ref: id('threat-actor', (i + 1 + Math.floor(i / actors)) % actors),
      confidence: 50,
    });
  return { type: 'bundle', id: `bundle--${namespace}`, objects: list };
}
