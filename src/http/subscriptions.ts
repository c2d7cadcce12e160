import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import {
  getOperationAST,
  parse,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  GraphQLError,
} from 'graphql';
import { Sema } from 'async-sema';
import type { Context } from 'graphql-ws';
import { useServer, type Extra as WsExtra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { Authenticator } from '../auth/authenticator';
import type { Identity } from '../auth/identity';
import { ChangeFeedRepository } from '../changes/change-feed.repository';
import { ChangeHead, HEAD_POLL_MS } from '../changes/change-head';
import type { LiveConnection } from '../changes/change-stream';
import { SharedPageReads } from '../changes/shared-page-reads';
import type { Config } from '../config';
import { Visibility, type Database } from '../db';
import { DEFAULT_DOCUMENT_LIMITS } from '../documents/document-limits';
import { AppError, ErrorCode } from '../errors';
import type { RequestContext } from '../graphql/context';
import { createRequestContext } from '../graphql/request-composition';
import type { Logger } from '../logger';
import { connectChangeSignals, type ChangeSignalOptions } from './change-signals';
import type { SharedStateLink } from './redis';

/**
 * graphql-ws over WebSocket on the HTTP server's own port and path (/graphql), for the `changed`
 * subscription (docs/changes.md). Authentication happens once, in `connection_init`: its payload
 * carries the same credentials as an HTTP request's headers (`x-api-key`, or `authorization:
 * Bearer …`), checked by the same Authenticator, so the identity, role and clearance are those of
 * HTTP. Close codes a client can act on:
 */
export const CLOSE_UNAUTHORIZED = 4401;
/** The identity already holds maxConnectionsPerIdentity sockets. */
export const CLOSE_TOO_MANY_CONNECTIONS = 4430;
/** The socket held more than maxBacklogBytes unsent: the client does not read fast enough. */
export const CLOSE_SLOW_CONSUMER = 4413;

export interface SubscriptionLimits {
  maxConnectionsPerIdentity: number;
  maxSubscriptionsPerConnection: number;
  /** Unsent bytes a socket may hold before its consumer is closed as slow. */
  maxBacklogBytes: number;
  /**
   * How long unsent bytes may wait without draining. graphql-ws sends one message at a time and
   * waits for it to be written, so a reader that stops reading stalls its stream (memory stays
   * at one message) rather than growing the backlog: the stall is what closes it.
   */
  maxStallMs: number;
  /**
   * How often the server pings each socket; a client that has not answered the last ping by the
   * next one is closed as a slow consumer. A client that stops reading answers no ping, and the
   * kernel's socket buffers (megabytes on loopback) can hold what it misses for long before any
   * unsent byte shows on the server's side: the ping is what notices it first.
   */
  pingMs: number;
  /** Largest message a client may send (a subscribe message is a small query). */
  maxPayloadBytes: number;
  /**
   * Feed pages this process's subscriptions read at once. A commit wakes every subscription
   * together and each page read holds a pooled Neo4j connection: unbounded, a thousand
   * subscribers would take the driver's whole pool (50) and writes would wait past their
   * acquisition timeout. Reads beyond this wait their turn, first come first served.
   */
  maxConcurrentPageReads: number;
}

/** The feed's poll while Redis carries commit signals: only a fallback for a lost message. */
export const DEFAULT_POLL_WITH_REDIS_MS = 1_500;

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxConnectionsPerIdentity: 10,
  maxSubscriptionsPerConnection: 20,
  maxBacklogBytes: 1024 * 1024,
  maxStallMs: 10_000,
  pingMs: 12_000,
  maxPayloadBytes: 64 * 1024,
  maxConcurrentPageReads: 8,
};

/** A turn at reading: at most `max` reads run at once, the others queue in arrival order. */
export function readTurns(max: number): <T>(read: () => Promise<T>) => Promise<T> {
  const sema = new Sema(max);
  return async (read) => {
    await sema.acquire();
    try {
      return await read();
    } finally {
      sema.release();
    }
  };
}

export interface SubscriptionOptions {
  schema: GraphQLSchema;
  db: Database;
  config: Pick<Config, 'auth'> & Partial<Pick<Config, 'documents'>>;
  logger: Logger;
  limits?: Partial<SubscriptionLimits>;
  /** The HTTP error formatter: the same masking of unexpected errors over the socket. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Redis (REDIS_URL): commits are published to, and other replicas' heard from, through it. */
  shared?: SharedStateLink;
  /** How the feed is polled, and where Redis is (src/http/change-signals.ts); unset: 200 ms, no Redis. */
  signals?: Partial<ChangeSignalOptions>;
}

interface Extra extends Record<PropertyKey, unknown> {
  /** Who holds the socket's slot among its identity's connections (set once counted). */
  holder?: string;
  context?: RequestContext;
}

/** The connection_init payload as request headers: the Authenticator reads either. */
function credentialsOf(params: Readonly<Record<string, unknown>> | undefined): Record<string, string | undefined> {
  const text = (name: string) => (typeof params?.[name] === 'string' ? (params[name] as string) : undefined);
  return { 'x-api-key': text('x-api-key') ?? text('apiKey'), authorization: text('authorization') };
}

function liveConnection(
  socket: WebSocket,
  db: Database,
  head: ChangeHead,
  identity: Identity | null,
  anonymousClearance: Identity['clearance'],
  limits: SubscriptionLimits,
  logger: Logger,
  reads: Pick<LiveConnection, 'turn' | 'shared'>,
): LiveConnection {
  const clearance = identity?.clearance ?? anonymousClearance;
  const closeSlow = (why: string) => {
    if (socket.readyState !== socket.OPEN) return;
    // One line per socket closed: an operator sees which identity's client cannot keep up.
    logger.warn({ identity: identity?.name ?? null, why }, 'closed a slow subscription consumer');
    socket.close(CLOSE_SLOW_CONSUMER, `Slow consumer: ${why}; resume with after`);
  };
  watchBacklog(socket, limits, closeSlow);
  watchPings(socket, limits.pingMs, closeSlow);
  return {
    head,
    ...reads,
    view: { clearance, owner: identity?.name ?? null },
    feed: () => new ChangeFeedRepository(db, new Visibility(db, clearance), identity?.name ?? null),
    backlogBytes: () => socket.bufferedAmount,
    maxBacklogBytes: limits.maxBacklogBytes,
    closeSlow: () => closeSlow(`more than ${limits.maxBacklogBytes} bytes unsent`),
  };
}

/** Checks the socket's unsent bytes twice a second while it is open: too many, or not draining. */
export function watchBacklog(
  socket: Pick<WebSocket, 'bufferedAmount' | 'readyState' | 'OPEN' | 'once'>,
  limits: Pick<SubscriptionLimits, 'maxBacklogBytes' | 'maxStallMs'>,
  closeSlow: (why: string) => void,
  everyMs = 500,
): void {
  let stalledSince: number | undefined;
  const timer = setInterval(() => {
    const unsent = socket.bufferedAmount;
    if (unsent === 0 || socket.readyState !== socket.OPEN) {
      stalledSince = undefined;
      return;
    }
    stalledSince ??= Date.now();
    if (unsent > limits.maxBacklogBytes) closeSlow(`more than ${limits.maxBacklogBytes} bytes unsent`);
    else if (Date.now() - stalledSince > limits.maxStallMs)
      closeSlow(`unsent data did not drain in ${limits.maxStallMs} ms`);
  }, everyMs);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}

/**
 * Pings the socket every `pingMs`; one that has not answered the previous ping is closed as a
 * slow consumer, with the close code a client can act on (4413: resume with `after`). This takes
 * the place of graphql-ws's own keep-alive, which would terminate such a socket without a close
 * code (1006), leaving the client to guess why.
 */
export function watchPings(
  socket: Pick<WebSocket, 'readyState' | 'OPEN' | 'once' | 'on' | 'ping'>,
  pingMs: number,
  closeSlow: (why: string) => void,
): void {
  let answered = true;
  socket.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    if (!answered) {
      closeSlow(`no answer to a ping in ${pingMs} ms`);
      return;
    }
    answered = false;
    socket.ping();
  }, pingMs);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}

/** Only subscriptions over the socket: queries and mutations have HTTP, with its limits. */
function refuseNonSubscription(query: string, operationName: string | null | undefined): GraphQLError[] | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 2_000 });
  } catch {
    return undefined; // graphql-ws reports the syntax error itself
  }
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === 'subscription') return undefined;
  return [
    new AppError(ErrorCode.BAD_USER_INPUT, 'Only subscriptions over WebSocket: send queries and mutations over HTTP'),
  ];
}

interface Gate {
  authenticator: Authenticator;
  /** Open sockets per identity (per address for anonymous callers). */
  open: Map<string, number>;
  limits: SubscriptionLimits;
  db: Database;
  head: ChangeHead;
  config: SubscriptionOptions['config'];
  logger: Logger;
  /** The process's page reads (readTurns), shared by every socket. */
  turn: LiveConnection['turn'];
  /** Page reads one subscription makes for all that ask for the same page (shared-page-reads.ts). */
  shared: SharedPageReads;
}

/**
 * connection_init: the credentials checked as HTTP checks them, then the identity's connection
 * count; a refusal closes the socket with a code and a reason that say why.
 */
async function admit(ctx: Context<Record<string, unknown>, WsExtra & Partial<Extra>>, gate: Gate): Promise<boolean> {
  const { authenticator, open, limits, db, head, config, logger, turn, shared } = gate;
  const { socket, request } = ctx.extra;
  let identity: Identity | null;
  try {
    identity = await authenticator.identify(credentialsOf(ctx.connectionParams));
  } catch (error) {
    socket.close(CLOSE_UNAUTHORIZED, `Unauthorized: ${error instanceof Error ? error.message : 'bad credentials'}`);
    return false;
  }
  if (!identity && !config.auth.anonymousReads) {
    socket.close(
      CLOSE_UNAUTHORIZED,
      'Unauthorized: send x-api-key or authorization (Bearer) with the reader role in connection_init',
    );
    return false;
  }
  const holder = identity?.name ?? `anonymous@${request.socket.remoteAddress ?? ''}`;
  const count = open.get(holder) ?? 0;
  if (count >= limits.maxConnectionsPerIdentity) {
    socket.close(
      CLOSE_TOO_MANY_CONNECTIONS,
      `Too many connections: at most ${limits.maxConnectionsPerIdentity} per identity`,
    );
    return false;
  }
  open.set(holder, count + 1);
  ctx.extra.holder = holder;
  const anonymous = config.auth.clearance.anonymous;
  ctx.extra.context = {
    ...createRequestContext(db, identity, randomUUID(), [], anonymous, config.documents ?? DEFAULT_DOCUMENT_LIMITS),
    live: liveConnection(socket, db, head, identity, anonymous, limits, logger, { turn, shared }),
  };
  return true;
}

/** Starts graphql-ws on `httpServer` (upgrade requests to /graphql); `close` ends every socket. */
export function attachSubscriptions(
  httpServer: http.Server,
  options: SubscriptionOptions,
): { close(): Promise<void>; head: ChangeHead } {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.limits };
  const { db, config, logger } = options;
  const authenticator = new Authenticator(config.auth);
  const { url, pollMs = HEAD_POLL_MS, pollWithRedisMs = DEFAULT_POLL_WITH_REDIS_MS } = options.signals ?? {};
  const head = new ChangeHead(new ChangeFeedRepository(db), logger, pollMs);
  const redis = options.shared && url ? { url, pollMs, pollWithRedisMs } : undefined;
  const signals = connectChangeSignals(db, head, logger, options.shared, redis);
  const open = new Map<string, number>();
  const turn = readTurns(limits.maxConcurrentPageReads);
  const gate: Gate = { authenticator, open, limits, db, head, config, logger, turn, shared: new SharedPageReads() };
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: limits.maxPayloadBytes });

  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema: options.schema,
      context: (ctx) => ctx.extra.context,
      onConnect: (ctx) => admit(ctx, gate),
      onSubscribe: (ctx, id, payload) => {
        const refused = refuseNonSubscription(payload.query, payload.operationName);
        if (refused) return refused;
        // graphql-ws may already hold a place for this one: count the others.
        const others = Object.keys(ctx.subscriptions).filter((held) => held !== id).length;
        if (others < limits.maxSubscriptionsPerConnection) return undefined;
        return [
          new AppError(
            ErrorCode.RATE_LIMITED,
            `Too many subscriptions: at most ${limits.maxSubscriptionsPerConnection} per connection`,
          ),
        ];
      },
      // Execution errors are masked as over HTTP (an unexpected one gets an error id); graphql-ws
      // sends parse and validation errors itself, with graphql-js's messages.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => options.formatError(e.toJSON(), e)) } : result,
      onClose: (ctx) => {
        const holder = ctx.extra.holder;
        if (holder === undefined) return;
        const left = (open.get(holder) ?? 1) - 1;
        if (left > 0) open.set(holder, left);
        else open.delete(holder);
      },
    },
    wss,
    0, // no graphql-ws keep-alive: watchPings pings, and closes with a code that says why
  );

  return {
    head,
    async close() {
      await signals.close();
      head.stop();
      await server.dispose();
    },
  };
}
