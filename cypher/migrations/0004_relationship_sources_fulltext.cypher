// "What does this source back?" must not scan every relationship: relationships keep the ids of
// the sources they cite in r.sourceIds, indexed here (keyword analyzer: one term per id).
// Lists every relationship type of the vocabulary (src/model/vocabulary.ts); a new type needs a
// new migration that recreates this index.
CREATE FULLTEXT INDEX relationship_sources IF NOT EXISTS
FOR ()-[r:MEMBER_OF|AFFILIATED_WITH|SUBORDINATE_TO|SUPPORTS|OPPOSES|GOVERNS|OPERATES_IN|PART_OF|BORDERS|CONNECTS|PARTICIPATED_IN|OCCURRED_IN|DISRUPTS|FOLLOWS|ALLEGES|ACCUSES|CONCERNS|DENIES|REPORTED_BY|CITES]-()
ON EACH [r.sourceIds]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false } };
