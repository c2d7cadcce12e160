import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolUsage, StatementEvent } from '../db';

/**
 * Prometheus metrics, on a registry of the app's own (so several apps in one process, as in
 * tests, do not collide): GraphQL requests and latency by operation, errors by code, Neo4j
 * statement latency by operation, statements and requests in flight, and Node's process metrics.
 */
/**
 * The operation label: a name from the configured list (METRICS_OPERATIONS), `anonymous` for
 * unnamed operations, `other` for the rest. Operation names are chosen by clients; as labels
 * they would let anyone grow the metrics without bound (one series per name).
 */
export function operationLabel(name: string | null | undefined, known: ReadonlySet<string>): string {
  if (!name) return 'anonymous';
  return known.has(name) ? name : 'other';
}

export function createMetrics(pool?: { usage: PoolUsage; max: number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sahel_' });
  const requests = new Counter({
    name: 'sahel_graphql_requests_total',
    help: 'GraphQL requests by operation name and HTTP status',
    labelNames: ['operation', 'status'],
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'sahel_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const rootFields = new Counter({
    name: 'sahel_graphql_root_fields_total',
    help: 'Root fields asked for, by field name (names from the schema, so the set is closed)',
    labelNames: ['type', 'field'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'sahel_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'],
    registers: [registry],
  });
  const statementSeconds = new Histogram({
    name: 'sahel_neo4j_statement_duration_seconds',
    help: 'Neo4j statement latency by operation and access mode',
    labelNames: ['operation', 'mode', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const sharedStoreErrors = new Counter({
    name: 'sahel_rate_limit_store_errors_total',
    help: 'Rate-limit counter operations Redis failed (counted in the process instead), by limit',
    labelNames: ['limit'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'sahel_graphql_requests_in_flight',
    help: 'GraphQL requests being served',
    registers: [registry],
  });
  if (pool) registerPoolGauges(registry, pool);

  return {
    registry,
    inFlight,
    /** Statement listener for the gateway (Database.observed). */
    onStatement(event: StatementEvent): void {
      // Operation names are constants of the code (never request text), so the label set stays small.
      statementSeconds.observe(
        { operation: event.operation, mode: event.mode, outcome: event.failed ? 'error' : 'ok' },
        event.durationMs / 1000,
      );
    },
    /** Called with root fields of operations that passed validation (so they exist in the schema). */
    onRootFields(type: 'query' | 'mutation' | 'subscription', fields: Iterable<string>): void {
      for (const field of fields) rootFields.inc({ type, field });
    },
    /** A rate limit's Redis operation failed: that count was kept in the process instead. */
    onSharedStoreError(limit: 'requests' | 'auth_failures'): void {
      sharedStoreErrors.inc({ limit });
    },
    onRequest(operation: string, status: number, seconds: number, errorCodes: string[]): void {
      requests.inc({ operation, status: String(status) });
      requestSeconds.observe({ operation }, seconds);
      for (const code of errorCodes) errors.inc({ code });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The Neo4j pool's use and size, read when scraped. */
function registerPoolGauges(registry: Registry, pool: { usage: PoolUsage; max: number }): void {
  // The driver does not publish its pool; each open transaction holds one pooled connection.
  const inUse = new Gauge({
    name: 'sahel_neo4j_pool_connections_in_use',
    help: 'Neo4j connections held by open transactions',
    registers: [registry],
    collect() {
      this.set(pool.usage.active);
    },
  });
  const max = new Gauge({
    name: 'sahel_neo4j_pool_connections_max',
    help: 'Neo4j connection pool size (NEO4J_MAX_POOL_SIZE)',
    registers: [registry],
  });
  max.set(pool.max);
  void inUse;
}
