import type { GraphQLSchema } from 'graphql';
import { extractProposals } from '../../src/documents/extraction';
import { LINKED_ENTITIES, LOCK_REVIEW, REVIEW_DOCUMENT } from '../../src/documents/review/review.repository';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf, type Recorded } from '../support/recording-database';
import { named } from '../support/statement-names';

/**
 * The Cypher of a document's review (issue 22): proposals reads the document and its text, the
 * known entities (bounded), what may contradict the proposals and the decisions; reviewProposals
 * locks the document's text, re-reads the decisions, writes the bundle through the loader, then
 * the offsets, the decisions and the history entry, in one transaction. The document's words
 * and the records are only ever parameters. The time of a review is pinned as a placeholder.
 */

const TEXT = 'JNIM fighters attacked Kayes in May 2025, local media reported.';
const DOCUMENT = { id: 'field-notes', published: null, reliability: 'C', tlp: 'AMBER', language: 'en', text: TEXT };
const KNOWN = [{ id: 'jnim', label: 'Actor', subKind: 'ARMED_GROUP', name: 'JNIM', aliases: [] }];

const answer = ({ operation, cypher }: Recorded) => {
  if (cypher === REVIEW_DOCUMENT.trim()) return [DOCUMENT];
  if (operation === 'review.knownEntities') return KNOWN;
  if (operation === 'review.flags') return [{ existing: [], denied: [], validity: [] }];
  if (cypher === LOCK_REVIEW.trim()) return [{ text: TEXT }];
  if (cypher === LINKED_ENTITIES.trim()) return [{ id: 'kayes-attack', label: 'Event' }];
  return undefined;
};

const pinned = (recorded: Recorded[]) =>
  named(recorded).map((statement) => ({
    ...statement,
    params: Object.fromEntries(
      Object.entries(statement.params).map(([key, value]) => [key, key === 'at' ? '<now>' : value]),
    ),
  }));

describe('review: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('proposals: the document and its text, the known entities, the facts behind the flags, the decisions', async () => {
    const sent = await statementsOf(
      schema,
      '{ proposals(documentId: "field-notes") { truncated proposals { id status flags { code } } } }',
      { answer },
    );
    expect(pinned(sent)).toMatchInlineSnapshot(`
[
  {
    "operation": "review.document",
    "params": {
      "hiddenSourceIds": [],
      "id": "field-notes",
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "MATCH (s:Source {id: $id}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
MATCH (t:DocumentText {sourceId: $id})
RETURN s.id AS id, s.published AS published, s.reliability AS reliability, coalesce(s.tlp, 'CLEAR') AS tlp, s.language AS language,
       t.text AS text",
  },
  {
    "operation": "review.decisions",
    "params": {
      "id": "field-notes",
      "limit": 20000,
    },
    "statement": "MATCH (d:ProposalDecision {documentId: $id})
RETURN d.proposalId AS proposalId, d.status AS status, d.by AS by, toString(d.at) AS at,
       d.entityId AS entityId, d.recordId AS recordId
ORDER BY d.at, d.proposalId LIMIT $limit",
  },
  {
    "operation": "review.knownEntities",
    "params": {
      "hiddenSourceIds": [],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
      ],
      "limit": 20000,
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "MATCH (n:Entity) WHERE (n:Actor OR n:Location OR n:Event) AND n.placeholder IS NULL
  AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label, coalesce(n.kind, n.type) AS subKind,
       n.name AS name, coalesce(n.aliases, []) AS aliases",
  },
  {
    "operation": "review.flags",
    "params": {
      "contested": [
        "DENIED",
        "REFUTED",
      ],
      "hiddenSourceIds": [],
      "ids": [
        "attack-jnim-fighters-attacked",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
      "links": [
        {
          "from": "jnim",
          "key": "relationship-14l5396",
          "to": "attack-jnim-fighters-attacked",
          "type": "PARTICIPATED_IN",
        },
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id}) WHERE n.placeholder IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  RETURN collect({id: id, label: [label IN labels(n) WHERE label IN $kindLabels][0], subKind: coalesce(n.kind, n.type)}) AS existing
}
CALL () {
  UNWIND $links AS link
  MATCH (a:Allegation)-[:ACCUSES]->(:Entity {id: link.from})
  WHERE a.status IN $contested AND link.type IN a.claimTypes AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
    AND EXISTS { MATCH (a)-[:CONCERNS]->(:Entity {id: link.to}) }
  RETURN collect(DISTINCT {key: link.key, allegationId: a.id, status: a.status}) AS denied
}
CALL () {
  UNWIND $links AS link
  MATCH (:Entity {id: link.from})-[r]->(:Entity {id: link.to})
  WHERE type(r) = link.type AND (r.validFrom IS NOT NULL OR r.validTo IS NOT NULL) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  RETURN collect({key: link.key, id: r.id, validFrom: r.validFrom, validTo: r.validTo}) AS validity
}
RETURN existing, denied, validity",
  },
]
`);
  });

  it('reviewProposals: lock, decisions, linked entities, the bundle through the loader, offsets, decisions, history; one transaction', async () => {
    const { proposals } = extractProposals({
      documentId: 'field-notes',
      text: TEXT,
      language: 'en',
      reliability: 'C',
      knownEntities: KNOWN.map(({ label: _label, ...k }) => ({ ...k, kind: 'ACTOR' as never })),
    });
    // The event linked to one the graph holds, its participant's link accepted (and rewritten), the rest rejected.
    const decisions = proposals.map((p) =>
      p.kind === 'EVENT'
        ? { proposalId: p.id, action: 'LINK', entityId: 'kayes-attack' }
        : { proposalId: p.id, action: p.kind === 'RELATIONSHIP' ? 'ACCEPT' : 'REJECT' },
    );
    const sent = await statementsOf(
      schema,
      'mutation($d: [ProposalDecisionInput!]!) { reviewProposals(documentId: "field-notes", decisions: $d) { accepted rejected } }',
      {
        answer,
        variables: { d: decisions },
        kinds: { 'field-notes': 'Source', jnim: 'Actor', 'kayes-attack': 'Event' },
      },
    );
    expect(new Set(sent.filter((s) => s.operation.startsWith('curation')).map((s) => s.operation))).toEqual(
      new Set(['curation.reviewProposals']),
    );
    expect(pinned(sent)).toMatchInlineSnapshot(`
[
  {
    "operation": "review.document",
    "params": {
      "hiddenSourceIds": [],
      "id": "field-notes",
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "MATCH (s:Source {id: $id}) WHERE ((s.tlp IS NULL OR s.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE s.sourceIds IS NULL OR size(s.sourceIds) = 0 OR any(sid IN s.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
MATCH (t:DocumentText {sourceId: $id})
RETURN s.id AS id, s.published AS published, s.reliability AS reliability, coalesce(s.tlp, 'CLEAR') AS tlp, s.language AS language,
       t.text AS text",
  },
  {
    "operation": "review.decisions",
    "params": {
      "id": "field-notes",
      "limit": 20000,
    },
    "statement": "MATCH (d:ProposalDecision {documentId: $id})
RETURN d.proposalId AS proposalId, d.status AS status, d.by AS by, toString(d.at) AS at,
       d.entityId AS entityId, d.recordId AS recordId
ORDER BY d.at, d.proposalId LIMIT $limit",
  },
  {
    "operation": "review.knownEntities",
    "params": {
      "hiddenSourceIds": [],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
      ],
      "limit": 20000,
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "MATCH (n:Entity) WHERE (n:Actor OR n:Location OR n:Event) AND n.placeholder IS NULL
  AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label, coalesce(n.kind, n.type) AS subKind,
       n.name AS name, coalesce(n.aliases, []) AS aliases",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "id": "field-notes",
    },
    "statement": "MATCH (t:DocumentText {sourceId: $id})
SET t.reviewedAt = datetime()
RETURN t.text AS text",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "id": "field-notes",
      "limit": 20000,
    },
    "statement": "MATCH (d:ProposalDecision {documentId: $id})
RETURN d.proposalId AS proposalId, d.status AS status, d.by AS by, toString(d.at) AS at,
       d.entityId AS entityId, d.recordId AS recordId
ORDER BY d.at, d.proposalId LIMIT $limit",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "kayes-attack",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
    "statement": "UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE n.placeholder IS NULL AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "ids": [
        "field-notes",
        "jnim",
        "kayes-attack",
      ],
    },
    "statement": "LOCK_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "ids": [
        "field-notes",
        "jnim",
        "kayes-attack",
      ],
      "kindLabels": [
        "Actor",
        "Location",
        "Event",
        "Allegation",
        "Source",
      ],
    },
    "statement": "KNOWN_ENTITIES_STATEMENT",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "operation": "reviewProposals",
      "rows": [
        {
          "from": "jnim",
          "id": "PARTICIPATED_IN:jnim->kayes-attack#PERPETRATOR",
          "props": {
            "contentHash": "cd5330264c217a6f6b81ef55",
            "credibility": 2,
            "date": null,
            "dateDate": null,
            "datePrecision": null,
            "excerpt": "JNIM fighters attacked Kayes in May 2025, local media reported.",
            "quantityApproximate": null,
            "quantityMeasure": null,
            "quantityValue": null,
            "role": "PERPETRATOR",
            "sourceIds": [
              "field-notes",
            ],
            "tlp": "AMBER",
            "validFrom": null,
            "validFromDate": null,
            "validFromPrecision": null,
            "validTo": null,
            "validToDate": null,
            "validToPrecision": null,
          },
          "record": "{"type":"PARTICIPATED_IN","from":"jnim","to":"kayes-attack","role":"PERPETRATOR","sourceIds":["field-notes"],"credibility":2,"excerpt":"JNIM fighters attacked Kayes in May 2025, local media reported.","tlp":"AMBER"}",
          "to": "kayes-attack",
        },
      ],
      "who": "cypher-snapshot",
    },
    "statement": "upsertRelationshipsStatement(PARTICIPATED_IN)",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "id": "field-notes",
      "rows": [],
    },
    "statement": "UNWIND $rows AS row
MATCH (n:Entity {id: row.id}) WHERE n.excerpt = row.excerpt
SET n.excerptStart = row.start, n.excerptEnd = row.end, n.excerptSourceId = $id
WITH n, row
OPTIONAL MATCH (n)-[reported:REPORTED_BY]->(:Source {id: $id}) WHERE reported.excerpt = row.excerpt
FOREACH (_ IN CASE WHEN reported IS NULL THEN [] ELSE [1] END |
  SET reported.excerptStart = row.start, reported.excerptEnd = row.end, reported.excerptSourceId = $id)
RETURN count(n) AS written",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "id": "field-notes",
      "rows": [
        {
          "end": 63,
          "excerpt": "JNIM fighters attacked Kayes in May 2025, local media reported.",
          "from": "jnim",
          "start": 0,
          "to": "kayes-attack",
          "type": "PARTICIPATED_IN",
        },
      ],
    },
    "statement": "UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to}) WHERE type(r) = row.type AND r.excerpt = row.excerpt
SET r.excerptStart = row.start, r.excerptEnd = row.end, r.excerptSourceId = $id
RETURN count(r) AS written",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "at": "<now>",
      "decisions": [
        {
          "entityId": "kayes-attack",
          "proposalId": "event-1fgekwd",
          "recordId": "kayes-attack",
          "status": "LINKED",
        },
        {
          "entityId": null,
          "proposalId": "relationship-14l5396",
          "recordId": "PARTICIPATED_IN:jnim->kayes-attack:PERPETRATOR",
          "status": "ACCEPTED",
        },
      ],
      "id": "field-notes",
      "who": "cypher-snapshot",
    },
    "statement": "UNWIND $decisions AS decision
CREATE (d:ProposalDecision {documentId: $id, proposalId: decision.proposalId, status: decision.status, by: $who,
                            at: datetime($at), entityId: decision.entityId, recordId: decision.recordId})
RETURN count(d) AS written",
  },
  {
    "operation": "curation.reviewProposals",
    "params": {
      "at": "<now>",
      "id": "field-notes",
      "record": "{"accepted":["relationship-14l5396"],"edited":[],"rejected":[],"linked":["event-1fgekwd"]}",
      "statuses": [
        "accepted",
        "linked",
      ],
      "who": "cypher-snapshot",
    },
    "statement": "CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime($at), who: $who, operation: 'reviewProposals',
                 targetId: $id, targetType: 'Document', change: 'REVIEWED', changedFields: $statuses, record: $record})",
  },
]
`);
  });
});
