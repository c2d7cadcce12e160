import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db/migrations';
import { startTestApp, TEST_KEYS } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { clearGraph, openDatabase } from '../support/database';
import { gql } from '../support/http';

/**
 * Issue 22 as an investigator tries it, in a real Chromium reaching 127.0.0.1 only: the seed
 * article uploaded into an empty graph from the documents page, its proposals reviewed and
 * accepted there, and the graph that results answering the seed's questions in the explorer,
 * each hop's evidence opening the article at its sentence. Screenshots go to
 * test-artifacts/browser (document-review.png is the README's picture of the flow).
 */

/** The browser globals the page functions below use (tests compile without the DOM library). */
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
};

const ARTICLE = (() => {
  const file = readFileSync(path.join(__dirname, '..', '..', 'seed', 'sources', 'wellbrock-mali-blockade.md'), 'utf8');
  return file.slice(file.indexOf('\n', file.indexOf('## Text')) + 1).trim();
})();

type App = Awaited<ReturnType<typeof startTestApp>>;
let db: Database;
let app: App;
let browser: TestBrowser;
let page: Page;
let workDir: string;
let documentId: string;

async function settled(): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.loading === 'false');
}

/** The text of every `mark.<kind>` piece, joined: a mention inside the excerpt splits it in pieces. */
async function markedText(kind: 'focus' | 'selected'): Promise<string> {
  return page.evaluate(
    (selector) =>
      Array.from(document.querySelectorAll(selector))
        .map((mark) => mark.textContent ?? '')
        .join(''),
    `mark.${kind}`,
  );
}

beforeAll(async () => {
  db = openDatabase();
  await migrate(db);
  await clearGraph(db);
  app = await startTestApp(db);
  browser = await launchBrowser();
  page = await browser.newPage();
  workDir = mkdtempSync(path.join(tmpdir(), 'sahel-upload-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (db) {
    await clearGraph(db);
    await db.close();
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => {
  const problems = [
    ...browser.outsideRequests.map((url) => `request outside the service: ${url}`),
    ...browser.pageProblems,
  ];
  browser.outsideRequests.length = 0;
  browser.pageProblems.length = 0;
  if (problems.length > 0)
    throw new Error(`the pages did what an offline, CSP-bound page must not:\n${problems.join('\n')}`);
});

describe('documents in, in a browser', () => {
  it('an editor uploads the article: it opens with its mentions highlighted and its proposals beside it', async () => {
    await page.goto(`${app.base}/documents`);
    await settled();
    await page.fill('#credential-value', TEST_KEYS.editor);
    await page.keyboard.press('Enter');
    await settled();
    const file = path.join(workDir, 'wellbrock-mali-blockade.md');
    writeFileSync(file, ARTICLE);
    await page.setInputFiles('#doc-file', file);
    await page.fill('#doc-title', 'Mali Suffering from Jihadist Economic Blockade');
    await page.fill('#doc-author', 'Brian Wellbrock');
    await page.check('#doc-undated');
    await page.selectOption('#doc-kind', 'ARTICLE');
    await page.selectOption('#doc-reliability', 'C');
    await page.getByRole('button', { name: 'Add and review' }).click();
    await page.waitForURL(/\/documents\?id=/);
    await page.locator('#proposals li.proposal').first().waitFor({ timeout: 60_000 });
    await settled();
    documentId = new URL(page.url()).searchParams.get('id')!;

    expect(await page.locator('#document-title').innerText()).toBe('Mali Suffering from Jihadist Economic Blockade');
    // The page shows the stored text whole (it is shorter than one slice) and what the API proposes.
    const shown = await page.locator('#document .text-body').innerText();
    expect(shown.replace(/\s+/g, ' ')).toBe(ARTICLE.replace(/\s+/g, ' '));
    const answer = await gql<{ proposals: { proposals: Array<{ id: string }>; mentions: unknown[] } }>(
      app.url,
      `query($id: ID!) { proposals(documentId: $id) { proposals { id } mentions { start } } }`,
      { id: documentId },
      60_000,
      { 'x-api-key': TEST_KEYS.editor },
    );
    const { proposals, mentions } = answer.body.data!.proposals;
    expect(await page.locator('#proposals li.proposal').count()).toBe(proposals.length);
    expect(proposals.length).toBeGreaterThan(20);
    expect(await page.locator('#document mark.mention').count()).toBeGreaterThanOrEqual(mentions.length);
    // Claims are shown as claims: every allegation and denial says it is attributed, none is a fact.
    const claims = page.locator('#proposals li.proposal.allegation, #proposals li.proposal.denial');
    expect(await claims.count()).toBeGreaterThan(0);
    for (const head of await claims.locator('.proposal-head').allInnerTexts()) expect(head).toMatch(/claim|denial/);
    // A claim's suggested grade is that of the report that it was made, never of the claim itself.
    for (const grade of await claims.locator('p.grade').allInnerTexts())
      expect(grade).toMatch(/^Suggested grade of the report that it was made: credibility \d/);

    // A proposal's excerpt shows in the text where it stands.
    const first = page.locator('#proposals li.proposal.allegation').first();
    const excerpt = await first.locator('.excerpt-link').innerText();
    await first.locator('.excerpt-link').click();
    const selected = await markedText('selected');
    expect(selected.replace(/\s+/g, ' ')).toBe(excerpt.replace(/\s+/g, ' '));
    await browser.screenshot(page, 'document-review');
  });

  it('uploading the same file again opens the same document and writes nothing', async () => {
    await page.goto(`${app.base}/documents`);
    await settled();
    await page.setInputFiles('#doc-file', path.join(workDir, 'wellbrock-mali-blockade.md'));
    await page.check('#doc-undated');
    await page.getByRole('button', { name: 'Add and review' }).click();
    await page.waitForURL((url) => url.searchParams.get('id') === documentId);
    await settled();
    expect(await page.locator('#status').innerText()).toContain('already held');
  });

  it('a file larger than one request may carry is refused with the way to add it, and nothing is written', async () => {
    await page.goto(`${app.base}/documents`);
    await settled();
    const big = path.join(workDir, 'big-report.txt');
    writeFileSync(big, 'Quokkaland zephyrine dispatch. '.repeat(60_000));
    await page.setInputFiles('#doc-file', big);
    await page.check('#doc-undated');
    await page.getByRole('button', { name: 'Add and review' }).click();
    await page.waitForFunction(() => document.body.dataset.loading !== 'true');
    const status = page.locator('#status[data-kind="error"]');
    await status.waitFor();
    expect(await status.innerText()).toContain('npm run ingest');
    const { body } = await gql<{ searchDocuments: { hits: unknown[] } }>(
      app.url,
      '{ searchDocuments(query: "Quokkaland") { hits { snippet } } }',
      {},
      20_000,
      { 'x-api-key': TEST_KEYS.reader },
    );
    expect(body.data?.searchDocuments.hits).toEqual([]);
  });

  it('a dry run says what would be written; accepting all and committing decides every proposal', async () => {
    await page.goto(`${app.base}/documents?id=${documentId}`);
    await settled();
    await page.locator('#proposals li.proposal').first().waitFor();
    // Accepting a link accepts the new entities it needs (the service would refuse it without them).
    const needing = page
      .locator('#proposals li.proposal.relationship', { has: page.locator('p.hint', { hasText: 'Needs:' }) })
      .first();
    const needs = (await needing.locator('p.hint', { hasText: 'Needs:' }).innerText())
      .replace('Needs: ', '')
      .split(', ');
    expect(needs.length).toBeGreaterThan(0);
    await needing.locator('select.decision').selectOption('ACCEPT');
    for (const id of needs)
      expect(await page.locator(`#proposals li.proposal[data-id="${id}"]`).getAttribute('data-choice')).toBe('ACCEPT');
    await page.getByRole('button', { name: 'Clear choices' }).click();
    expect(await page.locator('#proposals li.proposal[data-choice="ACCEPT"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Accept all pending' }).click();
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await page.locator('#review-status[data-outcome="checked"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('#review-status').innerText()).toMatch(
      /^Dry run, nothing written: would be \d+ accepted/,
    );
    const { body } = await gql<{ entity: unknown }>(app.url, '{ entity(id: "jnim") { id } }', {}, 20_000, {
      'x-api-key': TEST_KEYS.reader,
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await page.getByRole('button', { name: 'Commit review' }).click();
    await page.locator('#review-status[data-outcome="committed"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('#review-status').innerText()).toMatch(/^Committed: \d+ accepted/);
    expect(await page.locator('#proposals li.proposal[data-status="PENDING"]').count()).toBe(0);
    expect(await page.locator('#proposals li.proposal[data-status="ACCEPTED"]').count()).toBeGreaterThan(20);
    await browser.screenshot(page, 'document-reviewed');
  });

  // The seed's questions, asked in the explorer of the graph the review made. Each path's hops
  // must all open the article at the hop's own excerpt.
  it.each([
    { question: 'who enforces the blockade', from: 'jnim', to: 'blockade-in-mali', types: ['PARTICIPATED_IN'] },
    {
      question: 'the abduction came before the blockade',
      from: 'blockade-in-mali',
      to: 'abduction-of-six-senegalese-truck-drivers',
      types: ['FOLLOWS'],
    },
    { question: 'Moscow accuses, Kiev denies', from: 'russia', to: 'ukraine', types: ['ALLEGES', 'DENIES'] },
  ])('$question: every hop of the path opens the article at its sentence', async ({ from, to, types }) => {
    await page.goto(`${app.base}/?from=${from}&to=${to}&select=${from}`);
    await settled();
    const hops = page.locator('#path-panel .path.best .hop');
    await hops.first().waitFor();
    const hopTypes = await hops.evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(hopTypes).toEqual(expect.arrayContaining(types));
    const visits: Array<{ href: string; excerpt: string }> = [];
    for (let index = 0; index < (await hops.count()); index++) {
      const hop = hops.nth(index);
      const link = hop.locator('a.open-document').first();
      expect(await link.count()).toBe(1);
      visits.push({
        href: (await link.getAttribute('href'))!,
        excerpt: await hop.locator('blockquote.excerpt').innerText(),
      });
    }
    for (const [index, visit] of visits.entries()) {
      expect(visit.href).toMatch(new RegExp(`^/documents\\?id=${documentId}&start=\\d+&end=\\d+$`));
      if (index === 0) {
        // Followed as a person would: a click in the explorer.
        await page.locator('#path-panel .path.best .hop a.open-document').first().click();
        await page.waitForURL(/\/documents\?/);
      } else {
        await page.goto(`${app.base}${visit.href}`);
      }
      await settled();
      expect((await markedText('focus')).replace(/\s+/g, ' ')).toBe(visit.excerpt.replace(/\s+/g, ' '));
      if (index === 0) await browser.screenshot(page, `document-opened-${from}-${to}`);
    }
  });
});
