import { createClient } from 'redis';
import type { RedisReply } from 'rate-limit-redis';
import type { Logger } from '../logger';

/**
 * The connection to Redis (REDIS_URL), where replicas keep the state they share: the rate
 * limits' counters. Commands fail fast instead of queueing while Redis is unreachable (no offline
 * queue, a per-command timeout), so a Redis outage costs a request milliseconds, never its
 * patience; the client reconnects by itself in the background.
 */
export interface SharedStateLink {
  /** A raw Redis command, as rate-limit-redis sends them. Rejects within the command timeout. */
  sendCommand(...args: string[]): Promise<RedisReply>;
  close(): Promise<void>;
}

export class RedisConnectError extends Error {}

export interface RedisLinkOptions {
  url: string;
  commandTimeoutMs: number;
  /** How long start-up waits for Redis to answer before it gives up (like Neo4j's). */
  startupWaitMs: number;
}

export async function connectRedis(options: RedisLinkOptions, logger: Logger): Promise<SharedStateLink> {
  let reported = false;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      // Forever, at most every 2 s: Redis coming back needs no restart of the API.
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  // Without a listener, node-redis's connection errors would end the process. One line per
  // outage, not one per reconnect attempt.
  client.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    logger.warn({ reason: error.message }, 'Redis is not answering; reconnecting in the background');
  });
  client.on('ready', () => {
    if (reported) logger.info('Redis answers again');
    reported = false;
  });

  const connected = client.connect();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${options.startupWaitMs} ms`)), options.startupWaitMs);
  });
  try {
    await Promise.race([connected, expired]);
  } catch (error) {
    client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisConnectError(`Cannot connect to Redis at ${redacted(options.url)} (check REDIS_URL): ${reason}`);
  } finally {
    clearTimeout(timer);
  }
  return {
    sendCommand: (...args) => client.sendCommand<RedisReply>(args, { timeout: options.commandTimeoutMs }),
    async close() {
      client.destroy();
    },
  };
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
