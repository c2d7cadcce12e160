import type { Bundle } from '../../src/bundle/format';
import { stixId, uuidV5 } from '../../src/interop/stix/stix-ids';
import { confidenceOf, credibilityOf, RELATIONSHIP_TYPE_OF_STIX } from '../../src/interop/stix/stix-mapping';
import {
  loosestTlp,
  parseTlp,
  TLP_1_MARKING_IDS,
  TLP_MARKING_IDS,
  tlpAllows,
  tlpOfMarking,
} from '../../src/interop/stix/stix-markings';
import { bundleToStix, SAHEL_EXTENSION_ID } from '../../src/interop/stix/stix.export';
import { stixToBundle } from '../../src/interop/stix/stix.import';
import { ActorKind, RelationshipType, Reliability, SourceKind, Tlp } from '../../src/model/vocabulary';

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

describe('STIX markings on every object, and lookups keyed by input text', () => {
  const T = '2025-01-01T00:00:00.000Z';
  const report = (id: string, refs: string[], marking: string) => ({
    type: 'report',
    spec_version: '2.1',
    id,
    created: T,
    modified: T,
    name: id,
    published: T,
    object_refs: refs,
    object_marking_refs: [marking],
  });
  const actor = (id: string, marking?: string, extension?: Record<string, unknown>) => ({
    type: 'threat-actor',
    spec_version: '2.1',
    id,
    created: T,
    modified: T,
    name: id,
    ...(marking ? { object_marking_refs: [marking] } : {}),
    ...(extension
      ? { extensions: { [SAHEL_EXTENSION_ID]: { extension_type: 'property-extension', ...extension } } }
      : {}),
  });
  const A = 'threat-actor--00000000-0000-4000-8000-00000000000a';
  const B = 'threat-actor--00000000-0000-4000-8000-00000000000b';
  const C = 'threat-actor--00000000-0000-4000-8000-00000000000c';
  const D = 'threat-actor--00000000-0000-4000-8000-00000000000d';
  const CLEAR_REPORT = 'report--00000000-0000-4000-8000-000000000001';
  const AMBER_REPORT = 'report--00000000-0000-4000-8000-000000000002';
  const limits = { maxObjects: 100, maxBytes: 1_000_000 };

  it('reads TLP 1.0 definitions ({tlp: "red"}), and nothing from hostile or malformed ones', () => {
    expect(tlpOfMarking({ id: 'marking-definition--z', definition_type: 'tlp', definition: { tlp: 'red' } })).toBe(
      Tlp.RED,
    );
    expect(tlpOfMarking({ id: 'marking-definition--z', definition_type: 'tlp', definition: { tlp: 'white' } })).toBe(
      Tlp.CLEAR,
    );
    expect(tlpOfMarking(TLP_1_MARKING_IDS.RED)).toBe(Tlp.RED);
    for (const hostile of ['constructor', '__proto__', 'toString']) expect(tlpOfMarking(hostile)).toBeUndefined();
    expect(tlpOfMarking({ id: 'x', definition_type: 'tlp', definition: { tlp: 42 } })).toBeUndefined();
    expect(tlpOfMarking({ id: 'x', definition_type: 'tlp', definition: JSON.parse('{"__proto__": "red"}') })).toBe(
      undefined,
    );
    expect(RELATIONSHIP_TYPE_OF_STIX.get('constructor')).toBeUndefined();
    expect(RELATIONSHIP_TYPE_OF_STIX.get('member-of')).toBe('MEMBER_OF');
    expect(loosestTlp([Tlp.RED, Tlp.GREEN, Tlp.AMBER])).toBe(Tlp.GREEN);
  });

  it('keeps an object’s marking as its own tlp when its sources would show it lower', async () => {
    const { bundle } = await stixToBundle(
      {
        type: 'bundle',
        id: 'bundle--00000000-0000-4000-8000-000000000000',
        objects: [
          report(CLEAR_REPORT, [A, B, C], TLP_MARKING_IDS.CLEAR),
          report(AMBER_REPORT, [B, C, D], TLP_MARKING_IDS.AMBER),
          actor(A, TLP_MARKING_IDS.RED), // foreign, RED in a CLEAR report
          actor(B, TLP_MARKING_IDS.AMBER), // foreign, AMBER in a CLEAR and an AMBER report: the CLEAR one would show it
          actor(C, TLP_MARKING_IDS.AMBER, { graph_id: 'ours', credibility: 3, excerpt: 'x' }), // our export's rule: its strictest source
          actor(D, TLP_MARKING_IDS.AMBER), // foreign, AMBER in an AMBER report only
        ],
      },
      limits,
    );
    const actorFrom = (stix: string) => bundle.actors.find((a) => a.name === stix)!;
    expect(actorFrom(A).tlp).toBe(Tlp.RED);
    expect(actorFrom(B).tlp).toBe(Tlp.AMBER);
    expect(actorFrom(C)).toMatchObject({ id: 'ours' });
    expect(actorFrom(C).tlp).toBeUndefined();
    expect(actorFrom(D).tlp).toBeUndefined();
    expect(bundle.sources.map((s) => s.tlp)).toEqual([Tlp.CLEAR, Tlp.AMBER]);
  });

  it('exports an item with its own level only at or above it, marked with it', () => {
    const bundle = {
      format: 'sahel-graph-bundle',
      version: 1,
      sources: [{ id: 'open', title: 'Open', kind: SourceKind.REPORT, reliability: Reliability.C }],
      actors: [
        {
          id: 'red-cell',
          name: 'Red cell',
          kind: ActorKind.ARMED_GROUP,
          sourceIds: ['open'],
          credibility: 3,
          excerpt: 'x',
          tlp: Tlp.RED,
        },
        {
          id: 'open-cell',
          name: 'Open cell',
          kind: ActorKind.ARMED_GROUP,
          sourceIds: ['open'],
          credibility: 3,
          excerpt: 'x',
        },
      ],
      locations: [],
      events: [],
      allegations: [],
      relationships: [
        {
          type: RelationshipType.OPPOSES,
          from: 'open-cell',
          to: 'red-cell',
          sourceIds: ['open'],
          credibility: 3,
          excerpt: 'x',
        },
      ],
    } as unknown as Bundle;
    const ids = (level: Tlp) => bundleToStix(bundle, { tlp: level }).objects.map((o) => o.id);
    for (const level of [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT]) {
      expect(ids(level)).not.toContain(stixId('threat-actor', 'red-cell'));
      expect(ids(level)).not.toContain(stixId('relationship', 'OPPOSES:open-cell->red-cell'));
      expect(ids(level)).toContain(stixId('threat-actor', 'open-cell'));
    }
    const red = bundleToStix(bundle, { tlp: Tlp.RED });
    expect(red.objects.find((o) => o.id === stixId('threat-actor', 'red-cell'))!.object_marking_refs).toEqual([
      TLP_MARKING_IDS.RED,
    ]);
    expect(red.objects.find((o) => o.id === stixId('threat-actor', 'open-cell'))!.object_marking_refs).toEqual([
      TLP_MARKING_IDS.CLEAR,
    ]);
  });

  it('refuses object types that are not STIX, and bundles over the limits, before converting anything', async () => {
    const bundle = (objects: unknown[]) => ({ type: 'bundle', id: 'bundle--x', objects });
    await expect(
      stixToBundle(bundle([{ type: 'constructor', id: 'constructor--00000000-0000-4000-8000-000000000000' }]), limits),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'bundle.objects[0].type' },
    });
    await expect(
      stixToBundle(bundle([{ type: 'threat-actor', id: 'threat-actor--not-a-uuid' }]), limits),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'bundle.objects[0].id' },
    });
    const custom = await stixToBundle(
      bundle([
        { type: 'x-custom-thing', id: 'x-custom-thing--00000000-0000-4000-8000-000000000000' },
        {
          type: 'case-incident',
          id: 'case-incident--00000000-0000-4000-8000-000000000000',
          extensions: { 'extension-definition--1': { extension_type: 'new-sdo' } },
        },
      ]),
      limits,
    );
    expect(custom.skipped).toEqual({ 'x-custom-thing': 1, 'case-incident': 1 });
    const many = Array.from({ length: 101 }, (_, i) =>
      actor(`threat-actor--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    await expect(stixToBundle(bundle(many), limits)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'bundle.objects' },
    });
    await expect(stixToBundle(bundle(many.slice(0, 50)), { maxObjects: 100, maxBytes: 2_000 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'bundle' },
    });
  });
});
