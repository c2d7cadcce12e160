import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { TEST_KEYS } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { gql } from '../support/http';
import { useSeededApp } from '../support/seeded-app';

/**
 * The explorer's map (issue 24, item 6) in a real Chromium that may reach 127.0.0.1 only: the
 * synthetic ACLED fixture imported through the API onto the seeded graph, its events drawn at
 * their coordinates on Natural Earth's countries (no tile server), selection shared with the
 * graph both ways. Every test fails if a page asked for anything outside the service or broke
 * the Content-Security-Policy. `npm run build` first (the pages are served from dist/web).
 */

/** The browser globals the page functions below use (tests compile without the DOM library). */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface PageElement {
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
  classList: { contains(name: string): boolean };
}
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
};
declare const location: { search: string };
declare const window: unknown;
/** What the tests read of Leaflet's map (the explorer exposes it as window.sahelMap). */
interface LeafletMap {
  latLngToContainerPoint(at: [number, number]): { x: number; y: number };
  getCenter(): { lat: number; lng: number };
  getZoom(): number;
}

const FIXTURE = readFileSync(path.join(__dirname, '..', 'fixtures', 'acled', 'duplicated-actors.csv'), 'utf8');
const ROWS = (parse(FIXTURE, { columns: true }) as Array<Record<string, string>>).map((row) => ({
  id: `acled-${row.event_id_cnty!.toLowerCase()}`,
  latitude: Number(row.latitude),
  longitude: Number(row.longitude),
}));

const IMPORT = `mutation($csv: String!) { importAcled(csv: $csv) { events } }`;

// On a loaded machine, seeding, the import and a first page load can take minutes.
jest.setTimeout(240_000);

const { fixture } = useSeededApp();
let browser: TestBrowser;

beforeAll(async () => {
  // One transaction under load: more than `ask`'s 20 s may pass.
  const response = await gql<{ importAcled: { events: number } }>(fixture.app.url, IMPORT, { csv: FIXTURE }, 180_000, {
    'x-api-key': TEST_KEYS.admin,
  });
  if (response.body.data?.importAcled.events !== ROWS.length)
    throw new Error(`the ACLED fixture did not import: ${JSON.stringify(response.body.errors ?? response.body.data)}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  // Offline means offline: no tile server, no CDN, and the CSP never had to step in.
  const problems = [
    ...browser.outsideRequests.map((url) => `request outside the service: ${url}`),
    ...browser.pageProblems,
  ];
  browser.outsideRequests.length = 0;
  browser.pageProblems.length = 0;
  if (problems.length > 0)
    throw new Error(`the pages did what an offline, CSP-bound page must not:\n${problems.join('\n')}`);
});

/** Waits until the explorer has asked the API and redrawn (the map included). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.loading === 'false');
}

const selectedInUrl = (page: Page, id: string) =>
  page.waitForFunction((wanted) => new URLSearchParams(location.search).get('select') === wanted, id);

/** The fixture's events and the seeded region of Kayes (which has no coordinates), on the map. */
async function openMap(page: Page): Promise<void> {
  await page.goto(`${fixture.app.base}/?expand=${[...ROWS.map((row) => row.id), 'kayes'].join(',')}`);
  await settled(page);
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'map');
  await settled(page);
  // The countries come from the bundled TopoJSON after the map first shows.
  await page.waitForFunction(() => document.querySelectorAll('#map path.map-country').length > 200);
}

interface Placed {
  /** The marker's drawn centre, in the map container's pixels. */
  drawn: { x: number; y: number };
  /** Leaflet's own projection of the fixture's coordinates. */
  leaflet: { x: number; y: number };
  center: { lat: number; lng: number };
  zoom: number;
  size: { width: number; height: number };
}

async function placed(page: Page, row: (typeof ROWS)[number]): Promise<Placed> {
  return page.evaluate(({ id, latitude, longitude }) => {
    const map = (window as { sahelMap: LeafletMap }).sahelMap;
    const container = document.querySelector('#map')!.getBoundingClientRect();
    const marker = document.querySelector(`#map path.map-marker[data-ids~="${id}"]`);
    if (!marker) throw new Error(`no marker holds ${id}`);
    const box = marker.getBoundingClientRect();
    return {
      drawn: { x: box.left + box.width / 2 - container.left, y: box.top + box.height / 2 - container.top },
      leaflet: map.latLngToContainerPoint([latitude, longitude]),
      center: map.getCenter(),
      zoom: map.getZoom(),
      size: { width: container.width, height: container.height },
    };
  }, row);
}

/** Web Mercator (EPSG:3857) in pixels at a zoom, worked out here rather than taken from Leaflet. */
function mercator(lat: number, lng: number, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return {
    x: (scale * (lng + 180)) / 360,
    y: scale * (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)),
  };
}

describe('the map of places and events', () => {
  it("shows the ACLED fixture's events at their coordinates, on the countries, fitted in view", async () => {
    const page = await browser.newPage();
    await openMap(page);
    expect(await page.locator('#map').isVisible()).toBe(true);
    expect(await page.locator('#graph').isVisible()).toBe(false);
    for (const row of ROWS) {
      const at = await placed(page, row);
      // Where the marker is drawn is where Leaflet projects the fixture's latitude and longitude ...
      expect(Math.abs(at.drawn.x - at.leaflet.x)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(at.drawn.y - at.leaflet.y)).toBeLessThanOrEqual(1.5);
      // ... and where Web Mercator puts it, relative to the map's centre (Leaflet rounds to pixels).
      const point = mercator(row.latitude, row.longitude, at.zoom);
      const middle = mercator(at.center.lat, at.center.lng, at.zoom);
      expect(Math.abs(at.drawn.x - (point.x - middle.x + at.size.width / 2))).toBeLessThanOrEqual(2);
      expect(Math.abs(at.drawn.y - (point.y - middle.y + at.size.height / 2))).toBeLessThanOrEqual(2);
      // Fitted: every marker inside the map.
      expect(at.drawn.x).toBeGreaterThan(0);
      expect(at.drawn.y).toBeGreaterThan(0);
      expect(at.drawn.x).toBeLessThan(at.size.width);
      expect(at.drawn.y).toBeLessThan(at.size.height);
    }
    // Listed as text too, each with its coordinates.
    const onMap = page.locator('#map-placed');
    for (const row of ROWS) {
      const item = onMap.locator('li', { has: page.locator(`button[data-id="${row.id}"]`) });
      expect(await item.innerText()).toContain(`${row.latitude.toFixed(4)}, ${row.longitude.toFixed(4)}`);
    }
    // The seed's Kayes has no coordinates in its sources: listed, not placed.
    expect(await page.locator('#map-unplaced button[data-id="kayes"]').count()).toBe(1);
    expect(await page.locator('#map path.map-marker[data-ids~="kayes"]').count()).toBe(0);
    await browser.screenshot(page, 'explorer-map');
    await page.close();
  });

  it('selects in the graph what is clicked on the map, and highlights on the map what is selected in the graph', async () => {
    const page = await browser.newPage();
    await openMap(page);
    await page.getByRole('button', { name: 'Graph and map' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'both');
    await settled(page);
    const graphBox = (await page.locator('#graph').boundingBox())!;
    const mapBox = (await page.locator('#map').boundingBox())!;
    expect(graphBox.width).toBeGreaterThan(200);
    expect(mapBox.width).toBeGreaterThan(200);
    expect(graphBox.x + graphBox.width).toBeLessThanOrEqual(mapBox.x + 1);

    // Boni: two events and the place share a point; the marker offers each.
    const strike = ROWS[2]!;
    await page.locator(`#map path.map-marker[data-ids~="${strike.id}"]`).click();
    await page.locator(`.map-choices button[data-id="${strike.id}"]`).click();
    await selectedInUrl(page, strike.id);
    await settled(page);
    const selectedInGraph = () =>
      page.evaluate(() =>
        (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.$(':selected').map((element) => element.id()),
      );
    expect(await selectedInGraph()).toEqual([strike.id]);
    expect(await page.locator('#details h2').first().innerText()).toContain('Boni');
    const highlighted = () =>
      page.evaluate(() => document.querySelector('#map path.map-marker.selected')?.getAttribute('data-ids') ?? null);
    expect((await highlighted())?.split(' ')).toContain(strike.id);

    // A tap on a node in the graph moves the highlight on the map.
    const clash = ROWS[0]!;
    await page.evaluate((id) => {
      (window as { sahelGraph: import('cytoscape').Core }).sahelGraph.getElementById(id).emit('tap');
    }, clash.id);
    await selectedInUrl(page, clash.id);
    await settled(page);
    expect((await highlighted())?.split(' ')).toContain(clash.id);
    expect(await page.locator('#map path.map-marker.selected').count()).toBe(1);
    expect(await page.locator(`#map-placed li[aria-current="true"] button[data-id="${clash.id}"]`).count()).toBe(1);
    await browser.screenshot(page, 'explorer-map-beside-graph');
    await page.close();
  });
});
