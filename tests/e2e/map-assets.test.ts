import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { PROJECT_ROOT } from '../../src/paths';
import { CONTENT_SECURITY_POLICY } from '../../src/web/web.routes';
import { startTestApp } from '../support/app';
import { openDatabase } from '../support/database';

/**
 * The explorer's map data and styles over real HTTP (`npm run build` first): Natural Earth's
 * countries as the build copied them, Leaflet's stylesheet and its images, each from this service,
 * with the same CSP, type and cache as every other asset. No tile server: the page needs nothing else.
 */
describe('the map assets', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let script = '';
  let styles = '';

  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
    app = await startTestApp(db);
    const page = await (await fetch(`${app.base}/`)).text();
    const asset = (pattern: RegExp) => page.match(pattern)?.[1] ?? '';
    script = await (await fetch(`${app.base}${asset(/src="(\/assets\/explorer-[A-Z0-9]{8}\.js)"/)}`)).text();
    styles = await (await fetch(`${app.base}${asset(/href="(\/assets\/explorer-[A-Z0-9]{8}\.css)"/)}`)).text();
  }, 240_000); // migrations on a loaded machine can take minutes
  afterAll(async () => {
    await app?.stop();
    await db?.close();
  });

  const expectServedAsset = (response: Response, type: RegExp) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  };

  it("serves Natural Earth's countries as JSON under a hashed name, the bytes of world-atlas", async () => {
    const addresses = [...script.matchAll(/"(\/assets\/countries-50m-[A-Z0-9]{8}\.json)"/g)].map((match) => match[1]);
    expect(addresses).toHaveLength(1);
    const response = await fetch(`${app.base}${addresses[0]}`);
    expectServedAsset(response, /^application\/json/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const original = readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'world-atlas', 'countries-50m.json'));
    expect(bytes.equals(original)).toBe(true);
    const topology = JSON.parse(bytes.toString('utf8')) as {
      type: string;
      objects: { countries: { geometries: Array<{ properties: { name: string } }> } };
    };
    expect(topology.type).toBe('Topology');
    const names = topology.objects.countries.geometries.map((country) => country.properties.name);
    expect(names).toEqual(expect.arrayContaining(['Mali', 'Burkina Faso', 'Niger', 'Senegal', 'Mauritania']));
  });

  it("bundles Leaflet's stylesheet with the explorer's, its images served from here", async () => {
    expect(styles).toContain('.leaflet-container');
    expect(styles).toContain('.map-marker');
    const images = [...styles.matchAll(/url\("?\.\/([a-z0-9-]+-[A-Z0-9]{8}\.png)"?\)/gi)].map((match) => match[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of new Set(images)) expectServedAsset(await fetch(`${app.base}/assets/${image}`), /^image\/png/);
    // Nothing in the script or the styles points at a tile server or any other origin to load.
    expect(styles).not.toMatch(/url\((['"]?)(https?:)?\/\//);
    expect(script).not.toMatch(/\{s\}\.tile|tile\.openstreetmap|\/\{z\}\/\{x\}\/\{y\}/);
  });
});
