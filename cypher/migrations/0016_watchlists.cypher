// Watchlists and path alerts (docs/watchlists.md, src/watchlists/): a watch and an alert are
// found by id, listed per owner (the identity's name), and alerts paged by their number.
CREATE CONSTRAINT watch_id_unique IF NOT EXISTS
FOR (w:Watch) REQUIRE w.id IS UNIQUE;

CREATE INDEX watch_owner IF NOT EXISTS
FOR (w:Watch) ON (w.owner);

// One watch per owner and question (watching twice answers the same watch): MERGE on the key.
CREATE CONSTRAINT watch_key_unique IF NOT EXISTS
FOR (w:Watch) REQUIRE w.key IS UNIQUE;

// The watcher finds the entity watches a commit touched by the entity's id.
CREATE INDEX watch_entity IF NOT EXISTS
FOR (w:Watch) ON (w.entityId);

// The per-identity lock that keeps the caps under concurrent watch calls.
CREATE CONSTRAINT watch_owner_id_unique IF NOT EXISTS
FOR (o:WatchOwner) REQUIRE o.id IS UNIQUE;

CREATE CONSTRAINT alert_id_unique IF NOT EXISTS
FOR (a:Alert) REQUIRE a.id IS UNIQUE;

CREATE INDEX alert_owner_number IF NOT EXISTS
FOR (a:Alert) ON (a.owner, a.number);

CREATE CONSTRAINT watch_cursor_id_unique IF NOT EXISTS
FOR (c:WatchCursor) REQUIRE c.id IS UNIQUE;
