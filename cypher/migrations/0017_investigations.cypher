// Saved investigations (docs/investigations.md): an explorer view kept in the graph, apart from
// the knowledge graph (no :Entity label, so no search, traversal or export ever reads one).
// Ids are made by the service; the constraint makes a duplicate fail instead of forking a view.
CREATE CONSTRAINT investigation_id_unique IF NOT EXISTS FOR (n:Investigation) REQUIRE n.id IS UNIQUE;
// The list pages by (updatedAt DESC, id): newest first, as an index-backed range.
CREATE INDEX investigation_updated IF NOT EXISTS FOR (n:Investigation) ON (n.updatedAt);
// An older version is read by (investigationId, version).
CREATE INDEX investigation_version IF NOT EXISTS FOR (n:InvestigationVersion) ON (n.investigationId, n.version);
