import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import express, { type RequestHandler } from 'express';
import { bearerToken } from '../auth/authenticator';
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import type { Metrics } from '../observability/metrics';
import { sendError } from './http-error';

/**
 * Where /metrics is served, as Prometheus setups do it:
 * - METRICS_PORT set: only on that separate listener (METRICS_HOST, loopback by default), which
 *   the scraper reaches and the public does not; the API port has no /metrics;
 * - else METRICS_TOKEN set: on the API port, for `Authorization: Bearer <METRICS_TOKEN>` only;
 * - else open on the API port outside production, and absent (404) in production.
 */
export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export function metricsOnApiPort(config: Pick<Config, 'metrics' | 'isProduction'>): RequestHandler | undefined {
  const { token, port } = config.metrics;
  if (port !== undefined) return undefined;
  if (token) {
    const expected = digest(token);
    return (req, res, next) => {
      const given = bearerToken(req.headers.authorization);
      if (!given || !timingSafeEqual(digest(given), expected)) {
        sendError(res, 401, ErrorCode.UNAUTHENTICATED, '/metrics needs Authorization: Bearer <METRICS_TOKEN>');
        return;
      }
      next();
    };
  }
  return config.isProduction ? undefined : (_req, _res, next) => next();
}

/** The separate metrics listener (METRICS_PORT), or undefined when metrics share the API port. */
export async function startMetricsServer(
  config: Pick<Config, 'metrics'>,
  metrics: Metrics,
): Promise<http.Server | undefined> {
  if (config.metrics.port === undefined) return undefined;
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsHandler(metrics));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metrics.port, config.metrics.host, () => resolve());
  });
  return server;
}
