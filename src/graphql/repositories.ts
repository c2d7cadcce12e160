import type { Database } from '../db';
import { MetaRepository } from '../meta/meta.repository';

/**
 * The composition root for data access: one set of repositories per request, all on the same
 * observed gateway, so batching (DataLoader) never leaks results between requests.
 */
export interface Repositories {
  meta: MetaRepository;
}

export function createRepositories(db: Database): Repositories {
  return {
    meta: new MetaRepository(db),
  };
}
