import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db';
import { buildGraphSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { startApp, type AppOptions, type RunningApp } from '../../src/server';

/** API keys the test server accepts, one per role (only their SHA-256 goes into the config). */
export const TEST_KEYS = {
  reader: 'reader-key-for-tests',
  editor: 'editor-key-for-tests',
  admin: 'admin-key-for-tests',
} as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The real HTTP server on a random port of 127.0.0.1, over the given gateway, configured as from env. */
export async function startTestApp(
  db: Database,
  env: Record<string, string> = {},
  options: Pick<AppOptions, 'subscriptionLimits' | 'watchPollMs'> = {},
): Promise<RunningApp & { base: string }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    API_KEYS: Object.entries(TEST_KEYS)
      .map(([role, key]) => `${role}-tester:${role}:${sha256(key)}`)
      .join(','),
    JWT_SECRET: 'jwt-secret-for-tests-only',
    ...env,
  });
  const app = await startApp({
    config: { ...config, host: '127.0.0.1', port: 0 },
    db,
    schema: await buildGraphSchema({ anonymousReads: config.auth.anonymousReads }),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...options,
  });
  return { ...app, base: app.url.replace(/\/graphql$/, '') };
}
