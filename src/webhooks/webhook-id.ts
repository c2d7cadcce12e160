import { randomBytes } from 'node:crypto';

/** A webhook's id: wh_ and 24 hex digits, random (nothing an admin types becomes an id). */
export const WEBHOOK_ID_PATTERN = /^wh_[0-9a-f]{24}$/;

export function newWebhookId(): string {
  return `wh_${randomBytes(12).toString('hex')}`;
}

/** The idempotency id of one change to one webhook: the webhook-id header, stable across retries. */
export function deliveryId(webhookId: string, sequence: number): string {
  return `msg_${webhookId}_${sequence}`;
}
