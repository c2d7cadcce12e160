import DataLoader from 'dataloader';
import type { AllegationDetails } from '../allegations/allegation.repository';
import type { Allegation } from '../allegations/allegation.type';
import type { Page } from '../common/cursor';
import type { AnyEntity } from '../entities/entity.mapper';
import type { RelationshipQuery } from '../relationships/relationship.repository';
import type { Relationship } from '../relationships/relationship.type';
import type { Document } from '../documents/document.type';
import { toDocument } from '../documents/document.mapper';
import type { SourceSupport } from '../sources/source-support.type';
import type { Repositories } from './repositories';

/**
 * Per-request batching (principle 7): nested fields ask these loaders, which gather every key
 * asked in one tick and answer them with one statement.
 */
export interface Loaders {
  entity: DataLoader<string, AnyEntity | null>;
  relationships: DataLoader<{ id: string; query: RelationshipQuery }, Page<Relationship>, string>;
  allegationDetails: DataLoader<string, AllegationDetails | null>;
  actorAllegations: DataLoader<string, { made: Allegation[]; against: Allegation[] }>;
  /** Source.supports, per source and page size. */
  sourceSupport: DataLoader<{ id: string; first: number }, SourceSupport, string>;
  /** Documents by id (null: none the caller may see), without their text. */
  document: DataLoader<string, Document | null>;
  /** Document.text slices: every slice of a request in one statement (null: not visible). */
  documentText: DataLoader<{ id: string; start: number; length: number }, string | null, string>;
}

const NO_SUPPORT: SourceSupport = { entityCount: 0, relationshipCount: 0, entities: [], relationships: [] };

/**
 * DataLoader.loadMany, except that a key whose load failed (the database down, a timeout) raises
 * its error: loadMany puts the Error among the results, where a filter would silently drop it.
 */
export async function loadAll<K, V>(loader: DataLoader<K, V, unknown>, keys: readonly K[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  const failed = results.find((result): result is Error => result instanceof Error);
  if (failed) throw failed;
  return results as V[];
}

/** Allegations listed per actor (allegationsMade / allegationsAgainst). */
export const MAX_ALLEGATIONS_PER_ACTOR = 100;

const MAX_BATCH = 500;

export function createLoaders(repos: Repositories): Loaders {
  return {
    entity: new DataLoader((ids) => repos.entities.byIds(ids), { maxBatchSize: MAX_BATCH }),
    allegationDetails: new DataLoader((ids) => repos.allegations.details(ids), { maxBatchSize: MAX_BATCH }),
    actorAllegations: new DataLoader((ids) => repos.allegations.ofActors(ids, MAX_ALLEGATIONS_PER_ACTOR), {
      maxBatchSize: MAX_BATCH,
    }),
    document: new DataLoader(
      async (ids) => {
        const byId = new Map((await repos.documents.byIds(ids)).map((row) => [String(row.source.id), toDocument(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    documentText: new DataLoader(
      async (slices) => {
        const keyed = slices.map((slice) => ({ ...slice, key: `${slice.id}:${slice.start}:${slice.length}` }));
        const byKey = new Map((await repos.documents.slices(keyed)).map((row) => [row.key, row.text]));
        return keyed.map((slice) => byKey.get(slice.key) ?? null);
      },
      { maxBatchSize: 50, cacheKeyFn: (slice) => `${slice.id}:${slice.start}:${slice.length}` },
    ),
    sourceSupport: new DataLoader(
      async (keys) => {
        // One statement per page size asked (usually one).
        const byFirst = new Map<number, Map<string, SourceSupport>>();
        for (const first of new Set(keys.map((key) => key.first))) {
          byFirst.set(
            first,
            await repos.sources.supportOf(
              keys.filter((key) => key.first === first).map((key) => key.id),
              first,
            ),
          );
        }
        return keys.map((key) => byFirst.get(key.first)?.get(key.id) ?? NO_SUPPORT);
      },
      { cacheKeyFn: (key) => `${key.first}|${key.id}`, maxBatchSize: MAX_BATCH },
    ),
    relationships: new DataLoader(
      async (keys) => {
        // Keys asked with different arguments (two aliases with other `types`) are separate batches.
        const groups = new Map<string, { query: RelationshipQuery; ids: string[] }>();
        for (const key of keys) {
          const signature = JSON.stringify(key.query);
          const group = groups.get(signature) ?? { query: key.query, ids: [] };
          group.ids.push(key.id);
          groups.set(signature, group);
        }
        const pages = new Map<string, Page<Relationship>>();
        for (const [signature, group] of groups) {
          const result = await repos.relationships.pagesOf(group.ids, group.query);
          for (const [id, page] of result) pages.set(`${signature}|${id}`, page);
        }
        return keys.map(
          (key) =>
            pages.get(`${JSON.stringify(key.query)}|${key.id}`) ?? { items: [], totalCount: 0, hasNextPage: false },
        );
      },
      { cacheKeyFn: (key) => `${JSON.stringify(key.query)}|${key.id}`, maxBatchSize: MAX_BATCH },
    ),
  };
}
