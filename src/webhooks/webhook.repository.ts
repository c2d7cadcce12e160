import { CHANGE_FEED_ID, CHANGE_FEED_LABEL, int, type Database } from '../db';
import type { ChangeKind } from '../changes/change-kind';
import type { DeliveryStatus } from './delivery-status';
import type { Webhook, WebhookDelivery } from './webhook.type';

/**
 * Webhooks and their outbox rows are bookkeeping, not graph records: they carry no :Entity
 * label and write no (:Change) history, so the gateway's sequencing statement finds nothing to
 * number and they never appear in the change feed (docs/webhooks.md).
 */
export const WEBHOOK_LABEL = 'Webhook';
export const DELIVERY_LABEL = 'WebhookDelivery';
/** The node whose write lock serialises registrations, so the cap on webhooks holds under races. */
const REGISTRY = `MERGE (registry:WebhookRegistry {id: 'webhooks'})
SET registry.writeLock = true
REMOVE registry.writeLock`;

const WEBHOOK_FIELDS = `w {.id, .url, .description, .kinds, .types, .entityIds, .enabled, .owner, .clearance, .cursor, createdAt: toString(w.createdAt)}`;

/** Creates the webhook at the feed's head (it receives what commits from now on), unless the cap is reached. */
export const REGISTER_WEBHOOK = `${REGISTRY}
WITH registry
CALL () { MATCH (existing:${WEBHOOK_LABEL}) RETURN count(existing) AS registered }
OPTIONAL MATCH (feed:${CHANGE_FEED_LABEL} {id: '${CHANGE_FEED_ID}'})
WITH registered, coalesce(feed.seq, 0) AS head
WHERE registered < $max
CREATE (w:${WEBHOOK_LABEL} {id: $id, url: $url, description: $description, kinds: $kinds, types: $types,
  entityIds: $entityIds, secret: $secret, owner: $owner, clearance: $clearance, enabled: true,
  createdAt: datetime(), cursor: head})
RETURN ${WEBHOOK_FIELDS} AS webhook`;

export const LIST_WEBHOOKS = `MATCH (w:${WEBHOOK_LABEL})
RETURN ${WEBHOOK_FIELDS} AS webhook
ORDER BY w.createdAt, w.id
LIMIT $max`;

export const WEBHOOK_BY_ID = `MATCH (w:${WEBHOOK_LABEL} {id: $id})
RETURN ${WEBHOOK_FIELDS} AS webhook`;

export const SET_WEBHOOK_ENABLED = `MATCH (w:${WEBHOOK_LABEL} {id: $id})
SET w.enabled = $enabled
RETURN ${WEBHOOK_FIELDS} AS webhook`;

export const ROTATE_WEBHOOK_SECRET = `MATCH (w:${WEBHOOK_LABEL} {id: $id})
SET w.secret = $secret, w.secretRotatedAt = datetime()
RETURN ${WEBHOOK_FIELDS} AS webhook`;

/** The webhook and its outbox: at most the retained rows plus what is still to send. */
export const DELETE_WEBHOOK = `MATCH (w:${WEBHOOK_LABEL} {id: $id})
CALL (w) {
  MATCH (d:${DELIVERY_LABEL} {webhookId: w.id})
  DETACH DELETE d
}
DETACH DELETE w
RETURN true AS deleted`;

export const DELIVERIES_OF = `MATCH (d:${DELIVERY_LABEL} {webhookId: $id})
WHERE $status IS NULL OR d.status = $status
RETURN d {.id, .sequence, .kind, .targetId, .status, .attempts, .lastStatusCode, .lastError, .nextAttemptAt,
  createdAt: toString(d.createdAt), deliveredAt: toString(d.deliveredAt)} AS delivery
ORDER BY d.sequence DESC
LIMIT $first`;

interface WebhookRow {
  id: string;
  url: string;
  description: string | null;
  kinds: string[] | null;
  types: string[] | null;
  entityIds: string[] | null;
  enabled: boolean;
  owner: string;
  clearance: string;
  cursor: number;
  createdAt: string;
}

interface DeliveryRow extends Omit<WebhookDelivery, 'nextAttemptAt'> {
  nextAttemptAt: number | null;
}

export interface NewWebhook {
  id: string;
  url: string;
  description: string | null;
  kinds: string[] | null;
  types: string[] | null;
  entityIds: string[] | null;
  secret: string;
  owner: string;
  clearance: string;
}

/** The webhooks themselves (registration and administration); the outbox is outbox.repository.ts. */
export class WebhookRepository {
  constructor(private readonly db: Database) {}

  /** The new webhook, or null when `max` are registered already. */
  async register(webhook: NewWebhook, max: number): Promise<Webhook | null> {
    const rows = await this.db.write<{ webhook: WebhookRow }>('webhooks.register', REGISTER_WEBHOOK, {
      ...webhook,
      max: int(max),
    });
    return rows[0] ? toWebhook(rows[0].webhook) : null;
  }

  async list(max: number): Promise<Webhook[]> {
    const rows = await this.db.read<{ webhook: WebhookRow }>('webhooks.list', LIST_WEBHOOKS, { max: int(max) });
    return rows.map((row) => toWebhook(row.webhook));
  }

  async byId(id: string): Promise<Webhook | null> {
    const [row] = await this.db.read<{ webhook: WebhookRow }>('webhooks.byId', WEBHOOK_BY_ID, { id });
    return row ? toWebhook(row.webhook) : null;
  }

  async setEnabled(id: string, enabled: boolean): Promise<Webhook | null> {
    const [row] = await this.db.write<{ webhook: WebhookRow }>('webhooks.setEnabled', SET_WEBHOOK_ENABLED, {
      id,
      enabled,
    });
    return row ? toWebhook(row.webhook) : null;
  }

  async rotateSecret(id: string, secret: string): Promise<Webhook | null> {
    const [row] = await this.db.write<{ webhook: WebhookRow }>('webhooks.rotateSecret', ROTATE_WEBHOOK_SECRET, {
      id,
      secret,
    });
    return row ? toWebhook(row.webhook) : null;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.write('webhooks.delete', DELETE_WEBHOOK, { id });
    return rows.length > 0;
  }

  async deliveries(id: string, first: number, status: DeliveryStatus | null): Promise<WebhookDelivery[]> {
    const rows = await this.db.read<{ delivery: DeliveryRow }>('webhooks.deliveries', DELIVERIES_OF, {
      id,
      first: int(first),
      status,
    });
    return rows.map(({ delivery }) => ({
      ...delivery,
      lastStatusCode: delivery.lastStatusCode ?? null,
      lastError: delivery.lastError ?? null,
      deliveredAt: delivery.deliveredAt ?? null,
      nextAttemptAt: isWaiting(delivery.status) ? new Date(delivery.nextAttemptAt ?? 0).toISOString() : null,
    }));
  }
}

const isWaiting = (status: DeliveryStatus) => status === 'pending' || status === 'retrying';

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description ?? null,
    filter: {
      kinds: (row.kinds as ChangeKind[] | null) ?? null,
      types: row.types ?? null,
      entityIds: row.entityIds ?? null,
    },
    enabled: row.enabled,
    owner: row.owner,
    clearance: row.clearance,
    createdAt: row.createdAt,
    cursorSequence: row.cursor,
  };
}
