import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { openDatabase, seededDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * The change feed over real HTTP on the real Neo4j (docs/changes.md): a sync loop that pages with
 * the cursor sees every committed write once, in commit order, also with writers racing; a
 * cursor still means the same place after the server restarts; a reader never sees a change to
 * a record above its clearance.
 */

const SOURCE = 'wellbrock-mali-blockade';
const ADMIN: Record<string, string> = { 'x-api-key': TEST_KEYS.admin };
const EDITOR = { 'x-api-key': TEST_KEYS.editor };
const READER = { 'x-api-key': TEST_KEYS.reader };
const evidence = { sourceIds: [SOURCE], credibility: 3, excerpt: 'as reported' };
const actor = (id: string, name = `Name of ${id}`) => ({ id, name, kind: 'ARMED_GROUP', ...evidence });

const UPSERT_ACTOR = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const ADD_LINK = 'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id } }';
const RETRACT = 'mutation($id: ID!) { retract(id: $id, reason: "feed test") { at } }';
const MERGE = 'mutation($t: ID!, $d: [ID!]!) { mergeEntities(targetId: $t, duplicateIds: $d) { merged } }';
const IMPORT = 'mutation($b: JSONObject!) { importBundle(bundle: $b) { nodes { created } } }';
const ALLEGE = `mutation($a: AllegationInput!) {
  recordAllegation(allegation: $a, accuserIds: ["feed-accuser"], accusedIds: ["feed-accused"]) { id } }`;

const FEED = `query($after: String, $first: Int, $kinds: [ChangeKind!], $types: [String!], $entityIds: [ID!]) {
  changes(after: $after, first: $first, kinds: $kinds, types: $types, entityIds: $entityIds) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { sequence } }
    nodes { cursor sequence at who operation kind targetId targetType changedFields before after retracted }
  }
}`;

interface ChangeNode {
  cursor: string;
  sequence: number;
  at: string;
  who: string;
  operation: string;
  kind: string;
  targetId: string;
  targetType: string;
  changedFields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  retracted: boolean;
}

interface FeedPage {
  changes: {
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string };
    edges: Array<{ cursor: string; node: { sequence: number } }>;
    nodes: ChangeNode[];
  };
}

/**
 * `changes` in commit order: one group per transaction, in order. Within one commit the order is
 * by statement, then target id (docs/changes.md), which a test should not pin.
 */
function expectCommits(changes: ChangeNode[], commits: string[][]): void {
  const labels = changes.map((change) => `${change.kind} ${change.targetId}`);
  expect(labels).toHaveLength(commits.flat().length);
  let at = 0;
  for (const commit of commits) {
    expect(labels.slice(at, at + commit.length).sort()).toEqual([...commit].sort());
    at += commit.length;
  }
}

describe('the change feed', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    db = await seededDatabase({ maxPoolSize: 60, acquisitionTimeoutMs: 30_000 });
    app = await startTestApp(db);
  }, 120_000);

  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const write = async (query: string, variables: Record<string, unknown>) => {
    const response = await gql(app.url, query, variables, 30_000, ADMIN);
    expect(response.body.errors).toBeUndefined();
  };

  const page = async (variables: Record<string, unknown>, headers: Record<string, string> = ADMIN) => {
    const response = await gql<FeedPage>(app.url, FEED, variables, 30_000, headers);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.changes;
  };

  /** The sync loop an application runs: page from `after` until hasNextPage is false. */
  const sync = async (after: string | null, headers = ADMIN, first = 7, filters: Record<string, unknown> = {}) => {
    const seen: ChangeNode[] = [];
    let cursor = after;
    for (let pages = 0; pages < 2_000; pages++) {
      const { nodes, pageInfo } = await page({ after: cursor, first, ...filters }, headers);
      seen.push(...nodes);
      expect(pageInfo.endCursor).toBeTruthy();
      cursor = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) return { seen, cursor };
    }
    throw new Error('the feed did not end');
  };

  /** Where the feed ends now: the cursor a fresh client keeps after its first full sync. */
  const end = async (headers = ADMIN) => (await sync(null, headers, 500)).cursor;

  it('pages every write once, in commit order, with before and after of what changed', async () => {
    const start = await end();
    await write(UPSERT_ACTOR, { a: actor('feed-accuser') });
    await write(UPSERT_ACTOR, { a: actor('feed-accused') });
    await write(UPSERT_ACTOR, { a: actor('feed-accuser', 'Renamed accuser') });
    await write(ADD_LINK, { r: { type: 'OPPOSES', from: 'feed-accuser', to: 'feed-accused', ...evidence } });
    const allegation = {
      id: 'feed-claim',
      statement: 'The accuser says the accused is funded from abroad',
      claimTypes: ['SUPPORTS'],
      status: 'ALLEGED',
      ...evidence,
    };
    await write(ALLEGE, { a: allegation });
    await write(ALLEGE, { a: { ...allegation, status: 'DENIED' } });
    await write(UPSERT_ACTOR, { a: actor('feed-duplicate') });
    await write(MERGE, { t: 'feed-accused', d: ['feed-duplicate'] });
    await write(RETRACT, { id: 'OPPOSES:feed-accuser->feed-accused' });

    const { seen, cursor } = await sync(start);
    const sequences = seen.map((change) => change.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    // Only REPORTED_BY links besides the records written here (every claim cites its source).
    const records = seen.filter((change) => change.targetType !== 'REPORTED_BY');
    expectCommits(records, [
      ['CREATED feed-accuser'],
      ['CREATED feed-accused'],
      ['UPDATED feed-accuser'],
      ['CREATED OPPOSES:feed-accuser->feed-accused'],
      ['CREATED feed-claim', 'CREATED ALLEGES:feed-accuser->feed-claim', 'CREATED ACCUSES:feed-claim->feed-accused'],
      ['UPDATED feed-claim'],
      ['CREATED feed-duplicate'],
      ['MERGED feed-accused', 'MERGED_INTO feed-duplicate'],
      ['RETRACTED OPPOSES:feed-accuser->feed-accused'],
    ]);
    const find = (kind: string, id: string) => records.find((change) => change.kind === kind && change.targetId === id);
    expect(find('UPDATED', 'feed-accuser')).toMatchObject({
      who: 'key:admin-tester',
      operation: 'upsertActor',
      targetType: 'Actor',
      before: { name: 'Name of feed-accuser' },
      after: { name: 'Renamed accuser' },
    });
    expect(find('UPDATED', 'feed-claim')).toMatchObject({ before: { status: 'ALLEGED' }, after: { status: 'DENIED' } });
    expect(find('CREATED', 'feed-accuser')).toMatchObject({
      before: null,
      after: { id: 'feed-accuser', sourceIds: [SOURCE] },
    });
    expect(find('RETRACTED', 'OPPOSES:feed-accuser->feed-accused')).toMatchObject({
      retracted: true,
      before: { retracted: false },
      after: { retracted: true, retractedReason: 'feed test' },
    });
    expect(find('MERGED_INTO', 'feed-duplicate')).toMatchObject({
      retracted: true,
      after: { mergedInto: 'feed-accused' },
    });

    // Polling at the end: nothing new, the same cursor, and no next page.
    const idle = await page({ after: cursor, first: 10 });
    expect(idle.nodes).toEqual([]);
    expect(idle.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, endCursor: cursor });

    // Filters: the changes around one entity, of some kinds; the same order.
    const around = await sync(start, ADMIN, 3, { entityIds: ['feed-claim'], kinds: ['CREATED', 'UPDATED'] });
    expectCommits(around.seen, [
      [
        'CREATED feed-claim',
        'CREATED REPORTED_BY:feed-claim->wellbrock-mali-blockade',
        'CREATED ALLEGES:feed-accuser->feed-claim',
        'CREATED ACCUSES:feed-claim->feed-accused',
      ],
      ['UPDATED feed-claim'],
    ]);
    const relationships = await sync(start, ADMIN, 50, { types: ['OPPOSES'] });
    expect(relationships.seen.map((change) => change.kind)).toEqual(['CREATED', 'RETRACTED']);
  }, 120_000);

  it('two writers racing: the feed has every write once, with no gap, each writer in its own order', async () => {
    const start = await end();
    const writer = async (name: string) => {
      for (let i = 0; i < 12; i++) {
        await write(IMPORT, {
          b: { format: 'sahel-graph-bundle', version: 1, actors: [actor(`race-${name}-${i}`)] },
        });
      }
    };
    await Promise.all([writer('left'), writer('right'), writer('third')]);
    const { seen } = await sync(start, ADMIN, 5);
    const sequences = seen.map((change) => change.sequence);
    // No gap: nothing was rolled back, so the numbers run on one by one.
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0] + i));
    const actors = seen.filter((change) => change.targetType === 'Actor').map((change) => change.targetId);
    expect(actors).toHaveLength(36);
    expect(new Set(actors).size).toBe(36);
    for (const name of ['left', 'right', 'third']) {
      expect(actors.filter((id) => id.startsWith(`race-${name}-`))).toEqual(
        Array.from({ length: 12 }, (_, i) => `race-${name}-${i}`),
      );
    }
    // One transaction's entries are one step of the feed: each actor's REPORTED_BY right beside it.
    for (const id of actors) {
      const at = seen.findIndex((change) => change.targetId === id);
      expect([seen[at - 1]?.targetId, seen[at + 1]?.targetId]).toContain(`REPORTED_BY:${id}->${SOURCE}`);
    }
  }, 180_000);

  it('resumes from a cursor after the server restarts: exactly what followed it', async () => {
    const start = await end();
    for (let i = 0; i < 6; i++) await write(UPSERT_ACTOR, { a: actor(`restart-${i}`) });
    const before = await sync(start, ADMIN, 4);
    const middle = before.seen[5];

    await app.stop();
    await db.close();
    db = openDatabase();
    app = await startTestApp(db);

    const after = await sync(middle.cursor, ADMIN, 3);
    expect(after.seen).toEqual(before.seen.slice(6));
    expect(after.cursor).toBe(before.cursor);
  }, 120_000);

  it('never shows a reader a change to a record above its clearance', async () => {
    const start = await end();
    await write(IMPORT, {
      b: {
        format: 'sahel-graph-bundle',
        version: 1,
        sources: [{ id: 'feed-amber-note', title: 'Feed amber note', kind: 'ARTICLE', reliability: 'B', tlp: 'AMBER' }],
        actors: [
          { ...actor('feed-amber-unit'), sourceIds: ['feed-amber-note'] },
          { ...actor('feed-mixed-unit'), sourceIds: [SOURCE, 'feed-amber-note'] },
        ],
        relationships: [
          { type: 'OPPOSES', from: 'feed-amber-unit', to: 'jnim', ...evidence },
          { type: 'OPPOSES', from: 'feed-mixed-unit', to: 'jnim', ...evidence, sourceIds: ['feed-amber-note'] },
        ],
      },
    });
    await write(UPSERT_ACTOR, { a: actor('feed-green-unit') });

    const reader = await sync(start, READER, 3);
    const text = JSON.stringify(reader.seen);
    expect(text).not.toMatch(/feed-amber/);
    expect(reader.seen.map((change) => change.targetId)).toEqual(
      expect.arrayContaining(['feed-mixed-unit', 'feed-green-unit']),
    );
    // The editor's clearance (AMBER) and the admin's (RED) include them; the reader's cursor
    // still reached the end of the feed (its pages went past what it may not see).
    for (const headers of [EDITOR, ADMIN]) {
      const cleared = await sync(start, headers, 3);
      expect(cleared.seen.map((change) => change.targetId)).toEqual(
        expect.arrayContaining(['feed-amber-note', 'feed-amber-unit', 'OPPOSES:feed-amber-unit->jnim']),
      );
      expect(cleared.cursor).toBe(reader.cursor);
    }
  }, 120_000);

  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 501', { first: 501 }, 'first'],
    ['a cursor of another list', { after: Buffer.from('k:jnim').toString('base64url') }, 'after'],
    ['a made-up cursor', { after: 'not-a-cursor' }, 'after'],
    ['an unknown target type', { types: ['Planet'] }, 'types'],
    ['an empty entity list', { entityIds: [] }, 'entityIds'],
    ['101 entities', { entityIds: Array.from({ length: 101 }, (_, i) => `e-${i}`) }, 'entityIds'],
  ])('refuses %s with BAD_USER_INPUT naming the argument', async (_case, variables, field) => {
    const response = await gql(app.url, FEED, variables, 30_000, ADMIN);
    const [error] = response.body.errors ?? [];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(error?.extensions?.problems ?? error?.message)).toContain(field);
  });
});
