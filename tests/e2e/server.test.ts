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
    app = await startTestApp(db, { METRICS_OPERATIONS: 'About' });
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
    const response = await gql<{ about: { version: string; migrations: string[] } }>(
      app.url,
      '{ about { version migrations } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.about.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(response.body.data?.about.migrations).toContain('0001_entity_id_unique');
  });

  it('serves /healthz and /readyz', async () => {
    expect(await getStatus(`${app.base}/healthz`)).toBe(200);
    expect(await getStatus(`${app.base}/readyz`)).toBe(200);
  });

  it('shows the self-hosted GraphQL IDE to a browser opening /graphql', async () => {
    const response = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<title>sahel-graph · GraphQL IDE<\/title>/);
    expect(html).not.toMatch(/apollo|https?:\/\//i);
  });

  it('exposes Prometheus metrics: requests by operation, errors by code, Neo4j statement latency', async () => {
    await gql(app.url, 'query About { about { version } }');
    await gql(app.url, '{ nope }');
    const text = await (await fetch(`${app.base}/metrics`)).text();
    expect(text).toMatch(/sahel_graphql_requests_total\{operation="About",status="200"\} [1-9]/);
    expect(text).toMatch(/sahel_graphql_request_duration_seconds_bucket\{le="[^"]+",operation="About"\}/);
    expect(text).toMatch(/sahel_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/);
    expect(text).toMatch(
      /sahel_neo4j_statement_duration_seconds_count\{operation="meta.migrations",mode="READ",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(/sahel_process_resident_memory_bytes/);
    expect(text).toMatch(/sahel_neo4j_pool_connections_in_use 0/);
    expect(text).toMatch(/sahel_neo4j_pool_connections_max 50/);
  });

  it('answers a malformed query with a coded error and no stack trace', async () => {
    const response = await gql(app.url, '{ about { nope } }');
    expect(response.status).toBe(400);
    const [error] = response.body.errors ?? [];
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\bat .*\.js:\d+/);
  });
});
