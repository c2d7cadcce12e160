import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { seededDatabase } from '../support/database';

/**
 * A dashboard on a second origin (its own tiny server on another port of 127.0.0.1) calling the
 * API from a real Chromium: `fetch` with x-api-key and a JSON body (so the browser sends a real
 * preflight first), reading the headers the API exposes, and reading a 401's JSON. The browser
 * runs without request interception: Playwright answers intercepted preflights itself.
 */

declare const document: { body: { dataset: Record<string, string | undefined> } };
declare const window: { dashboard?: DashboardResults };

interface CallResult {
  status?: number;
  requestId?: string | null;
  rateLimit?: string | null;
  rateLimitPolicy?: string | null;
  body?: { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> };
  /** fetch rejected: what a page sees when the browser withholds the answer. */
  failed?: string;
}

interface DashboardResults {
  read: CallResult;
  badKey: CallResult;
}

/** The dashboard: one page whose own script calls the API named in its query string. */
const DASHBOARD_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Partner dashboard</title></head>
<body data-done="false">
<script>
async function call(api, key) {
  try {
    const response = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: '{ actors(first: 2) { totalCount } }' }),
    });
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      rateLimit: response.headers.get('ratelimit'),
      rateLimitPolicy: response.headers.get('ratelimit-policy'),
      body: await response.json(),
    };
  } catch (error) {
    return { failed: String(error) };
  }
}
(async () => {
  const params = new URLSearchParams(location.search);
  const api = params.get('api');
  window.dashboard = {
    read: await call(api, params.get('key')),
    badKey: await call(api, 'not-a-key'),
  };
  document.body.dataset.done = 'true';
})();
</script>
</body></html>`;

function serveDashboard(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(DASHBOARD_PAGE);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

describe('a dashboard on another origin, in Chromium', () => {
  let db: Database;
  let browser: TestBrowser;
  let dashboard: Awaited<ReturnType<typeof serveDashboard>>;
  beforeAll(async () => {
    db = await seededDatabase();
    dashboard = await serveDashboard();
    browser = await launchBrowser({ interceptRequests: false });
    // Chromium's first start on a machine shared with other test runs can take a while.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await db?.close();
  });
  afterEach(() => {
    if (!browser) return;
    const outside = [...browser.outsideRequests];
    browser.outsideRequests.length = 0;
    browser.pageProblems.length = 0;
    if (outside.length > 0) throw new Error(`the page asked outside 127.0.0.1:\n${outside.join('\n')}`);
  });

  async function openDashboard(apiUrl: string): Promise<DashboardResults> {
    const page = await browser.newPage();
    try {
      const query = new URLSearchParams({ api: apiUrl, key: TEST_KEYS.reader });
      await page.goto(`${dashboard.origin}/?${query}`);
      await page.waitForFunction(() => document.body.dataset.done === 'true');
      return (await page.evaluate(() => window.dashboard)) as DashboardResults;
    } finally {
      await page.close();
    }
  }

  it.each([
    ['any origin (the default)', undefined],
    ['the dashboard listed in CORS_ORIGINS', 'dashboard'],
  ])('reads data, X-Request-Id and RateLimit, and a 401’s JSON, when allowing %s', async (_what, listed) => {
    const env: Record<string, string> = { RATE_LIMIT_PER_MINUTE: '50' };
    if (listed) env.CORS_ORIGINS = `https://elsewhere.example.org,${dashboard.origin}`;
    const app = await startTestApp(db, env);
    try {
      const { read, badKey } = await openDashboard(app.url);
      expect(read.failed).toBeUndefined();
      expect(read.status).toBe(200);
      expect(read.body?.data).toEqual({ actors: { totalCount: expect.any(Number) } });
      expect(read.requestId).toMatch(/^[0-9a-f-]{36}$/);
      // draft-8: RateLimit: "<policy>";r=<remaining>;t=<seconds>, RateLimit-Policy: "<policy>";q=<quota>;w=60
      expect(read.rateLimit).toMatch(/;\s*r=49;\s*t=\d+/);
      expect(read.rateLimitPolicy).toMatch(/;\s*q=50;\s*w=60/);

      expect(badKey.failed).toBeUndefined();
      expect(badKey.status).toBe(401);
      expect(badKey.body?.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(badKey.requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.stop();
    }
  });

  it('is refused by the browser when CORS_ORIGINS does not list the dashboard', async () => {
    const app = await startTestApp(db, { CORS_ORIGINS: 'https://elsewhere.example.org' });
    try {
      const { read, badKey } = await openDashboard(app.url);
      // The preflight got no Access-Control-Allow-Origin: the browser never sends the request.
      expect(read.failed).toMatch(/TypeError: Failed to fetch/);
      expect(read.status).toBeUndefined();
      expect(badKey.failed).toMatch(/TypeError: Failed to fetch/);
    } finally {
      await app.stop();
    }
  });
});
