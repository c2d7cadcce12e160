import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './system-tools';

/** Debian's chromium (the suite's global set-up installs it when absent: system-tools.ts). */
export const CHROMIUM = CHROMIUM_PATH;

/** Screenshots of every browser test, for a person to look at; git-ignored. */
export const ARTIFACTS_DIR = path.join(__dirname, '..', '..', 'test-artifacts', 'browser');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  /** Every request a page made to anywhere but 127.0.0.1: aborted, and listed here. */
  outsideRequests: string[];
  /** Content-Security-Policy violations and page errors the browser reported. */
  pageProblems: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Abort requests outside 127.0.0.1 (default). Off: they are only recorded, and no request is
   * intercepted, because Playwright answers CORS preflights of intercepted requests itself
   * (allowing everything), which would hide the server's own CORS answers from a test.
   */
  interceptRequests?: boolean;
}

/**
 * A real Chromium with a fresh profile, 1280x800, that may talk to 127.0.0.1 only: every other
 * request is aborted and recorded, so a test can fail on it.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (npm test's global set-up does this as root)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'sahel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    serviceWorkers: 'block',
  });
  const outsideRequests: string[] = [];
  const pageProblems: string[] = [];
  const outside = (url: string) => new URL(url).hostname !== '127.0.0.1';
  if (options.interceptRequests === false) {
    context.on('request', (request) => {
      if (outside(request.url())) outsideRequests.push(request.url());
    });
  } else {
    await context.route('**/*', async (route) => {
      if (!outside(route.request().url())) {
        await route.continue();
      } else {
        outsideRequests.push(route.request().url());
        await route.abort('blockedbyclient');
      }
    });
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) pageProblems.push(message.text());
    });
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    outsideRequests,
    pageProblems,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      const file = path.join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
