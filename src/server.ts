import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import cors from 'cors';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Config } from './config';
import { migrationsCurrent, type Database } from './db';
import { ExportRepository } from './bundle/export.repository';
import { exportWholeBundle, streamExport, type ExportFormat } from './bundle/export.service';
import { AppError, ErrorCode, ServiceUnavailableError } from './errors';
import { Authenticator } from './auth/authenticator';
import { createRequestContext, type RequestContext } from './graphql/context';
import { boundedParsing, queryLimits } from './graphql/limits';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './observability/metrics';

/**
 * The HTTP face of the service: /graphql (Apollo Server 5 on express), /healthz (the process is
 * up) and /readyz (Neo4j answers and every migration is applied). `stop()` drains in-flight
 * requests before it returns; closing the driver is the caller's job (main.ts owns the driver).
 */

const EXPORT_DOWNLOADS: Readonly<Record<string, { format: ExportFormat; type: string }>> = {
  'bundle.json': { format: 'json', type: 'application/json' },
  'graph.graphml': { format: 'graphml', type: 'application/xml' },
  'nodes.csv': { format: 'nodes.csv', type: 'text/csv' },
  'edges.csv': { format: 'edges.csv', type: 'text/csv' },
};

export interface AppOptions {
  config: Pick<Config, 'host' | 'port' | 'isProduction' | 'auth' | 'limits'> & { neo4j?: Pick<Config['neo4j'], 'maxPoolSize'> };
  db: Database;
  schema: GraphQLSchema;
  logger: Logger;
}

export interface RunningApp {
  url: string;
  httpServer: http.Server;
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
      (original === undefined || original instanceof GraphQLError || code === ErrorCode.BAD_USER_INPUT);
    if (ownError || operationError) {
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

/**
 * One structured log line per GraphQL request (operation, duration, statements run, identity,
 * error codes) and the matching metrics.
 */
export function requestLogPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      metrics.inFlight.inc();
      return {
        async willSendResponse({ request, response, errors, operationName }) {
          metrics.inFlight.dec();
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          const seconds = (performance.now() - started) / 1000;
          const status = response.http.status ?? (codes.length && !response.body ? 500 : 200);
          // Unnamed operations share one label: names come from clients, so cap their variety.
          const operation = (operationName ?? request.operationName ?? 'anonymous').slice(0, 64);
          metrics.onRequest(operation, status, seconds, codes);
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? request.operationName ?? null,
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

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, schema, logger } = options;
  const metrics = createMetrics({ usage: options.db.pool, max: config.neo4j?.maxPoolSize ?? 0 });
  const db = options.db.observed((event) => metrics.onStatement(event));
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

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
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.isProduction
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false, embed: true }),
      requestLogPlugin(logger, metrics),
      queryLimits(config.limits),
    ],
  });
  await apollo.start();

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  let migrationsKnownCurrent = false;
  app.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      // Once current, migrations stay current for the life of the process: skip the query.
      migrationsKnownCurrent ||= await migrationsCurrent(db);
      if (!migrationsKnownCurrent) {
        res.status(503).json({ status: 'unavailable', reason: 'migrations are not applied' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({
        status: 'unavailable',
        reason: error instanceof AppError ? error.message : 'the graph database did not answer',
      });
    }
  });

  // Whole-graph downloads, streamed page by page: the bundle (re-importable), GraphML, CSV.
  app.get('/export/:file', async (req, res) => {
    const download = EXPORT_DOWNLOADS[req.params.file];
    if (!download) {
      res.status(404).json({ error: `unknown export; one of ${Object.keys(EXPORT_DOWNLOADS).join(', ')}` });
      return;
    }
    const repo = new ExportRepository(db);
    try {
      if (download.format === 'json') {
        const bundle = await exportWholeBundle(repo);
        res.type(download.type).attachment(`sahel-graph-${req.params.file}`).send(JSON.stringify(bundle, null, 2));
        return;
      }
      res.type(download.type).attachment(`sahel-graph-${req.params.file}`);
      await streamExport(repo, download.format, (chunk) =>
        res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', () => resolve())),
      );
      res.end();
    } catch (error) {
      logger.error({ err: error, file: req.params.file }, 'export failed');
      if (res.headersSent) {
        res.destroy();
      } else {
        res.status(error instanceof ServiceUnavailableError ? 503 : 500).json({ error: 'export failed' });
      }
    }
  });

  const authenticator = new Authenticator(config.auth);
  app.use(
    '/graphql',
    cors(),
    rateLimit({
      windowMs: 60_000,
      limit: config.limits.ratePerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Per identity where there is one (the credential, hashed), else per address.
      keyGenerator: (req) => {
        const credential = req.headers['x-api-key'] ?? req.headers.authorization;
        return credential ? createHash('sha256').update(String(credential)).digest('hex') : ipKeyGenerator(req.ip ?? 'unknown');
      },
      handler: (_req, res) => {
        res.status(429).json({
          errors: [{ message: `Rate limit of ${config.limits.ratePerMinute} requests a minute exceeded; retry later`, extensions: { code: ErrorCode.RATE_LIMITED } }],
        });
      },
    }),
    express.json({ limit: config.limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      // Bad credentials fail here with UNAUTHENTICATED (401); no credentials mean anonymous.
      context: async ({ req }) => createRequestContext(db, await authenticator.identify(req.headers)),
    }),
  );

  // Errors before GraphQL (body too large, broken JSON) get a JSON answer in GraphQL's shape,
  // never express's HTML page with a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = status === 413 ? `Request body exceeds the limit of ${config.limits.maxBodyBytes} bytes` : 'Malformed request body (expected JSON)';
      res.status(status).json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT, limit: status === 413 ? 'body' : undefined } }] });
      return;
    }
    const errorId = randomUUID();
    logger.error({ errorId, err: error }, 'unhandled HTTP error');
    res.status(500).json({ errors: [{ message: `Internal server error (error id ${errorId})`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId } }] });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}/graphql`;

  return {
    url,
    httpServer,
    async stop() {
      // Stops accepting connections, lets in-flight operations finish, then closes idle ones.
      await apollo.stop();
    },
  };
}
