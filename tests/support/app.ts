import type { Database } from '../../src/db';
import { buildGraphSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { startApp, type RunningApp } from '../../src/server';

/** The real HTTP server on a random port of 127.0.0.1, over the given gateway. */
export async function startTestApp(db: Database, options: { isProduction?: boolean } = {}): Promise<RunningApp & { base: string }> {
  const app = await startApp({
    config: { host: '127.0.0.1', port: 0, isProduction: options.isProduction ?? false },
    db,
    schema: await buildGraphSchema(),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  return { ...app, base: app.url.replace(/\/graphql$/, '') };
}
