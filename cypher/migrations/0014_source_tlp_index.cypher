// Every read below RED clearance first lists the sources above it (src/db/visibility.ts,
// HIDDEN_SOURCES: `s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp`). Without this index that is a
// scan of every Source on every traversal and list request; with it, only the sources that carry
// a TLP level are read (most carry none: their items take the level of nothing stricter).
CREATE INDEX source_tlp IF NOT EXISTS FOR (n:Source) ON (n.tlp);
