import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit,
  type ClientRateLimitInfo,
  type IncrementResponse,
  type Options,
  type RateLimitRequestHandler,
  type Store,
} from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { identityOf } from '../auth/identity';
import { sendError } from './http-error';
import type { SharedStateLink } from './redis';

/**
 * Two limits (express-rate-limit, one-minute windows):
 * - failed authentications per client address: rotating guessed keys or tokens is refused (429)
 *   after a few attempts, on every route, while valid credentials from that address still pass;
 * - after authentication, requests per identity (the authenticated name, so every spelling of
 *   one credential shares one bucket), or per client address for anonymous callers.
 *
 * Where the counters live: with REDIS_URL, in Redis (rate-limit-redis), so every replica counts
 * against the same window and N replicas do not give a client N times the limit; without it, in
 * the process (express-rate-limit's MemoryStore). When Redis does not answer, each limit falls
 * back to counting in the process (see FallbackStore): requests are still served and still
 * limited, per replica, until Redis answers again.
 */

// ipKeyGenerator groups an IPv6 client's /56, which one machine can rotate through.
const clientKey = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

const WINDOW_MS = 60_000;

/** Where the limits count: Redis (shared by replicas) or nothing (each process alone). */
export interface LimitStores {
  shared?: SharedStateLink;
  logger: Logger;
  /** Called once per counter operation that Redis failed (the metric of the fallback). */
  onSharedError?: (limit: LimitName) => void;
}

export type LimitName = 'requests' | 'auth_failures';

/**
 * Redis first; the process's own MemoryStore while Redis fails. Counts made in memory during an
 * outage are not copied to Redis afterwards (a window is one minute), so during and just after
 * an outage a client may get up to one limit per replica: bounded, and never refused because a
 * counter store is down. The shared store is (re)initialised on first use, so a Redis that was
 * down when the store was made is picked up once it answers.
 */
export class FallbackStore implements Store {
  private readonly local = new MemoryStore();
  private options?: Options;
  private sharedReady?: Promise<void>;
  private degraded = false;

  constructor(
    private readonly shared: Store,
    private readonly limit: LimitName,
    private readonly stores: LimitStores,
  ) {}

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.attempt(
      (store) => store.get!(key),
      () => this.local.get(key),
    );
  }

  async increment(key: string): Promise<IncrementResponse> {
    return this.attempt(
      (store) => store.increment(key),
      () => this.local.increment(key),
    );
  }

  async decrement(key: string): Promise<void> {
    return this.attempt(
      (store) => store.decrement(key),
      () => this.local.decrement(key),
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.local.resetKey(key);
    await this.attempt(
      (store) => store.resetKey(key),
      () => undefined,
    );
  }

  shutdown(): void {
    this.local.shutdown();
  }

  /** The shared store, initialised once (its scripts loaded); a failed initialisation is retried next time. */
  private async sharedStore(): Promise<Store> {
    if (!this.sharedReady) {
      const ready = Promise.resolve(this.shared.init?.(this.options ?? ({ windowMs: WINDOW_MS } as Options)));
      this.sharedReady = ready.then(
        () => undefined,
        (error: unknown) => {
          this.sharedReady = undefined;
          throw error;
        },
      );
    }
    await this.sharedReady;
    return this.shared;
  }

  private async attempt<T>(shared: (store: Store) => Promise<T> | T, local: () => Promise<T> | T): Promise<T> {
    try {
      const result = await shared(await this.sharedStore());
      if (this.degraded) {
        this.degraded = false;
        this.stores.logger.info({ limit: this.limit }, 'rate limit counts in Redis again');
      }
      return result;
    } catch (error) {
      this.stores.onSharedError?.(this.limit);
      if (!this.degraded) {
        this.degraded = true;
        this.stores.logger.warn(
          { limit: this.limit, reason: error instanceof Error ? error.message : String(error) },
          'Redis failed: this rate limit counts per replica until Redis answers',
        );
      }
      return await local();
    }
  }
}

function storeFor(limit: LimitName, stores: LimitStores): Store {
  if (!stores.shared) return new MemoryStore();
  const link = stores.shared;
  const redis = new RedisStore({ prefix: `sahel:rl:${limit}:`, sendCommand: (...args) => link.sendCommand(...args) });
  return new FallbackStore(redis, limit, stores);
}

/** How long a credential that authenticated stays known-good for the failure limit's gate. */
const KNOWN_GOOD_MS = 15 * 60_000;
/** Known-good credentials kept at most (the oldest are forgotten first): bounded memory. */
const KNOWN_GOOD_MAX = 10_000;

/**
 * Refused credentials per client address. Only failures count, and only once they happened:
 * (express-rate-limit's skipSuccessfulRequests counts every request while it is in flight,
 * which would refuse a crowd of slow but valid writers). The window is a store of
 * express-rate-limit's (Redis or memory).
 *
 * Once an address is over the limit, `gate` answers 429 before any credential is checked, so a
 * guesser learns nothing from its next guesses (a right guess gets the same 429 as a wrong one).
 * The exception: a credential that authenticated within the last 15 minutes (kept as a SHA-256
 * digest, in this process) is let through, so colleagues behind the same NAT, whose keys and
 * tokens were already in use, are not locked out by one attacker. Requests without credentials
 * (anonymous reads) pass the gate: they guess nothing.
 */
export class AuthFailureLimit {
  private readonly store: Store;
  private readonly knownGood = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    stores: LimitStores,
  ) {
    this.store = storeFor('auth_failures', stores);
    // MemoryStore and FallbackStore initialise synchronously (Redis on first use).
    void this.store.init?.({ windowMs: WINDOW_MS } as Options);
  }

  /** Before authentication: an address over the limit gets 429 unless its credential is known-good. */
  readonly gate: RequestHandler = async (req, res, next) => {
    const credential = credentialOf(req);
    if (credential === null || this.isKnownGood(credential)) return next();
    const failures = (await this.store.get!(clientKey(req)))?.totalHits ?? 0;
    if (failures >= this.perMinute) return this.refuse(res, failures);
    next();
  };

  /** After a credential authenticated: it passes the gate of an address over the limit. */
  noteValid(req: Request): void {
    const credential = credentialOf(req);
    if (credential === null) return;
    const digest = digestOf(credential);
    this.knownGood.delete(digest);
    this.knownGood.set(digest, Date.now() + KNOWN_GOOD_MS);
    if (this.knownGood.size > KNOWN_GOOD_MAX) this.knownGood.delete(this.knownGood.keys().next().value!);
  }

  /** Counts a refused credential; true (and a 429 sent) when the address is now over the limit. */
  async refuseIfExceeded(req: Request, res: Response): Promise<boolean> {
    const counted = await this.store.increment(clientKey(req));
    // This failure is counted: the limit allows `perMinute` failures, the next one is refused.
    if (counted.totalHits <= this.perMinute) return false;
    this.refuse(res, counted.totalHits, counted.resetTime);
    return true;
  }

  shutdown(): void {
    this.store.shutdown?.();
  }

  private isKnownGood(credential: string): boolean {
    const digest = digestOf(credential);
    const expires = this.knownGood.get(digest);
    if (expires === undefined) return false;
    if (expires > Date.now()) return true;
    this.knownGood.delete(digest);
    return false;
  }

  private refuse(res: Response, _failures: number, resetTime?: Date): void {
    const retryAfterS = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
    res.setHeader('Retry-After', String(Math.min(retryAfterS, WINDOW_MS / 1000)));
    sendError(
      res,
      429,
      ErrorCode.RATE_LIMITED,
      `More than ${this.perMinute} failed authentications a minute from this address; retry later`,
    );
  }
}

/** The credential a request presents (API key or bearer token), or null for none. */
function credentialOf(req: Request): string | null {
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key !== '') return `key:${key}`;
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') return `authorization:${authorization}`;
  return null;
}

const digestOf = (credential: string) => createHash('sha256').update(credential).digest('base64');

export interface RequestLimit {
  handler: RateLimitRequestHandler;
  shutdown(): void;
}

export function requestLimit(perMinute: { identified: number; anonymous: number }, stores: LimitStores): RequestLimit {
  const limitOf = (res: Response) => (identityOf(res) ? perMinute.identified : perMinute.anonymous);
  const store = storeFor('requests', stores);
  const handler = rateLimit({
    windowMs: WINDOW_MS,
    // Per role: an application with a key gets room to work, an anonymous address less.
    limit: (_req, res) => limitOf(res),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store,
    keyGenerator: (req, res) => identityOf(res)?.name ?? clientKey(req),
    handler: (_req, res) =>
      sendError(
        res,
        429,
        ErrorCode.RATE_LIMITED,
        `Rate limit of ${limitOf(res)} requests a minute exceeded; retry later`,
      ),
  });
  return { handler, shutdown: () => store.shutdown?.() };
}
