import { randomUUID } from 'node:crypto';
import type { Database } from '../db';
import { createLoaders, type Loaders } from './loaders';
import { createRepositories, type Repositories } from './repositories';

/** What every resolver receives: per-request repositories (and their batching) and statistics. */
export interface RequestContext {
  requestId: string;
  /** Who is asking; recorded in the history of every write ("anonymous" until roles exist). */
  identity: string;
  stats: RequestStats;
  repos: Repositories;
  loaders: Loaders;
}

export interface RequestStats {
  /** Cypher statements this request ran: the proof that nested fields are batched. */
  statements: number;
  statementMs: number;
}

export function createRequestContext(db: Database): RequestContext {
  const stats: RequestStats = { statements: 0, statementMs: 0 };
  const observed = db.observed((event) => {
    stats.statements += 1;
    stats.statementMs += event.durationMs;
  });
  const repos = createRepositories(observed);
  return { requestId: randomUUID(), identity: 'anonymous', stats, repos, loaders: createLoaders(repos) };
}
