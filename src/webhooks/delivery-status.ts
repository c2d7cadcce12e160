/** Where a delivery stands (docs/webhooks.md); stored as the value, shown in GraphQL by the key. */
export enum DeliveryStatus {
  /** Written to the outbox, not tried yet. */
  PENDING = 'pending',
  /** Claimed by a dispatcher (a lease: if that process dies, another takes it once it expires). */
  DELIVERING = 'delivering',
  /** The receiver answered 2xx. */
  DELIVERED = 'delivered',
  /** The last attempt failed; the next one is due at nextAttemptAt. */
  RETRYING = 'retrying',
  /** Every attempt failed (WEBHOOK_MAX_ATTEMPTS); not tried again. */
  FAILED = 'failed',
}
