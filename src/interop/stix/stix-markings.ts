import { Tlp, TLP_ORDER } from '../../model/vocabulary';

/**
 * TLP 2.0 marking definitions as OASIS publishes them (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0): fixed ids, created 2022-10-01, the level in the
 * `tlp_2_0` property extension. They go into a bundle unchanged (a marking definition must not be
 * altered), so they are the one kind of object without a `created_by_ref`. The four TLP 1.0
 * markings that STIX 2.1 predefines (WHITE/GREEN/AMBER/RED) are read on import, never written.
 */

export const TLP_2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  [Tlp.CLEAR]: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  [Tlp.GREEN]: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  [Tlp.AMBER]: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  [Tlp.AMBER_STRICT]: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  [Tlp.RED]: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

const TLP_2_NAMES: Readonly<Record<Tlp, string>> = {
  [Tlp.CLEAR]: 'clear',
  [Tlp.GREEN]: 'green',
  [Tlp.AMBER]: 'amber',
  [Tlp.AMBER_STRICT]: 'amber+strict',
  [Tlp.RED]: 'red',
};

/** TLP 1.0 markings predefined by STIX 2.1 §7.2.1.4, and what they are read as. */
export const TLP_1_MARKING_IDS: Readonly<Record<'WHITE' | 'GREEN' | 'AMBER' | 'RED', string>> = {
  WHITE: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  GREEN: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  AMBER: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  RED: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

/** Every published marking id (TLP 2.0 and 1.0) and its level; a Map, since it is looked up by input text. */
const TLP_OF_MARKING_ID: ReadonlyMap<string, Tlp> = new Map([
  ...(Object.entries(TLP_MARKING_IDS) as Array<[Tlp, string]>).map(([tlp, id]) => [id, tlp] as const),
  [TLP_1_MARKING_IDS.WHITE, Tlp.CLEAR],
  [TLP_1_MARKING_IDS.GREEN, Tlp.GREEN],
  [TLP_1_MARKING_IDS.AMBER, Tlp.AMBER],
  [TLP_1_MARKING_IDS.RED, Tlp.RED],
]);

export interface StixMarkingDefinition {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: 'property-extension'; tlp_2_0: string }>;
}

export function tlpMarkingDefinition(tlp: Tlp): StixMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${TLP_2_NAMES[tlp].toUpperCase()}`,
    extensions: { [TLP_2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: TLP_2_NAMES[tlp] } },
  };
}

/** Whether an export at level `exportLevel` may hold an item marked `itemLevel`. */
export function tlpAllows(exportLevel: Tlp, itemLevel: Tlp): boolean {
  return TLP_ORDER.indexOf(itemLevel) <= TLP_ORDER.indexOf(exportLevel);
}

/** The most restricted of some levels (CLEAR when none). */
export function strictestTlp(levels: Iterable<Tlp>): Tlp {
  let strictest = Tlp.CLEAR;
  for (const level of levels) if (TLP_ORDER.indexOf(level) > TLP_ORDER.indexOf(strictest)) strictest = level;
  return strictest;
}

/**
 * A level as people write it: "AMBER+STRICT", "amber+strict", "TLP:AMBER", "AMBER_STRICT", and
 * "AMBER STRICT" (a "+" in a URL query is a space). Undefined when it names no TLP 2.0 level.
 */
export function parseTlp(text: string): Tlp | undefined {
  const key = text.trim().toUpperCase().replace(/^TLP:/, '').replace(/[+ ]/g, '_');
  return (Object.values(Tlp) as string[]).includes(key) ? (key as Tlp) : undefined;
}

/** A TLP 1.0 or 2.0 level as text ("white" is TLP 2.0's CLEAR); undefined for anything else, text or not. */
function tlpOfText(text: unknown): Tlp | undefined {
  if (typeof text !== 'string') return undefined;
  return /^(tlp:)?white$/i.test(text.trim()) ? Tlp.CLEAR : parseTlp(text);
}

/** The TLP level a marking-definition object or id stands for (TLP 2.0, TLP 1.0 or OpenCTI's form). */
export function tlpOfMarking(marking: Record<string, unknown> | string): Tlp | undefined {
  const id = typeof marking === 'string' ? marking : String(marking.id);
  const published = TLP_OF_MARKING_ID.get(id);
  if (published || typeof marking === 'string') return published;
  const extensions = marking.extensions;
  const extension =
    extensions && typeof extensions === 'object' && Object.hasOwn(extensions, TLP_2_EXTENSION)
      ? (extensions as Record<string, unknown>)[TLP_2_EXTENSION]
      : undefined;
  if (extension && typeof extension === 'object') return tlpOfText((extension as Record<string, unknown>).tlp_2_0);
  const definition = marking.definition;
  // TLP 1.0: definition_type "tlp", definition {tlp: "red"}; OpenCTI: "TLP" and "TLP:AMBER".
  if (String(marking.definition_type).toLowerCase() !== 'tlp') return undefined;
  if (definition && typeof definition === 'object' && Object.hasOwn(definition, 'tlp'))
    return tlpOfText((definition as Record<string, unknown>).tlp);
  return tlpOfText(definition);
}

/** The least restricted of some levels: what the source rule shows an item at (CLEAR when none). */
export function loosestTlp(levels: Iterable<Tlp>): Tlp {
  let loosest: Tlp | undefined;
  for (const level of levels) if (!loosest || TLP_ORDER.indexOf(level) < TLP_ORDER.indexOf(loosest)) loosest = level;
  return loosest ?? Tlp.CLEAR;
}

/** Whether `level` is stricter than `than`. */
export function tlpAbove(level: Tlp, than: Tlp): boolean {
  return TLP_ORDER.indexOf(level) > TLP_ORDER.indexOf(than);
}
