// Documents (src/documents/, docs/documents.md): a Source's full text lives in its own
// (:DocumentText) node, found by the source's id, so ordinary reads of sources never carry it.
// One text per content hash: the same document is not ingested twice, even by two ingests at once
// (their MERGE on the hash queues on this constraint).
CREATE CONSTRAINT document_text_hash_unique IF NOT EXISTS
FOR (t:DocumentText) REQUIRE t.contentHash IS UNIQUE;

CREATE CONSTRAINT document_text_source_unique IF NOT EXISTS
FOR (t:DocumentText) REQUIRE t.sourceId IS UNIQUE;

// Search and mentions work on (:DocumentChunk) nodes: the text cut in pieces of 8,000 characters
// (src/documents/readers/document-text.ts), each with its folded twin (accents and case folded,
// punctuation spaces, the same length as the text). The index tells which pieces hold the words,
// so finding the exact places costs what is found, not the size of the documents.
CREATE INDEX document_chunk_source IF NOT EXISTS FOR (c:DocumentChunk) ON (c.sourceId, c.start);

CREATE FULLTEXT INDEX document_chunks IF NOT EXISTS
FOR (c:DocumentChunk) ON EACH [c.folded]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
