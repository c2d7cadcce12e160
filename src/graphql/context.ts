import type { Identity } from '../auth/identity';
import type { LiveConnection } from '../changes/change-stream';
import type { CurationService } from '../curation/curation.service';
import type { RequestBookmarks, Visibility } from '../db';
import type { DocumentSearchService } from '../documents/document-search.service';
import type { DocumentService } from '../documents/document.service';
import type { ReviewService } from '../documents/review/review.service';
import type { AcledImportService } from '../interop/acled/acled.service';
import type { StixImportService } from '../interop/stix/stix-import.service';
import type { WebhookService } from '../webhooks/webhook.service';
import type { InvestigationService } from '../investigations/investigation.service';
import type { WatchService } from '../watchlists/watch.service';
import type { Loaders } from './loaders';
import type { Repositories } from './repositories';

/*
 * Types only: every resolver imports RequestContext, and nothing here builds anything. The
 * request's parts are composed in request-composition.ts.
 */

/** What every resolver receives: per-request repositories (and their batching) and statistics. */
export interface RequestContext {
  requestId: string;
  /** Who is asking, as the history records it: the identity's name, or "anonymous". */
  identity: string;
  /** The authenticated caller (null: anonymous), for the root fields' role check (src/auth/authorization.ts). */
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
  /** Document ingest (one write transaction per document), at the caller's clearance. */
  documents: DocumentService;
  /** Search over document texts and mentions of entities, through the caller's view. */
  documentSearch: DocumentSearchService;
  /** A curator's review of a document's proposals, at the caller's clearance, through `curation`. */
  review: ReviewService;
  /** Webhook administration (admin only, docs/webhooks.md). */
  webhooks: WebhookService;
  /** Saved investigations, read at the caller's clearance, saved under its name and role. */
  investigations: InvestigationService;
  /** The caller's watchlists and alerts (docs/watchlists.md); null for an anonymous caller. */
  watchlists: WatchService | null;
  /** Over WebSocket only (src/http/subscriptions.ts): what a subscription streams through. */
  live?: LiveConnection;
}

export interface RequestStats {
  /** Cypher statements this request ran: the proof that nested fields are batched. */
  statements: number;
  statementMs: number;
}
