import { int, VISIBLE, type Database, type Tx, type Visibility } from '../../db';
import { AllegationStatus, KIND_OF_LABEL, LABEL_OF_KIND, EntityKind } from '../../model/vocabulary';
import type { KnownEntity } from '../extraction';

/**
 * Cypher of a document's review: the document and its text as the caller may see it, the known
 * entities the extraction links mentions to (bounded), the decisions taken so far, what the graph
 * holds that a proposal may contradict, and, inside the review's one write transaction, the lock,
 * the decisions, the offsets of what was written and the history entry naming the document.
 */

/** The document (a visible Source) and its whole text: the extraction reads it all. */
export const REVIEW_DOCUMENT = `MATCH (s:Source {id: $id}) WHERE ${VISIBLE('s')}
MATCH (t:DocumentText {sourceId: $id})
RETURN s.id AS id, s.published AS published, s.reliability AS reliability, coalesce(s.tlp, 'CLEAR') AS tlp, s.language AS language,
       t.text AS text`;

/** Actors, places and events the caller may see, for the extraction's mentions: at most $limit. */
export const KNOWN_ENTITIES = `MATCH (n:Entity) WHERE (n:Actor OR n:Location OR n:Event) AND n.placeholder IS NULL
  AND n.retracted IS NULL AND ${VISIBLE('n')}
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label, coalesce(n.kind, n.type) AS subKind,
       n.name AS name, coalesce(n.aliases, []) AS aliases`;

const DECISION_FIELDS = `d.proposalId AS proposalId, d.status AS status, d.by AS by, toString(d.at) AS at,
       d.entityId AS entityId, d.recordId AS recordId`;

/** The decisions taken on a document, oldest first (at most $limit: as many as proposals can be). */
export const DECISIONS = `MATCH (d:ProposalDecision {documentId: $id})
RETURN ${DECISION_FIELDS}
ORDER BY d.at, d.proposalId LIMIT $limit`;

/**
 * What proposals may contradict: records whose id the graph holds (with its kind), claims the
 * graph holds as denied or refuted that a relationship proposal states as fact (the accused
 * doing what the claim says to what it concerns), and existing links with a validity window.
 */
export const FLAG_FACTS = `CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id}) WHERE n.placeholder IS NULL AND ${VISIBLE('n')}
  RETURN collect({id: id, label: [label IN labels(n) WHERE label IN $kindLabels][0], subKind: coalesce(n.kind, n.type)}) AS existing
}
CALL () {
  UNWIND $links AS link
  MATCH (a:Allegation)-[:ACCUSES]->(:Entity {id: link.from})
  WHERE a.status IN $contested AND link.type IN a.claimTypes AND ${VISIBLE('a')}
    AND EXISTS { MATCH (a)-[:CONCERNS]->(:Entity {id: link.to}) }
  RETURN collect(DISTINCT {key: link.key, allegationId: a.id, status: a.status}) AS denied
}
CALL () {
  UNWIND $links AS link
  MATCH (:Entity {id: link.from})-[r]->(:Entity {id: link.to})
  WHERE type(r) = link.type AND (r.validFrom IS NOT NULL OR r.validTo IS NOT NULL) AND ${VISIBLE('r')}
  RETURN collect({key: link.key, id: r.id, validFrom: r.validFrom, validTo: r.validTo}) AS validity
}
RETURN existing, denied, validity`;

/** First in the review's transaction: the document's text locked (reviews of it queue here) and read. */
export const LOCK_REVIEW = `MATCH (t:DocumentText {sourceId: $id})
SET t.reviewedAt = datetime()
RETURN t.text AS text`;

/** The entities LINK decisions name, as the reviewer may see them (with their kind label), under the review's lock. */
export const LINKED_ENTITIES = `UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE n.placeholder IS NULL AND n.retracted IS NULL AND ${VISIBLE('n')}
RETURN id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label`;

/** The decisions, after the bundle is written: one node per proposal (unique per document). */
export const WRITE_DECISIONS = `UNWIND $decisions AS decision
CREATE (d:ProposalDecision {documentId: $id, proposalId: decision.proposalId, status: decision.status, by: $who,
                            at: datetime($at), entityId: decision.entityId, recordId: decision.recordId})
RETURN count(d) AS written`;

/**
 * Where each written record's excerpt stands in the document (checked against the text before),
 * on the record and on the REPORTED_BY link the loader draws from it to the document.
 */
export const WRITE_NODE_OFFSETS = `UNWIND $rows AS row
MATCH (n:Entity {id: row.id}) WHERE n.excerpt = row.excerpt
SET n.excerptStart = row.start, n.excerptEnd = row.end, n.excerptSourceId = $id
WITH n, row
OPTIONAL MATCH (n)-[reported:REPORTED_BY]->(:Source {id: $id}) WHERE reported.excerpt = row.excerpt
FOREACH (_ IN CASE WHEN reported IS NULL THEN [] ELSE [1] END |
  SET reported.excerptStart = row.start, reported.excerptEnd = row.end, reported.excerptSourceId = $id)
RETURN count(n) AS written`;

export const WRITE_RELATIONSHIP_OFFSETS = `UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to}) WHERE type(r) = row.type AND r.excerpt = row.excerpt
SET r.excerptStart = row.start, r.excerptEnd = row.end, r.excerptSourceId = $id
RETURN count(r) AS written`;

/** The history entry of the review: the document, the reviewer, and the proposals by decision. */
export const REVIEW_CHANGE = `CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime($at), who: $who, operation: 'reviewProposals',
                 targetId: $id, targetType: 'Document', change: 'REVIEWED', changedFields: $statuses, record: $record})`;

/** Actors, places and events handed to the extraction at most (the rest are not linked). */
export const MAX_KNOWN_ENTITIES = 20_000;
/** Decisions read per document at most: as many as a document can have proposals. */
export const MAX_DECISIONS_READ = 20_000;

export interface ReviewDocumentRow {
  id: string;
  published: string | null;
  reliability: string | null;
  tlp: string;
  language: string | null;
  text: string;
}

export interface DecisionRow {
  proposalId: string;
  status: string;
  by: string;
  at: string;
  entityId: string | null;
  recordId: string | null;
}

export interface FlagFacts {
  existing: Array<{ id: string; label: string | null; subKind: string | null }>;
  denied: Array<{ key: string; allegationId: string; status: string }>;
  validity: Array<{ key: string; id: string; validFrom: string | null; validTo: string | null }>;
}

export interface LinkQuery {
  key: string;
  type: string;
  from: string;
  to: string;
}

export interface OffsetRow {
  excerpt: string;
  start: number;
  end: number;
}

const KIND_LABELS = [
  LABEL_OF_KIND[EntityKind.ACTOR],
  LABEL_OF_KIND[EntityKind.LOCATION],
  LABEL_OF_KIND[EntityKind.EVENT],
];
const ALL_KIND_LABELS = Object.values(LABEL_OF_KIND);

export class ReviewRepository {
  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {}

  async document(id: string): Promise<ReviewDocumentRow | undefined> {
    const [row] = await this.db.read<ReviewDocumentRow>('review.document', REVIEW_DOCUMENT, {
      id,
      ...(await this.visibility.params()),
    });
    return row;
  }

  async knownEntities(): Promise<KnownEntity[]> {
    const rows = await this.db.read<{
      id: string;
      label: string;
      subKind: string | null;
      name: string;
      aliases: string[];
    }>('review.knownEntities', KNOWN_ENTITIES, {
      limit: int(MAX_KNOWN_ENTITIES),
      kindLabels: KIND_LABELS,
      ...(await this.visibility.params()),
    });
    return rows.map((row) => ({
      id: row.id,
      kind: KIND_OF_LABEL[row.label],
      ...(row.subKind ? { subKind: row.subKind } : {}),
      name: row.name,
      aliases: row.aliases,
    }));
  }

  async decisions(id: string): Promise<DecisionRow[]> {
    return this.db.read<DecisionRow>('review.decisions', DECISIONS, { id, limit: int(MAX_DECISIONS_READ) });
  }

  async flagFacts(ids: string[], links: LinkQuery[]): Promise<FlagFacts> {
    const [row] = await this.db.read<FlagFacts>('review.flags', FLAG_FACTS, {
      ids,
      links,
      kindLabels: ALL_KIND_LABELS,
      contested: [AllegationStatus.DENIED, AllegationStatus.REFUTED],
      ...(await this.visibility.params()),
    });
    return row;
  }

  /** In the review's transaction: the text under the document's lock, and the decisions as they stand. */
  async lock(tx: Tx, id: string): Promise<{ text: string; decisions: DecisionRow[] }> {
    const [row] = await tx.run<{ text: string }>(LOCK_REVIEW, { id });
    const decisions = await tx.run<DecisionRow>(DECISIONS, { id, limit: int(MAX_DECISIONS_READ) });
    return { text: row?.text ?? '', decisions };
  }

  /** In the review's transaction: which of `ids` are entities the reviewer may see, and their kind. */
  async linkedEntities(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.run<{ id: string; label: string }>(LINKED_ENTITIES, {
      ids,
      kindLabels: ALL_KIND_LABELS,
      ...(await this.visibility.params()),
    });
    return new Map(rows.map((row) => [row.id, row.label]));
  }

  async write(
    tx: Tx,
    review: {
      id: string;
      who: string;
      at: string;
      decisions: Array<{ proposalId: string; status: string; entityId: string | null; recordId: string | null }>;
      nodes: Array<OffsetRow & { id: string }>;
      relationships: Array<OffsetRow & { type: string; from: string; to: string }>;
      statuses: string[];
      record: string;
    },
  ): Promise<void> {
    const { id, who, at } = review;
    const offsets = (rows: OffsetRow[]) => rows.map((row) => ({ ...row, start: int(row.start), end: int(row.end) }));
    await tx.run(WRITE_NODE_OFFSETS, { id, rows: offsets(review.nodes) });
    await tx.run(WRITE_RELATIONSHIP_OFFSETS, { id, rows: offsets(review.relationships) });
    await tx.run(WRITE_DECISIONS, { id, who, at, decisions: review.decisions });
    await tx.run(REVIEW_CHANGE, { id, who, at, statuses: review.statuses, record: review.record });
  }
}
