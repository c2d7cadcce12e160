import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { WEB_DIR } from '../../src/paths';
import { CONTENT_SECURITY_POLICY } from '../../src/web/web.routes';
import { startTestApp } from '../support/app';
import { openDatabase } from '../support/database';
import { gql } from '../support/http';

/** The pages and assets over real HTTP: caching, the CSP, and when the IDE is served at all. */
describe('web pages and assets', () => {
  let db: Database;
  let dev: Awaited<ReturnType<typeof startTestApp>>;
  let production: Awaited<ReturnType<typeof startTestApp>>;
  let productionWithIde: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
    dev = await startTestApp(db);
    production = await startTestApp(db, { NODE_ENV: 'production' });
    productionWithIde = await startTestApp(db, { NODE_ENV: 'production', IDE_ENABLED: 'true' });
  });
  afterAll(async () => {
    await Promise.all([dev.stop(), production.stop(), productionWithIde.stop()]);
    await db.close();
  });

  const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it.each([
    { path: '/', title: 'Graph explorer' },
    { path: '/documents', title: 'Documents' },
  ])('serves $path with a same-origin-only CSP and no caching of the page', async ({ path: route, title }) => {
    const response = await fetch(`${dev.base}${route}`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const page = (await response.text()).replace(/<!--[\s\S]*?-->/g, '');
    expect(page).toContain(`<title>sahel-graph · ${title}</title>`);
    // Nothing from elsewhere, no inline script or style.
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toMatch(/<script defer src="\/assets\//);
    expect(page).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
  });

  it('serves hashed assets with a year-long immutable cache, and 404 for unknown ones', async () => {
    const page = await (await fetch(`${dev.base}/`)).text();
    const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset).toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
      const response = await fetch(`${dev.base}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // The bytes served are the ones the build wrote.
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(WEB_DIR, asset)))).toBe(true);
    }
    const missing = await fetch(`${dev.base}/assets/explorer-NOTAHASH.js`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${dev.base}/assets/../../package.json`)).status).toBe(404);
  });

  it('keeps /graphql an API for JSON GETs and POSTs while browsers get the IDE', async () => {
    const ide = await fetch(dev.url, { headers: html });
    expect(ide.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await ide.text()).toContain('<title>sahel-graph · GraphQL IDE</title>');
    const post = await gql(dev.url, '{ __typename }');
    expect(post.body).toEqual({ data: { __typename: 'Query' } });
    const get = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves no IDE and no landing page in production unless IDE_ENABLED=true', async () => {
    const off = await fetch(production.url, { headers: html });
    // Apollo answers as the API it is (a GET without an operation), with no page of any kind.
    expect(off.status).toBe(400);
    expect(off.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await off.text()).not.toMatch(/<html/i);
    const on = await fetch(productionWithIde.url, { headers: html });
    expect(on.status).toBe(200);
    expect(await on.text()).toContain('<title>sahel-graph · GraphQL IDE</title>');
  });
});
