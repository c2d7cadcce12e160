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
const TLP_1_MARKING_IDS: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': Tlp.CLEAR, // TLP:WHITE
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': Tlp.GREEN,
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': Tlp.AMBER,
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': Tlp.RED,
};

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

/** The TLP level a marking-definition object or id stands for (TLP 2.0, TLP 1.0 or OpenCTI's form). */
export function tlpOfMarking(marking: Record<string, unknown> | string): Tlp | undefined {
  const id = typeof marking === 'string' ? marking : String(marking.id);
  const known = (Object.entries(TLP_MARKING_IDS) as Array<[Tlp, string]>).find(([, markingId]) => markingId === id);
  if (known) return known[0];
  if (TLP_1_MARKING_IDS[id]) return TLP_1_MARKING_IDS[id];
  if (typeof marking === 'string') return undefined;
  const extension = (marking.extensions as Record<string, { tlp_2_0?: string }> | undefined)?.[TLP_2_EXTENSION];
  if (extension?.tlp_2_0) return parseTlp(extension.tlp_2_0);
  const definition = marking.definition as { tlp?: string } | undefined;
  if (marking.definition_type === 'tlp' && definition?.tlp)
    return definition.tlp.toLowerCase() === 'white' ? Tlp.CLEAR : parseTlp(definition.tlp);
  // OpenCTI writes markings as definition_type "TLP", definition "TLP:AMBER".
  if (String(marking.definition_type).toUpperCase() === 'TLP' && typeof marking.definition === 'string')
    return marking.definition.toUpperCase() === 'TLP:WHITE' ? Tlp.CLEAR : parseTlp(marking.definition);
  return undefined;
}
