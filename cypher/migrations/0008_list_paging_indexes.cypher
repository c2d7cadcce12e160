// Lists that touch only their page (issue 12). A list is `MATCH (n:Actor) WHERE n.id > $after
// ORDER BY n.id LIMIT $limit`: with a range index on the label's id the planner reads the first
// `limit` ids of that label in index order and stops (the Entity.id constraint orders all kinds
// together, so a list of a small kind would skip over the others).
CREATE INDEX actor_id IF NOT EXISTS FOR (n:Actor) ON (n.id);
CREATE INDEX location_id IF NOT EXISTS FOR (n:Location) ON (n.id);
CREATE INDEX event_id IF NOT EXISTS FOR (n:Event) ON (n.id);
CREATE INDEX allegation_id IF NOT EXISTS FOR (n:Allegation) ON (n.id);
CREATE INDEX source_id IF NOT EXISTS FOR (n:Source) ON (n.id);

// totalCount of an unfiltered list = the label's count (kept by Neo4j's count store, O(1)) minus
// its retracted nodes, found through these indexes instead of a scan of the label.
CREATE INDEX actor_retracted IF NOT EXISTS FOR (n:Actor) ON (n.retracted);
CREATE INDEX location_retracted IF NOT EXISTS FOR (n:Location) ON (n.retracted);
CREATE INDEX event_retracted IF NOT EXISTS FOR (n:Event) ON (n.retracted);
CREATE INDEX allegation_retracted IF NOT EXISTS FOR (n:Allegation) ON (n.retracted);
CREATE INDEX source_retracted IF NOT EXISTS FOR (n:Source) ON (n.retracted);

// No relationship index on r.id: a relationship index is global to its type, so it cannot give
// one entity's relationships in id order. Each entity's page expands only the asked types (a
// dense node keeps its relationships grouped by type and direction) and keeps the first
// `first + 1` by id (top-k), see src/relationships/relationship.repository.ts.
