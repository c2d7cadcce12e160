import { startTestApp, TEST_KEYS } from '../support/app';
import { graphCounts, seededDatabase } from '../support/database';
import { gql, type GraphQLResponse } from '../support/http';
import type { Database } from '../../src/db';
import { INVESTIGATION_LIMITS } from '../../src/investigations/investigation-limits';

/**
 * Saved investigations over real HTTP on the seeded Neo4j (docs/investigations.md): save, read,
 * list, history and older versions, the optimistic lock raced, roles and TLP clearance (nothing
 * of a hidden entity through a saved view), caps and hostile input.
 */

const READER = { 'x-api-key': TEST_KEYS.reader };
const EDITOR = { 'x-api-key': TEST_KEYS.editor };
const ADMIN = { 'x-api-key': TEST_KEYS.admin };
const HIDDEN = /cobalt/i;

const SAVE = `mutation($input: SaveInvestigationInput!) { saveInvestigation(input: $input) { ...I } }`;
const READ = `query($id: ID!, $version: Int) { investigation(id: $id, version: $version) { ...I } }`;
const FIELDS = `fragment I on Investigation {
  id name description tlp author createdAt updatedAt updatedBy version contentVersion
  entities { id expanded hidden pinned x y note }
  links { type fromId toId role note }
  filters { types minCredibility asOf } pathFrom pathTo selected
  history { version author savedAt summary }
}`;

interface Saved {
  id: string;
  name: string;
  tlp: string;
  author: string;
  version: number;
  contentVersion: number;
  entities: Array<{
    id: string;
    hidden: boolean;
    pinned: boolean;
    x: number | null;
    y: number | null;
    note: string | null;
  }>;
  links: Array<{ type: string; fromId: string; toId: string; note: string }>;
  filters: { types: string[]; minCredibility: number | null; asOf: string | null };
  pathFrom: string | null;
  selected: string | null;
  history: Array<{ version: number; author: string; savedAt: string; summary: string }>;
}

/** RED: an actor that only a RED source reports, linked to JNIM. */
const HIDDEN_BUNDLE = {
  format: 'sahel-graph-bundle',
  version: 1,
  sources: [{ id: 'cobalt-report', title: 'Cobalt dossier', kind: 'ARTICLE', reliability: 'B', tlp: 'RED' }],
  actors: [
    {
      id: 'cobalt-cell',
      name: 'Cobalt Cell',
      kind: 'ARMED_GROUP',
      sourceIds: ['cobalt-report'],
      credibility: 2,
      excerpt: 'cobalt cell excerpt',
    },
  ],
  relationships: [
    {
      type: 'SUPPORTS',
      from: 'cobalt-cell',
      to: 'jnim',
      sourceIds: ['cobalt-report'],
      credibility: 2,
      excerpt: 'cobalt supports jnim',
    },
  ],
};

const view = (overrides: Record<string, unknown> = {}) => ({
  name: 'Who holds Kayes',
  description: 'The blockade and its members',
  tlp: 'GREEN',
  entities: [
    { id: 'mali', expanded: true, pinned: true, x: 10.5, y: -20, note: 'State actor, <b>not</b> the country' },
    { id: 'aes', x: 120, y: 40 },
    { id: 'jnim', hidden: true, x: -80, y: 5 },
  ],
  links: [{ type: 'MEMBER_OF', fromId: 'mali', toId: 'aes', note: 'Since 2023' }],
  filters: { types: ['MEMBER_OF'], minCredibility: 3, asOf: '2024' },
  pathFrom: 'mali',
  selected: 'aes',
  ...overrides,
});

// A shared machine can be slow: each test gets room beyond jest's default.
jest.setTimeout(120_000);

describe('saved investigations over HTTP', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  const call = <T = Record<string, Saved>>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = ADMIN,
  ) => gql<T>(app.url, `${query}${query.includes('...I') ? FIELDS : ''}`, variables, 30_000, headers);

  const save = async (input: Record<string, unknown>, headers: Record<string, string> = ADMIN): Promise<Saved> => {
    const response = await call(SAVE, { input }, headers);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.saveInvestigation!;
  };

  const refusal = async (
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = ADMIN,
  ) => {
    const response = await call(query, variables, headers);
    const [error] = response.body.errors ?? [];
    expect(error).toBeDefined();
    return {
      code: error!.extensions?.code,
      field: error!.extensions?.field,
      message: error!.message,
      problems: (error!.extensions?.problems ?? []) as Array<{ field: string }>,
    };
  };

  beforeAll(async () => {
    db = await seededDatabase();
    app = await startTestApp(db);
    const imported = await gql(
      app.url,
      'mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }',
      { b: HIDDEN_BUNDLE },
      30_000,
      ADMIN,
    );
    if (imported.body.errors) throw new Error(JSON.stringify(imported.body.errors));
  }, 300_000);

  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('saves a view and reads it back whole: entities, positions, flags, notes, filters, author, version 1', async () => {
    const saved = await save(view());
    expect(saved).toMatchObject({ name: 'Who holds Kayes', tlp: 'GREEN', author: 'key:admin-tester', version: 1 });
    expect(saved.entities).toEqual([
      {
        id: 'mali',
        expanded: true,
        hidden: false,
        pinned: true,
        x: 10.5,
        y: -20,
        note: 'State actor, <b>not</b> the country',
      },
      { id: 'aes', expanded: false, hidden: false, pinned: false, x: 120, y: 40, note: null },
      { id: 'jnim', expanded: false, hidden: true, pinned: false, x: -80, y: 5, note: null },
    ]);
    expect(saved.links).toEqual([{ type: 'MEMBER_OF', fromId: 'mali', toId: 'aes', role: null, note: 'Since 2023' }]);
    expect(saved.filters).toEqual({ types: ['MEMBER_OF'], minCredibility: 3, asOf: '2024' });
    expect(saved.history).toEqual([
      expect.objectContaining({
        version: 1,
        author: 'key:admin-tester',
        summary: 'created with 3 entities and 2 notes',
      }),
    ]);
    const read = await call(READ, { id: saved.id }, READER);
    expect(read.body.data?.investigation).toEqual(saved);
  });

  it('lists what the caller is cleared for, newest first, in pages', async () => {
    const first = await save(view({ name: 'List one' }));
    const second = await save(view({ name: 'List two' }));
    await save(view({ name: 'List red', tlp: 'RED' }));
    const LIST = `query($after: String) { investigations(first: 1, after: $after) { nodes { id name tlp } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      investigations: {
        nodes: Array<{ id: string; name: string; tlp: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: GraphQLResponse<Page> = await gql<Page>(app.url, LIST, { after }, 30_000, READER);
      expect(response.body.errors).toBeUndefined();
      const { nodes, pageInfo } = response.body.data!.investigations;
      names.push(...nodes.map((node) => node.name));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(names.indexOf(second.name)).toBeLessThan(names.indexOf(first.name));
    expect(names).not.toContain('List red');
    const admin = await gql<Page>(
      app.url,
      '{ investigations(first: 50) { nodes { name } pageInfo { hasNextPage endCursor } } }',
      {},
      30_000,
      ADMIN,
    );
    expect(admin.body.data!.investigations.nodes.map((node) => node.name)).toContain('List red');
    const bad = await refusal('{ investigations(first: 51) { nodes { id } } }', {});
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('keeps each save as a version: who, when, what changed; an older version reads as it was', async () => {
    const created = await save(view());
    const moved = view({
      id: created.id,
      expectedVersion: 1,
      entities: [
        { id: 'mali', expanded: true, pinned: true, x: 300, y: 300, note: 'Moved' },
        { id: 'aes', x: 120, y: 40 },
      ],
      links: [],
    });
    const updated = await save(moved, ADMIN);
    expect(updated.version).toBe(2);
    expect(updated.history.map((entry) => entry.version)).toEqual([2, 1]);
    expect(updated.history[0]!.summary).toBe('1 removed, 1 moved, 2 notes changed');
    const old = await call(READ, { id: created.id, version: 1 }, READER);
    expect(old.body.data?.investigation).toMatchObject({ version: 2, contentVersion: 1 });
    expect(old.body.data?.investigation?.entities.map((entity) => entity.id)).toEqual(['mali', 'aes', 'jnim']);
    const gone = await refusal(READ, { id: created.id, version: 7 }, READER);
    expect(gone).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it(`keeps the last ${INVESTIGATION_LIMITS.versions} versions`, async () => {
    let saved = await save(view({ entities: [{ id: 'mali', x: 0, y: 0 }], links: [], pathFrom: null, selected: null }));
    for (let step = 1; step <= INVESTIGATION_LIMITS.versions + 1; step++) {
      saved = await save({
        ...view({ entities: [{ id: 'mali', x: step, y: 0 }], links: [], pathFrom: null, selected: null }),
        id: saved.id,
        expectedVersion: saved.version,
      });
    }
    expect(saved.version).toBe(INVESTIGATION_LIMITS.versions + 2);
    expect(saved.history).toHaveLength(INVESTIGATION_LIMITS.versions);
    expect(saved.history.at(-1)!.version).toBe(3);
    const [row] = await db.read<{ versions: number }>(
      'test.versions',
      'MATCH (:Investigation {id: $id})-[:HAS_VERSION]->(v) RETURN count(v) AS versions',
      { id: saved.id },
    );
    expect(Number(row!.versions)).toBe(INVESTIGATION_LIMITS.versions);
  }, 120_000);

  it('raced: two saves over the same version, one wins, the other is CONFLICT and writes nothing', async () => {
    const created = await save(view());
    const before = await graphCounts(db);
    const racer = (name: string) => call(SAVE, { input: view({ id: created.id, expectedVersion: 1, name }) }, ADMIN);
    const answers = await Promise.all([racer('Racer A'), racer('Racer B')]);
    const won = answers.filter((answer) => !answer.body.errors);
    const lost = answers.filter((answer) => answer.body.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.expectedVersion',
      currentVersion: 2,
    });
    const after = await graphCounts(db);
    // The winner added one version node and its HAS_VERSION; the loser nothing.
    expect(after).toEqual({ nodes: before.nodes + 1, relationships: before.relationships + 1 });
    const read = await call(READ, { id: created.id }, ADMIN);
    expect(read.body.data?.investigation).toMatchObject({
      version: 2,
      name: won[0]!.body.data!.saveInvestigation!.name,
    });
    expect(read.body.data?.investigation?.history).toHaveLength(2);
  }, 60_000);

  it('a stale save is CONFLICT; a save over one without expectedVersion is BAD_USER_INPUT', async () => {
    const created = await save(view());
    await save(view({ id: created.id, expectedVersion: 1 }));
    expect(await refusal(SAVE, { input: view({ id: created.id, expectedVersion: 1 }) })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.expectedVersion',
    });
    expect(await refusal(SAVE, { input: view({ id: created.id }) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.expectedVersion',
    });
  });

  it('roles: readers read but never save; only the author or an admin saves over or deletes', async () => {
    expect(await refusal(SAVE, { input: view() }, READER)).toMatchObject({ code: 'FORBIDDEN' });
    const mine = await save(view({ name: 'The editor’s' }), EDITOR);
    expect(mine.author).toBe('key:editor-tester');
    const theirs = await save(view({ name: 'The admin’s' }), ADMIN);
    expect(await refusal(SAVE, { input: view({ id: theirs.id, expectedVersion: 1 }) }, EDITOR)).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.id',
    });
    expect(await save(view({ id: mine.id, expectedVersion: 1, name: 'Renamed by an admin' }), ADMIN)).toMatchObject({
      version: 2,
      author: 'key:editor-tester',
    });
    const DELETE = 'mutation($id: ID!) { deleteInvestigation(id: $id) }';
    expect(await refusal(DELETE, { id: theirs.id }, EDITOR)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(DELETE, { id: mine.id }, EDITOR)).body.data).toEqual({ deleteInvestigation: true });
    expect(await refusal(READ, { id: mine.id })).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const [left] = await db.read<{ n: number }>(
      'test.left',
      'MATCH (n) WHERE (n:Investigation AND n.id = $id) OR (n:InvestigationVersion AND n.investigationId = $id) RETURN count(n) AS n',
      { id: mine.id },
    );
    expect(Number(left!.n)).toBe(0);
  });

  it('TLP: one marked above the caller is NOT_FOUND as an unknown id; one may not mark above one’s clearance', async () => {
    const amber = await save(view({ tlp: 'AMBER', name: 'Amber view' }), ADMIN);
    const hidden = await call(READ, { id: amber.id }, READER);
    const unknown = await call(READ, { id: 'no-such-investigation' }, READER);
    expect(hidden.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'id', id: amber.id });
    expect(JSON.stringify(hidden.body).replaceAll(amber.id, 'X')).toBe(
      JSON.stringify(unknown.body).replaceAll('no-such-investigation', 'X'),
    );
    expect((await call(READ, { id: amber.id }, EDITOR)).body.data?.investigation?.name).toBe('Amber view');
    expect(await refusal(SAVE, { input: view({ tlp: 'RED' }) }, EDITOR)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.tlp',
    });
  });

  it('TLP: a hidden entity in a saved view is dropped with its place, notes and links, and named nowhere', async () => {
    const saved = await save(
      view({
        entities: [
          { id: 'jnim', x: 0, y: 0, note: 'JNIM note' },
          { id: 'cobalt-cell', pinned: true, x: 50, y: 50, note: 'cobalt note' },
        ],
        links: [{ type: 'SUPPORTS', fromId: 'cobalt-cell', toId: 'jnim', note: 'cobalt link note' }],
        pathFrom: 'cobalt-cell',
        selected: 'cobalt-cell',
      }),
      ADMIN,
    );
    expect(saved.entities.map((entity) => entity.id)).toEqual(['jnim', 'cobalt-cell']);
    const asReader = await call(READ, { id: saved.id }, READER);
    const text = JSON.stringify(asReader.body);
    expect(text).not.toMatch(HIDDEN);
    expect(asReader.body.data?.investigation).toMatchObject({ pathFrom: null, selected: null, links: [] });
    expect(asReader.body.data?.investigation?.entities.map((entity) => entity.id)).toEqual(['jnim']);
    const list = await gql(
      app.url,
      '{ investigations(first: 50) { nodes { entities { id note } links { note } pathFrom selected } } }',
      {},
      30_000,
      READER,
    );
    expect(JSON.stringify(list.body)).not.toMatch(HIDDEN);
    // The editor (AMBER) cannot put the RED entity in a view: refused as an unknown one.
    expect(
      await refusal(
        SAVE,
        { input: view({ entities: [{ id: 'cobalt-cell' }], links: [], pathFrom: null, selected: null }) },
        EDITOR,
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.entities[0].id',
    });
  });

  it('refuses what does not hold together, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        view({ entities: [{ id: 'mali' }, { id: 'mali' }], links: [], pathFrom: null, selected: null }),
        'BAD_USER_INPUT',
        'input.entities[1].id',
      ],
      [
        view({ links: [{ type: 'MEMBER_OF', fromId: 'mali', toId: 'burkina-faso', note: 'x' }] }),
        'BAD_USER_INPUT',
        'input.links[0].toId',
      ],
      [view({ pathFrom: 'niger' }), 'BAD_USER_INPUT', 'input.pathFrom'],
      [
        view({ entities: [{ id: 'no-such-entity' }], links: [], pathFrom: null, selected: null }),
        'NOT_FOUND',
        'input.entities[0].id',
      ],
      [
        view({ links: [{ type: 'OPPOSES', fromId: 'mali', toId: 'aes', note: 'none such' }] }),
        'NOT_FOUND',
        'input.links[0]',
      ],
      [
        view({ entities: [{ id: 'mali', x: 5 }], links: [], pathFrom: null, selected: null }),
        'BAD_USER_INPUT',
        'input.entities[0].x',
      ],
    ];
    for (const [input, code, field] of cases) {
      expect({ input: input.name, ...(await refusal(SAVE, { input })) }).toMatchObject({ code, field });
    }
  });

  it('hostile input: huge arrays, NaN and Infinity, far coordinates, long or binary notes are BAD_USER_INPUT naming the field; nothing written', async () => {
    const before = await graphCounts(db);
    const many = Array.from({ length: INVESTIGATION_LIMITS.entities + 1 }, (_, i) => ({ id: `e-${i}`, x: i, y: i }));
    const expectField = async (input: Record<string, unknown>, field: string) => {
      const answer = await refusal(SAVE, { input });
      expect(answer.code).toBe('BAD_USER_INPUT');
      expect([answer.field, ...answer.problems.map((problem) => problem.field)]).toContain(field);
    };
    await expectField(view({ entities: many, links: [], pathFrom: null, selected: null }), 'input.entities');
    await expectField(
      view({ entities: [{ id: 'mali', x: 1e9, y: 0 }], links: [], pathFrom: null, selected: null }),
      'input.entities[0].x',
    );
    await expectField(
      view({
        entities: [{ id: 'mali', x: 0, y: 0, note: 'n'.repeat(INVESTIGATION_LIMITS.noteLength + 1) }],
        links: [],
        pathFrom: null,
        selected: null,
      }),
      'input.entities[0].note',
    );
    await expectField(
      view({ entities: [{ id: 'mali', note: 'bell\u0007' }], links: [], pathFrom: null, selected: null }),
      'input.entities[0].note',
    );
    const noted = Array.from({ length: INVESTIGATION_LIMITS.notes + 1 }, (_, i) => ({
      id: ['mali', 'aes', 'jnim'][i % 3]!,
      note: `n${i}`,
    }));
    await expectField(
      view({
        entities: noted.slice(0, 3),
        links: Array.from({ length: INVESTIGATION_LIMITS.notes - 1 }, () => ({
          type: 'MEMBER_OF',
          fromId: 'mali',
          toId: 'aes',
          note: 'n',
        })),
      }),
      'input.entities',
    );
    // NaN and Infinity cannot be written in JSON by JSON.stringify: sent as the raw text a hostile client writes.
    for (const raw of ['"NaN"', '1e999', '"Infinity"']) {
      const body = `{"query":${JSON.stringify(SAVE + FIELDS)},"variables":{"input":{"name":"n","entities":[{"id":"mali","x":${raw},"y":0}]}}}`;
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ADMIN },
        body,
      });
      const answer = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toContain('input.entities[0].x');
    }
    expect(await graphCounts(db)).toEqual(before);
  }, 60_000);

  it('keeps a note with markup as the text it is (the explorer shows it as text)', async () => {
    const note = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const saved = await save(view({ entities: [{ id: 'mali', note }], links: [], pathFrom: null, selected: null }));
    expect(saved.entities[0]!.note).toBe(note);
  });
});
