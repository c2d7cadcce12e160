// Relationship indexes on what traversals order and filter links by: their grade (credibility), then
// id (the tie-break that keeps answers stable). One per type of the closed vocabulary
// (src/model/vocabulary.ts); they serve type-wide reads of links by grade, such as the best-graded
// links of a type, and give the planner the selectivity of credibility filters. (A neighbourhood's
// per-entity reads walk the entity's own links, which no index orders: they sort at most one
// entity's links and keep the best few.)
CREATE INDEX rel_member_of_credibility IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.credibility, r.id);
CREATE INDEX rel_affiliated_with_credibility IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.credibility, r.id);
CREATE INDEX rel_subordinate_to_credibility IF NOT EXISTS FOR ()-[r:SUBORDINATE_TO]-() ON (r.credibility, r.id);
CREATE INDEX rel_national_of_credibility IF NOT EXISTS FOR ()-[r:NATIONAL_OF]-() ON (r.credibility, r.id);
CREATE INDEX rel_supports_credibility IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.credibility, r.id);
CREATE INDEX rel_opposes_credibility IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.credibility, r.id);
CREATE INDEX rel_governs_credibility IF NOT EXISTS FOR ()-[r:GOVERNS]-() ON (r.credibility, r.id);
CREATE INDEX rel_operates_in_credibility IF NOT EXISTS FOR ()-[r:OPERATES_IN]-() ON (r.credibility, r.id);
CREATE INDEX rel_part_of_credibility IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.credibility, r.id);
CREATE INDEX rel_borders_credibility IF NOT EXISTS FOR ()-[r:BORDERS]-() ON (r.credibility, r.id);
CREATE INDEX rel_connects_credibility IF NOT EXISTS FOR ()-[r:CONNECTS]-() ON (r.credibility, r.id);
CREATE INDEX rel_participated_in_credibility IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.credibility, r.id);
CREATE INDEX rel_occurred_in_credibility IF NOT EXISTS FOR ()-[r:OCCURRED_IN]-() ON (r.credibility, r.id);
CREATE INDEX rel_disrupts_credibility IF NOT EXISTS FOR ()-[r:DISRUPTS]-() ON (r.credibility, r.id);
CREATE INDEX rel_follows_credibility IF NOT EXISTS FOR ()-[r:FOLLOWS]-() ON (r.credibility, r.id);
CREATE INDEX rel_alleges_credibility IF NOT EXISTS FOR ()-[r:ALLEGES]-() ON (r.credibility, r.id);
CREATE INDEX rel_accuses_credibility IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.credibility, r.id);
CREATE INDEX rel_concerns_credibility IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.credibility, r.id);
CREATE INDEX rel_denies_credibility IF NOT EXISTS FOR ()-[r:DENIES]-() ON (r.credibility, r.id);
CREATE INDEX rel_reported_by_credibility IF NOT EXISTS FOR ()-[r:REPORTED_BY]-() ON (r.credibility, r.id);
CREATE INDEX rel_cites_credibility IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.credibility, r.id);
