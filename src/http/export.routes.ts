import { Router } from 'express';
import { ExportRepository, exportWholeBundle, streamExport, type ExportFormat } from '../bundle/export';
import { RequestBookmarks, Visibility, type Database } from '../db';
import { ErrorCode, ServiceUnavailableError } from '../errors';
import { exportStix } from '../interop/stix/stix.service';
import { parseTlp } from '../interop/stix/stix-markings';
import type { Logger } from '../logger';
import { Tlp } from '../model/vocabulary';
import { identityOf } from '../auth/identity';
import { bookmarksOf } from './bookmarks';
import { sendError } from './http-error';

const EXPORT_DOWNLOADS: Readonly<Record<string, { format: ExportFormat | 'stix'; type: string }>> = {
  'bundle.json': { format: 'json', type: 'application/json' },
  'graph.graphml': { format: 'graphml', type: 'application/xml' },
  'nodes.csv': { format: 'nodes.csv', type: 'text/csv' },
  'edges.csv': { format: 'edges.csv', type: 'text/csv' },
  'stix.json': { format: 'stix', type: 'application/stix+json;version=2.1' },
};

/**
 * Whole-graph downloads, streamed page by page: the bundle (re-importable), GraphML, CSV, and
 * STIX 2.1. Every format holds only what the caller may see (its TLP clearance, or
 * `anonymousClearance` without credentials); `?tlp=GREEN` lowers that level, never raises it
 * (STIX: CLEAR when not given, as before; the others: the caller's clearance; docs/security.md).
 * The app mounts this behind authentication, the rate limit, the reader role and the bookmark
 * header (server.ts), so a download made after a write, through any replica, includes that write.
 */
export function exportRoutes(db: Database, logger: Logger, anonymousClearance: Tlp = Tlp.CLEAR): Router {
  const router = Router();
  router.get('/:file', async (req, res) => {
    const download = EXPORT_DOWNLOADS[req.params.file];
    if (!download) {
      sendError(res, 404, ErrorCode.NOT_FOUND, `Unknown export; one of ${Object.keys(EXPORT_DOWNLOADS).join(', ')}`);
      return;
    }
    const asked = typeof req.query.tlp === 'string' ? parseTlp(req.query.tlp) : undefined;
    if (req.query.tlp !== undefined && !asked) {
      sendError(res, 400, ErrorCode.BAD_USER_INPUT, 'tlp must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED', {
        field: 'tlp',
      });
      return;
    }
    // Reads wait for the bookmarks the client sent (read-your-writes across replicas).
    const causal = db.causal(new RequestBookmarks(bookmarksOf(res)));
    const caller = new Visibility(causal, identityOf(res)?.clearance ?? anonymousClearance);
    const repo = new ExportRepository(causal, caller).lowered(asked ?? Tlp.RED);
    // The STIX export's own level (its markings) is the lower of the asked one (CLEAR by default) and the clearance.
    const tlp = repo.visibility.lowered(asked ?? Tlp.CLEAR).clearance;
    try {
      if (download.format === 'stix') {
        const stix = await exportStix(repo, tlp);
        // attachment() sets the type from the file name (.json), so the STIX media type goes after it.
        res
          .attachment(`sahel-graph-${req.params.file}`)
          .type(download.type)
          .send(JSON.stringify(stix, null, 2));
        return;
      }
      if (download.format === 'json') {
        const bundle = await exportWholeBundle(repo);
        res
          .type(download.type)
          .attachment(`sahel-graph-${req.params.file}`)
          .send(JSON.stringify(bundle, null, 2));
        return;
      }
      res.type(download.type).attachment(`sahel-graph-${req.params.file}`);
      await streamExport(repo, download.format, (chunk) =>
        res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', () => resolve())),
      );
      res.end();
    } catch (error) {
      logger.error({ err: error, file: req.params.file, requestId: res.locals.requestId }, 'export failed');
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof ServiceUnavailableError) {
        sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, error.message);
      } else {
        sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, `Export failed (request id ${res.locals.requestId})`);
      }
    }
  });
  return router;
}
