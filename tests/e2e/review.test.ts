import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StreamImporter } from '../../src/bundle/load';
import { migrate } from '../../src/db/migrations';
import { Visibility, type Database } from '../../src/db';
import type { BadUserInputError } from '../../src/errors';
import { ReviewRepository } from '../../src/documents/review/review.repository';
import { MAX_REVIEWED_LENGTH } from '../../src/documents/review/review.service';
import { startTestApp, TEST_KEYS } from '../support/app';
import { clearGraph, graphCounts, openDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * A curator's review of a document over real HTTP (issue 22, items 3 and 4): the seed article
 * ingested into an EMPTY graph, its proposals reviewed and accepted, and the graph then answering
 * the investigator's questions of the seed, every link opening the article at its sentence. Plus
 * the roles, a document above the clearance, TLP inherited, dependencies, stale excerpts, a dry
 * run, and two curators (and an editor of an entity the review writes) racing.
 */

type App = Awaited<ReturnType<typeof startTestApp>>;
interface ProposalOut {
  id: string;
  kind: string;
  section: string;
  excerpt: string;
  start: number;
  end: number;
  record: Record<string, unknown>;
  dependsOn: string[];
  status: string;
  flags: Array<{ code: string; message: string }>;
}

const editor: Record<string, string> = { 'x-api-key': TEST_KEYS.editor };
const admin: Record<string, string> = { 'x-api-key': TEST_KEYS.admin };
const reader: Record<string, string> = { 'x-api-key': TEST_KEYS.reader };

const ARTICLE = (() => {
  const file = readFileSync(path.join(__dirname, '..', '..', 'seed', 'sources', 'wellbrock-mali-blockade.md'), 'utf8');
  return file.slice(file.indexOf('\n', file.indexOf('## Text')) + 1).trim();
})();

const INGEST = 'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id length } }';
const PROPOSALS = `query($id: ID!) { proposals(documentId: $id) { documentId truncated knownEntities
  mentions { start end surface entityId proposalId candidates { entityId score } }
  proposals { id kind rule excerpt start end voice suggestedCredibility section record dependsOn status
              decision { by status } flags { code message candidates { entityId score } } }
  decisions { proposalId status by at } } }`;
const REVIEW = `mutation($id: ID!, $decisions: [ProposalDecisionInput!]!, $dryRun: Boolean) {
  reviewProposals(documentId: $id, decisions: $decisions, dryRun: $dryRun) {
    documentId accepted edited rejected linked dryRun nodes { created updated } relationships { created } } }`;

async function ingest(app: App, headers: Record<string, string>, input: Record<string, unknown>): Promise<string> {
  const response = await gql<{ ingestDocument: { id: string } }>(app.url, INGEST, { input }, 30_000, headers);
  if (!response.body.data) throw new Error(`ingest failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.ingestDocument.id;
}

async function proposalsOf(app: App, id: string, headers = editor): Promise<ProposalOut[]> {
  const response = await gql<{ proposals: { proposals: ProposalOut[] } }>(app.url, PROPOSALS, { id }, 60_000, headers);
  if (!response.body.data) throw new Error(`proposals failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.proposals.proposals;
}

const review = (app: App, id: string, decisions: unknown[], headers = editor, dryRun = false) =>
  gql<{ reviewProposals: { accepted: string[]; rejected: string[]; nodes: { created: number } } }>(
    app.url,
    REVIEW,
    { id, decisions, dryRun },
    120_000,
    headers,
  );

const decisionCount = async (db: Database, documentId: string) =>
  (
    await db.read<{ n: number }>(
      'test.decisions',
      'MATCH (d:ProposalDecision {documentId: $documentId}) RETURN count(d) AS n',
      { documentId },
    )
  )[0].n;

describe('a curator reviews a document over HTTP', () => {
  let db: Database;
  let app: App;
  let docId: string;
  let proposals: ProposalOut[];
  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
    await clearGraph(db);
    app = await startTestApp(db);
    docId = await ingest(app, editor, {
      text: ARTICLE,
      title: 'Mali Suffering from Jihadist Economic Blockade',
      kind: 'ARTICLE',
      author: 'Brian Wellbrock',
      reliability: 'C',
      undated: true,
      language: 'en',
    });
  }, 120_000);
  afterAll(async () => {
    await app.stop();
    await clearGraph(db);
    await db.close();
  });

  it('proposals and reviews need an editor: a reader is FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const asReader = await gql(app.url, PROPOSALS, { id: docId }, 20_000, reader);
    expect(asReader.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(app.url, PROPOSALS, { id: docId });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const reviewing = await review(app, docId, [{ proposalId: 'x', action: 'REJECT' }], reader);
    expect(reviewing.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answers the proposals of the stored text, each excerpt the text at its offsets, all pending', async () => {
    proposals = await proposalsOf(app, docId);
    expect(proposals.length).toBeGreaterThan(50);
    for (const p of proposals) expect(ARTICLE.slice(p.start, p.end)).toBe(p.excerpt);
    expect(new Set(proposals.map((p) => p.status))).toEqual(new Set(['PENDING']));
    const again = await proposalsOf(app, docId);
    expect(again.map((p) => p.id)).toEqual(proposals.map((p) => p.id));
    // The claim is proposed as an allegation with its denial, never as a SUPPORTS fact.
    const claim = proposals.find((p) => p.record.id === 'russia-accuses-ukrainian-intelligence');
    expect(claim?.kind).toBe('ALLEGATION');
    expect(proposals.some((p) => p.kind === 'DENIAL' && p.record.from === 'ukraine')).toBe(true);
    expect(proposals.some((p) => p.record.type === 'SUPPORTS' && p.record.to === 'jnim')).toBe(false);
  });

  it('refuses a record whose dependencies are not accepted, naming the decision and the proposal; nothing written', async () => {
    const before = await graphCounts(db);
    const perpetrator = proposals.find((p) => p.record.type === 'PARTICIPATED_IN' && p.record.from === 'jnim')!;
    const response = await review(app, docId, [{ proposalId: perpetrator.id, action: 'ACCEPT' }]);
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('decisions[0]');
    expect(response.body.errors?.[0].message).toContain(perpetrator.dependsOn[0]);
    expect(await graphCounts(db)).toEqual(before);
    expect(await decisionCount(db, docId)).toBe(0);
  });

  it('refuses an excerpt that is not the document text at its offsets (stale or edited)', async () => {
    const entity = proposals.find((p) => p.kind === 'ENTITY')!;
    const edited = { ...entity.record, excerpt: `${entity.excerpt} (edited)` };
    const withoutOffsets = await review(app, docId, [{ proposalId: entity.id, action: 'EDIT', record: edited }]);
    expect(withoutOffsets.body.errors?.[0].extensions?.field).toBe('decisions[0].start');
    const wrong = await review(app, docId, [
      { proposalId: entity.id, action: 'EDIT', record: edited, start: entity.start, end: entity.end + 9 },
    ]);
    expect(wrong.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.body.errors?.[0].extensions?.field).toBe('decisions[0].record.excerpt');
    const unknown = await review(app, docId, [{ proposalId: 'entity-nothing', action: 'ACCEPT' }]);
    expect(unknown.body.errors?.[0].extensions?.field).toBe('decisions[0].proposalId');
    expect(await decisionCount(db, docId)).toBe(0);
  });

  it('a dry run counts and writes nothing, not even the decisions', async () => {
    const before = await graphCounts(db);
    const all = proposals.map((p) => ({ proposalId: p.id, action: 'ACCEPT' }));
    const response = await review(app, docId, all, editor, true);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.reviewProposals.nodes.created).toBeGreaterThan(30);
    expect(await graphCounts(db)).toEqual(before);
    expect(await decisionCount(db, docId)).toBe(0);
  });

  it('two curators race: one review commits whole, the other fails cleanly (CONFLICT)', async () => {
    const blockade = proposals.find((p) => p.record.id === 'blockade-in-mali')!;
    const rejected = new Set([blockade.id]);
    // A scripted curation: everything accepted but a near-duplicate blockade event and what hangs on it.
    const second = proposals.find((p) => p.record.id === 'blockade-cutting-off-gold-export-routes')!;
    for (const p of proposals) if (p.dependsOn.includes(second.id)) rejected.add(p.id);
    rejected.delete(blockade.id);
    rejected.add(second.id);
    const decisions = proposals.map((p) => ({ proposalId: p.id, action: rejected.has(p.id) ? 'REJECT' : 'ACCEPT' }));
    const [first, other] = await Promise.all([
      review(app, docId, decisions, editor),
      review(app, docId, decisions, admin),
    ]);
    const outcomes = [first, other].map((r) => r.body.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    expect(await decisionCount(db, docId)).toBe(proposals.length);
    const [jnim] = await db.read<{ n: number }>('test.jnim', "MATCH (n:Entity {id: 'jnim'}) RETURN count(n) AS n");
    expect(jnim.n).toBe(1);
    // The second curator sees what was decided, by whom: every decision, and the proposals read
    // again (the accepted entities are known now, so some links are proposed by other rules)
    // marked with the decision on the same record.
    const again = await gql<{
      proposals: { decisions: Array<{ proposalId: string; status: string; by: string }>; proposals: ProposalOut[] };
    }>(app.url, PROPOSALS, { id: docId }, 60_000, admin);
    const { decisions: decided, proposals: seen } = again.body.data!.proposals;
    expect(decided.map((d) => d.proposalId).sort()).toEqual(proposals.map((p) => p.id).sort());
    expect(new Set(decided.map((d) => d.by)).size).toBe(1);
    for (const d of decided) expect(d.status).toBe(rejected.has(d.proposalId) ? 'REJECTED' : 'ACCEPTED');
    expect(seen.filter((p) => p.status === 'ACCEPTED').length).toBeGreaterThan(20);
    // Entities accepted are known now: mentioned, not proposed again.
    expect(seen.some((p) => p.kind === 'ENTITY' && p.record.id === 'jnim')).toBe(false);
    // And what the review wrote is not proposed again as a "-2" copy of itself (the event
    // "blockade-in-mali-2", links to it): it is the same record, shown decided.
    const firstIds = new Set(proposals.map((p) => p.record.id));
    const copies = seen
      .map((p) => p.record.id)
      .filter(
        (id): id is string => typeof id === 'string' && !firstIds.has(id) && firstIds.has(id.replace(/-\d+$/, '')),
      );
    expect(copies).toEqual([]);
  }, 180_000);

  it('the graph answers the investigator: JNIM enforces the blockade, which followed the abduction', async () => {
    const response = await gql<{
      event: {
        relationships: { edges: Array<{ type: string; direction: string; role: string | null; node: { id: string } }> };
      };
    }>(
      app.url,
      `{ event(id: "blockade-in-mali") { relationships(types: [PARTICIPATED_IN, FOLLOWS], first: 50) {
          edges { type direction role node { id } } } } }`,
      {},
      20_000,
      reader,
    );
    const edges = response.body.data!.event.relationships.edges;
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'PARTICIPATED_IN', role: 'PERPETRATOR', node: { id: 'jnim' } }),
        expect.objectContaining({
          type: 'FOLLOWS',
          direction: 'OUTGOING',
          node: { id: 'abduction-of-six-senegalese-truck-drivers' },
        }),
      ]),
    );
  });

  it('Moscow accuses Ukrainian intelligence, Kiev denies it: an allegation, not a SUPPORTS fact; evidence opens the article', async () => {
    const response = await gql<{
      allegation: {
        status: string;
        relationships: {
          edges: Array<{
            type: string;
            node: { id: string };
            evidence: Array<{ start: number; end: number; excerpt: string }>;
          }>;
        };
        evidence: Array<{ source: { id: string }; excerpt: string; start: number | null; end: number | null }>;
      };
      entity: { relationships: { edges: unknown[] } };
    }>(
      app.url,
      `{ allegation(id: "russia-accuses-ukrainian-intelligence") { status
           evidence { source { id } excerpt start end }
           relationships(types: [ALLEGES, DENIES, ACCUSES, CONCERNS]) { edges { type node { id } evidence { excerpt start end } } } }
         entity(id: "ukrainian-intelligence") { relationships(types: [SUPPORTS]) { edges { type } } } }`,
      {},
      20_000,
      reader,
    );
    const { allegation, entity } = response.body.data!;
    expect(allegation.status).toBe('DENIED');
    const links = allegation.relationships.edges.map((e) => `${e.type}:${e.node.id}`);
    expect(links).toEqual(
      expect.arrayContaining(['ALLEGES:russia', 'DENIES:ukraine', 'ACCUSES:ukrainian-intelligence']),
    );
    expect(entity.relationships.edges).toEqual([]);
    const [evidence] = allegation.evidence;
    expect(evidence.source.id).toBe(docId);
    expect(ARTICLE.slice(evidence.start!, evidence.end!)).toBe(evidence.excerpt);
    for (const edge of allegation.relationships.edges)
      expect(ARTICLE.slice(edge.evidence[0].start, edge.evidence[0].end)).toBe(edge.evidence[0].excerpt);
  });

  it('a path from Moscow to JNIM opens the article at each hop: evidence with offsets on every hop and subgraph edge', async () => {
    const response = await gql<{
      paths: Array<{
        hops: Array<{
          evidence: Array<{ source: { id: string }; excerpt: string; start: number | null; end: number | null }>;
        }>;
      }>;
      neighborhood: {
        edges: Array<{ evidence: Array<{ excerpt: string; start: number | null; end: number | null }> }>;
      };
    }>(
      app.url,
      `{ paths(fromId: "russia", toId: "jnim", maxHops: 3, first: 3) { hops { evidence { source { id } excerpt start end } } }
         neighborhood(id: "jnim", depth: 1, limit: 20) { edges { evidence { excerpt start end } } } }`,
      {},
      30_000,
      reader,
    );
    const { paths, neighborhood } = response.body.data!;
    const evidence = [
      ...paths.flatMap((found) => found.hops.flatMap((hop) => hop.evidence)),
      ...neighborhood.edges.flatMap((edge) => edge.evidence),
    ];
    expect(paths.length).toBeGreaterThan(0);
    expect(evidence.length).toBeGreaterThan(5);
    for (const item of evidence) {
      expect(item.start).not.toBeNull();
      expect(ARTICLE.slice(item.start!, item.end!)).toBe(item.excerpt);
    }
  });

  it('the facts behind the flags, read from the reviewed graph: the kind an id has, a denied claim stated as fact', async () => {
    const facts = await new ReviewRepository(db, Visibility.operator(db)).flagFacts(
      ['jnim', 'kayes', 'nothing-here'],
      [
        { key: 'as-fact', type: 'SUPPORTS', from: 'ukrainian-intelligence', to: 'jnim' },
        { key: 'other', type: 'SUPPORTS', from: 'russia', to: 'jnim' },
      ],
    );
    expect(facts.existing).toEqual(
      expect.arrayContaining([
        { id: 'jnim', label: 'Actor', subKind: 'ARMED_GROUP' },
        { id: 'kayes', label: 'Location', subKind: 'REGION' },
      ]),
    );
    expect(facts.existing).toHaveLength(2);
    expect(facts.denied).toEqual([
      { key: 'as-fact', allegationId: 'russia-accuses-ukrainian-intelligence', status: 'DENIED' },
    ]);
  });

  it('every relationship and entity from the document keeps offsets whose slice of the text is its excerpt', async () => {
    const rows = await db.read<{ excerpt: string; start: number; end: number; source: string }>(
      'test.offsets',
      `CALL () { MATCH ()-[r]->() WHERE $id IN r.sourceIds RETURN r AS x UNION ALL MATCH (n:Entity) WHERE $id IN n.sourceIds RETURN n AS x }
       RETURN x.excerpt AS excerpt, x.excerptStart AS start, x.excerptEnd AS end, x.excerptSourceId AS source`,
      { id: docId },
    );
    expect(rows.length).toBeGreaterThan(80);
    for (const row of rows) {
      expect(row.source).toBe(docId);
      expect(ARTICLE.slice(Number(row.start), Number(row.end))).toBe(row.excerpt);
    }
  });

  it('the history names the document, the reviewer and the proposals by decision', async () => {
    const response = await gql<{ history: Array<{ who: string; operation: string; record: string }> }>(
      app.url,
      'query($id: ID!) { history(id: $id) { who operation record } }',
      { id: docId },
      20_000,
      admin,
    );
    const entry = response.body.data!.history.find((h) => h.operation === 'reviewProposals')!;
    expect(entry.who).toMatch(/^key:(editor|admin)-tester$/);
    const record = JSON.parse(entry.record) as { accepted: string[]; rejected: string[] };
    expect(record.accepted.length + record.rejected.length).toBe(proposals.length);
    expect(record.rejected.length).toBeGreaterThan(0);
  });

  it('LINK: a proposed event is one the graph holds; references to it are rewritten; a wrong kind or no entity is refused', async () => {
    const note = await ingest(app, editor, {
      text: 'JNIM fighters abducted six Senegalese truck drivers near Kayes, officials said.',
      title: 'Linked note',
      undated: true,
      reliability: 'C',
      kind: 'REPORT',
    });
    const found = await proposalsOf(app, note);
    const event = found.find((p) => p.kind === 'EVENT')!;
    const decide = (entityId: string) =>
      found.map((p) =>
        p.id === event.id ? { proposalId: p.id, action: 'LINK', entityId } : { proposalId: p.id, action: 'ACCEPT' },
      );
    const index = found.indexOf(event);
    const wrongKind = await review(app, note, decide('kayes'));
    expect(wrongKind.body.errors?.[0].extensions?.field).toBe(`decisions[${index}].entityId`);
    const missing = await review(app, note, decide('no-such-event'));
    expect(missing.body.errors?.[0].extensions?.field).toBe(`decisions[${index}].entityId`);
    expect(await decisionCount(db, note)).toBe(0);
    const target = 'abduction-of-six-senegalese-truck-drivers';
    const linked = await review(app, note, decide(target));
    expect(linked.body.errors).toBeUndefined();
    const rows = await db.read<{ type: string; from: string }>(
      'test.linked',
      'MATCH (a:Entity)-[r]-(:Event {id: $target}) WHERE $note IN r.sourceIds RETURN type(r) AS type, a.id AS from',
      { target, note },
    );
    expect(rows.length).toBe(found.filter((p) => p.dependsOn.includes(event.id)).length);
    const [{ events }] = await db.read<{ events: number }>(
      'test.events',
      'MATCH (e:Event) WHERE $note IN e.sourceIds RETURN count(e) AS events',
      { note },
    );
    expect(Number(events)).toBe(0);
  }, 120_000);

  it('a review and a concurrent edit of an entity it links to: both commit, one after the other', async () => {
    const note = await ingest(app, editor, {
      text: 'JNIM fighters abducted two traders near Kayes in May 2025, local media reported.',
      title: 'Second note',
      undated: true,
      reliability: 'C',
      kind: 'REPORT',
    });
    const found = await proposalsOf(app, note);
    const touching = found.filter((p) => p.record.from === 'jnim' || p.record.to === 'jnim');
    expect(touching.length).toBeGreaterThan(0);
    const [reviewed, edited] = await Promise.all([
      review(
        app,
        note,
        found.map((p) => ({ proposalId: p.id, action: 'ACCEPT' })),
      ),
      gql(
        app.url,
        'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }',
        {
          a: {
            id: 'jnim',
            name: 'Jama’at Nusrat al-Islam wal-Muslimin',
            aliases: ['JNIM'],
            kind: 'ARMED_GROUP',
            description: 'Edited while a review linked to it',
            sourceIds: [docId],
            credibility: 2,
            excerpt: 'Jama’at Nusrat al-Islam wal-Muslimin (JNIM)',
          },
        },
        60_000,
        editor,
      ),
    ]);
    expect(reviewed.body.errors).toBeUndefined();
    expect(edited.body.errors).toBeUndefined();
    const [row] = await db.read<{ description: string; links: number }>(
      'test.jnim',
      `MATCH (n:Entity {id: 'jnim'}) RETURN n.description AS description,
       COUNT { (n)-[r]-() WHERE $note IN r.sourceIds } AS links`,
      { note },
    );
    expect(row.description).toBe('Edited while a review linked to it');
    expect(Number(row.links)).toBe(touching.length);
    expect(await decisionCount(db, note)).toBe(found.length);
  }, 120_000);

  it('reads at most MAX_REVIEWED_LENGTH characters of a long document, and says truncated', async () => {
    const long = await ingest(app, editor, {
      text: 'JNIM fighters were seen near Kayes. '.repeat(Math.ceil((MAX_REVIEWED_LENGTH + 1000) / 36)),
      title: 'A long log',
      undated: true,
      reliability: 'C',
      kind: 'REPORT',
    });
    const response = await gql<{ proposals: { truncated: boolean } }>(app.url, PROPOSALS, { id: long }, 60_000, editor);
    expect(response.body.data?.proposals.truncated).toBe(true);
  }, 60_000);

  it("TLP: a document above the reviewer's clearance is NOT_FOUND; what comes from an AMBER one is AMBER", async () => {
    const red = await ingest(app, admin, {
      text: 'JNIM fighters attacked Kayes in 2024.',
      title: 'Red note',
      undated: true,
      tlp: 'RED',
      reliability: 'B',
      kind: 'REPORT',
    });
    const hidden = await gql(app.url, PROPOSALS, { id: red }, 20_000, editor);
    expect(hidden.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const refused = await review(app, red, [{ proposalId: 'x', action: 'REJECT' }]);
    expect(refused.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const amber = await ingest(app, editor, {
      text: 'The Katiba Macina, a militant group, announced a siege of Djenné in March 2025.',
      title: 'Amber note',
      undated: true,
      tlp: 'AMBER',
      reliability: 'B',
      kind: 'REPORT',
    });
    const found = await proposalsOf(app, amber);
    const newOnes = found.filter((p) => p.kind === 'ENTITY' || p.kind === 'EVENT');
    expect(newOnes.length).toBeGreaterThan(0);
    const accepted = await review(
      app,
      amber,
      newOnes.map((p) => ({ proposalId: p.id, action: 'ACCEPT' })),
    );
    expect(accepted.body.errors).toBeUndefined();
    const ids = newOnes.map((p) => String(p.record.id));
    const tlps = await db.read<{ tlp: string }>(
      'test.tlp',
      'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.tlp AS tlp',
      { ids },
    );
    expect(tlps.map((row) => row.tlp)).toEqual(ids.map(() => 'AMBER'));
    const asReader = await gql<{ entity: unknown }>(
      app.url,
      'query($id: ID!) { entity(id: $id) { id } }',
      { id: ids[0] },
      20_000,
      reader,
    );
    expect(asReader.body.data?.entity).toBeNull();
  });

  it('a bundle import keeps offsets into a document that read its excerpt, refuses ones that do not, and exports them', async () => {
    const excerpt = 'strangling the government in Bamako';
    const start = ARTICLE.indexOf(excerpt);
    expect(start).toBeGreaterThan(0);
    const record = (at: number) => ({
      type: 'OPPOSES',
      from: 'jnim',
      to: 'mali',
      sourceIds: [docId],
      credibility: 3,
      excerpt,
      excerptSourceId: docId,
      excerptStart: at,
      excerptEnd: at + excerpt.length,
    });
    const bundle = (at: number) => ({ format: 'sahel-graph-bundle', version: 1, relationships: [record(at)] });
    const IMPORT = 'mutation($b: JSONObject!) { importBundle(bundle: $b) { relationships { created updated } } }';

    // One character off: the same length, other words. Refused, naming the record; nothing written.
    const before = await graphCounts(db);
    const refused = await gql(app.url, IMPORT, { b: bundle(start + 1) }, 30_000, admin);
    const [error] = refused.body.errors ?? [];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'relationships[0].excerpt', reason: expect.stringMatching(/^does not match/) }),
    ]);
    expect(await graphCounts(db)).toEqual(before);

    const kept = await gql(app.url, IMPORT, { b: bundle(start) }, 30_000, admin);
    expect(kept.body.errors).toBeUndefined();
    const read = await gql<{
      entity: { relationships: { edges: Array<{ evidence: Array<{ excerpt: string; start: number; end: number }> }> } };
    }>(
      app.url,
      '{ entity(id: "jnim") { relationships(types: [OPPOSES]) { edges { evidence { excerpt start end } } } } }',
      {},
      20_000,
      reader,
    );
    const [edge] = read.body.data!.entity.relationships.edges;
    expect(edge.evidence).toEqual([{ excerpt, start, end: start + excerpt.length }]);

    // The export carries them, so an exported bundle imports back with its provenance.
    const exported = await gql<{ exportBundle: { relationships: Array<Record<string, unknown>> } }>(
      app.url,
      '{ exportBundle(ids: ["jnim"], depth: 1) }',
      {},
      30_000,
      editor,
    );
    expect(exported.body.data!.exportBundle.relationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'OPPOSES',
          excerptSourceId: docId,
          excerptStart: start,
          excerptEnd: start + excerpt.length,
        }),
      ]),
    );
  });

  it('npm run import (the streamed import) refuses a file whose excerpt is not its document’s text there, before writing', async () => {
    const excerpt = 'strangling the government in Bamako';
    const start = ARTICLE.indexOf(excerpt) + 2;
    const dir = mkdtempSync(path.join(tmpdir(), 'offsets-'));
    const file = path.join(dir, 'bundle.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'sahel-graph-bundle',
        version: 1,
        relationships: [
          {
            type: 'OPPOSES',
            from: 'jnim',
            to: 'france',
            sourceIds: [docId],
            credibility: 3,
            excerpt,
            excerptSourceId: docId,
            excerptStart: start,
            excerptEnd: start + excerpt.length,
          },
        ],
      }),
    );
    try {
      const before = await graphCounts(db);
      await expect(new StreamImporter(db).import({ file, who: 'test' })).rejects.toMatchObject({
        problems: [expect.objectContaining({ field: 'relationships[0].excerpt' })],
      });
      // As JSON Lines, on the main thread and through the validation workers: the same refusal.
      const lines = path.join(dir, 'bundle.jsonl');
      const { relationships } = JSON.parse(readFileSync(file, 'utf8')) as { relationships: unknown[] };
      writeFileSync(
        lines,
        `{"kind":"header","format":"sahel-graph-bundle","version":1}\n{"kind":"relationship","record":${JSON.stringify(relationships[0])}}\n`,
      );
      const refusal = async (workers: number) =>
        (
          (await new StreamImporter(db)
            .import({ file: lines, who: 'test', workers })
            .catch((e: unknown) => e)) as BadUserInputError
        ).problems;
      const alone = await refusal(0);
      expect(alone).toEqual([
        expect.objectContaining({ field: 'line 2.excerpt', reason: expect.stringMatching(/^does not match/) }),
      ]);
      expect(await refusal(2)).toEqual(alone);
      expect(await graphCounts(db)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
