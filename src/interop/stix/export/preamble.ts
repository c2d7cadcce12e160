import { Tlp } from '../../../model/vocabulary';
import { SAHEL_EXTENSION_ID, SAHEL_IDENTITY_ID } from '../stix-ids';
import { STIX_SPEC_VERSION, type StixObject } from '../stix-mapping';
import { TLP_MARKING_IDS } from '../stix-markings';

/** When the identity and the extension were defined: fixed, so exports stay byte-identical. */
const DEFINED = '2026-11-01T00:00:00.000Z';

/** What every export starts with: the sahel-graph identity and its extension's definition (new objects each time). */
export const preamble = (): StixObject[] => [
  {
    type: 'identity',
    spec_version: STIX_SPEC_VERSION,
    id: SAHEL_IDENTITY_ID,
    created_by_ref: SAHEL_IDENTITY_ID,
    created: DEFINED,
    modified: DEFINED,
    name: 'sahel-graph',
    description: 'The sahel-graph knowledge graph: the system that exported these objects',
    identity_class: 'system',
    object_marking_refs: [TLP_MARKING_IDS[Tlp.CLEAR]],
  },
  {
    type: 'extension-definition',
    spec_version: STIX_SPEC_VERSION,
    id: SAHEL_EXTENSION_ID,
    created_by_ref: SAHEL_IDENTITY_ID,
    created: DEFINED,
    modified: DEFINED,
    name: 'sahel-graph evidence and grades',
    description:
      'What sahel-graph knows beyond STIX properties: graph ids, kinds, NATO/Admiralty grades (source reliability A-F, information credibility 1-6, the claim grade of allegations), partial dates, quantities, TLP per source and per item',
    schema:
      'Properties (all optional): graph_id, kind, event_type, status, aliases, country, iso_code, latitude, longitude, quantity {measure, value, approximate}, plural, start, end, date, valid_from, valid_to (partial dates YYYY, YYYY-MM, YYYY-MM-DD), credibility (1-6), excerpt, claim_types, claim_credibility (1-6), role, denied_by, publisher, author, published, reliability (A-F), tlp (a source\'s level, or an item\'s own level above its sources). See the sahel-graph README, "STIX 2.1", and docs/stix.md.',
    version: '1.0.0',
    extension_types: ['property-extension'],
    object_marking_refs: [TLP_MARKING_IDS[Tlp.CLEAR]],
  },
];
