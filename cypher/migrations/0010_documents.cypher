// Documents (src/documents/, docs/documents.md): a Source's full text lives in its own
// (:DocumentText) node, found by the source's id, so ordinary reads of sources never carry it.
// One text per content hash: the same document is not ingested twice, even by two ingests at once
// (their MERGE on the hash queues on this constraint).
CREATE CONSTRAINT document_text_hash_unique IF NOT EXISTS
FOR (t:DocumentText) REQUIRE t.contentHash IS UNIQUE;

CREATE CONSTRAINT document_text_source_unique IF NOT EXISTS
FOR (t:DocumentText) REQUIRE t.sourceId IS UNIQUE;

// Full-text search over the texts, on their folded twin (accents and case folded, punctuation
// spaces, the same length as the text): the words searchDocuments and mentions look for.
CREATE FULLTEXT INDEX document_texts IF NOT EXISTS
FOR (t:DocumentText) ON EACH [t.folded]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
