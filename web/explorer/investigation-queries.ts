/** The operations of curation and saved investigations (checked against the schema by tests/unit/web-documents.test.ts). */

export interface SavedEntity {
  id: string;
  expanded: boolean;
  hidden: boolean;
  pinned: boolean;
  x?: number | null;
  y?: number | null;
  note?: string | null;
}

export interface SavedLinkNote {
  type: string;
  fromId: string;
  toId: string;
  role?: string | null;
  note: string;
}

export interface SavedInvestigation {
  id: string;
  name: string;
  description?: string | null;
  tlp: string;
  author: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
  entities: SavedEntity[];
  links: SavedLinkNote[];
  filters: { types: string[]; minCredibility?: number | null; asOf?: string | null };
  pathFrom?: string | null;
  pathTo?: string | null;
  selected?: string | null;
  history: Array<{ version: number; author: string; savedAt: string; summary: string }>;
}

export interface InvestigationSummary {
  id: string;
  name: string;
  tlp: string;
  author: string;
  updatedAt: string;
  version: number;
}

const INVESTIGATION_FIELDS = `
  fragment InvestigationFields on Investigation {
    id name description tlp author updatedAt updatedBy version
    entities { id expanded hidden pinned x y note }
    links { type fromId toId role note }
    filters { types minCredibility asOf } pathFrom pathTo selected
    history { version author savedAt summary }
  }`;

export const INVESTIGATION = `
  query ExplorerInvestigation($id: ID!) { investigation(id: $id) { ...InvestigationFields } }
  ${INVESTIGATION_FIELDS}`;

export const INVESTIGATIONS = `
  query ExplorerInvestigations($first: Int!) {
    investigations(first: $first) { nodes { id name tlp author updatedAt version } }
  }`;

export const SAVE_INVESTIGATION = `
  mutation ExplorerSaveInvestigation($input: SaveInvestigationInput!) {
    saveInvestigation(input: $input) { ...InvestigationFields }
  }
  ${INVESTIGATION_FIELDS}`;

/** A neighbourhood expanded by the expand menu: its relationship types and depth. */
export const NEIGHBORHOOD_EXPAND = `
  query ExplorerExpand($id: ID!, $depth: Int!, $relationTypes: [RelationshipType!], $minCredibility: Int, $asOf: String) {
    neighborhood(id: $id, depth: $depth, limit: 60, relationTypes: $relationTypes, minCredibility: $minCredibility, asOf: $asOf) {
      truncated
      nodes { __typename id name credibility
        ... on Actor { actorKind: kind plural }
        ... on Location { locationKind: kind }
        ... on Allegation { status claimCredibility }
        ... on Event { eventStatus: status eventType: type start { value } } }
      edges { id type fromId toId credibility excerpt role validFrom { value } validTo { value }
        sources { id title publisher published { value } reliability reliabilityMeaning } evidence { source { id } excerpt start end } }
    }
  }`;

/** How a set of entities are linked (the API's connect): drawn like a neighbourhood. */
export const CONNECT = `
  query ExplorerConnect($ids: [ID!]!, $relationTypes: [RelationshipType!], $minCredibility: Int, $asOf: String) {
    connect(ids: $ids, relationTypes: $relationTypes, minCredibility: $minCredibility, asOf: $asOf) {
      truncated
      nodes { __typename id name credibility
        ... on Actor { actorKind: kind plural }
        ... on Location { locationKind: kind }
        ... on Allegation { status claimCredibility }
        ... on Event { eventStatus: status eventType: type start { value } } }
      edges { id type fromId toId credibility excerpt role validFrom { value } validTo { value }
        sources { id title publisher published { value } reliability reliabilityMeaning } evidence { source { id } excerpt start end } }
    }
  }`;
