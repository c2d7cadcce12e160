import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express, { type RequestHandler } from 'express';
import {
  GraphQLError,
  Kind,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Config } from './config';
import { BookmarkCheck, type Database } from './db';
import { AppError, ErrorCode } from './errors';
import { Authenticator } from './auth/authenticator';
import type { RequestContext } from './graphql/context';
import { createRequestContext } from './graphql/request-composition';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { boundedParsing, queryLimits } from './graphql/limits';
import { identityOf } from './auth/identity';
import { attachSubscriptions, type SubscriptionLimits } from './http/subscriptions';
import { WatchLoop, WATCH_POLL_MS } from './watchlists/watch-loop';
import { authentication, requireRole } from './http/authentication';
import { bookmarkHeader, bookmarkPlugin, bookmarksOf } from './http/bookmarks';
import { corsHandler } from './http/cors';
import { HttpDrain } from './http/drain';
import { exportRoutes } from './http/export.routes';
import { healthRoutes } from './http/health.routes';
import { sendError } from './http/http-error';
import { metricsHandler, metricsOnApiPort, startMetricsServer } from './http/metrics.routes';
import { AuthFailureLimit, requestLimit, type RequestLimit } from './http/rate-limits';
import type { SharedStateLink } from './http/redis';
import { operationChoicePlugin } from './http/operation-choice';
import { exportCacheHeaders, publicCachePlugin, type PublicCacheOptions } from './http/public-cache';
import { requestId } from './http/request-id';
import type { Logger } from './logger';
import { createMetrics, operationLabel, type Metrics } from './observability/metrics';
import { webRoutes } from './web/web.routes';

/**
 * The HTTP face of the service. One pipeline for every data route, in this order:
 *   request id -> CORS (/graphql, /export: preflights end there) -> (health, metrics: their own
 *   rules) -> authentication (headers only; an address failing too often: 429 for bad credentials)
 *   -> rate limit per identity -> the X-Neo4j-Bookmark header (http/bookmarks.ts) -> body parser
 *   sized by role -> the route (/graphql, /export/* with the reader role). /graphql returns the
 *   bookmarks of its writes.
 * The IDE and explorer pages (src/web) are static and come before authentication.
 * `stop()` drains in-flight requests (SHUTDOWN_GRACE_MS) before it returns; closing the driver
 * is the caller's job (main.ts owns the driver).
 */

export interface AppOptions {
  config: Pick<
    Config,
    'host' | 'port' | 'isProduction' | 'auth' | 'limits' | 'metrics' | 'readinessTimeoutMs' | 'shutdownGraceMs' | 'web'
  > &
    Partial<Pick<Config, 'trustProxy' | 'cors' | 'documents' | 'webhooks' | 'changes' | 'watchlists'>> & {
      redis?: Pick<Config['redis'], 'url'>;
      neo4j?: Pick<Config['neo4j'], 'maxPoolSize'>;
    };
  db: Database;
  schema: GraphQLSchema;
  logger: Logger;
  /** Redis (REDIS_URL): where the rate limits count, shared by every replica. Unset: in the process. */
  shared?: SharedStateLink;
  /** Limits of graphql-ws subscriptions (src/http/subscriptions.ts); unset: the defaults. */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /**
   * How often the watcher reads the change feed for watchlist alerts (docs/watchlists.md); 0: not
   * in this process. Unset: WATCH_POLL_MS from the configuration.
   */
  watchPollMs?: number;
}

export interface RunningApp {
  url: string;
  httpServer: http.Server;
  /** The separate metrics listener's URL (METRICS_PORT), if there is one. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // graphql-js and Apollo's own codes for malformed operations.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors we raise on purpose (AppError) and graphql-js's own input errors pass through; anything
 * else is a bug or an unexpected driver failure: the client gets a generic message and an error
 * id, the log gets the details under the same id. No stack traces, no Cypher, in any mode.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo hands us the error it formatted: resolver errors wrap what was thrown, its own
    // parse/validation errors wrap graphql-js's GraphQLError.
    const original = (error as { originalError?: unknown })?.originalError;
    const code = formatted.extensions?.code;
    const ownError = original instanceof AppError;
    const operationError =
      typeof code === 'string' &&
      KNOWN_CODES.has(code) &&
      // Whatever carries this code was not raised on purpose: its message is not for clients.
      code !== ErrorCode.INTERNAL_SERVER_ERROR &&
      (original === undefined || original instanceof GraphQLError || code === ErrorCode.BAD_USER_INPUT);
    if ((ownError && code !== ErrorCode.INTERNAL_SERVER_ERROR) || operationError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    logger.error({ errorId, err: original ?? error, path: formatted.path }, 'internal error');
    return {
      message: `Internal server error (error id ${errorId})`,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId },
    };
  };
}

/** Root field names of the operation (fields and inline fragments at the top; closed by the schema). */
function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD
      ? [selection.name.value]
      : selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet.selections
            .filter((inner) => inner.kind === Kind.FIELD)
            .map((inner) => inner.name.value)
        : [],
  );
}

/**
 * One structured log line per GraphQL request (request id, operation, duration, statements run,
 * identity, error codes) and the matching metrics, labelled only by names from a closed set.
 */
export function requestLogPlugin(
  logger: Logger,
  metrics: Metrics,
  knownOperations: ReadonlySet<string>,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      metrics.inFlight.inc();
      return {
        async didResolveOperation({ operation }) {
          if (operation) metrics.onRootFields(operation.operation, new Set(rootFieldNames(operation)));
        },
        async willSendResponse({ request, response, errors, operationName }) {
          metrics.inFlight.dec();
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          const seconds = (performance.now() - started) / 1000;
          const status = response.http.status ?? (codes.length && !response.body ? 500 : 200);
          const name = operationName ?? request.operationName ?? null;
          metrics.onRequest(operationLabel(name, knownOperations), status, seconds, codes);
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: name?.slice(0, 128) ?? null,
              identity: contextValue.identity,
              durationMs: Math.round(seconds * 1000),
              statements: contextValue.stats.statements,
              errorCodes: codes,
              status,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * JSON bodies up to MAX_BODY_BYTES, or MAX_ADMIN_BODY_BYTES for an authenticated admin (imports).
 * One JSON.parse: 7-68 ms for a 4.8 MB body at load 6 on the 2-core machine. A streaming parser
 * (stream-json) kept the event loop free but cost 10-100 times the CPU, and refused an oversized
 * list in 400-700 ms instead of under 100 (docs/http.md).
 */
function bodyParser(limits: Config['limits']): RequestHandler {
  const ordinary = express.json({ limit: limits.maxBodyBytes });
  const admin = express.json({ limit: limits.maxAdminBodyBytes });
  return (req, res, next) => {
    const limit = identityOf(res)?.role === 'admin' ? limits.maxAdminBodyBytes : limits.maxBodyBytes;
    res.locals.bodyLimit = limit;
    return (limit === limits.maxBodyBytes ? ordinary : admin)(req, res, next);
  };
}

/** When answers are public (docs/http.md): anonymous reads on, PUBLIC_CACHE_MAX_AGE_S above 0. */
function publicCacheOptions(config: Pick<Config, 'auth'> & { publicCacheMaxAgeS?: number }): PublicCacheOptions {
  return { maxAgeS: config.publicCacheMaxAgeS ?? 30, anonymousReads: config.auth.anonymousReads };
}

/** Apollo Server with the service's plugins, started (its routes are mounted by startApp). */
async function startApollo(
  { config, schema, logger }: AppOptions,
  metrics: Metrics,
): Promise<ApolloServer<RequestContext>> {
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: config.limits.introspection,
    // main.ts owns SIGTERM: it drains HTTP, then closes the driver and the local Neo4j in order.
    stopOnTerminationSignals: false,
    // Token limit for the parser, bounded caches of parsed documents and persisted queries.
    ...boundedParsing(config.limits),
    plugins: [
      // No Apollo landing page (it loads from Apollo's CDN): src/web serves GraphiQL and the explorer.
      ApolloServerPluginLandingPageDisabled(),
      // First: the checks and logs after it may assume operationName picked one operation.
      operationChoicePlugin(),
      requestLogPlugin(logger, metrics, new Set(config.metrics.operations)),
      queryLimits(config.limits),
      bookmarkPlugin(),
      // Cache-Control is publicCachePlugin's. Apollo's cache-control plugin (installed unless
      // disabled) would answer no-store to every query, and computes a policy at every field of
      // every answer (its willResolveField hook makes Apollo wrap each resolver in the schema).
      ApolloServerPluginCacheControlDisabled(),
      publicCachePlugin(publicCacheOptions(config)),
    ],
  });
  await apollo.start();
  return apollo;
}

/**
 * Errors before GraphQL (body too large, broken JSON) get a JSON answer in GraphQL's shape, never
 * express's HTML page with a stack trace.
 */
function bodyErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const limit = res.locals.bodyLimit as number | undefined;
      if (status === 413)
        sendError(
          res,
          413,
          ErrorCode.BAD_USER_INPUT,
          `Request body exceeds the limit of ${limit} bytes; larger imports go through the command line (npm run import)`,
          { field: 'body', limit: 'body', max: limit },
        );
      else sendError(res, status, ErrorCode.BAD_USER_INPUT, 'Malformed request body (expected JSON)');
      return;
    }
    const errorId = randomUUID();
    logger.error({ errorId, err: error, requestId: res.locals.requestId }, 'unhandled HTTP error');
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, `Internal server error (error id ${errorId})`, { errorId });
  };
}

/** Everything that serves data: authenticated from headers, limited, then parsed and routed. */
function dataRoutes(
  app: express.Express,
  { config, logger, shared }: AppOptions,
  db: Database,
  apollo: ApolloServer<RequestContext>,
  metrics: Metrics,
): { authFailures: AuthFailureLimit; requests: RequestLimit } {
  const authenticator = new Authenticator(config.auth);
  const stores = {
    shared,
    logger,
    onSharedError: (limit: 'requests' | 'auth_failures') => metrics.onSharedStoreError(limit),
  };
  const authFailures = new AuthFailureLimit(config.limits.authFailuresPerMinute, stores);
  const requests = requestLimit(
    { identified: config.limits.ratePerMinute, anonymous: config.limits.anonymousRatePerMinute },
    stores,
  );
  app.use(authFailures.gate, authentication(authenticator, authFailures), requests.handler);
  // Downloads honour X-Neo4j-Bookmark too: an export right after a write (any replica) holds it.
  // The header is checked against the graph before any route runs (one check for every route).
  const bookmarks = bookmarkHeader(new BookmarkCheck(db));
  app.use(
    '/export',
    requireRole('reader', config.auth.anonymousReads),
    bookmarks,
    exportCacheHeaders(publicCacheOptions(config)),
    exportRoutes(db, logger, config.auth.clearance.anonymous),
  );
  app.use(
    '/graphql',
    bookmarks,
    bodyParser(config.limits),
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        createRequestContext(
          db,
          identityOf(res),
          res.locals.requestId as string,
          bookmarksOf(res),
          config.auth.clearance.anonymous,
          config.documents,
          config.webhooks,
        ),
    }),
  );

  return { authFailures, requests };
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const metrics = createMetrics({ usage: options.db.pool, max: config.neo4j?.maxPoolSize ?? 0 });
  const db = options.db.observed((event) => metrics.onStatement(event));
  const app = express();
  app.disable('x-powered-by');
  // Behind the cluster's proxy, req.ip (the limits' client key) is the client's, from X-Forwarded-For.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  const drain = new HttpDrain(httpServer, logger);

  const apollo = await startApollo(options, metrics);
  // graphql-ws on the same port and path: WebSocket upgrades of /graphql (docs/changes.md).
  const subscriptions = attachSubscriptions(httpServer, {
    schema: options.schema,
    db,
    config,
    logger,
    limits: options.subscriptionLimits,
    formatError: formatError(logger),
    shared: options.shared,
    signals: { url: config.redis?.url, ...config.changes },
  });

  // Webhooks (docs/webhooks.md): the dispatcher reads the feed and the outbox in Neo4j, through
  // the unobserved gateway (its statements are not a request's, nor counted as one).
  const dispatcher = config.webhooks?.dispatch ? new WebhookDispatcher(options.db, config.webhooks, logger) : undefined;
  dispatcher?.start();

  app.use(drain.track, requestId());
  // Before any page route or refusal: preflights end here, and every answer of the data routes
  // (errors included) carries the CORS headers.
  app.use(['/graphql', '/export'], corsHandler(config.cors ?? { origins: '*' }));
  app.use(healthRoutes(db, config.readinessTimeoutMs));
  // The IDE and the explorer are static pages (no data): served before authentication.
  app.use(webRoutes(config.web));
  const metricsGate = metricsOnApiPort(config);
  if (metricsGate) app.get('/metrics', metricsGate, metricsHandler(metrics));

  const limits = dataRoutes(app, options, db, apollo, metrics);
  app.use(bodyErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const metricsServer = await startMetricsServer(config, metrics);
  // The watchlists' watcher: off the write path, on the unobserved gateway (its statements are
  // no request's), resuming from its cursor in Neo4j.
  const watchPollMs = options.watchPollMs ?? config.watchlists?.pollMs ?? WATCH_POLL_MS;
  const watcher = watchPollMs > 0 ? new WatchLoop(options.db, logger, watchPollMs) : undefined;
  watcher?.start();
  const address = httpServer.address() as AddressInfo;
  const host = (where: AddressInfo) => (where.address === '0.0.0.0' ? '127.0.0.1' : where.address);
  const metricsAddress = metricsServer?.address() as AddressInfo | undefined;

  return {
    url: `http://${host(address)}:${address.port}/graphql`,
    metricsUrl: metricsAddress && `http://${host(metricsAddress)}:${metricsAddress.port}/metrics`,
    httpServer,
    async stop() {
      // The dispatcher finishes its round (POSTs are bounded); what it had not sent stays in the outbox.
      await dispatcher?.stop();
      await watcher?.stop();
      // Subscribers are told first (close 1001, going away): they resume elsewhere with `after`.
      await subscriptions.close();
      // Stops accepting, answers in-flight requests with Connection: close, then closes sockets.
      await drain.drain(config.shutdownGraceMs);
      await apollo.stop();
      limits.authFailures.shutdown();
      limits.requests.shutdown();
      if (metricsServer) {
        metricsServer.closeAllConnections();
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      }
    },
  };
}
