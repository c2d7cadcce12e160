import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Bundle } from '../../src/bundle/format';
import { ExportRepository, exportWholeBundle } from '../../src/bundle/export';
import { CurationService } from '../../src/curation/curation.service';
import type { Database } from '../../src/db';
import { stixId } from '../../src/interop/stix/stix-ids';
import { TLP_1_MARKING_IDS, TLP_MARKING_IDS } from '../../src/interop/stix/stix-markings';
import { SAHEL_EXTENSION_ID } from '../../src/interop/stix/stix.export';
import type { StixBundle, StixObject } from '../../src/interop/stix/stix-mapping';
import { StixImportService, type StixImportOptions } from '../../src/interop/stix/stix-import.service';
import { exportStix } from '../../src/interop/stix/stix.service';
import { Tlp } from '../../src/model/vocabulary';
import { startTestApp, TEST_KEYS } from '../support/app';
import { clearGraph, graphCounts, neo4jUri, seededDatabase } from '../support/database';
import { gql } from '../support/http';
import { ensureStixValidator, validateStixFile } from '../support/stix-validator';

const run = promisify(execFile);
const DIST = path.join(__dirname, '..', '..', 'dist', 'src', 'cli');
const scratch = mkdtempSync(path.join(tmpdir(), 'sahel-stix-'));

/** Writes a STIX bundle and runs the OASIS validator on it: no errors, every reference resolved. */
function expectValid(stix: StixBundle, name: string): void {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(stix, null, 2));
  const { status, output } = validateStixFile(file);
  expect(output).toContain('STIX JSON: Valid');
  expect(output).not.toMatch(/\[X\]|Error/);
  expect(status).toBe(0);
}

/** A bundle in a comparable form: records sorted by id, keys sorted, sourceIds as sets, empty lists dropped. */
function canonical(bundle: Bundle): unknown {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => {
          const v = (value as Record<string, unknown>)[key];
          return !(Array.isArray(v) && v.length === 0);
        })
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  };
  const withSets = <T extends { sourceIds?: string[] }>(records: T[]) =>
    records.map((r) => (r.sourceIds ? { ...r, sourceIds: [...r.sourceIds].sort() } : r));
  return sortKeys({
    sources: bundle.sources,
    actors: withSets(bundle.actors),
    locations: withSets(bundle.locations),
    events: withSets(bundle.events),
    allegations: withSets(bundle.allegations),
    relationships: withSets(bundle.relationships)
      .map((r) => ({ key: `${r.type}:${r.from}->${r.to}#${r.role ?? ''}`, r }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map(({ r }) => r),
  });
}

const byType = (stix: StixBundle, type: string) => stix.objects.filter((o) => o.type === type);
const find = (stix: StixBundle, id: string) => stix.objects.find((o) => o.id === id) as StixObject;

describe('STIX 2.1 export and import', () => {
  let db: Database;
  beforeAll(async () => {
    ensureStixValidator();
    db = await seededDatabase();
  }, 300_000);
  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });
  const importStix = (json: unknown, options: Partial<StixImportOptions> = {}) =>
    new StixImportService(db).import(json, { who: 'test', ...options });

  it('exports the seed graph as a bundle the OASIS validator accepts, claims as notes and opinions', async () => {
    const stix = await exportStix(new ExportRepository(db));
    expectValid(stix, 'seed.json');
    expect(stix.objects.filter((o) => o.spec_version !== '2.1')).toEqual([]);
    // Marking definitions go out as OASIS publishes them; everything else names its creator.
    const authored = stix.objects.filter((o) => o.type !== 'marking-definition');
    expect(authored.filter((o) => !String(o.created_by_ref).startsWith('identity--'))).toEqual([]);
    expect(authored.filter((o) => !(String(o.modified) >= String(o.created)))).toEqual([]);
    expect(stix.objects.filter((o) => o.type === 'marking-definition').map((o) => o.id)).toEqual([
      TLP_MARKING_IDS.CLEAR,
    ]);
    expect(find(stix, stixId('threat-actor', 'jnim'))).toMatchObject({ name: 'JNIM' });
    expect(find(stix, stixId('identity', 'mali'))).toMatchObject({ identity_class: 'organization' });
    expect(find(stix, stixId('location', 'kayes'))).toMatchObject({ country: 'ML' });
    expect(find(stix, stixId('report', 'wellbrock-mali-blockade')).object_refs).toContain(
      stixId('threat-actor', 'jnim'),
    );

    // The allegation is a note, denied by Ukraine in an opinion; no relationship states its content as fact.
    const note = find(stix, stixId('note', 'russia-accuses-ukrainian-intelligence'));
    expect(note.labels).toEqual(expect.arrayContaining(['allegation', 'denied']));
    expect(note.object_refs).toEqual(
      expect.arrayContaining([stixId('identity', 'ukrainian-intelligence'), stixId('threat-actor', 'jnim')]),
    );
    const denial = byType(stix, 'opinion').find((o) => (o.object_refs as string[]).includes(note.id));
    expect(denial).toMatchObject({ opinion: 'strongly-disagree', authors: ['Ukraine'] });
    const ukrIntel = stixId('identity', 'ukrainian-intelligence');
    const jnim = stixId('threat-actor', 'jnim');
    const direct = byType(stix, 'relationship').filter(
      (r) => [r.source_ref, r.target_ref].includes(ukrIntel) && [r.source_ref, r.target_ref].includes(jnim),
    );
    expect(direct).toEqual([]);
    const claimLinks = byType(stix, 'relationship').filter((r) => r.source_ref === note.id || r.target_ref === note.id);
    expect(new Set(claimLinks.map((r) => r.relationship_type))).toEqual(new Set(['alleges', 'accuses', 'concerns']));

    // Credibility 2 (probably true) is confidence 70 on STIX's Admiralty scale.
    const membership = find(stix, stixId('relationship', 'MEMBER_OF:mali->aes'));
    expect(membership).toMatchObject({ relationship_type: 'member-of', confidence: 70 });
  }, 180_000);

  it('exports the same bytes twice: ids, timestamps and order are deterministic', async () => {
    const first = JSON.stringify(await exportStix(new ExportRepository(db)));
    const second = JSON.stringify(await exportStix(new ExportRepository(db)));
    expect(second).toBe(first);
    expect(stixId('threat-actor', 'jnim')).toBe('threat-actor--2f192972-d50f-557e-8c4d-3892ddb7da87');
  });

  it('leaves TLP:AMBER sources, and what only they back, out of a TLP:CLEAR export', async () => {
    const curation = new CurationService(db);
    await curation.importBundle(
      {
        format: 'sahel-graph-bundle',
        version: 1,
        sources: [
          { id: 'stix-amber-brief', title: 'Restricted brief', kind: 'REPORT', reliability: 'B', tlp: 'AMBER' },
          { id: 'stix-green-note', title: 'Community note', kind: 'REPORT', reliability: 'C', tlp: 'GREEN' },
        ],
        actors: [
          {
            id: 'stix-amber-cell',
            name: 'Amber-only cell',
            kind: 'ARMED_GROUP',
            sourceIds: ['stix-amber-brief'],
            credibility: 3,
            excerpt: 'a cell named only in the restricted brief',
          },
          {
            id: 'stix-two-sourced-cell',
            name: 'Two-sourced cell',
            kind: 'ARMED_GROUP',
            sourceIds: ['stix-amber-brief', 'wellbrock-mali-blockade'],
            credibility: 3,
            excerpt: 'a cell named in both',
          },
        ],
        relationships: [
          {
            type: 'AFFILIATED_WITH',
            from: 'stix-amber-cell',
            to: 'jnim',
            sourceIds: ['stix-green-note'],
            credibility: 4,
            excerpt: 'the cell is said to be close to JNIM',
          },
        ],
      },
      { who: 'test' },
    );
    const repo = new ExportRepository(db);
    const clear = await exportStix(repo, Tlp.CLEAR);
    const amber = await exportStix(repo, Tlp.AMBER);
    expectValid(clear, 'clear.json');
    expectValid(amber, 'amber.json');

    const ids = (stix: StixBundle) => new Set(stix.objects.map((o) => o.id));
    const amberBrief = stixId('report', 'stix-amber-brief');
    const amberCell = stixId('threat-actor', 'stix-amber-cell');
    const link = stixId('relationship', 'AFFILIATED_WITH:stix-amber-cell->jnim');
    const twoSourced = stixId('threat-actor', 'stix-two-sourced-cell');
    for (const id of [amberBrief, amberCell, link, stixId('report', 'stix-green-note'), TLP_MARKING_IDS.AMBER])
      expect(ids(clear).has(id)).toBe(false);
    // Backed by a CLEAR source too: kept, marked CLEAR, and no longer pointing at the AMBER brief.
    expect(find(clear, twoSourced).object_marking_refs).toEqual([TLP_MARKING_IDS.CLEAR]);
    expect(JSON.stringify(clear)).not.toContain('Restricted brief');

    for (const id of [amberBrief, amberCell, link, twoSourced]) expect(ids(amber).has(id)).toBe(true);
    expect(find(amber, amberCell).object_marking_refs).toEqual([TLP_MARKING_IDS.AMBER]);
    expect(find(amber, link).object_marking_refs).toEqual([TLP_MARKING_IDS.GREEN]);
    expect(find(amber, TLP_MARKING_IDS.AMBER)).toMatchObject({ name: 'TLP:AMBER' });
  }, 180_000);

  it('round trip: the graph exported to STIX and imported into an empty graph gives the same bundle', async () => {
    const repo = new ExportRepository(db);
    const before = await exportWholeBundle(repo);
    expect(before.sources.some((s) => s.tlp === Tlp.AMBER)).toBe(true);
    const stix = JSON.parse(JSON.stringify(await exportStix(repo, Tlp.RED))) as StixBundle;
    await clearGraph(db);
    const summary = await importStix(stix);
    expect(summary.nodes.updated + summary.nodes.unchanged).toBe(0);
    expect(summary.skipped).toEqual({ 'identity (author or system, not an actor)': 1 });
    const after = await exportWholeBundle(repo);
    // Entities, relationships, credibility and reliability grades, allegation statuses and claim grades, TLP.
    expect(canonical(after)).toEqual(canonical(before));
    expect(after.allegations.find((a) => a.id === 'russia-accuses-ukrainian-intelligence')).toMatchObject({
      status: 'DENIED',
      claimCredibility: 6,
      credibility: 2,
    });
    // Importing the same STIX again changes nothing.
    const again = await importStix(stix);
    expect(again.nodes.created + again.nodes.updated).toBe(0);
    expect(again.relationships.created + again.relationships.updated).toBe(0);
  }, 180_000);

  it('imports a foreign (OpenCTI-style) bundle: notes stay claims, unknown types are skipped and counted', async () => {
    const author = 'identity--0c7e1a62-9f2b-4a7e-9a43-1f3c9bde1a01';
    const foreign = {
      type: 'bundle',
      id: 'bundle--6f3c2b1e-8a4d-4c1f-9b2e-3d4c5b6a7e8f',
      objects: [
        {
          type: 'identity',
          spec_version: '2.1',
          id: author,
          created: '2025-01-01T00:00:00.000Z',
          modified: '2025-01-01T00:00:00.000Z',
          name: 'Example Analysis Desk',
          identity_class: 'organization',
        },
        {
          type: 'intrusion-set',
          spec_version: '2.1',
          id: 'intrusion-set--4a1e9c3b-2d5f-4e6a-8b7c-9d0e1f2a3b4c',
          created_by_ref: author,
          created: '2025-01-02T00:00:00.000Z',
          modified: '2025-01-02T00:00:00.000Z',
          name: 'Katiba Example',
          aliases: ['KE'],
          confidence: 75,
        },
        {
          // An older version of the same intrusion set: the later one stands.
          type: 'intrusion-set',
          spec_version: '2.1',
          id: 'intrusion-set--4a1e9c3b-2d5f-4e6a-8b7c-9d0e1f2a3b4c',
          created: '2025-01-01T00:00:00.000Z',
          modified: '2025-01-01T00:00:00.000Z',
          name: 'Katiba Example (old name)',
        },
        {
          type: 'incident',
          spec_version: '2.1',
          id: 'incident--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          created: '2025-01-02T00:00:00.000Z',
          modified: '2025-01-02T00:00:00.000Z',
          name: 'Convoy attack near Ménaka',
          labels: ['attack'],
        },
        {
          type: 'location',
          spec_version: '2.1',
          id: 'location--5b2f0d4c-3e6a-4f7b-9c8d-0e1f2a3b4c5d',
          created_by_ref: author,
          created: '2025-01-02T00:00:00.000Z',
          modified: '2025-01-02T00:00:00.000Z',
          name: 'Ménaka',
          latitude: 15.92,
          longitude: 2.4,
        },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: 'relationship--6c3a1e5d-4f7b-4a8c-8d9e-1f2a3b4c5d6e',
          created_by_ref: author,
          created: '2025-01-03T00:00:00.000Z',
          modified: '2025-01-03T00:00:00.000Z',
          relationship_type: 'targets',
          source_ref: 'intrusion-set--4a1e9c3b-2d5f-4e6a-8b7c-9d0e1f2a3b4c',
          target_ref: 'location--5b2f0d4c-3e6a-4f7b-9c8d-0e1f2a3b4c5d',
          confidence: 50,
        },
        {
          type: 'note',
          spec_version: '2.1',
          id: 'note--7d4b2f6e-5a8c-4b9d-9e0f-2a3b4c5d6e7f',
          created_by_ref: author,
          created: '2025-01-04T00:00:00.000Z',
          modified: '2025-01-04T00:00:00.000Z',
          content: 'Katiba Example is said to tax convoys near Ménaka.',
          object_refs: ['intrusion-set--4a1e9c3b-2d5f-4e6a-8b7c-9d0e1f2a3b4c'],
          confidence: 30,
        },
        {
          type: 'attack-pattern',
          spec_version: '2.1',
          id: 'attack-pattern--8e5c3a7f-6b9d-4cae-8f1a-3b4c5d6e7f80',
          created: '2025-01-04T00:00:00.000Z',
          modified: '2025-01-04T00:00:00.000Z',
          name: 'Convoy ambush',
        },
        {
          type: 'report',
          spec_version: '2.1',
          id: 'report--9f6d4b8a-7cae-4dbf-9a2b-4c5d6e7f8091',
          created_by_ref: author,
          created: '2025-01-05T00:00:00.000Z',
          modified: '2025-01-05T00:00:00.000Z',
          name: 'Convoys under pressure',
          published: '2025-01-05T00:00:00.000Z',
          report_types: ['threat-report'],
          object_refs: [
            'intrusion-set--4a1e9c3b-2d5f-4e6a-8b7c-9d0e1f2a3b4c',
            'location--5b2f0d4c-3e6a-4f7b-9c8d-0e1f2a3b4c5d',
            'relationship--6c3a1e5d-4f7b-4a8c-8d9e-1f2a3b4c5d6e',
            'note--7d4b2f6e-5a8c-4b9d-9e0f-2a3b4c5d6e7f',
          ],
          external_references: [{ source_name: 'Example Analysis Desk', url: 'https://example.org/convoys' }],
          object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'],
        },
      ],
    };
    const summary = await importStix(foreign);
    expect(summary.skipped).toEqual({
      'attack-pattern': 1,
      'identity (author or system, not an actor)': 1,
      'older version of an object': 1,
    });
    const bundle = await exportWholeBundle(new ExportRepository(db));
    const source = bundle.sources.find((s) => s.title === 'Convoys under pressure')!;
    expect(source).toMatchObject({
      url: 'https://example.org/convoys',
      publisher: 'Example Analysis Desk',
      published: '2025-01-05',
      reliability: 'F',
      tlp: 'GREEN', // TLP 1.0 GREEN, read as TLP 2.0 GREEN
    });
    const group = bundle.actors.find((a) => a.name === 'Katiba Example')!;
    expect(group).toMatchObject({ kind: 'ARMED_GROUP', aliases: ['KE'], credibility: 2, sourceIds: [source.id] });
    const place = bundle.locations.find((l) => l.name === 'Ménaka')!;
    expect(place).toMatchObject({ kind: 'CITY', latitude: 15.92, longitude: 2.4 });
    expect(bundle.relationships).toContainEqual(
      expect.objectContaining({ type: 'OPERATES_IN', from: group.id, to: place.id, credibility: 3 }),
    );
    // The note is an allegation about the group, graded for its content, not a fact about it.
    const claim = bundle.allegations.find((a) => a.statement.startsWith('Katiba Example is said'))!;
    expect(claim).toMatchObject({ status: 'ALLEGED', claimCredibility: 4, credibility: 6 });
    expect(bundle.relationships).toContainEqual(
      expect.objectContaining({ type: 'CONCERNS', from: claim.id, to: group.id }),
    );
    expect(bundle.actors.some((a) => a.name === 'Example Analysis Desk')).toBe(false);
    expect(bundle.actors.some((a) => a.name.includes('old name'))).toBe(false);
    // No report contains the incident: it cites a source made for the bundle, of unknown reliability.
    const attack = bundle.events.find((e) => e.title === 'Convoy attack near Ménaka')!;
    expect(attack).toMatchObject({ type: 'ATTACK', status: 'OCCURRED', credibility: 6 });
    expect(bundle.sources.find((s) => s.id === attack.sourceIds[0])).toMatchObject({
      id: expect.stringMatching(/^stix-bundle-[0-9a-f]{8}$/),
      reliability: 'F',
    });
  }, 180_000);

  it('keeps a TLP:RED marking of any object (TLP 2.0 id, TLP 1.0 definition or id): RED export only, marked RED', async () => {
    const tlp1Red = 'marking-definition--3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
    const ids = {
      red20: 'threat-actor--a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      red10def: 'threat-actor--b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
      red10id: 'threat-actor--c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f',
      clear: 'threat-actor--d4e5f6a7-b8c9-4dae-9f2a-3b4c5d6e7f80',
      link: 'relationship--e5f6a7b8-c9d0-4ebf-8a3b-4c5d6e7f8091',
    };
    const actor = (id: string, name: string, markings: string[]) => ({
      type: 'threat-actor',
      spec_version: '2.1',
      id,
      created: '2025-03-01T00:00:00.000Z',
      modified: '2025-03-01T00:00:00.000Z',
      name,
      ...(markings.length ? { object_marking_refs: markings } : {}),
    });
    const red = {
      type: 'bundle',
      id: 'bundle--f6a7b8c9-d0e1-4fa0-9b4c-5d6e7f8091a2',
      objects: [
        {
          type: 'marking-definition',
          spec_version: '2.1',
          id: tlp1Red,
          created: '2017-01-20T00:00:00.000Z',
          definition_type: 'tlp',
          definition: { tlp: 'red' },
        },
        actor(ids.red20, 'Red cell (TLP 2.0)', [TLP_MARKING_IDS.RED]),
        actor(ids.red10def, 'Red cell (TLP 1.0 definition)', [tlp1Red]),
        actor(ids.red10id, 'Red cell (TLP 1.0 id)', [TLP_1_MARKING_IDS.RED]),
        actor(ids.clear, 'Clear cell', []),
        {
          type: 'relationship',
          spec_version: '2.1',
          id: ids.link,
          created: '2025-03-01T00:00:00.000Z',
          modified: '2025-03-01T00:00:00.000Z',
          relationship_type: 'opposes',
          source_ref: ids.clear,
          target_ref: ids.red20,
          object_marking_refs: [TLP_MARKING_IDS.RED],
        },
        {
          // The report that contains them all is CLEAR: that does not make them CLEAR.
          type: 'report',
          spec_version: '2.1',
          id: 'report--a7b8c9d0-e1f2-4a0b-8c5d-6e7f8091a2b3',
          created: '2025-03-02T00:00:00.000Z',
          modified: '2025-03-02T00:00:00.000Z',
          name: 'Cells on the border',
          published: '2025-03-02T00:00:00.000Z',
          object_refs: Object.values(ids),
          object_marking_refs: [TLP_MARKING_IDS.CLEAR],
        },
      ],
    };
    await importStix(red);
    const stored = await db.read<{ name: string; id: string; tlp: string | null }>(
      'test.red',
      'MATCH (n:Actor) WHERE n.name = "Clear cell" OR n.name STARTS WITH "Red cell (" RETURN n.name AS name, n.id AS id, n.tlp AS tlp ORDER BY name',
    );
    expect(stored.map(({ name, tlp }) => [name, tlp])).toEqual([
      ['Clear cell', null],
      ['Red cell (TLP 1.0 definition)', 'RED'],
      ['Red cell (TLP 1.0 id)', 'RED'],
      ['Red cell (TLP 2.0)', 'RED'],
    ]);
    const graphId = (name: string) => stored.find((row) => row.name === name)!.id;
    const exportedRed = stored.filter((row) => row.tlp === 'RED').map((row) => stixId('threat-actor', row.id));
    const [clearId] = [stixId('threat-actor', graphId('Clear cell'))];
    const linkId = stixId('relationship', `OPPOSES:${graphId('Clear cell')}->${graphId('Red cell (TLP 2.0)')}`);
    const [link] = await db.read<{ tlp: string }>(
      'test.red',
      'MATCH ()-[r:OPPOSES {id: $id}]->() RETURN r.tlp AS tlp',
      {
        id: `OPPOSES:${graphId('Clear cell')}->${graphId('Red cell (TLP 2.0)')}`,
      },
    );
    expect(link).toEqual({ tlp: 'RED' });

    const repo = new ExportRepository(db);
    for (const level of [Tlp.CLEAR, Tlp.AMBER_STRICT]) {
      const stix = await exportStix(repo, level);
      expectValid(stix, `red-at-${level}.json`);
      const present = new Set(stix.objects.map((o) => o.id));
      for (const id of [...exportedRed, linkId]) expect(present.has(id)).toBe(false);
      expect(JSON.stringify(stix)).not.toContain('Red cell');
      expect(find(stix, clearId).object_marking_refs).toEqual([TLP_MARKING_IDS.CLEAR]);
    }
    const stix = await exportStix(repo, Tlp.RED);
    expectValid(stix, 'red-at-RED.json');
    for (const id of [...exportedRed, linkId]) {
      expect(find(stix, id).object_marking_refs).toEqual([TLP_MARKING_IDS.RED]);
      expect((find(stix, id).extensions as Record<string, { tlp?: string }>)[SAHEL_EXTENSION_ID].tlp).toBe('RED');
    }
    expect(find(stix, TLP_MARKING_IDS.RED)).toMatchObject({ name: 'TLP:RED' });

    // The RED export comes back as it went out: nothing changes, nothing is marked lower.
    const again = await importStix(JSON.parse(JSON.stringify(stix)));
    expect(again.nodes.created + again.nodes.updated + again.relationships.created + again.relationships.updated).toBe(
      0,
    );
  }, 180_000);

  it('names the STIX object behind a record the model refuses, and writes nothing of the bundle', async () => {
    const before = await graphCounts(db);
    const backwards = 'incident--1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
    const bundle = {
      type: 'bundle',
      id: 'bundle--2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
      objects: [
        {
          type: 'threat-actor',
          spec_version: '2.1',
          id: 'threat-actor--3b4c5d6e-7f8a-4b9c-8d1e-2f3a4b5c6d7e',
          created: '2025-01-01T00:00:00.000Z',
          modified: '2025-01-01T00:00:00.000Z',
          name: 'A group that would be fine',
        },
        {
          type: 'incident',
          spec_version: '2.1',
          id: backwards,
          created: '2025-01-01T00:00:00.000Z',
          modified: '2025-01-01T00:00:00.000Z',
          name: 'Ends before it starts',
          first_seen: '2025-02-01T00:00:00.000Z',
          last_seen: '2025-01-01T00:00:00.000Z',
        },
      ],
    };
    await expect(importStix(bundle)).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [expect.objectContaining({ field: 'events[0].end', record: expect.stringContaining(backwards) })],
      },
    });
    expect(await graphCounts(db)).toEqual(before);
    await expect(importStix({ type: 'bundle', objects: [{ id: 'x' }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'bundle.objects[0]' },
    });
  });

  it('serves /export/stix.json to readers with a TLP level, and importStix to admins only', async () => {
    const app = await startTestApp(db);
    try {
      const asReader = { 'x-api-key': TEST_KEYS.reader };
      // An admin's clearance (RED) allows AMBER+STRICT; a reader's (GREEN) caps it: ?tlp= never raises.
      const asAdminKey = { 'x-api-key': TEST_KEYS.admin };
      const response = await fetch(`${app.base}/export/stix.json?tlp=AMBER+STRICT`, { headers: asAdminKey });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/stix\+json/);
      const stix = (await response.json()) as StixBundle;
      expect(stix).toEqual(JSON.parse(JSON.stringify(await exportStix(new ExportRepository(db), Tlp.AMBER_STRICT))));
      const capped = await fetch(`${app.base}/export/stix.json?tlp=AMBER+STRICT`, { headers: asReader });
      expect(await capped.json()).toEqual(
        JSON.parse(JSON.stringify(await exportStix(new ExportRepository(db), Tlp.GREEN))),
      );
      const levels = await gql<{ amber: { tlp: string }; article: { tlp: string } }>(
        `${app.base}/graphql`,
        '{ amber: source(id: "stix-amber-brief") { tlp } article: source(id: "wellbrock-mali-blockade") { tlp } }',
        {},
        90_000,
        asAdminKey,
      );
      expect(levels.body.data).toEqual({ amber: { tlp: 'AMBER' }, article: { tlp: 'CLEAR' } });
      const bad = await fetch(`${app.base}/export/stix.json?tlp=PURPLE`, { headers: asReader });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ extensions: unknown }> }).errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'tlp',
      });

      const mutation =
        'mutation($b: JSONObject!) { importStix(bundle: $b, dryRun: true) { dryRun nodes { created updated unchanged } skipped { reason count } } }';
      const asEditor = await gql(`${app.base}/graphql`, mutation, { b: stix }, 90_000, {
        'x-api-key': TEST_KEYS.editor,
      });
      expect(asEditor.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const asAdmin = await gql<{ importStix: { dryRun: boolean; nodes: { created: number; unchanged: number } } }>(
        `${app.base}/graphql`,
        mutation,
        { b: stix },
        90_000,
        { 'x-api-key': TEST_KEYS.admin },
      );
      expect(asAdmin.body.errors).toBeUndefined();
      expect(asAdmin.body.data?.importStix).toMatchObject({ dryRun: true, nodes: { created: 0 } });
      expect(asAdmin.body.data?.importStix.nodes.unchanged).toBeGreaterThan(40);
      const notStix = await gql(`${app.base}/graphql`, mutation, { b: { type: 'report' } }, 90_000, {
        'x-api-key': TEST_KEYS.admin,
      });
      expect(notStix.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bundle.type' });
    } finally {
      await app.stop();
    }
  }, 240_000);

  it('the CLI exports STIX at a TLP level and imports it with --format stix', async () => {
    const env = { ...process.env, NEO4J_URI: neo4jUri(), LOG_LEVEL: 'warn' };
    const file = path.join(scratch, 'cli.stix.json');
    await run(process.execPath, [path.join(DIST, 'export.js'), '--format', 'stix', '--tlp', 'GREEN', '--out', file], {
      env,
    });
    const stix = JSON.parse(readFileSync(file, 'utf8')) as StixBundle;
    expect(stix).toEqual(JSON.parse(JSON.stringify(await exportStix(new ExportRepository(db), Tlp.GREEN))));
    const importCli = (...args: string[]) =>
      run(process.execPath, [path.join(DIST, 'import.js'), '--format', 'stix', file, '--dry-run', ...args], { env });
    expect(stix.objects.map((o) => o.id)).not.toContain(stixId('report', 'stix-amber-brief'));
    // Only the two-sourced cell would change (the GREEN file does not carry its AMBER citation):
    // refused, naming it, unless the admin asks for it.
    const refused = await importCli().then(
      () => 'imported',
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toMatch(/was not imported \(nothing written\)/);
    expect(refused).toMatch(/"stix-two-sourced-cell"\).*graph_id: .*--update-existing/);
    const dry = await importCli('--update-existing');
    expect(dry.stdout).toMatch(/dry run \(nothing written\)/);
    expect(dry.stdout).toMatch(/nodes\s+created 0, updated 1, unchanged \d+/);
    expect(dry.stdout).toMatch(/skipped\s+1 identity \(author or system, not an actor\)/);
  }, 240_000);
});
