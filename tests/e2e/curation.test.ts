import { readSeedBundle } from '../../src/seed/seed-loader';
import { graphCounts } from '../support/database';
import { TEST_KEYS } from '../support/app';
import { useSeededApp } from '../support/seeded-app';
import { gql } from '../support/http';

const SOURCE = 'wellbrock-mali-blockade';

/** Curation mutations over real HTTP on the seeded real Neo4j. */
describe('curating the graph', () => {
  const { fixture, ask, reject } = useSeededApp();

  const actor = (overrides: Record<string, unknown> = {}) => ({
    id: 'wagner-group',
    name: 'Wagner Group',
    aliases: ['Africa Corps'],
    kind: 'FORCE',
    sourceIds: [SOURCE],
    credibility: 3,
    excerpt: 'Despite military assistance from Russia',
    ...overrides,
  });
  const UPSERT_ACTOR =
    'mutation($actor: ActorInput!) { upsertActor(actor: $actor) { id name kind aliases sources { id } } }';
  const ADD_RELATIONSHIP =
    'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id fromId toId credibility sources { id } } }';

  // Each case writes its own ids (and reads only the seed besides), so any case passes alone or in any order.

  it('upsertActor creates, then updates, and the history says who, when and what', async () => {
    const created = await ask<{ upsertActor: { id: string; sources: Array<{ id: string }> } }>(UPSERT_ACTOR, {
      actor: actor(),
    });
    expect(created.upsertActor).toMatchObject({ id: 'wagner-group', sources: [{ id: SOURCE }] });
    await ask(UPSERT_ACTOR, { actor: actor({ description: 'Russian military contractor' }) });
    await ask(UPSERT_ACTOR, { actor: actor({ description: 'Russian military contractor' }) }); // unchanged: no new entry
    const { history } = await ask<{
      history: Array<{ change: string; who: string; operation: string; changedFields: string[]; at: string }>;
    }>('{ history(id: "wagner-group") { change who operation changedFields at } }');
    expect(history.map((h) => h.change)).toEqual(['UPDATED', 'CREATED']);
    expect(history[0]).toMatchObject({
      who: 'key:admin-tester',
      operation: 'upsertActor',
      changedFields: ['description'],
    });
    expect(history[1].changedFields).toEqual(expect.arrayContaining(['name', 'kind', 'sourceIds']));
    expect(Date.parse(history[0].at)).toBeGreaterThanOrEqual(Date.parse(history[1].at));
  });

  it('upsertLocation and upsertSource, then an event recorded with participants and places', async () => {
    await ask('mutation($s: SourceInput!) { upsertSource(source: $s) { id } }', {
      s: { id: 'example-report', title: 'Example report', kind: 'REPORT', reliability: 'B', published: '2025-11' },
    });
    await ask('mutation($l: LocationInput!) { upsertLocation(location: $l) { id } }', {
      l: {
        id: 'bamako',
        name: 'Bamako',
        kind: 'CITY',
        sourceIds: ['example-report'],
        credibility: 2,
        excerpt: 'the government in Bamako',
      },
    });
    const { recordEvent } = await ask<{
      recordEvent: {
        id: string;
        start: { precision: string };
        relationships: { edges: Array<{ type: string; role: string | null; node: { id: string } }> };
      };
    }>(
      `mutation($e: EventInput!, $p: [ParticipantInput!], $places: [ID!]) {
         recordEvent(event: $e, participants: $p, placeIds: $places) { id start { precision } relationships { edges { type role node { id } } } } }`,
      {
        e: {
          id: 'bamako-fuel-shortage',
          type: 'ECONOMIC_DISRUPTION',
          title: 'Fuel shortage in Bamako',
          start: '2025-11',
          sourceIds: ['example-report'],
          credibility: 3,
          excerpt: 'shortages of fuel',
        },
        p: [
          { actorId: 'jnim', role: 'PERPETRATOR' },
          { actorId: 'mali', role: 'TARGET' },
        ],
        places: ['bamako'],
      },
    );
    expect(recordEvent.start.precision).toBe('MONTH');
    expect(recordEvent.relationships.edges).toEqual(
      expect.arrayContaining([
        { type: 'PARTICIPATED_IN', role: 'PERPETRATOR', node: { id: 'jnim' } },
        { type: 'PARTICIPATED_IN', role: 'TARGET', node: { id: 'mali' } },
        { type: 'OCCURRED_IN', role: null, node: { id: 'bamako' } },
      ]),
    );
  });

  it('recordAllegation and recordDenial build the allegation network', async () => {
    await ask(
      `mutation($a: AllegationInput!) { recordAllegation(allegation: $a, accuserIds: ["mali"], accusedIds: ["france"], concerningIds: ["jnim"]) { id } }`,
      {
        a: {
          id: 'mali-accuses-france',
          statement: 'Mali accuses France of arming militants',
          claimTypes: ['ARMS'],
          status: 'ALLEGED',
          sourceIds: [SOURCE],
          credibility: 4,
          excerpt: 'The bloc alleges',
        },
      },
    );
    const { recordDenial } = await ask<{
      recordDenial: {
        accusers: Array<{ id: string }>;
        accused: Array<{ id: string }>;
        denials: Array<{ actor: { id: string }; date: { value: string } }>;
      };
    }>(
      `mutation($d: DenialInput!) { recordDenial(denial: $d) { accusers { id } accused { id } denials { actor { id } date { value } } } }`,
      {
        d: {
          allegationId: 'mali-accuses-france',
          actorId: 'france',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'denied',
          date: '2025-12-01',
        },
      },
    );
    expect(recordDenial).toEqual({
      accusers: [{ id: 'mali' }],
      accused: [{ id: 'france' }],
      denials: [{ actor: { id: 'france' }, date: { value: '2025-12-01' } }],
    });
  });

  it('addRelationship links existing entities with evidence', async () => {
    await ask(UPSERT_ACTOR, { actor: actor({ id: 'linked-contractor', name: 'Linked contractor' }) });
    const { addRelationship } = await ask<{
      addRelationship: {
        id: string;
        fromId: string;
        toId: string;
        credibility: number;
        sources: Array<{ id: string }>;
      };
    }>(ADD_RELATIONSHIP, {
      r: {
        type: 'SUPPORTS',
        from: 'linked-contractor',
        to: 'mali',
        sourceIds: [SOURCE],
        credibility: 3,
        excerpt: 'military assistance from Russia',
        validFrom: '2021',
      },
    });
    expect(addRelationship).toEqual({
      id: 'SUPPORTS:linked-contractor->mali',
      fromId: 'linked-contractor',
      toId: 'mali',
      credibility: 3,
      sources: [{ id: SOURCE }],
    });
    const { history } = await ask<{ history: Array<{ change: string; targetType: string }> }>(
      '{ history(id: "SUPPORTS:linked-contractor->mali") { change targetType } }',
    );
    expect(history).toEqual([{ change: 'CREATED', targetType: 'SUPPORTS' }]);
  });

  it('updateRelationship changes evidence and validity, validated and recorded', async () => {
    const UPDATE =
      'mutation($id: ID!, $c: RelationshipChangesInput!) { updateRelationship(id: $id, changes: $c) { id credibility validFrom { value } } }';
    await ask(UPSERT_ACTOR, { actor: actor({ id: 'updated-contractor', name: 'Updated contractor' }) });
    await ask(ADD_RELATIONSHIP, {
      r: {
        type: 'SUPPORTS',
        from: 'updated-contractor',
        to: 'mali',
        sourceIds: [SOURCE],
        credibility: 3,
        excerpt: 'military assistance from Russia',
        validFrom: '2021',
      },
    });
    const updated = await ask<{ updateRelationship: { credibility: number; validFrom: { value: string } | null } }>(
      UPDATE,
      {
        id: 'SUPPORTS:updated-contractor->mali',
        c: { credibility: 2, validFrom: null },
      },
    );
    expect(updated.updateRelationship).toMatchObject({ credibility: 2, validFrom: null });
    const { history } = await ask<{ history: Array<{ change: string; operation: string; changedFields: string[] }> }>(
      '{ history(id: "SUPPORTS:updated-contractor->mali") { change operation changedFields } }',
    );
    expect(history[0]).toMatchObject({ change: 'UPDATED', operation: 'updateRelationship' });
    expect(history[0].changedFields).toEqual(expect.arrayContaining(['credibility', 'validFrom']));
    expect(
      (await reject(UPDATE, { id: 'SUPPORTS:updated-contractor->mali', c: { credibility: 7 } })).problems?.[0].field,
    ).toBe('changes.credibility');
    expect((await reject(UPDATE, { id: 'SUPPORTS:nobody->mali', c: { credibility: 2 } })).code).toBe('NOT_FOUND');
  });

  it('retract hides an entity and a relationship from reads, keeps them on request and in the history', async () => {
    const RETRACT = 'mutation($id: ID!, $reason: String!) { retract(id: $id, reason: $reason) { reason by at } }';
    const NEIGHBOURS = '{ neighborhood(id: "mali", limit: 200) { nodes { id } } }';
    await ask(UPSERT_ACTOR, { actor: actor({ id: 'retracted-contractor', name: 'Retracted contractor' }) });
    await ask(ADD_RELATIONSHIP, {
      r: {
        type: 'SUPPORTS',
        from: 'retracted-contractor',
        to: 'mali',
        sourceIds: [SOURCE],
        credibility: 3,
        excerpt: 'x',
      },
    });
    const before = await ask<{
      neighborhood: { nodes: Array<{ id: string }> };
      search: Array<{ entity: { id: string } }>;
    }>(
      '{ neighborhood(id: "mali", limit: 200) { nodes { id } } search(query: "Retracted contractor") { entity { id } } }',
    );
    expect(before.neighborhood.nodes.map((n) => n.id)).toContain('retracted-contractor');
    expect(before.search.map((hit) => hit.entity.id)).toContain('retracted-contractor');
    const retracted = await ask<{ retract: { reason: string; by: string } }>(RETRACT, {
      id: 'retracted-contractor',
      reason: 'duplicate of an existing actor',
    });
    expect(retracted.retract).toMatchObject({ reason: 'duplicate of an existing actor', by: 'key:admin-tester' });
    const lists = await ask<{
      actors: { nodes: Array<{ id: string }> };
      all: { nodes: Array<{ id: string }> };
      search: Array<{ entity: { id: string } }>;
      actor: { retraction: { reason: string } | null };
    }>(
      `{ actors(first: 100) { nodes { id } } all: actors(first: 100, filter: { includeRetracted: true }) { nodes { id } }
         search(query: "Retracted contractor") { entity { id } } actor(id: "retracted-contractor") { retraction { reason } } }`,
    );
    expect(lists.actors.nodes.map((n) => n.id)).not.toContain('retracted-contractor');
    expect(lists.all.nodes.map((n) => n.id)).toContain('retracted-contractor');
    expect(lists.search.map((hit) => hit.entity.id)).not.toContain('retracted-contractor');
    expect(lists.actor.retraction?.reason).toBe('duplicate of an existing actor');
    const neighbours = await ask<{ neighborhood: { nodes: Array<{ id: string }> } }>(NEIGHBOURS);
    expect(neighbours.neighborhood.nodes.map((n) => n.id)).not.toContain('retracted-contractor');

    await ask(RETRACT, { id: 'MEMBER_OF:niger->aes', reason: 'source misread' });
    const members = await ask<{
      entity: {
        hidden: { edges: Array<{ node: { id: string } }> };
        shown: { edges: Array<{ node: { id: string }; retraction: { reason: string } | null }> };
      };
    }>(
      `{ entity(id: "aes") { hidden: relationships(types: [MEMBER_OF]) { edges { node { id } } }
           shown: relationships(types: [MEMBER_OF], includeRetracted: true) { edges { node { id } retraction { reason } } } } }`,
    );
    expect(members.entity.hidden.edges.map((e) => e.node.id).sort()).toEqual(['burkina-faso', 'mali']);
    expect(members.entity.shown.edges.find((e) => e.node.id === 'niger')?.retraction?.reason).toBe('source misread');
    const { history } = await ask<{ history: Array<{ change: string; record: string }> }>(
      '{ history(id: "MEMBER_OF:niger->aes") { change record } }',
    );
    expect(history[0]).toEqual({ change: 'RETRACTED', record: 'source misread' });
    expect((await reject(RETRACT, { id: 'no-such-thing', reason: 'because' })).code).toBe('NOT_FOUND');
    expect((await reject(RETRACT, { id: 'jnim', reason: '' })).problems?.[0].field).toBe('reason');
  });

  it('mergeEntities folds a duplicate into one entity: aliases combined, relationships moved, the merge recorded', async () => {
    await ask(UPSERT_ACTOR, {
      actor: actor({
        id: 'jnim-duplicate',
        name: 'Group for the Support of Islam',
        aliases: ['JNIM (dup)'],
        kind: 'ARMED_GROUP',
      }),
    });
    const link = (type: string, from: string, to: string, sourceIds = [SOURCE]) =>
      ask(ADD_RELATIONSHIP, { r: { type, from, to, sourceIds, credibility: 3, excerpt: 'x' } });
    await link('OPPOSES', 'jnim-duplicate', 'france');
    await link('AFFILIATED_WITH', 'jnim-duplicate', 'al-qaeda', ['malian-media']);
    await link('OPPOSES', 'mali-armed-forces', 'jnim-duplicate');

    const MERGE =
      'mutation($t: ID!, $d: [ID!]!) { mergeEntities(targetId: $t, duplicateIds: $d) { merged relationshipsMoved entity { id aliases } } }';
    const { mergeEntities } = await ask<{
      mergeEntities: { merged: string[]; relationshipsMoved: number; entity: { aliases: string[] } };
    }>(MERGE, { t: 'jnim', d: ['jnim-duplicate'] });
    expect(mergeEntities.merged).toEqual(['jnim-duplicate']);
    expect(mergeEntities.entity.aliases).toEqual(
      expect.arrayContaining(['GSIM', 'Group for the Support of Islam', 'JNIM (dup)']),
    );
    expect(mergeEntities.relationshipsMoved).toBeGreaterThanOrEqual(4); // 3 links + REPORTED_BY

    const after = await ask<{
      jnim: {
        relationships: {
          edges: Array<{ type: string; direction: string; node: { id: string }; sources: Array<{ id: string }> }>;
        };
      };
      dup: { retraction: { reason: string }; relationships: { totalCount: number } };
    }>(
      `{ jnim: entity(id: "jnim") { relationships(first: 100) { edges { type direction node { id } sources { id } } } }
         dup: entity(id: "jnim-duplicate") { retraction { reason } relationships(includeRetracted: true) { totalCount } } }`,
    );
    const edges = after.jnim.relationships.edges;
    expect(edges).toContainEqual(
      expect.objectContaining({ type: 'OPPOSES', direction: 'OUTGOING', node: { id: 'france' } }),
    );
    expect(edges).toContainEqual(
      expect.objectContaining({ type: 'OPPOSES', direction: 'INCOMING', node: { id: 'mali-armed-forces' } }),
    );
    const alQaeda = edges.filter((e) => e.type === 'AFFILIATED_WITH' && e.node.id === 'al-qaeda');
    expect(alQaeda).toHaveLength(1); // merged into the existing link, which gains the duplicate's source
    expect(alQaeda[0].sources.map((src) => src.id)).toEqual(expect.arrayContaining([SOURCE, 'malian-media']));
    expect(after.dup.retraction.reason).toBe('merged into jnim');
    expect(after.dup.relationships.totalCount).toBe(0);
    const { history } = await ask<{ history: Array<{ change: string; operation: string }> }>(
      '{ history(id: "jnim", first: 1) { change operation } }',
    );
    expect(history).toEqual([{ change: 'MERGED', operation: 'mergeEntities' }]);

    const wrongKind = await reject(MERGE, { t: 'jnim', d: ['kayes'] });
    expect(wrongKind.code).toBe('BAD_USER_INPUT');
    expect(wrongKind.problems?.[0].field).toBe('duplicateIds[0]');
  });

  it.each([
    ['an id that is not a slug', UPSERT_ACTOR, { actor: actor({ id: 'Wagner Group!' }) }, 'actor.id'],
    ['a credibility outside 1-6', UPSERT_ACTOR, { actor: actor({ credibility: 9 }) }, 'actor.credibility'],
    ['no source', UPSERT_ACTOR, { actor: actor({ sourceIds: [] }) }, 'actor.sourceIds'],
    [
      'a source that does not exist',
      UPSERT_ACTOR,
      { actor: actor({ sourceIds: ['no-such-source'] }) },
      'actor.sourceIds[0]',
    ],
    ['a name too long', UPSERT_ACTOR, { actor: actor({ name: 'x'.repeat(500) }) }, 'actor.name'],
    [
      'a date that does not exist',
      'mutation($e: EventInput!) { recordEvent(event: $e) { id } }',
      {
        e: {
          id: 'e-x',
          type: 'OTHER',
          title: 't',
          start: '2025-02-30',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'x',
        },
      },
      'event.start',
    ],
    [
      'a participant that does not exist',
      'mutation($e: EventInput!, $p: [ParticipantInput!]) { recordEvent(event: $e, participants: $p) { id } }',
      {
        e: { id: 'e-y', type: 'OTHER', title: 't', sourceIds: [SOURCE], credibility: 3, excerpt: 'x' },
        p: [{ actorId: 'nobody', role: 'TARGET' }],
      },
      'participants[0].actorId',
    ],
    [
      'a relationship whose type does not fit its ends',
      'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id } }',
      { r: { type: 'PART_OF', from: 'jnim', to: 'mali', sourceIds: [SOURCE], credibility: 3, excerpt: 'x' } },
      'relationship',
    ],
    [
      'a denial by a place',
      'mutation($d: DenialInput!) { recordDenial(denial: $d) { id } }',
      {
        d: {
          allegationId: 'russia-accuses-ukrainian-intelligence',
          actorId: 'kayes',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'x',
        },
      },
      'denial.actorId',
    ],
    [
      'a role on a relationship that takes none',
      'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id } }',
      {
        r: {
          type: 'SUPPORTS',
          from: 'russia',
          to: 'mali',
          role: 'TARGET',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'x',
        },
      },
      'relationship.role',
    ],
  ])('rejects %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, mutation, variables, field) => {
    const before = await graphCounts(fixture.db);
    const { code, problems } = await reject(mutation, variables);
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems?.map((p) => p.field)).toContain(field);
    expect(await graphCounts(fixture.db)).toEqual(before);
  });

  it('rejects an unknown enum value (actor kind, source reliability) before anything runs', async () => {
    const kind = await reject(UPSERT_ACTOR, { actor: actor({ kind: 'DRAGON' }) });
    expect(kind.code).toBe('BAD_USER_INPUT');
    expect(kind.message).toMatch(/kind/);
    const reliability = await reject('mutation($s: SourceInput!) { upsertSource(source: $s) { id } }', {
      s: { id: 'graded-z', title: 'Graded Z', kind: 'REPORT', reliability: 'Z' },
    });
    expect(reliability.code).toBe('BAD_USER_INPUT');
    expect(reliability.message).toMatch(/reliability/);
  });

  it('importBundle: a dry run counts and writes nothing; the import writes; re-importing changes nothing', async () => {
    const bundle = {
      format: 'sahel-graph-bundle',
      version: 1,
      actors: [actor({ id: 'new-armed-group', kind: 'ARMED_GROUP', name: 'New armed group' })],
      relationships: [
        { type: 'OPPOSES', from: 'new-armed-group', to: 'mali', sourceIds: [SOURCE], credibility: 4, excerpt: 'x' },
      ],
    };
    const IMPORT =
      'mutation($b: JSONObject!, $dry: Boolean) { importBundle(bundle: $b, dryRun: $dry) { dryRun nodes { created updated unchanged } relationships { created updated unchanged } } }';
    const before = await graphCounts(fixture.db);
    const dry = await ask<{
      importBundle: { dryRun: boolean; nodes: { created: number }; relationships: { created: number } };
    }>(IMPORT, { b: bundle, dry: true });
    expect(dry.importBundle).toMatchObject({ dryRun: true, nodes: { created: 1 }, relationships: { created: 2 } }); // OPPOSES + REPORTED_BY
    expect(await graphCounts(fixture.db)).toEqual(before);

    const real = await ask<{ importBundle: { nodes: { created: number } } }>(IMPORT, { b: bundle, dry: false });
    expect(real.importBundle.nodes.created).toBe(1);
    const again = await ask<{
      importBundle: {
        nodes: { created: number; updated: number; unchanged: number };
        relationships: { created: number; updated: number; unchanged: number };
      };
    }>(IMPORT, { b: bundle });
    expect(again.importBundle).toMatchObject({
      nodes: { created: 0, updated: 0, unchanged: 1 },
      relationships: { created: 0, updated: 0, unchanged: 2 },
    });
  });

  it('importBundle with one bad record at its end leaves the counts exactly as before', async () => {
    const bundle = readSeedBundle() as { actors: unknown[]; relationships: Array<Record<string, unknown>> };
    bundle.actors.push(actor({ id: 'another-group', kind: 'ARMED_GROUP' }));
    bundle.relationships.push({
      type: 'MEMBER_OF',
      from: 'another-group',
      to: 'aes',
      sourceIds: ['missing-source'],
      credibility: 3,
      excerpt: 'x',
    });
    const before = await graphCounts(fixture.db);
    const { code, problems } = await reject('mutation($b: JSONObject!) { importBundle(bundle: $b) { dryRun } }', {
      b: bundle,
    });
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems?.[0].field).toBe(`relationships[${bundle.relationships.length - 1}].sourceIds[0]`);
    expect(await graphCounts(fixture.db)).toEqual(before);
  });

  it('20 concurrent upserts of the same id leave exactly one node', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gql(
          fixture.app.url,
          UPSERT_ACTOR,
          { actor: actor({ id: 'racing-actor', description: `writer ${i}` }) },
          20_000,
          { 'x-api-key': TEST_KEYS.editor },
        ),
      ),
    );
    expect(responses.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').filter((code) => code !== 'OK')).toEqual(
      [],
    );
    const [row] = await fixture.db.read<{ n: number }>(
      'test',
      "MATCH (n:Entity {id: 'racing-actor'}) RETURN count(n) AS n",
    );
    expect(row.n).toBe(1);
  });
});
