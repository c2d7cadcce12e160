import DataLoader from 'dataloader';
import { graphql, type GraphQLSchema } from 'graphql';
import type { AnyEntity } from '../../src/entities/entity.mapper';
import { toEntity } from '../../src/entities/entity.mapper';
import type { RequestContext } from '../../src/graphql/context';
import type { Loaders } from '../../src/graphql/loaders';
import { buildGraphSchema } from '../../src/graphql/schema';
import { citedSources } from '../../src/sources/cited-sources';
import { gradePaths } from '../../src/traversal/traversal.service';

/**
 * The sources behind claims come from the per-request entity loader. When that load fails (the
 * database down, a timeout), the error must reach the client: before, every `sources` field
 * dropped it and answered an empty list, and paths were scored as if they had no evidence.
 */
const actor = toEntity({
  labels: ['Entity', 'Actor', 'ArmedGroup'],
  props: {
    id: 'jnim',
    name: 'JNIM',
    kind: 'ARMED_GROUP',
    sourceIds: ['report'],
    credibility: 2,
    excerpt: 'x',
    createdAt: '2025-01-01',
  },
});
const source = toEntity({
  labels: ['Entity', 'Source'],
  props: {
    id: 'report',
    name: 'A report',
    title: 'A report',
    kind: 'ARTICLE',
    reliability: 'C',
    createdAt: '2025-01-01',
  },
});

/** An entity loader that knows `known` and fails every other id, as a failed statement does. */
function entityLoader(known: AnyEntity[], failure = new Error('the graph database did not answer')) {
  return new DataLoader<string, AnyEntity | null>(async (ids) =>
    ids.map((id) => known.find((entity) => entity.id === id) ?? failure),
  );
}

describe('sources read through the entity loader', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('returns the sources among the ids, leaving out ids that are not sources', async () => {
    expect(await citedSources({ entity: entityLoader([actor, source]) }, ['report', 'jnim'])).toEqual([source]);
  });

  it('raises the loader error instead of answering an empty list', async () => {
    await expect(citedSources({ entity: entityLoader([actor]) }, ['report'])).rejects.toThrow(
      'the graph database did not answer',
    );
  });

  it('raises it when grading paths, rather than scoring them without evidence', async () => {
    const raw = {
      nodes: [actor],
      edges: [
        {
          type: 'OPERATES_IN',
          fromId: 'jnim',
          toId: 'mali',
          props: { id: 'r', sourceIds: ['report'], credibility: 2 },
        },
      ],
      allegations: [],
    };
    const loaders = { entity: entityLoader([actor]) } as Loaders;
    await expect(gradePaths([raw] as never, (ids) => citedSources(loaders, ids))).rejects.toThrow(
      'the graph database did not answer',
    );
  });

  it('an entity whose sources fail to load answers the error at `sources`, not an empty list', async () => {
    const loaders = { entity: entityLoader([actor]) } as Partial<Loaders>;
    const result = await graphql({
      schema,
      source: '{ entity(id: "jnim") { id sources { id } } }',
      contextValue: { loaders } as RequestContext,
    });
    expect(result.errors?.map((error) => ({ message: error.message, path: error.path }))).toEqual([
      { message: 'the graph database did not answer', path: ['entity', 'sources'] },
    ]);
  });
});
