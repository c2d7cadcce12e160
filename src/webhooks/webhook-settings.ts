import type { Config } from '../config';

/**
 * How webhooks are registered and delivered (docs/webhooks.md): read from the environment by
 * src/config.ts (WEBHOOK_*) and handed to the service and the dispatcher.
 */
export type WebhookSettings = Config['webhooks'];

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowPrivate: false,
  allowedHosts: [],
  maxWebhooks: 50,
  dispatch: true,
  pollMs: 1_000,
  batchSize: 50,
  concurrency: 4,
  timeoutMs: 10_000,
  maxAttempts: 8,
  backoffBaseMs: 5_000,
  backoffMaxMs: 3_600_000,
  leaseMs: 60_000,
  maxPayloadBytes: 262_144,
  retentionDays: 7,
  retentionCount: 1_000,
};

/** The longest URL a webhook may have. */
export const MAX_WEBHOOK_URL_LENGTH = 2_048;
/** The longest description. */
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 500;
/** Bytes of a receiver's answer read at most (the rest is dropped; the body is not used). */
export const MAX_RESPONSE_BYTES = 4_096;
