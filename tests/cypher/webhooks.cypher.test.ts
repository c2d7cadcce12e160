import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { DeliveryStatus } from '../../src/webhooks/delivery-status';
import { OutboxRepository } from '../../src/webhooks/outbox.repository';
import { recordingDatabase, statementsOf, type Recorded } from '../support/recording-database';

/**
 * The Cypher behind webhooks (docs/webhooks.md): administration through GraphQL, and the
 * dispatcher's outbox statements (enqueue, claim with a lease, record, prune), pinned with their
 * parameters without a database. The random parts (a new webhook's id and secret) are masked.
 */
const HOOK_ID = 'wh_0123456789abcdef01234567';
const WEBHOOK_ROW = {
  webhook: {
    id: HOOK_ID,
    url: 'https://hooks.example.org/sahel',
    description: null,
    kinds: null,
    types: null,
    entityIds: ['jnim'],
    enabled: true,
    owner: 'cypher-snapshot',
    clearance: 'RED',
    cursor: 41,
    createdAt: '2026-12-07T00:00:00Z',
  },
};
const answer = ({ operation }: Recorded) =>
  operation === 'webhooks.deliveries' ? [] : operation.startsWith('webhooks.') ? [WEBHOOK_ROW] : undefined;

/** A statement with its random values replaced, so the snapshot stays put. */
const masked = (sent: Recorded[]) =>
  sent.map((statement) => ({
    ...statement,
    params: Object.fromEntries(
      Object.entries(statement.params).map(([key, value]) => [
        key,
        key === 'secret' ? '<whsec_…>' : key === 'id' && value !== HOOK_ID ? '<wh_…>' : value,
      ]),
    ),
  }));

describe('webhooks: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('registers a webhook at the feed head under the registry lock, capped', async () => {
    const sent = await statementsOf(
      schema,
      'mutation { registerWebhook(webhook: { url: "https://93.184.216.34/hook", filter: { entityIds: ["jnim"], kinds: [CREATED] }, description: "desk" }) { secret webhook { id } } }',
      { answer },
    );
    expect(masked(sent)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MERGE (registry:WebhookRegistry {id: 'webhooks'})
SET registry.writeLock = true
REMOVE registry.writeLock
WITH registry
CALL () { MATCH (existing:Webhook) RETURN count(existing) AS registered }
OPTIONAL MATCH (feed:ChangeFeed {id: 'changes'})
WITH registered, coalesce(feed.seq, 0) AS head
WHERE registered < $max
CREATE (w:Webhook {id: $id, url: $url, description: $description, kinds: $kinds, types: $types,
  entityIds: $entityIds, secret: $secret, owner: $owner, clearance: $clearance, enabled: true,
  createdAt: datetime(), cursor: head})
RETURN w {.id, .url, .description, .kinds, .types, .entityIds, .enabled, .owner, .clearance, .cursor, createdAt: toString(w.createdAt)} AS webhook",
    "operation": "webhooks.register",
    "params": {
      "clearance": "RED",
      "description": "desk",
      "entityIds": [
        "jnim",
      ],
      "id": "<wh_…>",
      "kinds": [
        "CREATED",
      ],
      "max": 50,
      "owner": "cypher-snapshot",
      "secret": "<whsec_…>",
      "types": null,
      "url": "https://93.184.216.34/hook",
    },
  },
]
`);
  });

  it('lists webhooks, reads one with its deliveries, enables, rotates and deletes', async () => {
    const sent = await statementsOf(
      schema,
      `query { webhooks { id } webhook(id: "${HOOK_ID}") { id deliveries(first: 5, status: RETRYING) { id } } }`,
      { answer },
    );
    const changed = await statementsOf(
      schema,
      `mutation { setWebhookEnabled(id: "${HOOK_ID}", enabled: false) { id } rotateWebhookSecret(id: "${HOOK_ID}") { secret } deleteWebhook(id: "${HOOK_ID}") }`,
      { answer },
    );
    expect(masked([...sent, ...changed])).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (w:Webhook)
RETURN w {.id, .url, .description, .kinds, .types, .entityIds, .enabled, .owner, .clearance, .cursor, createdAt: toString(w.createdAt)} AS webhook
ORDER BY w.createdAt, w.id
LIMIT $max",
    "operation": "webhooks.list",
    "params": {
      "max": 50,
    },
  },
  {
    "cypher": "MATCH (w:Webhook {id: $id})
RETURN w {.id, .url, .description, .kinds, .types, .entityIds, .enabled, .owner, .clearance, .cursor, createdAt: toString(w.createdAt)} AS webhook",
    "operation": "webhooks.byId",
    "params": {
      "id": "wh_0123456789abcdef01234567",
    },
  },
  {
    "cypher": "MATCH (d:WebhookDelivery {webhookId: $id})
WHERE $status IS NULL OR d.status = $status
RETURN d {.id, .sequence, .kind, .targetId, .status, .attempts, .lastStatusCode, .lastError, .nextAttemptAt,
  createdAt: toString(d.createdAt), deliveredAt: toString(d.deliveredAt)} AS delivery
ORDER BY d.sequence DESC
LIMIT $first",
    "operation": "webhooks.deliveries",
    "params": {
      "first": 5,
      "id": "wh_0123456789abcdef01234567",
      "status": "retrying",
    },
  },
  {
    "cypher": "MATCH (w:Webhook {id: $id})
SET w.enabled = $enabled
RETURN w {.id, .url, .description, .kinds, .types, .entityIds, .enabled, .owner, .clearance, .cursor, createdAt: toString(w.createdAt)} AS webhook",
    "operation": "webhooks.setEnabled",
    "params": {
      "enabled": false,
      "id": "wh_0123456789abcdef01234567",
    },
  },
  {
    "cypher": "MATCH (w:Webhook {id: $id})
SET w.secret = $secret, w.secretRotatedAt = datetime()
RETURN w {.id, .url, .description, .kinds, .types, .entityIds, .enabled, .owner, .clearance, .cursor, createdAt: toString(w.createdAt)} AS webhook",
    "operation": "webhooks.rotateSecret",
    "params": {
      "id": "wh_0123456789abcdef01234567",
      "secret": "<whsec_…>",
    },
  },
  {
    "cypher": "MATCH (w:Webhook {id: $id})
CALL (w) {
  MATCH (d:WebhookDelivery {webhookId: w.id})
  DETACH DELETE d
}
DETACH DELETE w
RETURN true AS deleted",
    "operation": "webhooks.delete",
    "params": {
      "id": "wh_0123456789abcdef01234567",
    },
  },
]
`);
  });

  it("the dispatcher's outbox statements", async () => {
    const { db, recorded } = recordingDatabase({ answer: () => [{ pruned: 0 }] });
    const outbox = new OutboxRepository(db);
    await outbox.enabledWebhooks(50);
    await outbox.enqueue(
      HOOK_ID,
      41,
      42,
      [{ id: `msg_${HOOK_ID}_42`, sequence: 42, kind: 'CREATED', targetId: 'jnim', payload: '{}' }],
      1_765_000_000_000,
    );
    await outbox.anyDue(1_765_000_000_000);
    await outbox.claim('dispatcher-1', 1_765_000_000_000, 50, 60_000);
    await outbox.record(`msg_${HOOK_ID}_42`, 'dispatcher-1', {
      status: DeliveryStatus.RETRYING,
      statusCode: 503,
      error: 'HTTP 503',
      nextAttemptAt: 1_765_000_005_000,
    });
    await outbox.prune(7, 1_000);
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (w:Webhook)
WHERE w.enabled
RETURN w {.id, .kinds, .types, .entityIds, .owner, .clearance, .cursor} AS webhook
ORDER BY w.id
LIMIT $max",
    "operation": "webhooks.enabled",
    "params": {
      "max": 50,
    },
  },
  {
    "cypher": "MATCH (w:Webhook {id: $webhookId})
SET w.writeLock = true
REMOVE w.writeLock
WITH w
WHERE w.cursor = $from AND w.enabled
SET w.cursor = $to
WITH w
CALL (w) {
  UNWIND $rows AS row
  MERGE (d:WebhookDelivery {id: row.id})
  ON CREATE SET d.webhookId = w.id, d.sequence = row.sequence, d.kind = row.kind, d.targetId = row.targetId,
    d.payload = row.payload, d.status = 'pending', d.attempts = 0, d.createdAt = datetime(),
    d.nextAttemptAt = $now
  RETURN count(d) AS queued
}
RETURN queued",
    "operation": "webhooks.enqueue",
    "params": {
      "from": 41,
      "now": 1765000000000,
      "rows": [
        {
          "id": "msg_wh_0123456789abcdef01234567_42",
          "kind": "CREATED",
          "payload": "{}",
          "sequence": 42,
          "targetId": "jnim",
        },
      ],
      "to": 42,
      "webhookId": "wh_0123456789abcdef01234567",
    },
  },
  {
    "cypher": "MATCH (d:WebhookDelivery)
WHERE ((d.status IN ['pending', 'retrying'] AND d.nextAttemptAt <= $now) OR (d.status = 'delivering' AND d.leaseUntil <= $now))
WITH d LIMIT 1
RETURN count(d) > 0 AS due",
    "operation": "webhooks.anyDue",
    "params": {
      "now": 1765000000000,
    },
  },
  {
    "cypher": "MATCH (d:WebhookDelivery)
WHERE ((d.status IN ['pending', 'retrying'] AND d.nextAttemptAt <= $now) OR (d.status = 'delivering' AND d.leaseUntil <= $now))
WITH d ORDER BY d.nextAttemptAt, d.id LIMIT $batch
MATCH (w:Webhook {id: d.webhookId})
WHERE w.enabled
SET d.claimLock = true
REMOVE d.claimLock
WITH d, w
WHERE ((d.status IN ['pending', 'retrying'] AND d.nextAttemptAt <= $now) OR (d.status = 'delivering' AND d.leaseUntil <= $now))
SET d.status = 'delivering', d.leaseOwner = $owner, d.leaseUntil = $now + $leaseMs,
  d.attempts = d.attempts + 1
RETURN d.id AS id, d.payload AS payload, d.attempts AS attempts, w.url AS url, w.secret AS secret",
    "operation": "webhooks.claim",
    "params": {
      "batch": 50,
      "leaseMs": 60000,
      "now": 1765000000000,
      "owner": "dispatcher-1",
    },
  },
  {
    "cypher": "MATCH (d:WebhookDelivery {id: $id})
WHERE d.status = 'delivering' AND d.leaseOwner = $owner
SET d.status = $status, d.lastStatusCode = $statusCode, d.lastError = $error, d.nextAttemptAt = $nextAttemptAt,
  d.deliveredAt = CASE WHEN $status = 'delivered' THEN datetime() ELSE null END,
  d.leaseOwner = null, d.leaseUntil = null
RETURN d.id AS id",
    "operation": "webhooks.recordAttempt",
    "params": {
      "error": "HTTP 503",
      "id": "msg_wh_0123456789abcdef01234567_42",
      "nextAttemptAt": 1765000005000,
      "owner": "dispatcher-1",
      "status": "retrying",
      "statusCode": 503,
    },
  },
  {
    "cypher": "MATCH (d:WebhookDelivery)
WHERE d.status IN ['delivered', 'failed']
  AND d.createdAt < datetime() - duration({days: $days})
WITH d LIMIT $limit
DETACH DELETE d
RETURN count(*) AS pruned",
    "operation": "webhooks.pruneOld",
    "params": {
      "days": 7,
      "limit": 1000,
    },
  },
  {
    "cypher": "MATCH (w:Webhook)
CALL (w) {
  MATCH (d:WebhookDelivery {webhookId: w.id})
  WHERE d.status IN ['delivered', 'failed']
  WITH d ORDER BY d.sequence DESC SKIP $keep LIMIT $limit
  DETACH DELETE d
  RETURN count(*) AS pruned
}
RETURN sum(pruned) AS pruned",
    "operation": "webhooks.pruneExcess",
    "params": {
      "keep": 1000,
      "limit": 1000,
    },
  },
]
`);
  });
});
