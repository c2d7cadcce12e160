import { randomUUID } from 'node:crypto';
import type { Identity } from '../auth/identity';
import { CurationService } from '../curation/curation.service';
import { RequestBookmarks, Visibility, type Database } from '../db';
import { AcledImportService } from '../interop/acled/acled.service';
import { StixImportService } from '../interop/stix/stix-import.service';
import { Tlp } from '../model/vocabulary';
import { createLoaders, type Loaders } from './loaders';
import { createRepositories, type Repositories } from './repositories';

/** What every resolver receives: per-request repositories (and their batching) and statistics. */
export interface RequestContext {
  requestId: string;
  /** Who is asking, as the history records it: the identity's name, or "anonymous". */
  identity: string;
  /** The authenticated caller (null: anonymous), for the authorization middleware. */
  auth: Identity | null;
  /** What this caller may see (its TLP clearance); every repository of the request reads through it. */
  visibility: Visibility;
  stats: RequestStats;
  repos: Repositories;
  loaders: Loaders;
  /** The curation use cases (each one write transaction), on the same observed gateway. */
  curation: CurationService;
  /** Every transaction of this request runs after these (read-your-writes); writes add theirs. */
  bookmarks: RequestBookmarks;
  /** The ACLED import (one write transaction), on the same observed gateway. */
  acled: AcledImportService;
  /** The STIX import (one write transaction), on the same observed gateway. */
  stix: StixImportService;
}

export interface RequestStats {
  /** Cypher statements this request ran: the proof that nested fields are batched. */
  statements: number;
  statementMs: number;
}

export function createRequestContext(
  db: Database,
  auth: Identity | null = null,
  requestId: string = randomUUID(),
  initialBookmarks: readonly string[] = [],
  anonymousClearance: Tlp = Tlp.CLEAR,
): RequestContext {
  const stats: RequestStats = { statements: 0, statementMs: 0 };
  // One bookmark manager per request: a mutation's re-read waits for its own write, and the
  // bookmarks the client sent (X-Neo4j-Bookmark) make every read wait for its earlier writes.
  const bookmarks = new RequestBookmarks(initialBookmarks);
  const observed = db.causal(bookmarks).observed((event) => {
    stats.statements += 1;
    stats.statementMs += event.durationMs;
  });
  const visibility = new Visibility(observed, auth?.clearance ?? anonymousClearance);
  const repos = createRepositories(observed, visibility);
  return {
    requestId,
    identity: auth?.name ?? 'anonymous',
    auth,
    visibility,
    stats,
    repos,
    loaders: createLoaders(repos),
    curation: new CurationService(observed, visibility.clearance),
    bookmarks,
    acled: new AcledImportService(observed),
    stix: new StixImportService(observed),
  };
}
