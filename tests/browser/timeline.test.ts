import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { useSeededApp } from '../support/seeded-app';

/**
 * The timeline as a view of the graph, in a real Chromium on the seeded graph (offline, under the
 * CSP): the events in view on a time axis coloured by status, undated ones in their lane in the
 * FOLLOWS order, the filters applied, and brushing a period (mouse or keys) re-asking the graph.
 */

/** The browser globals the page functions below use (tests compile without the DOM library). */
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelectorAll(selector: string): ArrayLike<MarkElement>;
};
declare const location: { search: string };
declare const window: unknown;
interface MarkElement {
  getAttribute(name: string): string | null;
  classList: { contains(name: string): boolean };
  querySelector(selector: string): MarkElement | null;
  textContent: string | null;
}

/** What the axis draws for each event: lane, order, dates, status and the paint of its shape. */
interface AxisMark {
  id: string;
  status: string;
  lane: string;
  order: string | null;
  start: string | null;
  end: string | null;
  fill: string;
  stroke: string;
  selected: boolean;
}

async function axisMarks(page: Page): Promise<AxisMark[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('#timeline-axis .event-mark')).map((mark) => {
      const shape = mark.querySelector('.bar, .dot');
      return {
        id: mark.getAttribute('data-id') ?? '',
        status: mark.getAttribute('data-status') ?? '',
        lane: mark.getAttribute('data-lane') ?? '',
        order: mark.getAttribute('data-order'),
        start: mark.getAttribute('data-start'),
        end: mark.getAttribute('data-end'),
        fill: shape?.getAttribute('fill') ?? '',
        stroke: shape?.getAttribute('stroke') ?? '',
        selected: mark.classList.contains('selected'),
      };
    }),
  );
}

/** The drawn entities, read from cytoscape (window.sahelGraph). */
async function drawnNodes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as { sahelGraph: import('cytoscape').Core }).sahelGraph
      .nodes()
      .map((node) => node.id())
      .sort(),
  );
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.loading === 'false');
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

// Seeding and a real browser on a shared, loaded machine: generous rather than tight.
jest.setTimeout(240_000);

const { fixture, ask } = useSeededApp();
let browser: TestBrowser;

/** The entities the explorer should draw for `expand`, as the API answers its own query (60 a neighbourhood). */
async function apiView(
  expand: string[],
  filters: Record<string, string> = {},
): Promise<{ nodes: string[]; events: Map<string, string> }> {
  const nodes = new Set<string>();
  const events = new Map<string, string>();
  for (const id of expand) {
    const data = await ask<{ neighborhood: { nodes: Array<{ __typename: string; id: string; status?: string }> } }>(
      `query($id: ID!, $asOf: String, $from: String, $to: String) {
        neighborhood(id: $id, depth: 1, limit: 60, asOf: $asOf, from: $from, to: $to) { nodes { __typename id ... on Event { status } } }
      }`,
      { id, ...filters },
    );
    for (const node of data.neighborhood.nodes) {
      nodes.add(node.id);
      if (node.__typename === 'Event') events.set(node.id, node.status!);
    }
  }
  return { nodes: [...nodes].sort(), events };
}

/**
 * The page x of a moment on the axis (a year with a fraction: 2015.5 is mid-2015), from the first
 * and last year ticks drawn (the axis is linear; how many ticks it draws depends on its width).
 */
async function axisX(page: Page, year: number): Promise<number> {
  const box = (await page.locator('#timeline-axis').boundingBox())!;
  const ticks = await page.evaluate(() =>
    Array.from(document.querySelectorAll('#timeline-axis .tick-label')).map((tick) => ({
      year: Number(tick.textContent),
      x: Number(tick.getAttribute('x')),
    })),
  );
  const first = ticks[0]!;
  const last = ticks[ticks.length - 1]!;
  return box.x + first.x + ((year - first.year) * (last.x - first.x)) / (last.year - first.year);
}

const VIEW = ['jnim', 'sahel', 'aes'];

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

describe('the timeline of the events in view', () => {
  it('draws every event in view coloured by its status, partial dates over their period, undated ones in their lane in FOLLOWS order', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=${VIEW.join(',')}`);
    await settled(page);
    const expected = await apiView(VIEW);
    expect(await drawnNodes(page)).toEqual(expected.nodes);
    const marks = await axisMarks(page);
    // Exactly the events the graph holds, each with the API's status.
    expect(Object.fromEntries(marks.map((mark) => [mark.id, mark.status]))).toEqual(
      Object.fromEntries(expected.events),
    );
    expect(expected.events.get('aes-icj-legal-action')).toBe('CONSIDERED');
    // Colour by status: occurred the event's colour, ongoing teal, what did not happen hollow in the ○ mark's colour.
    const paint = Object.fromEntries(marks.map((mark) => [mark.status, `${mark.fill} ${mark.stroke}`]));
    expect(paint).toMatchObject({
      OCCURRED: '#8a5a9f #8a5a9f',
      ONGOING: '#0f766e #0f766e',
      CONSIDERED: '#ffffff #7c3aed',
    });
    expect(await page.locator('.timeline-legend li[data-status="CONSIDERED"]').innerText()).toBe(
      'considered ○ did not happen',
    );
    // A year is drawn over the whole year; the coups over 2020–2023.
    const byId = new Map(marks.map((mark) => [mark.id, mark]));
    expect(byId.get('jnim-insurgency')).toMatchObject({ lane: 'dated', start: '2012-01-01', end: '2012-12-31' });
    expect(byId.get('sahel-coups-2020-2023')).toMatchObject({ lane: 'dated', start: '2020-01-01', end: '2023-12-31' });
    // Undated events in their own lane, numbered so that what an event follows comes first.
    const undated = marks.filter((mark) => mark.lane === 'undated');
    expect(undated.length).toBeGreaterThanOrEqual(4);
    const order = (id: string) => Number(byId.get(id)?.order);
    expect(order('senegalese-drivers-abduction')).toBeLessThan(order('jnim-economic-blockade'));
    expect(order('jnim-economic-blockade')).toBeLessThan(order('malian-airstrikes'));
    expect(order('senegalese-drivers-abduction')).toBeLessThan(order('jnim-public-warning'));
    expect(
      await page
        .locator(
          '#timeline-axis path.follows[data-from="senegalese-drivers-abduction"][data-to="jnim-economic-blockade"]',
        )
        .count(),
    ).toBe(1);
    expect(await page.locator('#timeline-view .follows-note').innerText()).toContain(
      'ordered by FOLLOWS links in the sources',
    );
    await browser.screenshot(page, 'timeline');
    copyFileSync(
      path.join(__dirname, '..', '..', 'test-artifacts', 'browser', 'timeline.png'),
      path.join(__dirname, '..', '..', 'docs', 'timeline.png'),
    );

    // Clicking an event selects it in the graph; selecting in the graph highlights it on the axis.
    await page.locator('#timeline-axis .event-mark[data-id="jnim-insurgency"] .bar').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('select') === 'jnim-insurgency');
    await settled(page);
    expect(
      await page.evaluate(() =>
        (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.$(':selected').map((n) => n.id()),
      ),
    ).toEqual(['jnim-insurgency']);
    expect((await axisMarks(page)).filter((mark) => mark.selected).map((mark) => mark.id)).toEqual(['jnim-insurgency']);
    await page.evaluate(() =>
      (window as { sahelGraph: import('cytoscape').Core }).sahelGraph
        .getElementById('senegalese-drivers-abduction')
        .emit('tap'),
    );
    await page.waitForFunction(
      () => new URLSearchParams(location.search).get('select') === 'senegalese-drivers-abduction',
    );
    await settled(page);
    expect((await axisMarks(page)).filter((mark) => mark.selected).map((mark) => mark.id)).toEqual([
      'senegalese-drivers-abduction',
    ]);
    await page.close();
  });

  it('applies asOf: with asOf 2011 neither the axis nor the actor’s timeline lists the 2012 insurgency; with 2012 both do', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=jnim&select=jnim&asOf=2011`);
    await settled(page);
    await page.locator('#timeline h2').waitFor();
    expect((await axisMarks(page)).map((mark) => mark.id)).not.toContain('jnim-insurgency');
    expect(await page.locator('#timeline').innerText()).not.toContain('Insurgency in Mali');
    expect(await page.locator('#timeline-period').innerText()).toContain('as of 2011');

    await page.fill('#as-of', '2012');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('asOf') === '2012');
    await settled(page);
    await page.locator('#timeline li', { hasText: 'Insurgency in Mali' }).waitFor();
    expect((await axisMarks(page)).map((mark) => mark.id)).toContain('jnim-insurgency');
    await page.close();
  });

  it('brushing a period with the mouse reads the graph over it (the API’s answer), puts it in the address, and Clear undoes it', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=${VIEW.join(',')}`);
    await settled(page);
    const all = await drawnNodes(page);
    const axis = page.locator('#timeline-axis');
    // In view first: mouse coordinates outside the viewport reach nothing.
    await axis.scrollIntoViewIfNeeded();
    const box = (await axis.boundingBox())!;
    const y = box.y + 12; // the band of the tick labels: not on an event
    const from = await axisX(page, 2012.1);
    const to = await axisX(page, 2015.5);
    // hover checks the axis itself receives the pointer there (nothing drawn over it), then drags.
    await axis.hover({ position: { x: from - box.x, y: 12 } });
    await page.mouse.down();
    await page.mouse.move(to, y, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => new URLSearchParams(location.search).has('dateTo'));
    expect([param(page, 'dateFrom'), param(page, 'dateTo')]).toEqual(['2012', '2015']);
    await settled(page);
    const expected = await apiView(VIEW, { from: '2012', to: '2015' });
    const drawn = await drawnNodes(page);
    expect(drawn).toEqual(expected.nodes);
    expect(drawn).not.toEqual(all);
    expect(drawn).toContain('jnim-insurgency');
    // The coups began in 2020, the undated events are not known in the period.
    expect(drawn).not.toContain('sahel-coups-2020-2023');
    expect(drawn).not.toContain('jnim-economic-blockade');
    expect((await axisMarks(page)).map((mark) => mark.id)).toEqual(['jnim-insurgency']);
    expect(await page.locator('#timeline-axis rect.period').getAttribute('data-from')).toBe('2012-01-01');
    expect(await page.locator('#timeline-axis rect.period').getAttribute('data-to')).toBe('2015-12-31');
    await browser.screenshot(page, 'timeline-brushed');

    await page.locator('#timeline-clear').click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('dateFrom'));
    await settled(page);
    expect(await drawnNodes(page)).toEqual(all);
    await page.close();
  });

  it('brushes by keyboard: arrows pick the period, Shift+arrow moves its end, Enter applies, Escape clears', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixture.app.base}/?expand=${VIEW.join(',')}`);
    await settled(page);
    await page.focus('#timeline-axis');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#timeline-period').innerText()).toContain('Period picked: 2013 – 2015');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('dateFrom') === '2013');
    await settled(page);
    expect(param(page, 'dateTo')).toBe('2015');
    expect(await drawnNodes(page)).toEqual((await apiView(VIEW, { from: '2013', to: '2015' })).nodes);

    await page.focus('#timeline-axis');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('dateTo'));
    await settled(page);
    expect(await drawnNodes(page)).toEqual((await apiView(VIEW)).nodes);
    await page.close();
  });
});
