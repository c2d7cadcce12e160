import type { CurationService } from '../../curation/curation.service';
import type { Database, Visibility } from '../../db';
import { AppError, BadUserInputError, ErrorCode, NotFoundError, type FieldProblem } from '../../errors';
import { extractProposals, type ExtractionResult, type Proposal, type SourceReliability } from '../extraction';
import { buildReviewBundle, recordKey, type ReviewBundle } from './review-bundle';
import { flagQueries, proposalFlags } from './review-flags';
import type { ProposalDecisionInput } from './review.input';
import { ReviewRepository, type DecisionRow, type ReviewDocumentRow } from './review.repository';
import { EntityKind, LABEL_OF_KIND } from '../../model/vocabulary';
import {
  DecisionStatus,
  ReviewAction,
  type Proposal as ProposalType,
  type ProposalDecision,
  type ProposalReview,
  type ReviewOutcome,
} from './review.type';

/**
 * A curator's review of a document (docs/review.md): the extraction run on the stored text with
 * the graph's known entities, its proposals flagged against the graph and marked with the
 * decisions taken; then reviewProposals: the decisions and the bundle they make, written through
 * the curation use case in ONE transaction that first locks the document (reviews of it queue),
 * re-reads the decisions under the lock (a proposal is decided once) and checks every excerpt
 * against the text read there.
 */
/**
 * Characters of a document the review's extraction reads: the engine runs in the server's thread,
 * and 75,000 characters take about 0.65 s on this project's machines (linear in the text), so
 * 200,000 (some 30,000 words, a long report) hold the event loop for under 2 s.
 */
export const MAX_REVIEWED_LENGTH = 200_000;

export class ReviewService {
  private readonly repository: ReviewRepository;

  constructor(
    db: Database,
    visibility: Visibility,
    private readonly curation: CurationService,
  ) {
    this.repository = new ReviewRepository(db, visibility);
  }

  async proposals(documentId: string): Promise<ProposalReview> {
    const document = await this.document(documentId);
    const decisions = await this.repository.decisions(documentId);
    const { extraction, knownEntities } = await this.extract(document, decisions);
    const { ids, links } = flagQueries(extraction.proposals);
    const facts = await this.repository.flagFacts(ids, links);
    const flags = proposalFlags(extraction, facts);
    const decided = new Map(decisions.map((row) => [row.proposalId, toDecision(row)]));
    const byRecord = new Map(decisions.filter((row) => row.recordId).map((row) => [row.recordId!, toDecision(row)]));
    const decisionOf = (p: Proposal) => decided.get(p.id) ?? byRecord.get(recordKey(p.record) ?? '') ?? null;
    return {
      documentId,
      truncated: Boolean(extraction.truncated),
      knownEntities,
      decisions: [...decided.values()],
      mentions: extraction.mentions.map((m) => ({
        start: m.start,
        end: m.end,
        surface: m.surface,
        entityId: m.entityId ?? null,
        proposalId: m.proposalId ?? null,
        candidates: m.candidates,
      })),
      proposals: extraction.proposals.map((p): ProposalType => ({
        ...p,
        status: decisionOf(p)?.status ?? DecisionStatus.PENDING,
        decision: decisionOf(p),
        flags: flags.get(p.id) ?? [],
      })),
    };
  }

  async review(
    documentId: string,
    decisions: ProposalDecisionInput[],
    dryRun: boolean,
    who: string,
  ): Promise<ReviewOutcome> {
    const document = await this.document(documentId);
    // The proposals as proposals(documentId) gave them: the same earlier decisions, the same ids.
    const { extraction } = await this.extract(document, await this.repository.decisions(documentId));
    const proposals = new Map(extraction.proposals.map((p) => [p.id, p]));
    let built: ReviewBundle | undefined;
    const at = new Date().toISOString();
    try {
      const summary = await this.curation.importBuilt(
        'reviewProposals',
        who,
        dryRun,
        async (tx) => {
          const locked = await this.repository.lock(tx, documentId);
          refuseDecided(decisions, locked.decisions);
          const linkIds = decisions.flatMap((d) => (d.action === ReviewAction.LINK && d.entityId ? [d.entityId] : []));
          refuseBadLinks(decisions, proposals, await this.repository.linkedEntities(tx, [...new Set(linkIds)]));
          built = buildReviewBundle({ ...document, text: locked.text }, decisions, proposals, locked.decisions);
          return built.bundle;
        },
        (tx) => this.repository.write(tx, { id: documentId, who, at, ...historyOf(built!) }),
      );
      const ids = (status: DecisionStatus) =>
        built!.decisions.filter((d) => d.status === status).map((d) => d.proposalId);
      return {
        documentId,
        accepted: ids(DecisionStatus.ACCEPTED),
        edited: ids(DecisionStatus.EDITED),
        rejected: ids(DecisionStatus.REJECTED),
        linked: ids(DecisionStatus.LINKED),
        nodes: summary.nodes,
        relationships: summary.relationships,
        dryRun,
      };
    } catch (error) {
      throw built ? inDecisionTerms(error, built, decisions) : error;
    }
  }

  /** The document as the caller may see it: hidden (TLP above the clearance) is missing. */
  private async document(documentId: string): Promise<ReviewDocumentRow> {
    const document = await this.repository.document(documentId);
    if (!document) throw new NotFoundError('Document', documentId);
    return document;
  }

  private async extract(
    document: ReviewDocumentRow,
    decisions: readonly DecisionRow[],
  ): Promise<{ extraction: ExtractionResult; knownEntities: number }> {
    if (document.language && !/^en\b/i.test(document.language))
      throw BadUserInputError.field('documentId', `no extraction table for language "${document.language}" yet`);
    const known = await this.repository.knownEntities();
    const extraction = extractProposals({
      documentId: document.id,
      // A prefix keeps every offset: what lies past it is not read, and `truncated` says so.
      text: document.text.slice(0, MAX_REVIEWED_LENGTH),
      language: 'en',
      ...(document.published ? { documentDate: document.published } : {}),
      ...(document.reliability ? { reliability: document.reliability as SourceReliability } : {}),
      knownEntities: known,
      ownRecordIds: decisions.flatMap((row) => (row.recordId ? [row.recordId] : [])),
    });
    if (document.text.length > MAX_REVIEWED_LENGTH) extraction.truncated = true;
    return { extraction, knownEntities: known.length };
  }
}

function toDecision(row: DecisionRow): ProposalDecision {
  return {
    proposalId: row.proposalId,
    status: row.status as DecisionStatus,
    by: row.by,
    at: row.at,
    entityId: row.entityId,
  };
}

/** Under the lock: a proposal another review decided meanwhile is a conflict, nothing is written. */
function refuseDecided(decisions: readonly ProposalDecisionInput[], prior: readonly DecisionRow[]): void {
  const byId = new Map(prior.map((row) => [row.proposalId, row]));
  const taken = decisions.filter((d) => byId.has(d.proposalId));
  if (taken.length === 0) return;
  const named = taken
    .slice(0, 10)
    .map((d) => `"${d.proposalId}" (${byId.get(d.proposalId)!.status} by ${byId.get(d.proposalId)!.by})`);
  throw new AppError(
    ErrorCode.CONFLICT,
    `already decided: ${named.join(', ')}${taken.length > 10 ? ' ...' : ''}; read proposals again`,
    { proposalIds: taken.map((d) => d.proposalId) },
  );
}

const LABEL_OF_SECTION: Readonly<Record<string, string>> = {
  actors: LABEL_OF_KIND[EntityKind.ACTOR],
  locations: LABEL_OF_KIND[EntityKind.LOCATION],
  events: LABEL_OF_KIND[EntityKind.EVENT],
};

/** A LINK names an entity the reviewer may see, of the proposal's kind: else nothing is written. */
function refuseBadLinks(
  decisions: readonly ProposalDecisionInput[],
  proposals: ReadonlyMap<string, Proposal>,
  found: ReadonlyMap<string, string>,
): void {
  const problems: FieldProblem[] = [];
  decisions.forEach((d, i) => {
    if (d.action !== ReviewAction.LINK || !d.entityId) return;
    const label = found.get(d.entityId);
    const wanted = LABEL_OF_SECTION[proposals.get(d.proposalId)?.section ?? ''];
    if (!label) problems.push({ field: `decisions[${i}].entityId`, reason: `no entity "${d.entityId}"` });
    else if (wanted && label !== wanted)
      problems.push({
        field: `decisions[${i}].entityId`,
        reason: `"${d.entityId}" is a ${label}, the proposal a ${wanted}`,
      });
  });
  if (problems.length) throw new BadUserInputError(problems);
}

function historyOf(built: ReviewBundle) {
  const by = (status: DecisionStatus) => built.decisions.filter((d) => d.status === status).map((d) => d.proposalId);
  const record = {
    accepted: by(DecisionStatus.ACCEPTED),
    edited: by(DecisionStatus.EDITED),
    rejected: by(DecisionStatus.REJECTED),
    linked: by(DecisionStatus.LINKED),
  };
  return {
    decisions: built.decisions,
    nodes: built.nodes,
    relationships: built.relationships,
    statuses: Object.entries(record)
      .filter(([, ids]) => ids.length > 0)
      .map(([status]) => status),
    record: JSON.stringify(record),
  };
}

/** An import problem on `relationships[3].to` named as the decision that made the record. */
function inDecisionTerms(error: unknown, built: ReviewBundle, decisions: readonly ProposalDecisionInput[]): unknown {
  if (!(error instanceof BadUserInputError)) return error;
  const problems = error.problems.map((problem): FieldProblem => {
    const match = /^(actors|locations|events|allegations|relationships)\[(\d+)\](.*)$/.exec(problem.field);
    const index = match ? built.origin[match[1]]?.[Number(match[2])] : undefined;
    if (index === undefined) return problem;
    const rest = match![3] ? `.record${match![3]}` : '';
    return {
      field: `decisions[${index}]${rest}`,
      reason: `proposal "${decisions[index].proposalId}": ${problem.reason}`,
    };
  });
  return new BadUserInputError(problems);
}
