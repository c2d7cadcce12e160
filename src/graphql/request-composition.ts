import { randomUUID } from 'node:crypto';
import type { Identity } from '../auth/identity';
import { CurationService } from '../curation/curation.service';
import { RequestBookmarks, Visibility, type Database } from '../db';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../documents/document-limits';
import { DocumentSearchService } from '../documents/document-search.service';
import { DocumentService } from '../documents/document.service';
import { ReviewService } from '../documents/review/review.service';
import { AcledImportService } from '../interop/acled/acled.service';
import { StixImportService } from '../interop/stix/stix-import.service';
import { InvestigationService } from '../investigations/investigation.service';
import { Tlp } from '../model/vocabulary';
import { WebhookService } from '../webhooks/webhook.service';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../webhooks/webhook-settings';
import { WatchService } from '../watchlists/watch.service';
import type { RequestContext, RequestStats } from './context';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';

/**
 * The composition of one request: its bookmarks, its observed gateway, the caller's view, and the
 * repositories, loaders and services built on them. The one place that wires them together.
 */
export function createRequestContext(
  db: Database,
  auth: Identity | null = null,
  requestId: string = randomUUID(),
  initialBookmarks: readonly string[] = [],
  anonymousClearance: Tlp = Tlp.CLEAR,
  documentLimits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
  webhookSettings: WebhookSettings = DEFAULT_WEBHOOK_SETTINGS,
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
  const repos = createRepositories(observed, visibility, auth?.name ?? null);
  const curation = new CurationService(observed, visibility.clearance);
  return {
    requestId,
    identity: auth?.name ?? 'anonymous',
    auth,
    visibility,
    stats,
    repos,
    loaders: createLoaders(repos),
    curation,
    bookmarks,
    acled: new AcledImportService(observed),
    stix: new StixImportService(observed),
    documents: new DocumentService(observed, visibility, documentLimits),
    documentSearch: new DocumentSearchService(repos.documents),
    review: new ReviewService(observed, visibility, curation),
    webhooks: new WebhookService(observed, webhookSettings),
    investigations: new InvestigationService(observed, visibility.clearance, auth),
    watchlists: auth ? new WatchService(observed, { owner: auth.name, visibility, entities: repos.entities }) : null,
  };
}
