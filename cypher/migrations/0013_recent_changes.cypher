// recentChanges reads the newest (:Change) entries of the whole graph in this index's order
// (src/curation/history.repository.ts, RECENT_CHANGES), not by sorting every change.
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
