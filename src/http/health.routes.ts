import { Router } from 'express';
import { migrationsCurrent, type Database } from '../db';
import { AppError } from '../errors';

/**
 * /healthz: the process runs. /readyz: Neo4j answers within `readinessTimeoutMs` (its own short
 * deadline, so a hung database turns a load balancer's check red in seconds) and every migration
 * is applied. Both are open: load balancers and orchestrators call them without credentials.
 */
export function healthRoutes(db: Database, readinessTimeoutMs: number): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  let migrationsKnownCurrent = false;
  router.get('/readyz', async (_req, res) => {
    try {
      await db.ping(readinessTimeoutMs);
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
  return router;
}
