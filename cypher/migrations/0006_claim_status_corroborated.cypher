// Allegation statuses: CONFIRMED became CORROBORATED (independent sources support the claim; the
// claim's own grade, claimCredibility, says how well). Stores loaded before the change keep working.
MATCH (a:Allegation {status: 'CONFIRMED'}) SET a.status = 'CORROBORATED';
