// Webhooks and their outbox (src/webhooks, docs/webhooks.md). A delivery's id is its
// idempotency id (msg_<webhook>_<sequence>): unique, so a change is queued once per webhook even
// when two dispatchers race. The dispatcher claims due rows by status and reads a webhook's
// outbox by webhook id.
CREATE CONSTRAINT webhook_id_unique IF NOT EXISTS FOR (w:Webhook) REQUIRE w.id IS UNIQUE;
CREATE CONSTRAINT webhook_delivery_id_unique IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.id IS UNIQUE;
CREATE INDEX webhook_delivery_status IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.status);
CREATE INDEX webhook_delivery_webhook IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.webhookId);
CREATE CONSTRAINT webhook_registry_id_unique IF NOT EXISTS FOR (r:WebhookRegistry) REQUIRE r.id IS UNIQUE;
