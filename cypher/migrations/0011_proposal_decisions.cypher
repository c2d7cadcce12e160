// A curator's review of a document's proposals (src/documents/review/, docs/review.md): one
// (:ProposalDecision) per document and proposal, so a second curator sees what was decided. The
// constraint makes a proposal decided at most once even if two reviews raced past their lock.
CREATE CONSTRAINT proposal_decision_unique IF NOT EXISTS
FOR (d:ProposalDecision) REQUIRE (d.documentId, d.proposalId) IS UNIQUE;
