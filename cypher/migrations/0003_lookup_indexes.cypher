// Indexes for the common filters: lists by kind and type, timelines by date, allegations by status.
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX location_kind IF NOT EXISTS FOR (n:Location) ON (n.kind);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.startDate);
CREATE INDEX allegation_status IF NOT EXISTS FOR (n:Allegation) ON (n.status);
CREATE INDEX source_reliability IF NOT EXISTS FOR (n:Source) ON (n.reliability);
