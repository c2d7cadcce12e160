// Every node carries :Entity and a stable slug id; one constraint makes ids unique across all
// kinds (an actor and a place cannot share an id) and gives the id lookups their index.
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT migration_id_unique IF NOT EXISTS
FOR (m:Migration) REQUIRE m.id IS UNIQUE;
