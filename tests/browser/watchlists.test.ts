import type { Page } from 'playwright-core';
import type { Database } from '../../src/db';
import { startTestApp, TEST_KEYS } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { seededDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * Watchlists in the explorer (docs/watchlists.md), in a real Chromium reaching 127.0.0.1 only:
 * a reader watches the path Russia → JNIM with the path's "Watch" button and JNIM with the
 * entity panel's, an editor corroborates a link on the path through the API, and the Alerts
 * panel shows the alert, unread, with the explanation before and after and a link to the path.
 */

/** The browser globals the page functions below use (tests compile without the DOM library). */
declare const document: { body: { dataset: Record<string, string | undefined> } };

let db: Database;
let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: TestBrowser;
let page: Page;

async function settled(): Promise<void> {
  // Generous: the machine running the suite may be shared and loaded (paths take seconds then).
  await page.waitForFunction(() => document.body.dataset.loading === 'false', undefined, { timeout: 120_000 });
}

beforeAll(async () => {
  db = await seededDatabase();
  app = await startTestApp(db, {}, { watchPollMs: 100 });
  browser = await launchBrowser();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.close();
});

afterEach(() => {
  const problems = [
    ...browser.outsideRequests.map((url) => `request outside the service: ${url}`),
    ...browser.pageProblems,
  ];
  browser.outsideRequests.length = 0;
  browser.pageProblems.length = 0;
  if (problems.length > 0)
    throw new Error(`the page did what an offline, CSP-bound page must not:\n${problems.join('\n')}`);
});

describe('watchlists in the explorer', () => {
  it('watches a path and an entity, then shows the alert with the answer before and after', async () => {
    await page.goto(`${app.base}/?from=russia&to=jnim`);
    await settled();
    expect(await page.locator('#alerts-list').innerText()).toContain('Enter a key or token');
    await page.fill('#credential-value', TEST_KEYS.reader);
    await page.keyboard.press('Enter');
    await settled();
    await page.locator('#alerts-list li', { hasText: 'No alerts' }).waitFor({ timeout: 30_000 });

    await page.click('#watch-path');
    await page.locator('#watch-path', { hasText: 'Watching' }).waitFor({ timeout: 60_000 });
    await page.goto(`${app.base}/?expand=jnim&select=jnim`);
    await settled();
    await page.click('#watch-entity');
    await page.locator('#watch-entity', { hasText: 'Watching' }).waitFor({ timeout: 60_000 });
    const watches = await gql<{ watchlist: Array<{ kind: string; entityId: string | null; fromId: string | null }> }>(
      app.url,
      '{ watchlist { kind entityId fromId toId } }',
      {},
      30_000,
      { 'x-api-key': TEST_KEYS.reader },
    );
    expect(watches.body.data!.watchlist).toEqual([
      { kind: 'PAIR', entityId: null, fromId: 'russia', toId: 'jnim' },
      { kind: 'ENTITY', entityId: 'jnim', fromId: null, toId: null },
    ]);

    const editor = { 'x-api-key': TEST_KEYS.editor };
    const source = await gql(
      app.url,
      'mutation($s: SourceInput!) { upsertSource(source: $s) { id } }',
      { s: { id: 'browser-second-report', title: 'Browser second report', kind: 'REPORT', reliability: 'B' } },
      60_000,
      editor,
    );
    expect(source.body.errors).toBeUndefined();
    const update = await gql(
      app.url,
      'mutation { updateRelationship(id: "SUPPORTS:russia->mali", changes: { sourceIds: ["wellbrock-mali-blockade", "browser-second-report"] }) { id } }',
      {},
      60_000,
      editor,
    );
    expect(update.body.errors).toBeUndefined();
    // Neither write touches JNIM or its links: the entity watch stays quiet, the path's alerts.
    // The watcher runs every 100 ms, the panel asks every 15 s: ask now, again until it is there.
    const alert = page.locator('#alerts-list li.alert.unread', { hasText: 'russia → jnim' });
    for (let i = 0; i < 60 && (await alert.count()) === 0; i++) {
      await page.click('#alerts-refresh');
      await page.waitForTimeout(1_500);
    }
    await alert.waitFor({ timeout: 5_000 });
    expect(await page.locator('#alerts-unread').innerText()).toBe('1 unread');
    expect(await alert.locator('.alert-answer.before').innerText()).toContain('Russia supports Mali.');
    expect(await alert.locator('.alert-answer.before').innerText()).not.toContain('Browser second report');
    expect(await alert.locator('.alert-answer.after').innerText()).toContain('Browser second report');
    expect(await alert.locator('.alert-title').innerText()).toContain('better score');
    await browser.screenshot(page, 'watchlist-alerts');

    await page.click('#alerts-read');
    await page.locator('#alerts-list li.alert:not(.unread)').first().waitFor();
    expect(await page.locator('#alerts-unread').innerText()).toBe('');
    await alert
      .or(page.locator('#alerts-list li.alert', { hasText: 'russia → jnim' }))
      .first()
      .locator('a.alert-open')
      .click();
    await page.waitForURL(/from=russia&to=jnim/);
    await settled();
    expect(await page.locator('#path-panel').innerText()).toContain('Browser second report');
  }, 300_000);
});
