import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * Watchlists and path alerts (docs/watchlists.md, issue 23 item 4) over real HTTP on the seed
 * graph: the watcher step runs in the server, reads the change feed after its cursor and records
 * an alert when a watched pair's best path (or a watched entity) changes.
 */

const SEED_SOURCE = 'wellbrock-mali-blockade';
const ADMIN = { 'x-api-key': TEST_KEYS.admin };
const EDITOR = { 'x-api-key': TEST_KEYS.editor };
const READER = { 'x-api-key': TEST_KEYS.reader };
type Headers = Record<string, string>;

const WATCH_PAIR = `mutation($f: ID!, $t: ID!, $h: Int, $c: Int) {
  watchPair(fromId: $f, toId: $t, maxHops: $h, minCredibility: $c) { id kind fromId toId maxHops answer { found length score explanation } } }`;
const WATCH = 'mutation($id: ID!) { watch(entityId: $id) { id kind entityId } }';
const UNWATCH = 'mutation($id: ID!) { unwatch(id: $id) }';
const ALERTS = `query($after: String, $first: Int) { alerts(after: $after, first: $first) {
  pageInfo { hasNextPage endCursor }
  nodes { id cursor number watchId kind entityId fromId toId reasons
    before { found length score explanation } after { found length score explanation }
    causes { sequence kind targetId targetType } } } }`;
const UPSERT_ACTOR = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const UPSERT_SOURCE = 'mutation($s: SourceInput!) { upsertSource(source: $s) { id } }';
const ADD_LINK = 'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id } }';
const UPDATE_LINK =
  'mutation($id: ID!, $c: RelationshipChangesInput!) { updateRelationship(id: $id, changes: $c) { id } }';
const RETRACT = 'mutation($id: ID!) { retract(id: $id, reason: "watch test") { at } }';
const FEED = `query($after: String) { changes(after: $after, first: 500, kinds: [ALERT]) {
  pageInfo { endCursor hasNextPage } nodes { kind targetType targetId before after } } }`;

interface Answer {
  found: boolean;
  length: number | null;
  score: number | null;
  explanation: string | null;
}
interface AlertNode {
  id: string;
  cursor: string;
  number: number;
  watchId: string;
  kind: string;
  reasons: string[];
  before: Answer | null;
  after: Answer | null;
  causes: Array<{ sequence: number; kind: string; targetId: string }>;
}

const actor = (id: string) => ({
  id,
  name: `Name of ${id}`,
  kind: 'ARMED_GROUP',
  sourceIds: [SEED_SOURCE],
  credibility: 3,
  excerpt: 'as reported',
});

describe('watchlists and path alerts', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  const call = async <T>(query: string, variables: Record<string, unknown>, headers: Headers) => {
    const response = await gql<T>(app.url, query, variables, 60_000, headers);
    return response.body;
  };
  const ask = async <T>(query: string, variables: Record<string, unknown>, headers: Headers): Promise<T> => {
    const body = await call<T>(query, variables, headers);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };
  const alertsOf = async (headers: Headers): Promise<AlertNode[]> =>
    (await ask<{ alerts: { nodes: AlertNode[] } }>(ALERTS, { first: 100 }, headers)).alerts.nodes;

  /** Waits until the watcher has read the whole feed (its cursor in Neo4j has reached the head). */
  async function settled(): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const [row] = await db.read<{ high: number; cursor: number | null }>(
        'test.watcher',
        "OPTIONAL MATCH (f:ChangeFeed {id: 'changes'}) OPTIONAL MATCH (c:WatchCursor {id: 'watcher'}) RETURN coalesce(f.seq, 0) AS high, c.seq AS cursor",
      );
      if (row.cursor !== null && row.cursor >= row.high) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the watcher did not reach the head of the feed');
  }

  beforeAll(async () => {
    db = await seededDatabase({ maxPoolSize: 40, acquisitionTimeoutMs: 30_000 });
    app = await startTestApp(db, {}, { watchPollMs: 100 });
    await ask(
      'mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }',
      {
        b: {
          format: 'sahel-graph-bundle',
          version: 1,
          sources: [{ id: 'watch-amber-note', title: 'Amber note', kind: 'ARTICLE', reliability: 'B', tlp: 'AMBER' }],
          actors: [{ ...actor('watch-amber-cell'), sourceIds: ['watch-amber-note'] }],
          relationships: [],
        },
      },
      ADMIN,
    );
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.close();
  });

  it('watches Russia–JNIM: a corroborating source on its best path gives exactly one alert, with before and after', async () => {
    const { watchPair } = await ask<{ watchPair: { id: string; answer: Answer } }>(
      WATCH_PAIR,
      { f: 'russia', t: 'jnim' },
      READER,
    );
    expect(watchPair.answer.explanation).toContain('Russia supports Mali.');
    await settled();
    const before = await alertsOf(READER);

    await ask(
      UPSERT_SOURCE,
      { s: { id: 'watch-second-report', title: 'Second report', kind: 'REPORT', reliability: 'B' } },
      EDITOR,
    );
    await ask(
      UPDATE_LINK,
      { id: 'SUPPORTS:russia->mali', c: { sourceIds: [SEED_SOURCE, 'watch-second-report'] } },
      EDITOR,
    );
    await settled();

    const fresh = (await alertsOf(READER)).filter((alert) => !before.some((old) => old.id === alert.id));
    expect(fresh).toHaveLength(1);
    const [alert] = fresh;
    expect(alert).toMatchObject({ watchId: watchPair.id, kind: 'PAIR', fromId: 'russia', toId: 'jnim' });
    expect(alert.reasons).toEqual(expect.arrayContaining(['SCORE_UP', 'EVIDENCE_CHANGED']));
    expect(alert.before!.explanation).toBe(watchPair.answer.explanation);
    expect(alert.after!.explanation).toContain('Second report');
    expect(alert.after!.score).toBeGreaterThan(alert.before!.score!);
    expect(alert.causes.map((cause) => cause.targetId)).toContain('SUPPORTS:russia->mali');
  }, 180_000);

  it('a retraction of a link on the best path gives exactly one alert saying so; a change far away gives none', async () => {
    await settled();
    const before = await alertsOf(READER);
    await ask(RETRACT, { id: 'OPPOSES:jnim->mali' }, ADMIN);
    await settled();
    const fresh = (await alertsOf(READER)).filter((alert) => !before.some((old) => old.id === alert.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0].reasons).toContain('RETRACTED');
    expect(fresh[0].before!.explanation).toContain('JNIM opposes Mali.');
    expect(fresh[0].after!.explanation ?? '').not.toContain('JNIM opposes Mali.');

    // An unrelated new actor and link, outside any path of 4 hops from Russia or JNIM.
    await ask(UPSERT_ACTOR, { a: actor('watch-far-a') }, EDITOR);
    await ask(UPSERT_ACTOR, { a: actor('watch-far-b') }, EDITOR);
    await ask(
      ADD_LINK,
      {
        r: {
          type: 'SUPPORTS',
          from: 'watch-far-a',
          to: 'watch-far-b',
          sourceIds: [SEED_SOURCE],
          credibility: 2,
          excerpt: 'far',
        },
      },
      EDITOR,
    );
    await settled();
    expect((await alertsOf(READER)).length).toBe(before.length + 1);
  }, 180_000);

  it('carries alerts in the change feed to their owner only', async () => {
    type FeedNode = { kind: string; targetType: string; targetId: string; after: { reasons: string[] } };
    // The whole feed, page by page: a page reads a bounded span of sequence numbers, and the
    // files before this one (one database per run) wrote thousands of changes before these alerts.
    const wholeFeed = async (headers: Headers) => {
      const nodes: FeedNode[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { changes: { pageInfo: { endCursor: string; hasNextPage: boolean }; nodes: FeedNode[] } } =
          await ask(FEED, { after }, headers);
        nodes.push(...page.changes.nodes);
        if (!page.changes.pageInfo.hasNextPage) return nodes;
        after = page.changes.pageInfo.endCursor;
      }
    };
    // Each identity's feed holds exactly its own alerts (other files of the run may have left
    // the editor or the admin watches of their own: one database per run).
    const feedIds = async (headers: Headers) => {
      const feed = await wholeFeed(headers);
      expect(feed.every((change) => change.targetType === 'Alert')).toBe(true);
      return feed.map((change) => change.targetId).sort();
    };
    const ownIds = async (headers: Headers) => (await alertsOf(headers)).map((alert) => alert.id).sort();
    const mine = await ownIds(READER);
    expect(mine.length).toBeGreaterThan(0);
    expect(await feedIds(READER)).toEqual(mine);
    for (const other of [EDITOR, ADMIN]) {
      const theirs = await feedIds(other);
      expect(theirs).toEqual(await ownIds(other));
      expect(theirs.filter((id) => mine.includes(id))).toEqual([]);
    }
  }, 120_000);

  it('two concurrent writes, two watcher processes: each watched change alerted once, none lost or doubled', async () => {
    const second = await startTestApp(db, {}, { watchPollMs: 100 });
    try {
      await Promise.all(['watch-race-a', 'watch-race-b'].map((id) => ask(UPSERT_ACTOR, { a: actor(id) }, EDITOR)));
      const watches = await Promise.all(
        ['watch-race-a', 'watch-race-b'].map((id) => ask<{ watch: { id: string } }>(WATCH, { id }, EDITOR)),
      );
      await settled();
      await Promise.all(
        ['watch-race-a', 'watch-race-b'].map((id) =>
          ask(UPSERT_ACTOR, { a: { ...actor(id), description: `changed ${id}` } }, EDITOR),
        ),
      );
      await settled();
      const alerts = await alertsOf(EDITOR);
      expect(alerts.map((alert) => alert.watchId).sort()).toEqual(watches.map(({ watch }) => watch.id).sort());
      expect(alerts.every((alert) => alert.reasons.join() === 'ENTITY_CHANGED')).toBe(true);
      expect(new Set(alerts.map((alert) => alert.number)).size).toBe(2);
      expect(alerts.map((alert) => alert.causes[0].targetId).sort()).toEqual(['watch-race-a', 'watch-race-b']);
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('resumes from its cursor in Neo4j: a write made while no watcher ran is alerted once one starts', async () => {
    await settled();
    await app.stop();
    app = await startTestApp(db, {}, { watchPollMs: 0 });
    const before = await alertsOf(EDITOR);
    await ask(UPSERT_ACTOR, { a: { ...actor('watch-race-a'), description: 'changed while no watcher ran' } }, EDITOR);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await alertsOf(EDITOR)).toHaveLength(before.length);
    await app.stop();
    app = await startTestApp(db, {}, { watchPollMs: 100 });
    await settled();
    const after = await alertsOf(EDITOR);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0].causes.map((cause) => cause.targetId)).toEqual(['watch-race-a']);
  }, 180_000);

  it('keeps the caps under a race: 12 pair watches at once, exactly 10 made', async () => {
    const ends = [
      'mali',
      'aes',
      'france',
      'ukraine',
      'russia',
      'senegal',
      'mauritania',
      'icj',
      'niger',
      'burkina-faso',
      'kayes',
      'sahel',
    ];
    const answers = await Promise.all(ends.map((to) => call(WATCH_PAIR, { f: 'jnim', t: to }, ADMIN)));
    const refused = answers.filter((body) => body.errors);
    expect(answers.length - refused.length).toBe(10);
    for (const body of refused) {
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(body.errors![0].message).toContain('at most 10');
    }
    const list = await ask<{ watchlist: Array<{ id: string }> }>('{ watchlist { id } }', {}, ADMIN);
    expect(list.watchlist).toHaveLength(10);
    await Promise.all(list.watchlist.map(({ id }) => ask(UNWATCH, { id }, ADMIN)));
    expect((await ask<{ watchlist: unknown[] }>('{ watchlist { id } }', {}, ADMIN)).watchlist).toEqual([]);
  }, 240_000);

  it('answers NOT_FOUND for a watch of an entity above the caller’s clearance, as for an unknown id', async () => {
    for (const [query, variables, field] of [
      [WATCH, { id: 'watch-amber-cell' }, 'entityId'],
      [WATCH_PAIR, { f: 'jnim', t: 'watch-amber-cell' }, 'toId'],
      [WATCH, { id: 'no-such-entity' }, 'entityId'],
    ] as const) {
      const body = await call(query, variables, READER);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field });
    }
    const admin = await call(WATCH, { id: 'watch-amber-cell' }, ADMIN);
    expect(admin.errors).toBeUndefined();
    await ask(UNWATCH, { id: (admin.data as { watch: { id: string } }).watch.id }, ADMIN);
  }, 60_000);

  it('refuses bad input and anonymous callers, and unwatch of another identity’s watch', async () => {
    const hops = await call(WATCH_PAIR, { f: 'jnim', t: 'mali', h: 9 }, READER);
    expect(hops.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(hops.errors?.[0].extensions?.problems)).toContain('maxHops');
    const same = await call(WATCH_PAIR, { f: 'jnim', t: 'jnim' }, READER);
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const cursor = await call(ALERTS, { after: 'nonsense' }, READER);
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const anonymous = await call('{ watchlist { id } }', {}, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [mine] = (await ask<{ watchlist: Array<{ id: string }> }>('{ watchlist { id } }', {}, READER)).watchlist;
    const foreign = await call(UNWATCH, { id: mine.id }, EDITOR);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  }, 60_000);
});
