import type { Page } from 'playwright-core';
import { TEST_KEYS } from '../support/app';
import { gql } from '../support/http';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { useSeededApp } from '../support/seeded-app';

/**
 * Curate and keep (issue 24, item 3) in a real Chromium, offline, on the seeded graph: hide (with
 * undo) and pin work, a view is saved as an investigation with notes on an entity and a link, and
 * the link to it, opened in a fresh page by a reader, draws every node where it stood (cytoscape
 * positions within 1 px) and shows the notes as text. Expanding by type and depth and `connect`
 * draw what the API answers.
 */

declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelector(selector: string): { textContent: string | null; innerHTML: string } | null;
};
declare const location: { search: string };
declare const window: unknown;

type Positions = Record<string, { x: number; y: number }>;

// The machine may be shared and slow: seeding and the first page load get room.
jest.setTimeout(300_000);

const { fixture } = useSeededApp();
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
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

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.loading === 'false', undefined, { timeout: 60_000 });
}

/** Every drawn node's model position (cytoscape's), by id. */
function positions(page: Page): Promise<Positions> {
  return page.evaluate(() => {
    const cy = (window as { sahelGraph: import('cytoscape').Core }).sahelGraph;
    return Object.fromEntries(cy.nodes().map((node) => [node.id(), { ...node.position() }]));
  });
}

function drawnIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as { sahelGraph: import('cytoscape').Core }).sahelGraph
      .nodes()
      .map((node) => node.id())
      .sort(),
  );
}

async function tap(page: Page, id: string): Promise<void> {
  await page.evaluate((key) => {
    (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.getElementById(key).emit('tap');
  }, id);
  await settled(page);
}

/** A fresh page of the explorer with a key typed into its credential form (kept for this tab). */
async function explorerAs(key: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${fixture.app.base}/`);
  await settled(page);
  await page.fill('#credential-value', key);
  await page.keyboard.press('Enter');
  await settled(page);
  return page;
}

async function openEntity(page: Page, id: string): Promise<void> {
  await page.goto(`${fixture.app.base}/?expand=${id}&select=${id}`);
  await settled(page);
  await page.locator('#hide-entity').waitFor();
}

describe('curate and keep in the explorer', () => {
  it('hides (and undoes), pins, saves with notes; the link reopens it in a fresh page with the same places and notes', async () => {
    const page = await explorerAs(TEST_KEYS.editor);
    await openEntity(page, 'jnim');
    const first = await drawnIds(page);
    expect(first).toEqual(expect.arrayContaining(['jnim', 'al-qaeda', 'mali']));

    // Hide: al-Qaeda leaves the drawing; undo brings it back; hidden again, it stays out of the save's drawing.
    await tap(page, 'al-qaeda');
    await page.click('#hide-entity');
    await settled(page);
    expect(await drawnIds(page)).not.toContain('al-qaeda');
    await page.click('#undo-hide');
    expect(await drawnIds(page)).toContain('al-qaeda');
    await tap(page, 'al-qaeda');
    await page.click('#hide-entity');
    await settled(page);
    expect(await drawnIds(page)).not.toContain('al-qaeda');
    expect(await page.locator('#show-hidden').innerText()).toBe('Show hidden (1)');

    // Pin: JNIM keeps its place when the view grows and is laid out again (Mali expanded).
    await tap(page, 'jnim');
    await page.click('#pin-entity');
    const pinnedAt = (await positions(page)).jnim!;
    await tap(page, 'mali');
    const grown = await drawnIds(page);
    expect(grown.length).toBeGreaterThan(first.length - 1);
    const after = (await positions(page)).jnim!;
    expect(Math.abs(after.x - pinnedAt.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.y - pinnedAt.y)).toBeLessThanOrEqual(1);
    expect(
      await page.evaluate(() =>
        (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.getElementById('jnim').hasClass('pinned'),
      ),
    ).toBe(true);

    // A note on a link, then on the selected entity (markup in it is text).
    const linkKey = await page.evaluate(() =>
      (window as { sahelGraph: import('cytoscape').Core }).sahelGraph
        .edges()
        .filter((edge) => edge.source().id() === 'mali' || edge.target().id() === 'mali')
        .first()
        .id(),
    );
    await page.evaluate((key) => {
      (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.getElementById(key).emit('tap');
    }, linkKey);
    await page.fill('#note-text', 'Check this link against the second source');
    await page.click('#keep-note');
    expect(await page.locator('#note-shown').innerText()).toBe('Check this link against the second source');
    const NOTE = 'Bamako’s junta <b>not</b> the country <script>window.pwned = 1</script>';
    await tap(page, 'mali');
    await page.fill('#note-text', NOTE);
    await page.click('#keep-note');
    expect(await page.locator('#note-shown').innerText()).toBe(NOTE);
    expect(await page.locator('#note-shown b, #note-shown script').count()).toBe(0);

    // Save, under a name; the address now names the investigation.
    await page.fill('#investigation-name', 'Blockade network');
    await page.fill('#investigation-description', 'Who JNIM and Mali are linked to');
    await page.click('#save-investigation');
    await page.waitForFunction(() => new URLSearchParams(location.search).has('investigation'));
    await page.locator('#investigation-history li').first().waitFor();
    expect(await page.locator('#status').innerText()).toContain('Saved “Blockade network” (version 1)');
    const saved = await positions(page);
    const link = page.url();
    await browser.screenshot(page, 'explorer-investigation');

    // A fresh page, a reader's key, the link: the same nodes at the same places, and the notes.
    const other = await explorerAs(TEST_KEYS.reader);
    await other.goto(link);
    await other.waitForFunction(
      (count) => (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.nodes().length === count,
      Object.keys(saved).length,
      { timeout: 60_000 },
    );
    await settled(other);
    const reopened = await positions(other);
    expect(Object.keys(reopened).sort()).toEqual(Object.keys(saved).sort());
    const off = Object.entries(saved).filter(
      ([id, at]) => Math.abs(reopened[id]!.x - at.x) > 1 || Math.abs(reopened[id]!.y - at.y) > 1,
    );
    expect(off).toEqual([]);
    expect(reopened).not.toHaveProperty('al-qaeda');
    expect(await other.locator('#note-shown').innerText()).toBe(NOTE);
    expect(await other.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await other.inputValue('#investigation-name')).toBe('Blockade network');
    await other.evaluate((key) => {
      (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.getElementById(key).emit('tap');
    }, linkKey);
    expect(await other.locator('#note-shown').innerText()).toBe('Check this link against the second source');
    await browser.screenshot(other, 'explorer-investigation-reopened');

    // The start page lists it, and opens it.
    const start = await explorerAs(TEST_KEYS.reader);
    const listed = start.locator('.start-investigations button', { hasText: 'Blockade network' });
    await listed.waitFor();
    await listed.click();
    await start.waitForFunction(() => new URLSearchParams(location.search).has('investigation'));
    await settled(start);
    await Promise.all([page.close(), other.close(), start.close()]);
  }, 240_000);

  it('expands by relationship type and depth, and draws what connect answers for a set', async () => {
    const page = await explorerAs(TEST_KEYS.reader);
    await openEntity(page, 'mali');
    await page.click('.expand-menu summary');
    await page.selectOption('#expand-types', ['MEMBER_OF']);
    await page.selectOption('#expand-depth', '2');
    await page.click('#expand-entity');
    await settled(page);
    // Depth 2 over MEMBER_OF: Mali -> the AES -> its other members.
    expect(await drawnIds(page)).toEqual(expect.arrayContaining(['mali', 'aes', 'burkina-faso', 'niger']));

    // Connect: Ukraine and JNIM put in the set, the API's connect drawn.
    await openEntity(page, 'ukraine');
    await page.click('#connect-entity');
    await page.fill('#search', 'GSIM');
    const option = page.locator('#suggestions li[data-id="jnim"]');
    await option.waitFor();
    await option.dispatchEvent('mousedown');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('select') === 'jnim');
    await settled(page);
    await page.click('#connect-entity');
    expect(await page.locator('#connect-set').innerText()).toMatch(/Ukraine.*JNIM/);
    await page.click('#connect-run');
    await settled(page);
    const answer = await gql<{ connect: { nodes: Array<{ id: string }> } }>(
      fixture.app.url,
      '{ connect(ids: ["ukraine", "jnim"]) { nodes { id } } }',
    );
    const connected = answer.body.data!.connect.nodes.map((node) => node.id);
    expect(connected.length).toBeGreaterThan(2);
    expect(await drawnIds(page)).toEqual(expect.arrayContaining(connected));
    await page.close();
  }, 120_000);
});
