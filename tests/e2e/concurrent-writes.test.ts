import { MAX_LISTED_PROBLEMS } from '../../src/errors';
import { TEST_KEYS } from '../support/app';
import { useSeededApp } from '../support/seeded-app';
import { gql, type GraphQLResponse } from '../support/http';

const SOURCE = 'wellbrock-mali-blockade';
const IMPORT = 'mutation($b: JSONObject!) { importBundle(bundle: $b) { nodes { created updated unchanged } } }';
const UPDATE = 'mutation($id: ID!, $c: RelationshipChangesInput!) { updateRelationship(id: $id, changes: $c) { id } }';
const MERGE = 'mutation($t: ID!, $d: [ID!]!) { mergeEntities(targetId: $t, duplicateIds: $d) { merged } }';
const RETRACT = 'mutation($id: ID!, $reason: String!) { retract(id: $id, reason: $reason) { at } }';
const UPSERT_ACTOR = 'mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }';
const UPSERT_LOCATION = 'mutation($l: LocationInput!) { upsertLocation(location: $l) { id } }';

const evidence = { sourceIds: [SOURCE], credibility: 3, excerpt: 'x' };
const bundle = (parts: Record<string, unknown>) => ({ format: 'sahel-graph-bundle', version: 1, ...parts });
const actor = (id: string) => ({ id, name: `Name of ${id}`, kind: 'ARMED_GROUP', ...evidence });
const place = (id: string) => ({ id, name: `Name of ${id}`, kind: 'CITY', ...evidence });
const codeOf = (response: GraphQLResponse) => String(response.body.errors?.[0]?.extensions?.code ?? 'OK');
const problemsOf = (response: GraphQLResponse) =>
  (response.body.errors?.[0]?.extensions?.problems ?? []) as Array<{ field: string; reason: string }>;

/**
 * Writers racing over real HTTP on the real Neo4j: every curation use case checks and writes in
 * one write transaction with what it touches locked first, so concurrent writers serialize
 * instead of overwriting each other or slipping past each other's checks.
 */
describe('concurrent curation writes', () => {
  // Writers of one record queue on its lock, each holding a pooled connection while it waits:
  // a pool as large as the number of writers lets all 100 reach the database (with the default
  // 50 connections and 5 s wait, the excess would get a retryable SERVICE_UNAVAILABLE instead).
  const { fixture, ask } = useSeededApp({
    maxPoolSize: 110,
    acquisitionTimeoutMs: 60_000,
    transactionTimeoutMs: 60_000,
  });
  const send = (query: string, variables: Record<string, unknown>) =>
    gql(fixture.app.url, query, variables, 60_000, { 'x-api-key': TEST_KEYS.admin });

  it('100 concurrent updateRelationship calls on one relationship: every change lands', async () => {
    // A relationship cites at most 50 sources: 49 writers each add one, 51 each set a field.
    const sources = Array.from({ length: 49 }, (_, i) => ({
      id: `race-source-${i}`,
      title: `Race source ${i}`,
      kind: 'REPORT',
      reliability: 'C',
    }));
    await ask(IMPORT, {
      b: bundle({
        sources,
        actors: [actor('race-a'), actor('race-b')],
        relationships: [{ type: 'OPPOSES', from: 'race-a', to: 'race-b', ...evidence, excerpt: 'original' }],
      }),
    });
    const id = 'OPPOSES:race-a->race-b';
    const setters: Array<Record<string, string | number>> = [{ credibility: 2 }];
    for (let i = 0; i < 50; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      setters.push(
        [
          { excerpt: `set by writer ${i}` },
          { validFrom: `${1950 + i}` },
          { validTo: `${2030 + i}` },
          { date: `20${10 + (i % 10)}-01-${day}` },
        ][i % 4],
      );
    }
    const changes = [...sources.map((source) => ({ addSourceIds: [source.id] })), ...setters];
    expect(changes).toHaveLength(100);

    const started = performance.now();
    const responses = await Promise.all(changes.map((c) => send(UPDATE, { id, c })));
    const elapsedMs = performance.now() - started;
    expect(responses.map(codeOf).filter((code) => code !== 'OK')).toEqual([]);

    const [edge] = await fixture.db.read<{ props: Record<string, unknown> }>(
      'test.edge',
      "MATCH (:Entity {id: 'race-a'})-[r:OPPOSES]->(:Entity {id: 'race-b'}) RETURN properties(r) AS props",
    );
    const cited = new Set(edge.props.sourceIds as string[]);
    const written = (field: string) => setters.filter((c) => field in c).map((c) => String(c[field]));
    const lost = [
      ...sources.filter((source) => !cited.has(source.id)).map((source) => `addSourceIds ${source.id}`),
      ...['credibility', 'excerpt', 'validFrom', 'validTo', 'date'].filter(
        (field) => !written(field).includes(String(edge.props[field])),
      ),
    ];
    expect(lost).toEqual([]);
    expect([...cited].sort()).toEqual([SOURCE, ...sources.map((source) => source.id)].sort());
    const [history] = await fixture.db.read<{ updates: number }>(
      'test.history',
      "MATCH (c:Change {targetId: $id, operation: 'updateRelationship'}) RETURN count(c) AS updates",
      { id },
    );
    expect(history.updates).toBe(100);
    process.stdout.write(`100 concurrent updateRelationship calls: ${Math.round(elapsedMs)} ms\n`);
  });

  it('two importBundle calls writing the same ids as actors and as places: one wins whole, the other is refused naming the field', async () => {
    for (const round of [1, 2]) {
      const ids = Array.from({ length: 150 }, (_, i) => `two-kinds-${round}-${i}`);
      const [asActors, asPlaces] = await Promise.all([
        send(IMPORT, { b: bundle({ actors: ids.map(actor) }) }),
        send(IMPORT, { b: bundle({ locations: ids.map(place) }) }),
      ]);
      expect([codeOf(asActors), codeOf(asPlaces)].sort()).toEqual(['BAD_USER_INPUT', 'OK']);
      const winner = codeOf(asActors) === 'OK' ? 'Actor' : 'Location';
      const refused = winner === 'Actor' ? asPlaces : asActors;
      const section = winner === 'Actor' ? 'locations' : 'actors';
      // 150 clashes: the first MAX_LISTED_PROBLEMS listed, then how many more.
      expect(problemsOf(refused)).toHaveLength(MAX_LISTED_PROBLEMS + 1);
      expect(problemsOf(refused).at(-1)).toEqual({
        field: 'bundle',
        reason: `... ${150 - MAX_LISTED_PROBLEMS} more problems not listed`,
      });
      expect(problemsOf(refused)[0]).toMatchObject({
        field: `${section}[0].id`,
        reason: expect.stringMatching(/already belongs to an? (actor|location)/),
      });

      const rows = await fixture.db.read<{ id: string; labels: string[] }>(
        'test.kinds',
        'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, labels(n) AS labels',
        { ids },
      );
      expect(rows).toHaveLength(150);
      expect(
        rows.filter((row) => row.labels.includes('Actor') && row.labels.includes('Location')).map((row) => row.id),
      ).toEqual([]);
      expect(rows.every((row) => row.labels.includes(winner))).toBe(true);
      const read = await send(`{ entity(id: "${ids[0]}") { __typename id } }`, {});
      expect(read.body).toEqual({ data: { entity: { __typename: winner, id: ids[0] } } });
    }
    // No bare node from a lock outlives its transaction.
    const [bare] = await fixture.db.read<{ n: number }>(
      'test.bare',
      'MATCH (n:Entity) WHERE n.placeholder IS NOT NULL RETURN count(n) AS n',
    );
    expect(bare.n).toBe(0);
  });

  it('upsertActor and upsertLocation racing on one id: one kind wins, the other is refused naming its argument', async () => {
    for (let i = 0; i < 10; i++) {
      const id = `actor-or-place-${i}`;
      const [asActor, asPlace] = await Promise.all([
        send(UPSERT_ACTOR, { a: actor(id) }),
        send(UPSERT_LOCATION, { l: place(id) }),
      ]);
      expect([codeOf(asActor), codeOf(asPlace)].sort()).toEqual(['BAD_USER_INPUT', 'OK']);
      const refused = codeOf(asActor) === 'OK' ? asPlace : asActor;
      expect(problemsOf(refused)[0].field).toBe(codeOf(asActor) === 'OK' ? 'location.id' : 'actor.id');
      const [row] = await fixture.db.read<{ labels: string[] }>(
        'test.kind',
        'MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels',
        { id },
      );
      expect(row.labels.filter((label) => label === 'Actor' || label === 'Location')).toHaveLength(1);
    }
  });

  it('two merges and a retraction racing over one duplicate: exactly one of them happens', async () => {
    for (let round = 0; round < 5; round++) {
      const [t1, t2, dup] = ['first', 'second', 'dup'].map((name) => `merge-race-${round}-${name}`);
      await ask(IMPORT, {
        b: bundle({
          actors: [actor(t1), actor(t2), actor(dup)],
          relationships: [{ type: 'OPPOSES', from: dup, to: 'mali', ...evidence }],
        }),
      });
      const responses = await Promise.all([
        send(MERGE, { t: t1, d: [dup] }),
        send(MERGE, { t: t2, d: [dup] }),
        send(RETRACT, { id: dup, reason: 'racing retraction' }),
      ]);
      const codes = responses.map(codeOf);
      expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
      expect(codes.filter((code) => code !== 'OK')).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);

      const rows = await fixture.db.read<{
        id: string;
        aliases: string[] | null;
        mergedInto: string | null;
        reason: string | null;
        opposes: number;
      }>(
        'test.merge',
        `MATCH (n:Entity) WHERE n.id IN $ids
         RETURN n.id AS id, n.aliases AS aliases, n.mergedInto AS mergedInto, n.retractedReason AS reason,
                COUNT { (n)-[:OPPOSES]->(:Entity {id: 'mali'}) } AS opposes`,
        { ids: [t1, t2, dup] },
      );
      const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
      const mergedInto = codes[0] === 'OK' ? t1 : codes[1] === 'OK' ? t2 : null;
      expect(byId[dup].mergedInto).toBe(mergedInto);
      expect(byId[dup].reason).toBe(mergedInto ? `merged into ${mergedInto}` : 'racing retraction');
      for (const target of [t1, t2]) {
        const gotIt = target === mergedInto;
        expect(byId[target].aliases ?? []).toEqual(gotIt ? [`Name of ${dup}`] : []);
        expect(byId[target].opposes).toBe(gotIt ? 1 : 0);
      }
      expect(byId[dup].opposes).toBe(mergedInto ? 0 : 1);
    }
  });

  it('two merges in opposite directions: one happens, the other finds its target or duplicate merged away', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [`swap-${round}-a`, `swap-${round}-b`];
      await ask(IMPORT, { b: bundle({ actors: [actor(a), actor(b)] }) });
      const responses = await Promise.all([send(MERGE, { t: a, d: [b] }), send(MERGE, { t: b, d: [a] })]);
      expect(responses.map(codeOf).sort()).toEqual(['BAD_USER_INPUT', 'OK']);
      const refused = responses.find((response) => codeOf(response) !== 'OK')!;
      expect(problemsOf(refused)[0].reason).toMatch(/retracted/);
      const rows = await fixture.db.read<{ id: string; mergedInto: string | null }>(
        'test.swap',
        'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.mergedInto AS mergedInto',
        { ids: [a, b] },
      );
      expect(rows.filter((row) => row.mergedInto !== null)).toHaveLength(1);
    }
  });

  it('exportBundle(ids) leaves retracted entities and relationships out', async () => {
    await ask(IMPORT, {
      b: bundle({
        actors: [actor('export-x'), actor('export-y'), actor('export-z')],
        relationships: [
          { type: 'OPPOSES', from: 'export-x', to: 'export-y', ...evidence },
          { type: 'OPPOSES', from: 'export-y', to: 'export-x', ...evidence },
          { type: 'OPPOSES', from: 'export-x', to: 'export-z', ...evidence },
        ],
      }),
    });
    await ask(RETRACT, { id: 'OPPOSES:export-y->export-x', reason: 'misread' });
    await ask(RETRACT, { id: 'export-z', reason: 'does not exist' });
    const again = await send(RETRACT, { id: 'export-z', reason: 'twice' });
    expect(problemsOf(again)).toEqual([{ field: 'id', reason: '"export-z" is already retracted' }]);
    const EXPORT = 'query($ids: [ID!], $depth: Int) { exportBundle(ids: $ids, depth: $depth) }';
    type Exported = {
      exportBundle: { actors: Array<{ id: string }>; relationships: Array<{ type: string; from: string; to: string }> };
    };

    const around = await ask<Exported>(EXPORT, { ids: ['export-x'], depth: 1 });
    expect(around.exportBundle.actors.map((a) => a.id)).toEqual(['export-x', 'export-y']);
    expect(around.exportBundle.relationships).toEqual([
      expect.objectContaining({ type: 'OPPOSES', from: 'export-x', to: 'export-y' }),
    ]);

    const asked = await ask<Exported>(EXPORT, { ids: ['export-x', 'export-z'], depth: 0 });
    expect(asked.exportBundle.actors.map((a) => a.id)).toEqual(['export-x']);
    expect(asked.exportBundle.relationships).toEqual([]);
  });
});
