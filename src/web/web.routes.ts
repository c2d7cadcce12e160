import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { WEB_DIR } from '../paths';

/**
 * The browser side of the service: the graph explorer at `/`, documents and their review at
 * `/documents`, the GraphiQL IDE at `/graphql` (for
 * browsers only, and only when enabled) and their bundles under `/assets/`. The pages and bundles
 * are built by `npm run build` (tools/web/build-web.ts) into dist/web; nothing is loaded from
 * another origin, and the Content-Security-Policy below makes the browser enforce that.
 */

export interface WebOptions {
  /** Serve the IDE to browsers at GET /graphql (config IDE_ENABLED; on outside production). */
  ideEnabled: boolean;
  /** Where the build put the pages and assets; default dist/web of this project. */
  webDir?: string;
}

/**
 * Only this origin: no CDN, no inline script or style, no framing, no plugins. Fonts and images
 * may also be data: URLs (GraphiQL's CSS embeds its fonts) and images blob: URLs (the PNG export).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES = { explorer: 'explorer.html', ide: 'ide.html', documents: 'documents.html' } as const;
type Page = keyof typeof PAGES;

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * A browser opening /graphql asks for HTML and sends no operation; API clients ask for JSON (or
 * anything) or send `query`. Only the former gets the IDE.
 */
function wantsIde(req: Request): boolean {
  if (req.query.query !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export function webRoutes(options: WebOptions): Router {
  const webDir = options.webDir ?? WEB_DIR;
  const router = express.Router();

  // Read on each request (a few KB): a rebuild while the service runs renames the hashed assets.
  const sendPage = async (page: Page, res: Response) => {
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    let html: string;
    try {
      html = await readFile(path.join(webDir, PAGES[page]), 'utf8');
    } catch {
      res.status(503).type('text/plain').send('The web pages are not built: run `npm run build`.');
      return;
    }
    res.type('html').send(html);
  };

  // Bundles carry a content hash in their names, so they never change: cache them for a year.
  router.use(
    '/assets',
    express.static(path.join(webDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      redirect: false,
      setHeaders: (res) => securityHeaders(res),
    }),
    (_req, res) => {
      res.status(404).type('text/plain').send('No such asset');
    },
  );

  router.get('/', (_req, res) => sendPage('explorer', res));
  // Documents in and the curator's review; also where evidence from a document opens (?id=&start=&end=).
  router.get('/documents', (_req, res) => sendPage('documents', res));

  router.get('/graphql', (req, res, next) => {
    if (!options.ideEnabled || !wantsIde(req)) return next();
    return sendPage('ide', res);
  });

  return router;
}
