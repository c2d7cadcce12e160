import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { graphCounts, neo4jUri, seededDatabase } from '../support/database';
import { changeFeedEnd, gql } from '../support/http';

/**
 * TLP as access control (docs/security.md): a reader with the default clearance (GREEN) walks
 * EVERY root Query field (read from the schema, so a new field without a case here fails), every
 * download and every command-line export format, with arguments that would reach the hidden
 * items; nothing of a RED or AMBER item (id, name, alias or excerpt: all carry the word
 * "zircon") may appear. An admin (RED) sees them through the same fields.
 */

const RED = /zircon/i;
const AMBER = /amberite/i;
const HIDDEN = /zircon|amberite/i;
const RED_SOURCE = 'zircon-red-report';
const SEED_SOURCE = 'wellbrock-mali-blockade';

const evidence = (sourceIds: string[], excerpt: string) => ({ sourceIds, credibility: 2, excerpt });
const link = (type: string, from: string, to: string, sourceIds: string[], excerpt: string) => ({
  type,
  from,
  to,
  ...evidence(sourceIds, excerpt),
});

/** The seed plus RED and AMBER sources, and items resting only on them, tied to seed entities. */
const HIDDEN_BUNDLE = {
  format: 'sahel-graph-bundle',
  version: 1,
  sources: [
    { id: RED_SOURCE, title: 'Zircon red dossier', kind: 'ARTICLE', reliability: 'B', tlp: 'RED' },
    { id: 'amberite-note', title: 'Amberite note', kind: 'ARTICLE', reliability: 'B', tlp: 'AMBER' },
  ],
  actors: [
    {
      id: 'zircon-cell',
      name: 'Zircon Cell',
      aliases: ['Zirconite Brigade'],
      kind: 'ARMED_GROUP',
      ...evidence([RED_SOURCE], 'zircon cell excerpt'),
    },
    {
      id: 'amberite-unit',
      name: 'Amberite Unit',
      kind: 'ARMED_GROUP',
      ...evidence(['amberite-note'], 'amberite excerpt'),
    },
    // Rests on a visible source; its own tlp (set below, as the STIX import stores a marking) is RED.
    { id: 'zircon-own-red', name: 'Zircon Own Marking', kind: 'ARMED_GROUP', ...evidence([SEED_SOURCE], 'zircon own') },
  ],
  events: [
    {
      id: 'zircon-raid',
      type: 'AIRSTRIKE',
      status: 'OCCURRED',
      title: 'Zircon raid',
      start: '2025-09',
      ...evidence([RED_SOURCE], 'zircon raid excerpt'),
    },
  ],
  allegations: [
    {
      id: 'zircon-claim',
      statement: 'Zircon claim that JNIM is funded by Zircon Cell',
      claimTypes: ['SUPPORTS'],
      status: 'ALLEGED',
      ...evidence([RED_SOURCE], 'zircon claim excerpt'),
    },
  ],
  relationships: [
    link('SUPPORTS', 'zircon-cell', 'jnim', [RED_SOURCE], 'zircon supports jnim'),
    link('MEMBER_OF', 'amberite-unit', 'jnim', ['amberite-note'], 'amberite member'),
    link('SUPPORTS', 'zircon-own-red', 'jnim', [SEED_SOURCE], 'zircon own supports'),
    // A shortcut between two seed actors that only the RED source reports.
    link('SUPPORTS', 'france', 'senegalese-truck-drivers', [RED_SOURCE], 'zircon hidden shortcut'),
    { ...link('PARTICIPATED_IN', 'jnim', 'zircon-raid', [RED_SOURCE], 'zircon took part'), role: 'PERPETRATOR' },
    link('OCCURRED_IN', 'zircon-raid', 'kayes', [RED_SOURCE], 'zircon raid place'),
    link('ALLEGES', 'russia', 'zircon-claim', [RED_SOURCE], 'zircon alleges'),
    link('ACCUSES', 'zircon-claim', 'jnim', [RED_SOURCE], 'zircon accuses'),
    // Links between visible seed items that only the RED source reports: place filters must not follow them.
    link('PART_OF', 'senegal-country', 'sahel', [RED_SOURCE], 'zircon part of'),
    link('OCCURRED_IN', 'senegalese-drivers-abduction', 'senegal-country', [RED_SOURCE], 'zircon occurred in'),
    // A visible link into the place that is part of the Sahel only by the RED link.
    link('OCCURRED_IN', 'aes-icj-legal-action', 'senegal-country', [SEED_SOURCE], 'visible occurred in'),
  ],
};

type App = Awaited<ReturnType<typeof startTestApp>>;
const READER = { 'x-api-key': TEST_KEYS.reader };
const ADMIN = { 'x-api-key': TEST_KEYS.admin };
const EDITOR = { 'x-api-key': TEST_KEYS.editor };

const ENTITY = `fragment E on Entity {
  id name aliases excerpt sources { id name tlp }
  relationships(first: 20) { totalCount edges { id excerpt node { id name } sources { id name } } }
  ... on Actor { allegationsMade { id name } allegationsAgainst { id name accusers { id name } } }
  ... on Allegation { accusers { id name } accused { id name } concerns { id name } corroboration
    denials { actor { id name } excerpt sources { id } } }
  ... on Source { tlp supports(first: 10) { entityCount relationshipCount entities { id name }
    relationships { id excerpt from { id name } to { id name } } } }
}`;
const PATH = `{ explanation nodes { id name } steps { sentence sources { id name } subject { id name } object { id name } }
  hops { excerpt sources { id } from { id name } to { id name } } }`;
const SUBGRAPH = `{ nodes { id name } edges { id excerpt fromId toId sources { id name } } truncated }`;
const CONNECTION = (field: string, args = '') =>
  `{ ${field}(first: 30${args}) { totalCount totalCountIsExact nodes { ...E } } } ${ENTITY}`;

/**
 * The change feed from where it stood before the hidden items were imported (the cursor is read
 * in beforeAll): every change the fixture writes, with the records' before and after.
 */
const CHANGES_QUERIES: string[] = [];
const CHANGES = (after: string, args = '') =>
  `{ changes(after: "${after}", first: 500${args}) { pageInfo { endCursor } nodes { targetId targetType changedFields before after } } }`;

/** Root fields a reader may not ask at all. */
const FORBIDDEN_TO_READERS = new Set(['proposals', 'webhooks', 'webhook']);
/**
 * Saved investigations: a GREEN one (saved by the admin in beforeAll) that holds the hidden
 * entities with notes, positions and a link note; a reader must get it without any of them.
 */
const INVESTIGATION_QUERIES: string[] = [];
const INVESTIGATION_FIELDS = `{ id name entities { id note x y } links { fromId toId note } pathFrom pathTo selected history { summary } }`;

/** Per root field: queries whose arguments would reach the hidden items. */
const ROOT_FIELD_QUERIES: Readonly<Record<string, string[]>> = {
  about: ['{ about { nodeCount relationshipCount } }'],
  actor: ['zircon-cell', 'zircon-own-red', 'jnim', 'aes'].map((id) => `{ actor(id: "${id}") { ...E } } ${ENTITY}`),
  actors: [CONNECTION('actors'), CONNECTION('actors', ', filter: { text: "zircon" }')],
  allegation: [`{ allegation(id: "zircon-claim") { ...E } } ${ENTITY}`],
  changes: CHANGES_QUERIES,
  allegations: [
    CONNECTION('allegations'),
    CONNECTION('allegations', ', accusedId: "jnim"'),
    CONNECTION('allegations', ', accuserId: "russia"'),
  ],
  // A hidden anchor is refused as an unknown id (tested below); admins get an answer.
  connect: [
    `{ connect(ids: ["zircon-cell", "jnim"]) ${SUBGRAPH} }`,
    `{ connect(ids: ["france", "jnim", "senegalese-truck-drivers"]) ${SUBGRAPH} }`,
  ],
  // Documents (docs/documents.md): a RED and an AMBER one, ingested in beforeAll.
  document: ['zircon-document', 'amberite-document'].map((id) => `{ document(id: "${id}") { id title text } }`),
  searchDocuments: ['zircon couriers', 'amberite convoy', 'Kayes'].map(
    (q) => `{ searchDocuments(query: "${q}", first: 20) { hits { document { id title } snippet } } }`,
  ),
  mentions: ['jnim', 'kayes'].map(
    (id) => `{ mentions(entityId: "${id}", first: 100) { document { id title } matched sentence } }`,
  ),
  // An editor's read (a reader is FORBIDDEN): the editor below RED is checked further down.
  proposals: ['zircon-document', 'amberite-document'].map(
    (id) => `{ proposals(documentId: "${id}") { truncated proposals { id excerpt } mentions { surface } } }`,
  ),
  // Admin reads (docs/webhooks.md): a reader is FORBIDDEN; a webhook's deliveries name only what its owner may read.
  webhooks: ['{ webhooks { id url filter { entityIds } deliveries(first: 100) { id targetId } } }'],
  webhook: ['{ webhook(id: "wh_000000000000000000000000") { id deliveries { id targetId } } }'],
  entity: [RED_SOURCE, 'zircon-raid', 'zircon-claim', 'jnim', 'kayes'].map(
    (id) => `{ entity(id: "${id}") { ...E } } ${ENTITY}`,
  ),
  event: [`{ event(id: "zircon-raid") { ...E } } ${ENTITY}`],
  events: [CONNECTION('events')],
  exportBundle: ['{ exportBundle(ids: ["jnim"], depth: 2) }', '{ exportBundle }'],
  history: ['zircon-cell', 'zircon-claim', RED_SOURCE].map(
    (id) => `{ history(id: "${id}") { record who targetType } }`,
  ),
  // The start page's reads: the hidden links point at JNIM and Kayes, the hidden import is the newest change.
  investigation: INVESTIGATION_QUERIES,
  investigations: [`{ investigations(first: 50) { nodes ${INVESTIGATION_FIELDS} } }`],
  hubs: [
    '{ hubs(first: 50) { degree entity { id name aliases excerpt } } }',
    '{ hubs(first: 50, kinds: [ACTOR, EVENT, ALLEGATION]) { degree entity { id name } } }',
  ],
  recentChanges: [
    '{ recentChanges(first: 50) { at who operation change targetType targetId entities { id name aliases excerpt } } }',
  ],
  location: [`{ location(id: "kayes") { ...E } } ${ENTITY}`],
  locations: [CONNECTION('locations')],
  neighborhood: [
    `{ neighborhood(id: "jnim", depth: 2, limit: 500) ${SUBGRAPH} }`,
    `{ neighborhood(id: "zircon-cell") ${SUBGRAPH} }`,
  ],
  node: ['zircon-cell', 'zircon-claim', RED_SOURCE, 'jnim'].map((id) => `{ node(id: "${id}") { id ...E } } ${ENTITY}`),
  nodes: [
    `{ nodes(ids: ["zircon-cell", "zircon-raid", "${RED_SOURCE}", "amberite-unit", "jnim"]) { id ...E } } ${ENTITY}`,
  ],
  paths: [
    `{ paths(fromId: "france", toId: "senegalese-truck-drivers", maxHops: 4, first: 20) ${PATH} }`,
    `{ paths(fromId: "zircon-cell", toId: "jnim") ${PATH} }`,
    `{ paths(fromId: "russia", toId: "jnim", maxHops: 4, first: 20) ${PATH} }`,
  ],
  search: ['zircon', 'Zirconite Brigade', 'Zircon raid'].map(
    (q) => `{ search(query: "${q}", first: 50) { matched entity { ...E } } } ${ENTITY}`,
  ),
  shortestPath: [
    `{ shortestPath(fromId: "france", toId: "senegalese-truck-drivers") ${PATH} }`,
    `{ shortestPath(fromId: "russia", toId: "jnim") ${PATH} }`,
  ],
  source: [`{ source(id: "${RED_SOURCE}") { ...E } } ${ENTITY}`, `{ source(id: "${SEED_SOURCE}") { ...E } } ${ENTITY}`],
  sources: [CONNECTION('sources')],
  // The caller's own watches and alerts (docs/watchlists.md): the reader has none; nobody sees another's.
  watchlist: ['{ watchlist { id kind entityId fromId toId answer { explanation } } }'],
  alerts: ['{ alerts(first: 100) { nodes { id entityId fromId toId before { explanation } after { explanation } } } }'],
  timeline: [
    '{ timeline(first: 100) { totalCount nodes { event { id name excerpt } participants { actor { id name } } places { id name } } } }',
    '{ timeline(first: 100, actorId: "jnim") { totalCount nodes { event { id name } } } }',
  ],
};

const DOWNLOADS = ['bundle.json', 'graph.graphml', 'nodes.csv', 'edges.csv', 'stix.json'];

const run = promisify(execFile);

/** Where the change feed ends now, for the admin: the cursor a client keeps after a full sync. */
const feedEnd = (url: string): Promise<string> => changeFeedEnd(url, ADMIN);

describe('TLP clearance on every read path', () => {
  let db: Database;
  let app: App;
  let rootFields: string[];
  const textOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

  /**
   * The data of an answer. A hidden id asked by id answers NOT_FOUND, as an unknown one does
   * (compared below); only a reader's answers may carry it, and its message names the caller's own id.
   */
  const answer = async (query: string, headers: Record<string, string>, allowed: string[] = []) => {
    const response = await gql(app.url, query, {}, 30_000, headers);
    const codes = (response.body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.filter((code) => !allowed.includes(String(code)))).toEqual([]);
    return textOf(response.body.data);
  };

  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db);
    const before = await feedEnd(app.url);
    CHANGES_QUERIES.push(
      CHANGES(before),
      CHANGES(before, ', entityIds: ["jnim", "zircon-cell", "amberite-unit", "zircon-own-red", "mali"]'),
    );
    const imported = await gql(
      app.url,
      'mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }',
      { b: HIDDEN_BUNDLE },
      30_000,
      ADMIN,
    );
    if (imported.body.errors) throw new Error(`the fixture did not import: ${JSON.stringify(imported.body.errors)}`);
    for (const [id, tlp, text] of [
      ['zircon-document', 'RED', 'Zircon dossier: the zircon couriers of JNIM crossed near Kayes at night.'],
      ['amberite-document', 'AMBER', 'Amberite notes: an amberite convoy of JNIM left Kayes at dawn.'],
    ]) {
      const ingested = await gql(
        app.url,
        'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }',
        { input: { id, tlp, text, title: `${id} title`, undated: true } },
        30_000,
        ADMIN,
      );
      if (ingested.body.errors) throw new Error(`the document did not ingest: ${JSON.stringify(ingested.body.errors)}`);
    }
    // What the STIX import stores for an object's own marking: a tlp property on the item.
    await db.write('test.ownTlp', `MATCH (n:Entity {id: 'zircon-own-red'}) SET n.tlp = 'RED'`);
    await db.write(
      'test.ownTlpLink',
      `MATCH (:Actor {id: 'mali'})-[r:MEMBER_OF]->(:Actor {id: 'aes'}) SET r.tlp = 'RED', r.excerpt = 'zircon own-tlp link'`,
    );
    const saved = await gql<{ saveInvestigation: { id: string } }>(
      app.url,
      'mutation($input: SaveInvestigationInput!) { saveInvestigation(input: $input) { id } }',
      {
        input: {
          name: 'Shared view',
          tlp: 'GREEN',
          entities: [
            { id: 'jnim', x: 0, y: 0, note: 'seen by all' },
            { id: 'zircon-cell', x: 10, y: 10, pinned: true, note: 'zircon note' },
            { id: 'amberite-unit', x: 20, y: 20, note: 'amberite note' },
          ],
          links: [{ type: 'SUPPORTS', fromId: 'zircon-cell', toId: 'jnim', note: 'zircon link note' }],
          pathFrom: 'zircon-cell',
          selected: 'amberite-unit',
        },
      },
      30_000,
      ADMIN,
    );
    if (saved.body.errors) throw new Error(`the investigation did not save: ${JSON.stringify(saved.body.errors)}`);
    INVESTIGATION_QUERIES.push(
      `{ investigation(id: "${saved.body.data!.saveInvestigation.id}") ${INVESTIGATION_FIELDS} }`,
      `{ investigation(id: "${saved.body.data!.saveInvestigation.id}", version: 1) ${INVESTIGATION_FIELDS} }`,
    );
    const schema = await gql<{ schema: { queryType: { fields: Array<{ name: string }> } } }>(
      app.url,
      '{ schema: __schema { queryType { fields { name } } } }',
    );
    rootFields = schema.body.data!.schema.queryType.fields.map((field) => field.name).sort();
  }, 300_000);

  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('has a case for every root Query field of the schema', () => {
    expect(rootFields.filter((name) => !ROOT_FIELD_QUERIES[name])).toEqual([]);
  });

  it('shows a reader (default clearance GREEN) nothing of RED or AMBER items through any root field', async () => {
    const leaks: string[] = [];
    let asked = 0;
    for (const name of rootFields) {
      // A hidden id answers NOT_FOUND like an unknown id: the next test compares the two.
      for (const query of ROOT_FIELD_QUERIES[name] ?? []) {
        // proposals is an editor's read, webhooks an admin's: a reader is FORBIDDEN (the editor case is below).
        const text = await answer(query, READER, FORBIDDEN_TO_READERS.has(name) ? ['FORBIDDEN'] : ['NOT_FOUND']);
        asked += 1;
        if (HIDDEN.test(text)) leaks.push(`${name}: ${text.match(/.{0,80}(zircon|amberite).{0,80}/i)?.[0]}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(asked).toBeGreaterThanOrEqual(rootFields.length);
  }, 600_000);

  it.each([
    ['connect', (id: string) => `{ connect(ids: ["${id}", "jnim"]) { nodes { id } } }`, 'zircon-cell', 'ids[0]'],
    ['actor', (id: string) => `{ actor(id: "${id}") { id } }`, 'zircon-cell', 'id'],
    ['entity', (id: string) => `{ entity(id: "${id}") { id } }`, RED_SOURCE, 'id'],
    ['event', (id: string) => `{ event(id: "${id}") { id } }`, 'zircon-raid', 'id'],
    ['allegation', (id: string) => `{ allegation(id: "${id}") { id } }`, 'zircon-claim', 'id'],
    ['source', (id: string) => `{ source(id: "${id}") { id } }`, RED_SOURCE, 'id'],
    ['neighborhood', (id: string) => `{ neighborhood(id: "${id}") { truncated } }`, 'zircon-cell', 'id'],
    [
      'shortestPath',
      (id: string) => `{ shortestPath(fromId: "jnim", toId: "${id}") { explanation } }`,
      'zircon-cell',
      'toId',
    ],
    ['paths', (id: string) => `{ paths(fromId: "${id}", toId: "jnim") { explanation } }`, 'zircon-cell', 'fromId'],
    ['timeline', (id: string) => `{ timeline(actorId: "${id}") { totalCount } }`, 'zircon-cell', 'actorId'],
    ['node', (id: string) => `{ node(id: "${id}") { id } }`, 'zircon-claim', 'id'],
    ['history', (id: string) => `{ history(id: "${id}") { who } }`, 'zircon-claim', 'id'],
    ['document', (id: string) => `{ document(id: "${id}") { id } }`, 'zircon-document', 'id'],
    ['mentions', (id: string) => `{ mentions(entityId: "${id}") { sentence } }`, 'zircon-cell', 'entityId'],
  ])(
    'answers a reader asking %s about a hidden id exactly as about an unknown one: NOT_FOUND',
    async (_, query, hiddenId, field) => {
      const ask = (id: string) => gql(app.url, query(id), {}, 20_000, READER);
      const [hidden, unknown] = [await ask(hiddenId), await ask('no-such-entity')];
      expect(hidden.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field, id: hiddenId });
      expect(JSON.stringify(hidden.body).replaceAll(hiddenId, 'X')).toBe(
        JSON.stringify(unknown.body).replaceAll('no-such-entity', 'X'),
      );
      // An admin, cleared for RED, gets an answer for the same id.
      expect((await gql(app.url, query(hiddenId), {}, 20_000, ADMIN)).body.errors).toBeUndefined();
    },
  );

  it("answers an editor (AMBER) asking for a RED document's proposals as for an unknown document, an admin with them", async () => {
    const ask = (id: string, headers: Record<string, string>) =>
      gql(
        app.url,
        `{ proposals(documentId: "${id}") { mentions { surface } proposals { excerpt } } }`,
        {},
        60_000,
        headers,
      );
    const [hidden, unknown] = [await ask('zircon-document', EDITOR), await ask('no-such-document', EDITOR)];
    expect(hidden.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(hidden.body).replaceAll('zircon-document', 'X')).toBe(
      JSON.stringify(unknown.body).replaceAll('no-such-document', 'X'),
    );
    const admin = await ask('zircon-document', ADMIN);
    expect(admin.body.errors).toBeUndefined();
    // The dossier names JNIM and Kayes: the admin's review reads its text.
    expect((admin.body.data as { proposals: { mentions: unknown[] } }).proposals.mentions.length).toBeGreaterThan(0);
  }, 120_000);

  it('shows an admin (RED) the same items through the same fields', async () => {
    const seen = async (query: string) => answer(query, ADMIN);
    expect(await seen(ROOT_FIELD_QUERIES.actor[0])).toMatch('Zircon Cell');
    expect(await seen(INVESTIGATION_QUERIES[0]!)).toMatch('zircon link note');
    expect(await seen(ROOT_FIELD_QUERIES.document[0])).toMatch('zircon couriers of JNIM');
    expect(await seen(ROOT_FIELD_QUERIES.searchDocuments[1])).toMatch('amberite-document');
    expect(await seen(ROOT_FIELD_QUERIES.mentions[0])).toMatch('zircon couriers of JNIM');
    expect(await seen(ROOT_FIELD_QUERIES.source[0])).toMatch('Zircon red dossier');
    expect(await seen(ROOT_FIELD_QUERIES.search[1])).toMatch('zircon-cell');
    expect(await seen(ROOT_FIELD_QUERIES.allegation[0])).toMatch('zircon claim excerpt');
    expect(await seen(ROOT_FIELD_QUERIES.shortestPath[0])).toMatch('zircon hidden shortcut');
    expect(await seen(ROOT_FIELD_QUERIES.neighborhood[0])).toMatch('zircon-own-red');
    expect(await seen(ROOT_FIELD_QUERIES.timeline[0])).toMatch('zircon-raid');
    expect(await seen(ROOT_FIELD_QUERIES.actor[3])).toMatch('zircon own-tlp link');
    expect(await seen(ROOT_FIELD_QUERIES.connect[0])).toMatch('zircon supports jnim');
    expect(await seen(ROOT_FIELD_QUERIES.actors[0])).toMatch('amberite-unit');
    expect(await seen(ROOT_FIELD_QUERIES.changes[0])).toMatch('Zirconite Brigade');
    expect(await seen(ROOT_FIELD_QUERIES.changes[1])).toMatch('SUPPORTS:zircon-cell->jnim');
    expect(await seen(ROOT_FIELD_QUERIES.recentChanges[0])).toMatch('zircon-cell');
    // JNIM's degree counts the hidden links (SUPPORTS from the zircon cell, its raid, the claim) only for the admin.
    const degreeOf = async (headers: Record<string, string>) =>
      (
        JSON.parse(await answer(ROOT_FIELD_QUERIES.hubs[1], headers)) as {
          hubs: Array<{ degree: number; entity: { id: string } }>;
        }
      ).hubs.find((hub) => hub.entity.id === 'jnim')?.degree ?? 0;
    const [readerDegree, adminDegree] = [await degreeOf(READER), await degreeOf(ADMIN)];
    expect(readerDegree).toBeGreaterThan(0);
    expect(adminDegree).toBeGreaterThan(readerDegree);
    // An editor (AMBER) sees the AMBER actor but not the RED one.
    const editor = await answer(ROOT_FIELD_QUERIES.actors[0], { 'x-api-key': TEST_KEYS.editor });
    expect(editor).toMatch(AMBER);
    expect(editor).not.toMatch(RED);
    const about = (q: Record<string, string>) =>
      gql<{ about: { nodeCount: number } }>(app.url, '{ about { nodeCount } }', {}, 20_000, q);
    const [reader, admin] = [await about(READER), await about(ADMIN)];
    // The 7 hidden items of the fixture and the 2 documents' Sources (their texts are not entities).
    expect(admin.body.data!.about.nodeCount - reader.body.data!.about.nodeCount).toBe(9);
  }, 120_000);

  it('follows only visible PART_OF and OCCURRED_IN links in locations(partOf) and timeline(locationId)', async () => {
    const ids = async (query: string, headers: Record<string, string>) => {
      const response = await gql<Record<string, { nodes: Array<{ id?: string; event?: { id: string } }> }>>(
        app.url,
        query,
        {},
        20_000,
        headers,
      );
      expect(response.body.errors).toBeUndefined();
      return Object.values(response.body.data!)[0].nodes.map((node) => node.id ?? node.event!.id);
    };
    const inSahel = '{ locations(first: 50, filter: { partOf: "sahel" }) { nodes { id } } }';
    const inSenegal = '{ timeline(first: 50, locationId: "senegal-country") { nodes { event { id } } } }';
    const inSahelTimeline = '{ timeline(first: 100, locationId: "sahel") { nodes { event { id } } } }';
    const reader = { sahel: await ids(inSahel, READER), senegal: await ids(inSenegal, READER) };
    expect(reader.sahel).toEqual(expect.arrayContaining(['mali-country', 'kayes']));
    expect(reader.sahel).not.toContain('senegal-country');
    expect(reader.senegal).toEqual(['aes-icj-legal-action']);
    const readerSahelEvents = await ids(inSahelTimeline, READER);
    expect(readerSahelEvents).toContain('jnim-economic-blockade');
    expect(readerSahelEvents).not.toContain('aes-icj-legal-action');
    expect(readerSahelEvents).not.toContain('senegalese-drivers-abduction');

    expect(await ids(inSahel, ADMIN)).toContain('senegal-country');
    expect((await ids(inSenegal, ADMIN)).sort()).toEqual(['aes-icj-legal-action', 'senegalese-drivers-abduction']);
    expect(await ids(inSahelTimeline, ADMIN)).toEqual(
      expect.arrayContaining(['aes-icj-legal-action', 'senegalese-drivers-abduction', 'jnim-economic-blockade']),
    );
  }, 60_000);

  it('serves every download without hidden items; ?tlp= lowers, never raises; a bad tlp is a 400', async () => {
    for (const file of DOWNLOADS) {
      for (const tlp of ['', '?tlp=RED', '?tlp=GREEN']) {
        const response = await fetch(`${app.base}/export/${file}${tlp}`, { headers: READER });
        expect(response.status).toBe(200);
        const text = await response.text();
        if (HIDDEN.test(text)) throw new Error(`/export/${file}${tlp} leaks to a reader`);
      }
    }
    const admin = await fetch(`${app.base}/export/nodes.csv`, { headers: ADMIN });
    expect(await admin.text()).toMatch('zircon-cell');
    const lowered = await fetch(`${app.base}/export/bundle.json?tlp=CLEAR`, { headers: ADMIN });
    expect(await lowered.text()).not.toMatch(HIDDEN);
    const bad = await fetch(`${app.base}/export/graph.graphml?tlp=PURPLE`, { headers: READER });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'tlp' } }] });
  }, 120_000);

  it('exports nothing above --tlp from the command line, in every format (default CLEAR)', async () => {
    const env = { ...process.env, NEO4J_URI: neo4jUri() };
    const cli = path.resolve('dist/src/cli/export.js');
    const exported = async (format: string, tlp?: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sahel-tlp-export-'));
      const out = format === 'csv' || format === 'neo4j-csv' ? dir : path.join(dir, 'export.out');
      await run('node', [cli, '--format', format, '--out', out, ...(tlp ? ['--tlp', tlp] : [])], {
        env,
        timeout: 60_000,
      });
      const text = readdirSync(dir)
        .map((file) => readFileSync(path.join(dir, file), 'utf8'))
        .join('\n');
      expect(text.length).toBeGreaterThan(1000);
      return text;
    };
    // [format, --tlp, what must be absent, what must be there]
    const cases: Array<[string, string | undefined, RegExp[], RegExp[]]> = [
      ['json', undefined, [RED, AMBER], []],
      ['json', 'GREEN', [RED, AMBER], []],
      ['graphml', 'AMBER', [RED], [AMBER]],
      ['csv', undefined, [RED, AMBER], []],
      ['neo4j-csv', 'GREEN', [RED, AMBER], []],
      ['json', 'RED', [], [RED, AMBER]],
      ['stix', 'AMBER+STRICT', [RED], []],
    ];
    for (const [format, tlp, absent, present] of cases) {
      const text = await exported(format, tlp);
      for (const marker of absent)
        if (marker.test(text)) throw new Error(`export --format ${format} --tlp ${tlp ?? '(default)'} leaks ${marker}`);
      for (const marker of present) expect(text).toMatch(marker);
    }
  }, 180_000);
  describe('writes by an editor (AMBER) refuse what the editor cannot see, like what does not exist', () => {
    const cited = (sourceIds: string[]) => ({ sourceIds, credibility: 3, excerpt: 'written' });
    const RELATIONSHIP = 'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id sources { id } } }';
    const UPDATE =
      'mutation($id: ID!, $c: RelationshipChangesInput!) { updateRelationship(id: $id, changes: $c) { id } }';
    /** Every mutation that takes sourceIds, citing `sourceId`; [name, mutation, variables, field]. */
    const citing = (sourceId: string): Array<[string, string, Record<string, unknown>, string]> => [
      [
        'upsertActor',
        'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
        { a: { id: 'written-actor', name: 'Written', kind: 'ARMED_GROUP', ...cited([sourceId]) } },
        'actor.sourceIds[0]',
      ],
      [
        'upsertLocation',
        'mutation($l: LocationInput!) { upsertLocation(location: $l) { id } }',
        { l: { id: 'written-place', name: 'Written', kind: 'CITY', ...cited(['amberite-note', sourceId]) } },
        'location.sourceIds[1]',
      ],
      [
        'recordEvent',
        'mutation($e: EventInput!) { recordEvent(event: $e, placeIds: ["kayes"]) { id } }',
        { e: { id: 'written-event', type: 'OTHER', title: 'Written', ...cited([sourceId]) } },
        'event.sourceIds[0]',
      ],
      [
        'recordAllegation',
        'mutation($a: AllegationInput!) { recordAllegation(allegation: $a, accuserIds: ["mali"], accusedIds: ["jnim"]) { id } }',
        {
          a: {
            id: 'written-claim',
            statement: 'Written',
            claimTypes: ['ARMS'],
            status: 'ALLEGED',
            ...cited([sourceId]),
          },
        },
        'allegation.sourceIds[0]',
      ],
      [
        'recordDenial',
        'mutation($d: DenialInput!) { recordDenial(denial: $d) { id } }',
        { d: { allegationId: 'russia-accuses-ukrainian-intelligence', actorId: 'jnim', ...cited([sourceId]) } },
        'denial.sourceIds[0]',
      ],
      [
        'addRelationship',
        RELATIONSHIP,
        { r: { type: 'SUPPORTS', from: 'russia', to: 'aes', ...cited([sourceId]) } },
        'relationship.sourceIds[0]',
      ],
      [
        'updateRelationship',
        UPDATE,
        { id: 'MEMBER_OF:niger->aes', c: { addSourceIds: [sourceId] } },
        'changes.sourceIds[1]',
      ],
    ];
    const refusal = async (mutation: string, variables: Record<string, unknown>, hiddenId: string) => {
      const response = await gql(app.url, mutation, variables, 20_000, EDITOR);
      return {
        errors: response.body.errors,
        text: JSON.stringify(response.body.errors ?? null).replaceAll(hiddenId, 'X'),
      };
    };

    it('refuses a RED source with the BAD_USER_INPUT of a missing source, on every mutation that takes sourceIds, writing nothing', async () => {
      const before = await graphCounts(db);
      const missingCases = citing('no-such-source');
      for (const [i, [name, mutation, variables, field]] of citing(RED_SOURCE).entries()) {
        const hidden = await refusal(mutation, variables, RED_SOURCE);
        const missing = await refusal(mutation, missingCases[i][2], 'no-such-source');
        expect([name, hidden.errors?.[0]?.extensions?.code]).toEqual([name, 'BAD_USER_INPUT']);
        expect(hidden.errors?.[0]?.extensions?.problems).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        expect([name, hidden.text]).toEqual([name, missing.text]);
      }
      expect(await graphCounts(db)).toEqual(before);
    }, 60_000);

    it('writes what cites a source the editor sees; an admin may cite RED', async () => {
      for (const [name, mutation, variables] of citing(SEED_SOURCE)) {
        const response = await gql(app.url, mutation, variables, 20_000, EDITOR);
        expect([name, response.body.errors]).toEqual([name, undefined]);
      }
      const admin = await gql<{ addRelationship: { sources: Array<{ id: string }> } }>(
        app.url,
        RELATIONSHIP,
        { r: { type: 'SUPPORTS', from: 'russia', to: 'burkina-faso', ...cited([RED_SOURCE]) } },
        20_000,
        ADMIN,
      );
      expect(admin.body.errors).toBeUndefined();
      expect(admin.body.data!.addRelationship.sources).toEqual([{ id: RED_SOURCE }]);
    }, 60_000);

    it('treats an entity or link hidden from the editor like an unknown one, and never overwrites it', async () => {
      const before = await graphCounts(db);
      // A link to a hidden entity: the problem of a link to a missing one.
      const supportsTo = (to: string) => ({ r: { type: 'SUPPORTS', from: 'russia', to, ...cited([SEED_SOURCE]) } });
      const [hiddenEnd, missingEnd] = [
        await refusal(RELATIONSHIP, supportsTo('zircon-cell'), 'zircon-cell'),
        await refusal(RELATIONSHIP, supportsTo('no-such-actor'), 'no-such-actor'),
      ];
      expect(hiddenEnd.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(hiddenEnd.text).toBe(missingEnd.text);
      // Updating a hidden link: NOT_FOUND, as for an unknown relationship id.
      const change = { c: { credibility: 1 } };
      const [hiddenLink, missingLink] = [
        await refusal(UPDATE, { id: 'SUPPORTS:zircon-cell->jnim', ...change }, 'zircon-cell'),
        await refusal(UPDATE, { id: 'SUPPORTS:no-such-actor->jnim', ...change }, 'no-such-actor'),
      ];
      expect(hiddenLink.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(hiddenLink.text).toBe(missingLink.text);
      // Upserting over a hidden entity: refused without a word of what holds the id.
      const overwrite = await refusal(
        'mutation($a: ActorInput!) { upsertActor(actor: $a) { id name } }',
        { a: { id: 'zircon-cell', name: 'Taken over', kind: 'ARMED_GROUP', ...cited([SEED_SOURCE]) } },
        'zircon-cell',
      );
      expect(overwrite.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actor.id' });
      expect(overwrite.text).not.toMatch(/zircon|actor "|armed/i);
      expect(await graphCounts(db)).toEqual(before);
      expect(await answer('{ actor(id: "zircon-cell") { name } }', ADMIN)).toMatch('Zircon Cell');
    }, 60_000);

    /** A relationship as the graph holds it, read past every clearance. */
    const stored = async (id: string) => {
      const [row] = await db.read<{ sourceIds: string[]; excerpt: string }>(
        'test.storedRelationship',
        'MATCH ()-[r]->() WHERE r.id = $id RETURN r.sourceIds AS sourceIds, r.excerpt AS excerpt',
        { id },
      );
      return row;
    };

    it('refuses to overwrite an existing relationship hidden from the editor, naming the argument; an admin still may', async () => {
      const before = await graphCounts(db);
      const cases: Array<[string, Record<string, unknown>, string, string]> = [
        // Rests only on the RED source, between two entities the editor sees.
        [
          RELATIONSHIP,
          { r: { type: 'SUPPORTS', from: 'france', to: 'senegalese-truck-drivers', ...cited([SEED_SOURCE]) } },
          'relationship',
          'SUPPORTS:france->senegalese-truck-drivers',
        ],
        // Its own tlp is RED.
        [
          RELATIONSHIP,
          { r: { type: 'MEMBER_OF', from: 'mali', to: 'aes', ...cited([SEED_SOURCE]) } },
          'relationship',
          'MEMBER_OF:mali->aes',
        ],
        // A link a mutation derives: the visible event's place that only the RED source reports.
        [
          'mutation($e: EventInput!) { recordEvent(event: $e, placeIds: ["senegal-country"]) { id } }',
          { e: { id: 'senegalese-drivers-abduction', type: 'OTHER', title: 'Rewritten', ...cited([SEED_SOURCE]) } },
          'placeIds[0]',
          'OCCURRED_IN:senegalese-drivers-abduction->senegal-country',
        ],
      ];
      for (const [mutation, variables, field, id] of cases) {
        const was = await stored(id);
        const response = await gql(app.url, mutation, variables, 20_000, EDITOR);
        expect([id, response.body.errors?.[0]?.extensions]).toEqual([
          id,
          expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
        ]);
        expect(response.body.errors?.[0]?.message).toMatch(/is not available/);
        expect(await stored(id)).toEqual(was);
      }
      expect(await graphCounts(db)).toEqual(before);
      const admin = await gql<{ addRelationship: { sources: Array<{ id: string }> } }>(
        app.url,
        RELATIONSHIP,
        cases[0][1],
        20_000,
        ADMIN,
      );
      expect(admin.body.errors).toBeUndefined();
      expect(admin.body.data!.addRelationship.sources).toEqual([{ id: SEED_SOURCE }]);
      expect(await stored(cases[0][3])).toMatchObject({ sourceIds: [SEED_SOURCE], excerpt: 'written' });
    }, 60_000);

    it('keeps the hidden sources (and their REPORTED_BY links) of a visible record the editor rewrites; an admin still replaces them', async () => {
      const both = cited([SEED_SOURCE, RED_SOURCE]);
      /** [mutation, variables citing `sourceIds`, id of the record]: each a visible record. */
      const rewrites = (sourceIds: string[]): Array<[string, Record<string, unknown>, string]> => [
        [
          'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
          { a: { id: 'dual-actor', name: 'Dual', kind: 'ARMED_GROUP', ...cited(sourceIds) } },
          'dual-actor',
        ],
        [
          'mutation($l: LocationInput!) { upsertLocation(location: $l) { id } }',
          { l: { id: 'dual-place', name: 'Dual', kind: 'CITY', ...cited(sourceIds) } },
          'dual-place',
        ],
        [
          'mutation($e: EventInput!) { recordEvent(event: $e, participants: [{ actorId: "jnim", role: PERPETRATOR }]) { id } }',
          { e: { id: 'dual-event', type: 'OTHER', title: 'Dual', ...cited(sourceIds) } },
          'dual-event',
        ],
        [
          'mutation($a: AllegationInput!) { recordAllegation(allegation: $a, accuserIds: ["mali"], accusedIds: ["jnim"]) { id } }',
          { a: { id: 'dual-claim', statement: 'Dual', claimTypes: ['ARMS'], status: 'ALLEGED', ...cited(sourceIds) } },
          'dual-claim',
        ],
        [
          RELATIONSHIP,
          { r: { type: 'SUPPORTS', from: 'mali', to: 'russia', ...cited(sourceIds) } },
          'SUPPORTS:mali->russia',
        ],
      ];
      const evidenceOf = async (id: string) => {
        const [row] = await db.read<{ sourceIds: string[]; reportedBy: string[] }>(
          'test.evidenceOf',
          `OPTIONAL MATCH (n:Entity {id: $id}) OPTIONAL MATCH (n)-[:REPORTED_BY]->(s:Source)
           WITH n, s ORDER BY s.id
           RETURN n.sourceIds AS sourceIds, collect(s.id) AS reportedBy`,
          { id },
        );
        return row.sourceIds ? row : { sourceIds: (await stored(id)).sourceIds, reportedBy: [] };
      };
      for (const [mutation, variables] of rewrites(both.sourceIds)) {
        expect((await gql(app.url, mutation, variables, 20_000, ADMIN)).body.errors).toBeUndefined();
      }
      for (const [mutation, variables, id] of rewrites([SEED_SOURCE])) {
        const response = await gql(app.url, mutation, variables, 20_000, EDITOR);
        expect([id, response.body.errors]).toEqual([id, undefined]);
        const kept = await evidenceOf(id);
        expect([id, kept.sourceIds]).toEqual([id, [SEED_SOURCE, RED_SOURCE]]);
        // Entities are REPORTED_BY each source they cite; relationships carry only the list.
        const reportedBy = id.includes(':') ? [] : [SEED_SOURCE, RED_SOURCE].sort();
        expect([id, kept.reportedBy]).toEqual([id, reportedBy]);
      }
      // The links recordEvent derives keep theirs too.
      expect((await stored('PARTICIPATED_IN:jnim->dual-event#PERPETRATOR')).sourceIds).toEqual([
        SEED_SOURCE,
        RED_SOURCE,
      ]);
      // The editor still reads only what it may: the rewritten actor, through the visible source.
      expect(await answer('{ actor(id: "dual-actor") { name sources { id } } }', EDITOR)).not.toMatch(RED);
      // An admin replaces the list as before.
      const [mutation, variables, id] = rewrites([SEED_SOURCE])[0];
      expect((await gql(app.url, mutation, variables, 20_000, ADMIN)).body.errors).toBeUndefined();
      expect((await evidenceOf(id)).sourceIds).toEqual([SEED_SOURCE]);
    }, 60_000);
  });
});
