// The streaming importer (src/bundle/stream-import.service.ts): one (:ImportRun) per run, found
// by id; (:ImportPreImage) copies of what a run updated, found by run to roll it back or clean up;
// per-record (:Change) entries of a run (--history per-record), found by run to roll them back.
CREATE CONSTRAINT import_run_id_unique IF NOT EXISTS
FOR (r:ImportRun) REQUIRE r.id IS UNIQUE;

CREATE INDEX import_pre_image_run IF NOT EXISTS FOR (p:ImportPreImage) ON (p.preImageRun);

CREATE INDEX change_import_run IF NOT EXISTS FOR (c:Change) ON (c.importRun);
