// The change feed (docs/changes.md, src/db/change-sequence.ts): each (:Change) gets a sequence
// number in commit order from the one (:ChangeFeed) counter; the feed pages by it.
CREATE CONSTRAINT change_seq_unique IF NOT EXISTS
FOR (c:Change) REQUIRE c.seq IS UNIQUE;

CREATE CONSTRAINT change_feed_id_unique IF NOT EXISTS
FOR (f:ChangeFeed) REQUIRE f.id IS UNIQUE;
