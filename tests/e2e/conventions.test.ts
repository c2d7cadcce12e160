import { TEST_KEYS } from '../support/app';
import { gql } from '../support/http';
import { useSeededApp } from '../support/seeded-app';

/**
 * The conventions application developers expect (issue 23, item 0), over real HTTP on the seeded
 * real Neo4j: NOT_FOUND naming the argument and the id for an unknown id, distinct from an empty
 * answer; Relay's Node, node(id) and nodes(ids); a full PageInfo and `nodes` on every connection.
 */
describe('conventions apps expect', () => {
  const { fixture, ask, reject } = useSeededApp();

  const errorsOf = async (query: string) => {
    const response = await gql(fixture.app.url, query, {}, 20_000, { 'x-api-key': TEST_KEYS.admin });
    return { data: response.body.data, errors: response.body.errors ?? [] };
  };

  it.each([
    ['actor', '{ actor(id: "nope") { id } }', 'id'],
    ['location', '{ location(id: "nope") { id } }', 'id'],
    ['event', '{ event(id: "nope") { id } }', 'id'],
    ['allegation', '{ allegation(id: "nope") { id } }', 'id'],
    ['source', '{ source(id: "nope") { id } }', 'id'],
    ['entity', '{ entity(id: "nope") { id } }', 'id'],
    ['node', '{ node(id: "nope") { id } }', 'id'],
    ['neighborhood', '{ neighborhood(id: "nope") { truncated } }', 'id'],
    ['shortestPath', '{ shortestPath(fromId: "ukraine", toId: "nope") { length } }', 'toId'],
    ['shortestPath', '{ shortestPath(fromId: "nope", toId: "ukraine") { length } }', 'fromId'],
    ['paths', '{ paths(fromId: "ukraine", toId: "nope") { length } }', 'toId'],
    ['connect', '{ connect(ids: ["jnim", "nope"]) { truncated } }', 'ids[1]'],
    ['timeline', '{ timeline(actorId: "nope") { totalCount } }', 'actorId'],
    ['timeline', '{ timeline(locationId: "nope") { totalCount } }', 'locationId'],
    ['history', '{ history(id: "nope") { who } }', 'id'],
    ['history', '{ history(id: "SUPPORTS:nope->jnim") { who } }', 'id'],
  ])('%s answers NOT_FOUND naming the argument (%s) and the id', async (_, query, field) => {
    const { errors } = await errorsOf(query);
    expect(errors).toHaveLength(1);
    const id = query.includes('SUPPORTS:') ? 'SUPPORTS:nope->jnim' : 'nope';
    expect(errors[0].extensions).toEqual({ code: 'NOT_FOUND', field, id });
    expect(errors[0].message).toContain(`"${id}" does not exist`);
  });

  it('checks the ends of a path before anything else: an unknown end is NOT_FOUND even as both ends', async () => {
    for (const field of ['shortestPath', 'paths']) {
      const { errors } = await errorsOf(`{ ${field}(fromId: "nope", toId: "nope") { length } }`);
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'fromId', id: 'nope' });
      // Two known, equal ends are the search's own refusal.
      const same = await errorsOf(`{ ${field}(fromId: "jnim", toId: "jnim") { length } }`);
      expect(same.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toId' });
    }
  });

  it('answers NOT_FOUND for an id of another kind (kayes is a place, not an actor)', async () => {
    const { errors } = await errorsOf('{ actor(id: "kayes") { id } }');
    expect(errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id', id: 'kayes' });
    expect(errors[0].message).toBe('Actor "kayes" does not exist');
    expect((await ask<{ location: { id: string } }>('{ location(id: "kayes") { id } }')).location.id).toBe('kayes');
  });

  it('nulls only the field asked with an unknown id: the other root fields of the query answer', async () => {
    const { data, errors } = await errorsOf('{ actor(id: "nope") { id } jnim: actor(id: "jnim") { id } }');
    expect(errors.map((error) => error.path)).toEqual([['actor']]);
    expect(data).toEqual({ actor: null, jnim: { id: 'jnim' } });
  });

  it('keeps "no path between two existing entities" an empty answer without error', async () => {
    const query = (field: string) =>
      `{ ${field}(fromId: "ukraine", toId: "jnim", maxHops: 6, includeAllegations: false) { length } }`;
    expect(await ask(query('shortestPath'))).toEqual({ shortestPath: null });
    expect(await ask(query('paths'))).toEqual({ paths: [] });
    // A seeded record with no recorded change is not unknown: its history is empty.
    const { history } = await ask<{ history: unknown[] }>('{ history(id: "jnim") { who } }');
    expect(Array.isArray(history)).toBe(true);
  });

  it('answers node(id) and nodes(ids) for every kind through one global id space', async () => {
    const ids = ['jnim', 'kayes', 'wellbrock-mali-blockade'];
    const { nodes } = await ask<{ nodes: Array<{ __typename: string; id: string } | null> }>(
      `{ nodes(ids: ["jnim", "nope", "kayes", "wellbrock-mali-blockade"]) { __typename id } }`,
    );
    expect(nodes.map((node) => node?.id ?? null)).toEqual([ids[0], null, ids[1], ids[2]]);
    expect(nodes.map((node) => node?.__typename ?? null)).toEqual(['Actor', null, 'Location', 'Source']);
    const { node } = await ask<{ node: { __typename: string; id: string; name: string } }>(
      '{ node(id: "jnim") { __typename id ... on Entity { name } ... on Actor { kind } } }',
    );
    expect(node).toMatchObject({ __typename: 'Actor', id: 'jnim' });
    // Every id an Entity carries is a Node's id: one round trip refetches any of them.
    const { actors } = await ask<{ actors: { nodes: Array<{ id: string }> } }>('{ actors(first: 5) { nodes { id } } }');
    const refetched = await ask<{ nodes: Array<{ id: string }> }>(
      `{ nodes(ids: ${JSON.stringify(actors.nodes.map((a) => a.id))}) { id } }`,
    );
    expect(refetched.nodes).toEqual(actors.nodes);
  });

  it('refuses more than 100 ids in nodes(ids), naming the field', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    const refused = await reject(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.problems?.[0]?.field).toBe('ids');
    const hundred = await ask<{ nodes: unknown[] }>(`{ nodes(ids: ${JSON.stringify(ids.slice(0, 100))}) { id } }`);
    expect(hundred.nodes).toEqual(Array.from({ length: 100 }, () => null));
  });

  it('gives every connection a full PageInfo: hasPreviousPage after a cursor, startCursor, endCursor', async () => {
    type Page = {
      actors: {
        edges: Array<{ cursor: string; node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
      };
    };
    const PAGE = `query($after: String) { actors(first: 3, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const first = (await ask<Page>(PAGE)).actors;
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0].cursor,
      endCursor: first.edges[2].cursor,
    });
    const second = (await ask<Page>(PAGE, { after: first.pageInfo.endCursor })).actors;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.pageInfo.startCursor).toBe(second.edges[0].cursor);
    expect(second.edges[0].node.id > first.edges[2].node.id).toBe(true);
  });

  it('gives the relationships of an entity `nodes` (the same items as edges) and a full PageInfo', async () => {
    type Rels = {
      actor: {
        relationships: {
          edges: Array<{ id: string }>;
          nodes: Array<{ id: string }>;
          pageInfo: { hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
        };
      };
    };
    const query = `query($after: String) { actor(id: "jnim") { relationships(first: 2, after: $after) {
      edges { id } nodes { id } pageInfo { hasPreviousPage startCursor endCursor } } } }`;
    const first = (await ask<Rels>(query)).actor.relationships;
    expect(first.nodes).toEqual(first.edges);
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasPreviousPage).toBe(false);
    expect(first.pageInfo.startCursor).not.toBeNull();
    const second = (await ask<Rels>(query, { after: first.pageInfo.endCursor })).actor.relationships;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.nodes[0].id).not.toBe(first.nodes[1].id);
  });
});
