import { stixId, uuidV5 } from '../../src/interop/stix/stix-ids';
import { confidenceOf, credibilityOf } from '../../src/interop/stix/stix-mapping';
import { parseTlp, TLP_MARKING_IDS, tlpAllows, tlpOfMarking } from '../../src/interop/stix/stix-markings';
import { Tlp } from '../../src/model/vocabulary';

describe('STIX ids, grades and markings', () => {
  it('computes UUIDv5 as RFC 9562 does (its test vector: "www.example.com" in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    // The namespace is itself UUIDv5 of "sahel-graph" in the URL namespace.
    expect(uuidV5('sahel-graph', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe('2d005853-ac9e-58e6-9908-384aa8212295');
    expect(stixId('threat-actor', 'jnim')).toMatch(/^threat-actor--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
    expect(stixId('threat-actor', 'jnim')).not.toBe(stixId('threat-actor', 'al-qaeda'));
  });

  it('maps credibility to confidence on STIX 2.1’s Admiralty Credibility scale and back', () => {
    expect([1, 2, 3, 4, 5, 6].map(confidenceOf)).toEqual([90, 70, 50, 30, 10, undefined]);
    for (const grade of [1, 2, 3, 4, 5, 6]) expect(credibilityOf(confidenceOf(grade))).toBe(grade);
    expect([100, 80, 79, 60, 59, 40, 39, 20, 19, 0].map(credibilityOf)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([undefined, -1, 101, Number.NaN, '70'].map(credibilityOf)).toEqual([6, 6, 6, 6, 6]);
  });

  it('reads TLP levels as people write them, and orders them', () => {
    expect(['AMBER+STRICT', 'amber strict', 'TLP:AMBER_STRICT'].map(parseTlp)).toEqual([
      Tlp.AMBER_STRICT,
      Tlp.AMBER_STRICT,
      Tlp.AMBER_STRICT,
    ]);
    expect(['PURPLE', 'WHITE', ''].map(parseTlp)).toEqual([undefined, undefined, undefined]);
    expect(tlpAllows(Tlp.CLEAR, Tlp.AMBER)).toBe(false);
    expect(tlpAllows(Tlp.AMBER, Tlp.GREEN)).toBe(true);
    expect(tlpAllows(Tlp.AMBER, Tlp.AMBER_STRICT)).toBe(false);
  });

  it('recognises TLP 2.0 ids, TLP 1.0 ids (WHITE is CLEAR) and OpenCTI’s marking form', () => {
    expect(tlpOfMarking(TLP_MARKING_IDS.RED)).toBe(Tlp.RED);
    expect(tlpOfMarking('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9')).toBe(Tlp.CLEAR);
    expect(
      tlpOfMarking({
        type: 'marking-definition',
        id: 'marking-definition--x',
        definition_type: 'TLP',
        definition: 'TLP:AMBER+STRICT',
      }),
    ).toBe(Tlp.AMBER_STRICT);
    expect(
      tlpOfMarking({
        id: 'marking-definition--y',
        definition_type: 'statement',
        definition: { statement: 'Copyright' },
      }),
    ).toBeUndefined();
  });
});
