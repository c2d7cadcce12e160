/** Every operation the documents page sends, with the types of what it reads. */

/** document(id).text gives at most this many characters at once (the API's cap). */
export const MAX_TEXT_SLICE = 100_000;

export interface DocumentMeta {
  id: string;
  title: string;
  author?: string | null;
  publisher?: string | null;
  url?: string | null;
  published?: { value: string } | null;
  undated: boolean;
  reliability: string;
  tlp: string;
  language?: string | null;
  length: number;
  duplicate?: boolean;
}

const META_FIELDS = 'id title author publisher url published { value } undated reliability tlp language length';

export const INGEST = `
  mutation DocumentsIngest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) { ${META_FIELDS} duplicate }
  }`;

export const DOCUMENT_META = `
  query DocumentsMeta($id: ID!) {
    document(id: $id) { ${META_FIELDS} }
  }`;

export const DOCUMENT = `
  query DocumentsRead($id: ID!, $start: Int!, $end: Int) {
    document(id: $id) { text(start: $start, end: $end) }
  }`;

export interface SearchHit {
  document: { id: string; title: string };
  snippet: string;
  start?: number | null;
  end?: number | null;
}

export const SEARCH_DOCUMENTS = `
  query DocumentsSearch($query: String!) {
    searchDocuments(query: $query, first: 10) { hits { document { id title } snippet start end } }
  }`;

export interface Candidate {
  entityId: string;
  score: number;
  entity?: { __typename: string; name: string } | null;
}

export interface MentionData {
  start: number;
  end: number;
  surface: string;
  entityId?: string | null;
  proposalId?: string | null;
  entity?: { __typename: string; name: string } | null;
  candidates: Candidate[];
}

export interface ProposalData {
  id: string;
  kind: string;
  rule: string;
  section: string;
  excerpt: string;
  start: number;
  end: number;
  voice: string;
  suggestedCredibility: number;
  record: Record<string, unknown>;
  dependsOn: string[];
  status: string;
  decision?: { by: string; status: string; entityId?: string | null } | null;
  flags: Array<{ code: string; message: string; candidates: Candidate[] }>;
}

export interface ReviewData {
  truncated: boolean;
  knownEntities: number;
  mentions: MentionData[];
  proposals: ProposalData[];
}

const CANDIDATE_FIELDS = 'candidates { entityId score entity { __typename name } }';

export const PROPOSALS = `
  query DocumentsProposals($id: ID!) {
    proposals(documentId: $id) {
      truncated knownEntities
      mentions { start end surface entityId proposalId entity { __typename name } ${CANDIDATE_FIELDS} }
      proposals {
        id kind rule section excerpt start end voice suggestedCredibility record dependsOn status
        decision { by status entityId }
        flags { code message ${CANDIDATE_FIELDS} }
      }
    }
  }`;

export interface Outcome {
  accepted: string[];
  edited: string[];
  rejected: string[];
  linked: string[];
  dryRun: boolean;
  nodes: { created: number; updated: number };
  relationships: { created: number; updated: number };
}

export const REVIEW = `
  mutation DocumentsReview($id: ID!, $decisions: [ProposalDecisionInput!]!, $dryRun: Boolean) {
    reviewProposals(documentId: $id, decisions: $decisions, dryRun: $dryRun) {
      accepted edited rejected linked dryRun
      nodes { created updated } relationships { created updated }
    }
  }`;
