import { availableParallelism } from 'node:os';
import { bool, cleanEnv, makeValidator, port, str, type CleanedEnv, type ReporterOptions } from 'envalid';
import { ROLES, type Role } from './auth/role';
import { Tlp, TLP_ORDER } from './model/vocabulary';

/**
 * The admin body limit's default, and so the byte cap of importBundle (one transaction; see
 * docs/import-limits.md): refused (413) before it is parsed, and parsing this much JSON holds the
 * event loop for tens of milliseconds, not the hundreds that 20 MB took.
 */
export const DEFAULT_MAX_ADMIN_BODY_BYTES = 5_000_000;

/** The one module that reads the environment. Everything else receives a `Config`. */

const NEO4J_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

const neo4jUri = makeValidator<string>((input) => {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(`not a URI; expected e.g. bolt://127.0.0.1:7687 or neo4j+s://xxxx.databases.neo4j.io`);
  }
  if (!NEO4J_SCHEMES.includes(url.protocol)) {
    throw new Error(`scheme "${url.protocol}" is not one of ${NEO4J_SCHEMES.map((s) => s.slice(0, -1)).join(', ')}`);
  }
  if (!url.hostname) {
    throw new Error('has no host');
  }
  return input;
});

const redisUrl = makeValidator<string>((input) => {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error('not a URL; expected e.g. redis://redis:6379 or rediss://user:password@host:6380/0');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`scheme "${url.protocol}" is not redis or rediss`);
  }
  return input;
});

/** Sizes for the JVM and page cache, as Java takes them: 512m, 1g, 65536k. */
const memorySize = makeValidator<string>((input) => {
  if (!/^\d+[kmg]$/i.test(input)) {
    throw new Error('expected a size such as 256m or 1g');
  }
  return input.toLowerCase();
});

const positiveInt = (bounds: { min: number; max: number }) =>
  makeValidator<number>((input) => {
    const value = Number(input);
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
      throw new Error(`expected a whole number from ${bounds.min} to ${bounds.max}`);
    }
    return value;
  });

// --- CORS (browser apps on other origins) ---------------------------------------------------

/** `*`, or comma-separated exact origins (scheme://host[:port], nothing after): what CORS_ORIGINS holds. */
const corsOrigins = makeValidator<'*' | string[]>((input) => {
  const text = input.trim();
  if (text === '*') return '*';
  const origins = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (origins.length === 0) throw new Error('expected * or comma-separated origins such as https://app.example.org');
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    // An origin is exactly what a browser sends in Origin: no path, no trailing slash, no wildcard.
    const exact = url && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
    if (!exact || origin.includes('*')) {
      throw new Error(`"${origin.slice(0, 100)}" is not an origin such as https://app.example.org (no path, no slash)`);
    }
  }
  return [...new Set(origins)];
});

const corsSpecs = {
  CORS_ORIGINS: corsOrigins({
    default: '*',
    desc: 'origins whose pages may call /graphql and /export from a browser: * (any, without credentials) or comma-separated exact origins',
  }),
};

/** Browsers send no cookies to this API (credentials are headers), so `*` never needs credentials. */
function corsConfig(clean: { CORS_ORIGINS: '*' | string[] }): { origins: '*' | readonly string[] } {
  return { origins: clean.CORS_ORIGINS };
}

// --- end CORS ---------------------------------------------------------------------------------

// --- TLP clearance and token rules (docs/security.md) -------------------------------------------

/** A TLP level as people write it: GREEN, TLP:AMBER, AMBER+STRICT or AMBER_STRICT, any case. */
export function clearanceOf(text: string): Tlp | undefined {
  const key = text.trim().toUpperCase().replace(/^TLP:/, '').replace(/[+ ]/g, '_');
  return (TLP_ORDER as readonly string[]).includes(key) ? (key as Tlp) : undefined;
}

const tlpLevel = makeValidator<Tlp>((input) => {
  const level = clearanceOf(input);
  if (!level) throw new Error(`expected a TLP level: ${TLP_ORDER.join(', ')}`);
  return level;
});

/**
 * The clearance of whoever has no explicit one: anonymous callers, and each role's keys and
 * tokens. A reader sees CLEAR and GREEN (community-wide), an editor also AMBER (curators work on
 * the organisation's material), an admin everything (it imports and retracts RED sources).
 */
const CLEARANCE_SPECS = {
  CLEARANCE_ANONYMOUS: tlpLevel({ default: Tlp.CLEAR, desc: 'TLP clearance of reads without credentials' }),
  CLEARANCE_READER: tlpLevel({ default: Tlp.GREEN, desc: 'TLP clearance of a reader key or token without its own' }),
  CLEARANCE_EDITOR: tlpLevel({ default: Tlp.AMBER, desc: 'TLP clearance of an editor key or token without its own' }),
  CLEARANCE_ADMIN: tlpLevel({ default: Tlp.RED, desc: 'TLP clearance of an admin key or token without its own' }),
  JWT_CLEARANCE_CLAIM: str({ default: 'tlp', desc: 'token claim that sets the TLP clearance (optional in a token)' }),
  JWT_MAX_LIFETIME_SECONDS: positiveInt({ min: 60, max: 31_536_000 })({
    default: 86_400,
    desc: 'a token whose exp lies further than this past its iat (or now) is refused',
  }),
};

type ClearanceVariables = 'CLEARANCE_ANONYMOUS' | 'CLEARANCE_READER' | 'CLEARANCE_EDITOR' | 'CLEARANCE_ADMIN';

function clearanceConfig(clean: Readonly<Record<ClearanceVariables, Tlp>>) {
  const byRole: Readonly<Record<Role, Tlp>> = {
    reader: clean.CLEARANCE_READER,
    editor: clean.CLEARANCE_EDITOR,
    admin: clean.CLEARANCE_ADMIN,
  };
  return { anonymous: clean.CLEARANCE_ANONYMOUS, byRole };
}
// --- end of TLP clearance -------------------------------------------------------------------------

// --- Webhooks (docs/webhooks.md) -------------------------------------------------------------------

const WEBHOOK_SPECS = {
  WEBHOOK_ALLOW_PRIVATE: bool({
    default: false,
    desc: 'allow webhooks to private, loopback and link-local addresses (development, tests, an internal receiver)',
  }),
  WEBHOOK_ALLOWED_HOSTS: str({
    default: '',
    desc: 'comma-separated host names or addresses allowed even when they resolve to a private address',
  }),
  WEBHOOK_MAX_COUNT: positiveInt({ min: 1, max: 1_000 })({ default: 50, desc: 'webhooks registered at most' }),
  WEBHOOK_DISPATCH: bool({ default: true, desc: 'run the webhook dispatcher in this process' }),
  WEBHOOK_POLL_MS: positiveInt({ min: 10, max: 600_000 })({
    default: 1_000,
    desc: 'how often the dispatcher looks for new changes and due deliveries',
  }),
  WEBHOOK_BATCH_SIZE: positiveInt({ min: 1, max: 500 })({
    default: 50,
    desc: 'changes read per webhook, and deliveries claimed, per round',
  }),
  WEBHOOK_CONCURRENCY: positiveInt({ min: 1, max: 64 })({ default: 4, desc: 'POSTs in flight per process' }),
  WEBHOOK_TIMEOUT_MS: positiveInt({ min: 100, max: 120_000 })({
    default: 10_000,
    desc: 'a POST unanswered within this is a failed attempt',
  }),
  WEBHOOK_MAX_ATTEMPTS: positiveInt({ min: 1, max: 100 })({
    default: 8,
    desc: 'attempts before a delivery is failed',
  }),
  WEBHOOK_BACKOFF_BASE_MS: positiveInt({ min: 1, max: 3_600_000 })({
    default: 5_000,
    desc: 'the first retry waits about this long, each next one twice as long (with jitter)',
  }),
  WEBHOOK_BACKOFF_MAX_MS: positiveInt({ min: 1, max: 86_400_000 })({
    default: 3_600_000,
    desc: 'no retry waits longer than this',
  }),
  WEBHOOK_LEASE_MS: positiveInt({ min: 1_000, max: 3_600_000 })({
    default: 60_000,
    desc: 'a claimed delivery is claimable again after this if its process did not record the attempt (must exceed WEBHOOK_TIMEOUT_MS)',
  }),
  WEBHOOK_MAX_PAYLOAD_BYTES: positiveInt({ min: 1_024, max: 10_000_000 })({
    default: 262_144,
    desc: 'a delivery body past this is sent without before/after (truncated: true)',
  }),
  WEBHOOK_RETENTION_DAYS: positiveInt({ min: 1, max: 365 })({
    default: 7,
    desc: 'delivered and failed outbox rows are pruned after this many days',
  }),
  WEBHOOK_RETENTION_COUNT: positiveInt({ min: 1, max: 1_000_000 })({
    default: 1_000,
    desc: 'and beyond this many per webhook, oldest first',
  }),
};

/** src/webhooks/webhook-settings.ts names this shape WebhookSettings. */
function webhookConfig(clean: CleanedEnv<typeof WEBHOOK_SPECS>) {
  if (clean.WEBHOOK_LEASE_MS <= clean.WEBHOOK_TIMEOUT_MS) {
    throw new ConfigError({ WEBHOOK_LEASE_MS: 'is invalid: must be longer than WEBHOOK_TIMEOUT_MS' });
  }
  return {
    allowPrivate: clean.WEBHOOK_ALLOW_PRIVATE,
    allowedHosts: clean.WEBHOOK_ALLOWED_HOSTS.split(',')
      .map((host) =>
        host
          .trim()
          .toLowerCase()
          .replace(/^\[(.*)\]$/, '$1'),
      )
      .filter(Boolean),
    maxWebhooks: clean.WEBHOOK_MAX_COUNT,
    dispatch: clean.WEBHOOK_DISPATCH,
    pollMs: clean.WEBHOOK_POLL_MS,
    batchSize: clean.WEBHOOK_BATCH_SIZE,
    concurrency: clean.WEBHOOK_CONCURRENCY,
    timeoutMs: clean.WEBHOOK_TIMEOUT_MS,
    maxAttempts: clean.WEBHOOK_MAX_ATTEMPTS,
    backoffBaseMs: clean.WEBHOOK_BACKOFF_BASE_MS,
    backoffMaxMs: Math.max(clean.WEBHOOK_BACKOFF_MAX_MS, clean.WEBHOOK_BACKOFF_BASE_MS),
    leaseMs: clean.WEBHOOK_LEASE_MS,
    maxPayloadBytes: clean.WEBHOOK_MAX_PAYLOAD_BYTES,
    retentionDays: clean.WEBHOOK_RETENTION_DAYS,
    retentionCount: clean.WEBHOOK_RETENTION_COUNT,
  };
}
// --- end of webhooks -------------------------------------------------------------------------------

const specs = {
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
  HOST: str({ default: '127.0.0.1', desc: 'interface the HTTP server listens on (0.0.0.0 in containers)' }),
  PORT: port({ default: 4000, desc: 'HTTP port of the GraphQL API' }),
  LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  NEO4J_URI: neo4jUri({
    default: undefined,
    desc: 'Bolt or neo4j:// URI; when unset, a local Neo4j is started with tools/neo4j',
  }),
  NEO4J_USER: str({ default: 'neo4j' }),
  NEO4J_PASSWORD: str({ default: '' }),
  NEO4J_DATABASE: str({ default: 'neo4j' }),
  NEO4J_TX_TIMEOUT_MS: positiveInt({ min: 100, max: 600_000 })({ default: 15_000 }),
  NEO4J_ACQUISITION_TIMEOUT_MS: positiveInt({ min: 100, max: 120_000 })({ default: 5_000 }),
  NEO4J_STARTUP_WAIT_MS: positiveInt({ min: 0, max: 600_000 })({
    default: 30_000,
    desc: 'how long start-up waits for Neo4j to answer before it gives up',
  }),
  NEO4J_MAX_POOL_SIZE: positiveInt({ min: 1, max: 1_000 })({ default: 50 }),
  NEO4J_LOCAL_PORT: port({ default: 7687, desc: 'Bolt port of the local Neo4j that npm start launches' }),
  NEO4J_LOCAL_DATA_DIR: str({ default: '.data/neo4j' }),
  NEO4J_HEAP: memorySize({ default: '512m' }),
  NEO4J_PAGECACHE: memorySize({ default: '64m' }),
  SEED_ON_EMPTY: bool({ default: true, desc: 'load seed/ into an empty graph at start-up' }),
  // Two workers keep a 2-core machine busy (the main thread still runs the rules across records);
  // more only pays where there are cores for them.
  IMPORT_WORKERS: positiveInt({ min: 0, max: 16 })({
    default: Math.min(2, availableParallelism()),
    desc: 'worker threads that validate a JSON Lines file for npm run import; 0 or 1: the main thread does',
  }),
  SHUTDOWN_GRACE_MS: positiveInt({ min: 0, max: 600_000 })({
    default: 10_000,
    desc: 'on SIGTERM, how long in-flight requests may take to finish before their connections are closed',
  }),
  READINESS_TIMEOUT_MS: positiveInt({ min: 100, max: 60_000 })({
    default: 2_000,
    desc: '/readyz answers 503 when Neo4j has not answered within this',
  }),
  METRICS_TOKEN: str({ default: '', desc: 'bearer token that /metrics requires on the API port' }),
  METRICS_HOST: str({ default: '127.0.0.1', desc: 'interface of the separate metrics listener (with METRICS_PORT)' }),
  METRICS_PORT: positiveInt({ min: 0, max: 65_535 })({
    default: undefined,
    desc: 'serve /metrics only on this separate port (and not on the API port); 0 picks a free one',
  }),
  METRICS_OPERATIONS: str({
    default: '',
    desc: 'comma-separated operation names that get their own metrics label; others count as "other"',
  }),
  API_KEYS: str({
    default: '',
    desc: 'comma-separated name:role:sha256-of-key entries (role reader|editor|admin); keys are stored hashed',
  }),
  JWT_SECRET: str({ default: '', desc: 'HS256 secret for bearer tokens (or use JWT_JWKS_URL)' }),
  JWT_JWKS_URL: str({ default: '', desc: 'JWKS endpoint for RS256/ES256 bearer tokens' }),
  JWT_ISSUER: str({ default: '' }),
  JWT_AUDIENCE: str({ default: '' }),
  JWT_ROLES_CLAIM: str({ default: 'roles', desc: 'token claim that lists the roles' }),
  ANONYMOUS_READS: bool({
    default: undefined,
    desc: 'allow reads without credentials (default: on, off in production)',
  }),
  PUBLIC_CACHE_MAX_AGE_S: positiveInt({ min: 0, max: 86_400 })({
    default: 30,
    desc: 'max-age of answers to anonymous GET /graphql queries and anonymous downloads when anonymous reads are on (Cache-Control: public); 0: never public',
  }),
  INTROSPECTION: bool({ default: undefined, desc: 'allow schema introspection (default: on, off in production)' }),
  MAX_QUERY_DEPTH: positiveInt({ min: 2, max: 100 })({ default: 12 }),
  MAX_QUERY_COMPLEXITY: positiveInt({ min: 10, max: 10_000_000 })({ default: 50_000 }),
  MAX_ALIASES: positiveInt({ min: 1, max: 1_000 })({ default: 30 }),
  MAX_QUERY_TOKENS: positiveInt({ min: 100, max: 1_000_000 })({
    default: 5_000,
    desc: 'lexical tokens in a GraphQL document (the parser stops past it)',
  }),
  MAX_SELECTIONS: positiveInt({ min: 10, max: 1_000_000 })({
    default: 5_000,
    desc: 'selections of an operation with every fragment spread expanded',
  }),
  MAX_LIST_LENGTH: positiveInt({ min: 10, max: 1_000_000 })({
    default: 1_000,
    desc: 'items in any one list argument or list variable',
  }),
  DOCUMENT_CACHE_BYTES: positiveInt({ min: 10_000, max: 1_000_000_000 })({
    default: 2_000_000,
    desc: 'parsed documents (and persisted queries) kept for reuse, JSON-measured',
  }),
  MAX_BODY_BYTES: positiveInt({ min: 1_000, max: 500_000_000 })({ default: 1_000_000, desc: 'largest request body' }),
  MAX_ADMIN_BODY_BYTES: positiveInt({ min: 1_000, max: 500_000_000 })({
    default: DEFAULT_MAX_ADMIN_BODY_BYTES,
    desc: 'largest request body of an admin (importBundle needs room); parsed only once the admin is authenticated',
  }),
  RATE_LIMIT_PER_MINUTE: positiveInt({ min: 1, max: 1_000_000 })({
    default: 12_000,
    desc: 'requests per authenticated identity (API key or token) per minute: 200 a second for an application',
  }),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: positiveInt({ min: 1, max: 1_000_000 })({
    default: 600,
    desc: 'requests per client address per minute for callers without credentials',
  }),
  AUTH_FAILURES_PER_MINUTE: positiveInt({ min: 1, max: 1_000_000 })({
    default: 20,
    desc: 'failed authentications per client address per minute before that address is refused for the rest of the minute',
  }),
  REDIS_URL: redisUrl({
    default: undefined,
    desc: 'redis:// or rediss:// URL: rate limits, and the commits that wake live subscriptions, are shared by every replica through it (in-process when unset)',
  }),
  REDIS_COMMAND_TIMEOUT_MS: positiveInt({ min: 10, max: 60_000 })({
    default: 500,
    desc: 'a Redis command unanswered within this fails; the rate limit then counts in the process',
  }),
  REDIS_STARTUP_WAIT_MS: positiveInt({ min: 0, max: 600_000 })({
    default: 30_000,
    desc: 'how long start-up waits for Redis (with REDIS_URL) before it gives up',
  }),
  CHANGES_POLL_MS: positiveInt({ min: 20, max: 60_000 })({
    default: 200,
    desc: 'how often live subscriptions poll the change feed when Redis does not announce commits (no REDIS_URL, or Redis down)',
  }),
  CHANGES_POLL_WITH_REDIS_MS: positiveInt({ min: 20, max: 60_000 })({
    default: 1_500,
    desc: 'the same poll while Redis announces commits (REDIS_URL): only a fallback for a lost announcement',
  }),
  WATCH_POLL_MS: positiveInt({ min: 0, max: 600_000 })({
    default: 500,
    desc: "how often the watchlists' watcher reads the change feed for alerts while idle; 0: no watcher in this process (replicas share its cursor)",
  }),
  TRUST_PROXY: str({
    default: '',
    desc: 'behind a reverse proxy: how many proxy hops (e.g. 1) or which proxy addresses (express "trust proxy") to believe X-Forwarded-For from, so limits see client addresses',
  }),
  IDE_ENABLED: bool({
    default: undefined,
    desc: 'serve the GraphiQL IDE at /graphql to browsers (default: on, off in production)',
  }),
  DOCUMENT_MAX_BYTES: positiveInt({ min: 1_000, max: 100_000_000 })({
    default: 10_000_000,
    desc: 'largest document ingestDocument and npm run ingest take (bytes of the file or text), checked before it is read',
  }),
  DOCUMENT_PARSE_TIMEOUT_MS: positiveInt({ min: 100, max: 600_000 })({
    default: 20_000,
    desc: 'how long reading one PDF or HTML document may take (in a worker thread that is stopped past it)',
  }),
  ...corsSpecs,

  ...CLEARANCE_SPECS,
  ...WEBHOOK_SPECS,
};

export type Config = ReturnType<typeof loadConfig>;

export interface ApiKey {
  name: string;
  role: Role;
  /** sha256 of the key, hex: the key itself is never kept. */
  sha256: string;
  /** The key's own TLP clearance (4th field); else its role's default. */
  clearance?: Tlp;
}

/** `name:role:sha256hex[:TLP],...`; a malformed entry names itself in the ConfigError. */
function parseApiKeys(text: string): ApiKey[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, sha256, tlp, ...rest] = entry.split(':');
      const clearance = tlp === undefined ? undefined : clearanceOf(tlp);
      if (
        !name ||
        !ROLES.includes(role as Role) ||
        !/^[0-9a-f]{64}$/.test(sha256 ?? '') ||
        (tlp !== undefined && !clearance) ||
        rest.length > 0
      ) {
        throw new ConfigError({
          API_KEYS: `is invalid: "${name ?? entry}" must be name:role:sha256hex[:TLP] with role reader, editor or admin and TLP one of ${TLP_ORDER.join(', ')}`,
        });
      }
      return { name, role: role as Role, sha256, ...(clearance ? { clearance } : {}) };
    });
}

/** express's "trust proxy": a hop count, or addresses/subnets (comma-separated); unset: none. */
function trustProxyOf(text: string): number | string | undefined {
  const value = text.trim();
  if (!value) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export class ConfigError extends Error {
  constructor(readonly variables: Record<string, string>) {
    super(
      'Invalid configuration: ' +
        Object.entries(variables)
          .map(([name, reason]) => `${name} ${reason}`)
          .join('; '),
    );
  }
}

/** Throws a ConfigError naming every bad variable (envalid's default would exit the process). */
function throwingReporter({ errors }: ReporterOptions<unknown>): void {
  const bad = Object.entries(errors as Record<string, Error | undefined>).filter(
    (entry): entry is [string, Error] => entry[1] !== undefined,
  );
  if (bad.length > 0) {
    throw new ConfigError(Object.fromEntries(bad.map(([name, error]) => [name, `is invalid: ${error.message}`])));
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const clean = cleanEnv(env, specs, { reporter: throwingReporter });
  return {
    nodeEnv: clean.NODE_ENV,
    isProduction: clean.NODE_ENV === 'production',
    host: clean.HOST,
    port: clean.PORT,
    logLevel: clean.LOG_LEVEL,
    neo4j: {
      uri: clean.NEO4J_URI as string | undefined,
      user: clean.NEO4J_USER,
      password: clean.NEO4J_PASSWORD,
      database: clean.NEO4J_DATABASE,
      transactionTimeoutMs: clean.NEO4J_TX_TIMEOUT_MS,
      acquisitionTimeoutMs: clean.NEO4J_ACQUISITION_TIMEOUT_MS,
      maxPoolSize: clean.NEO4J_MAX_POOL_SIZE,
      startupWaitMs: clean.NEO4J_STARTUP_WAIT_MS,
    },
    localNeo4j: {
      port: clean.NEO4J_LOCAL_PORT,
      dataDir: clean.NEO4J_LOCAL_DATA_DIR,
      heap: clean.NEO4J_HEAP,
      pageCache: clean.NEO4J_PAGECACHE,
    },
    seedOnEmpty: clean.SEED_ON_EMPTY,
    importWorkers: clean.IMPORT_WORKERS,
    auth: {
      apiKeys: parseApiKeys(clean.API_KEYS),
      jwtSecret: clean.JWT_SECRET || undefined,
      jwksUrl: clean.JWT_JWKS_URL || undefined,
      issuer: clean.JWT_ISSUER || undefined,
      audience: clean.JWT_AUDIENCE || undefined,
      rolesClaim: clean.JWT_ROLES_CLAIM,
      clearanceClaim: clean.JWT_CLEARANCE_CLAIM,
      maxTokenLifetimeSeconds: clean.JWT_MAX_LIFETIME_SECONDS,
      clearance: clearanceConfig(clean),
      anonymousReads: (clean.ANONYMOUS_READS as boolean | undefined) ?? clean.NODE_ENV !== 'production',
    },
    limits: {
      introspection: (clean.INTROSPECTION as boolean | undefined) ?? clean.NODE_ENV !== 'production',
      maxDepth: clean.MAX_QUERY_DEPTH,
      maxComplexity: clean.MAX_QUERY_COMPLEXITY,
      maxAliases: clean.MAX_ALIASES,
      maxTokens: clean.MAX_QUERY_TOKENS,
      maxSelections: clean.MAX_SELECTIONS,
      maxListLength: clean.MAX_LIST_LENGTH,
      documentCacheBytes: clean.DOCUMENT_CACHE_BYTES,
      maxBodyBytes: clean.MAX_BODY_BYTES,
      maxAdminBodyBytes: Math.max(clean.MAX_ADMIN_BODY_BYTES, clean.MAX_BODY_BYTES),
      ratePerMinute: clean.RATE_LIMIT_PER_MINUTE,
      anonymousRatePerMinute: clean.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      authFailuresPerMinute: clean.AUTH_FAILURES_PER_MINUTE,
    },
    metrics: {
      token: clean.METRICS_TOKEN || undefined,
      host: clean.METRICS_HOST,
      port: clean.METRICS_PORT as number | undefined,
      operations: clean.METRICS_OPERATIONS.split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    },
    redis: {
      url: clean.REDIS_URL as string | undefined,
      commandTimeoutMs: clean.REDIS_COMMAND_TIMEOUT_MS,
      startupWaitMs: clean.REDIS_STARTUP_WAIT_MS,
    },
    changes: { pollMs: clean.CHANGES_POLL_MS, pollWithRedisMs: clean.CHANGES_POLL_WITH_REDIS_MS },
    watchlists: { pollMs: clean.WATCH_POLL_MS },
    trustProxy: trustProxyOf(clean.TRUST_PROXY),
    readinessTimeoutMs: clean.READINESS_TIMEOUT_MS,
    publicCacheMaxAgeS: clean.PUBLIC_CACHE_MAX_AGE_S,
    web: {
      ideEnabled: (clean.IDE_ENABLED as boolean | undefined) ?? clean.NODE_ENV !== 'production',
    },
    shutdownGraceMs: clean.SHUTDOWN_GRACE_MS,
    documents: { maxBytes: clean.DOCUMENT_MAX_BYTES, parseTimeoutMs: clean.DOCUMENT_PARSE_TIMEOUT_MS },
    cors: corsConfig(clean),
    webhooks: webhookConfig(clean),
  };
}
