// Every write leaves a (:Change) node: who, when, what (see src/bundle/bundle.repository.ts).
// history(id) reads them by target id, newest first.
CREATE CONSTRAINT change_id_unique IF NOT EXISTS
FOR (c:Change) REQUIRE c.id IS UNIQUE;

CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.targetId, c.at);
