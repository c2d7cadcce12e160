import type { Database } from '../../src/db';
import { migrate } from '../../src/db';
import { startTestApp } from '../support/app';
import { openDatabase } from '../support/database';
import { getStatus, gql } from '../support/http';

describe('HTTP server', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    db = openDatabase();
    await migrate(db);
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('answers { __typename } at /graphql', async () => {
    const response = await gql(app.url, '{ __typename }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('reports the graph it serves, read from Neo4j', async () => {
    const response = await gql<{ about: { version: string; migrations: string[] } }>(app.url, '{ about { version migrations } }');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.about.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(response.body.data?.about.migrations).toContain('0001_entity_id_unique');
  });

  it('serves /healthz and /readyz', async () => {
    expect(await getStatus(`${app.base}/healthz`)).toBe(200);
    expect(await getStatus(`${app.base}/readyz`)).toBe(200);
  });

  it('shows a GraphQL IDE to a browser opening /graphql', async () => {
    const response = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<html[\s\S]*(sandbox|Apollo)/i);
  });

  it('answers a malformed query with a coded error and no stack trace', async () => {
    const response = await gql(app.url, '{ about { nope } }');
    expect(response.status).toBe(400);
    const [error] = response.body.errors ?? [];
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\bat .*\.js:\d+/);
  });
});
