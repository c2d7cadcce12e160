import { emptyBundle } from '../../bundle/format';
import { BadUserInputError, type FieldProblem } from '../../errors';
import { Tlp, TLP_ORDER } from '../../model/vocabulary';
import type { BundleSection, Proposal } from '../extraction';
import type { DecisionRow, OffsetRow } from './review.repository';
import type { ProposalDecisionInput } from './review.input';
import { DecisionStatus, ReviewAction } from './review.type';

/**
 * A review's decisions as ONE bundle (pure; run inside the review's transaction, on the text read
 * under its lock). Accepted and edited proposals give their records; a LINK rewrites references to
 * the proposal's record id to the existing entity; a record's dependencies must be accepted,
 * edited or linked (now or in an earlier review). Every record cites the document, keeps an
 * excerpt that is the text at its offsets, and takes at least the document's TLP.
 */

const STATUS_OF_ACTION: Readonly<Record<ReviewAction, DecisionStatus>> = {
  [ReviewAction.ACCEPT]: DecisionStatus.ACCEPTED,
  [ReviewAction.EDIT]: DecisionStatus.EDITED,
  [ReviewAction.REJECT]: DecisionStatus.REJECTED,
  [ReviewAction.LINK]: DecisionStatus.LINKED,
};

/** Statuses under which a proposal's record is (or stands for) something in the graph. */
const HELD: ReadonlySet<string> = new Set([DecisionStatus.ACCEPTED, DecisionStatus.EDITED, DecisionStatus.LINKED]);
const ENTITY_SECTIONS: ReadonlySet<BundleSection> = new Set(['actors', 'locations', 'events']);

export interface ReviewDocument {
  id: string;
  tlp: string;
  text: string;
}

export interface ReviewBundle {
  bundle: Record<BundleSection | 'sources', Array<Record<string, unknown>>> & { format: string; version: number };
  /** For each section, the decision index of each record (to name the decision in an import's problems). */
  origin: Record<string, number[]>;
  nodes: Array<OffsetRow & { id: string }>;
  relationships: Array<OffsetRow & { type: string; from: string; to: string }>;
  decisions: Array<{ proposalId: string; status: DecisionStatus; entityId: string | null; recordId: string | null }>;
}

/**
 * What a record is in the graph: an entity's id, a relationship's type and ends. Proposal ids
 * change when the graph does (a new entity accepted becomes a known one, its links are proposed
 * again by other rules); the record key lets a later read say those were decided already.
 */
export function recordKey(record: Record<string, unknown>): string | null {
  if (typeof record.type === 'string' && typeof record.from === 'string' && typeof record.to === 'string')
    return `${record.type}:${record.from}->${record.to}${typeof record.role === 'string' ? `:${record.role}` : ''}`;
  return typeof record.id === 'string' ? record.id : null;
}

const stricter = (a: string | undefined, b: string): string =>
  a && TLP_ORDER.indexOf(a as Tlp) > TLP_ORDER.indexOf(b as Tlp) ? a : b;

function decisionProblems(
  decisions: readonly ProposalDecisionInput[],
  proposals: ReadonlyMap<string, Proposal>,
  prior: ReadonlyMap<string, DecisionRow>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    const field = `decisions[${i}]`;
    const proposal = proposals.get(d.proposalId);
    if (seen.has(d.proposalId)) problems.push({ field: `${field}.proposalId`, reason: 'is decided twice' });
    seen.add(d.proposalId);
    if (!proposal) {
      const reason = prior.has(d.proposalId)
        ? `"${d.proposalId}" was already decided (${prior.get(d.proposalId)!.status})`
        : `no proposal "${d.proposalId}" for this document (re-read proposals: the graph may have changed)`;
      problems.push({ field: `${field}.proposalId`, reason });
      return;
    }
    if (d.action === ReviewAction.EDIT && (!d.record || typeof d.record !== 'object' || Array.isArray(d.record)))
      problems.push({ field: `${field}.record`, reason: 'EDIT needs the corrected record' });
    if (d.action === ReviewAction.LINK && !d.entityId)
      problems.push({ field: `${field}.entityId`, reason: 'LINK needs the existing entity' });
    if (d.action === ReviewAction.LINK && !ENTITY_SECTIONS.has(proposal.section))
      problems.push({
        field: `${field}.action`,
        reason: `only a new entity or event can be linked, not a ${proposal.kind}`,
      });
  });
  return problems;
}

/** Record id -> the id references should use: the linked entity, or an edited record's new id. */
function rewrites(
  decisions: readonly ProposalDecisionInput[],
  proposals: ReadonlyMap<string, Proposal>,
  prior: readonly DecisionRow[],
  priorProposals: ReadonlyMap<string, Proposal>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of prior) {
    const original = priorProposals.get(row.proposalId)?.record.id;
    if (typeof original === 'string' && row.recordId && row.recordId !== original) map.set(original, row.recordId);
  }
  for (const d of decisions) {
    const original = proposals.get(d.proposalId)?.record.id;
    if (typeof original !== 'string') continue;
    if (d.action === ReviewAction.LINK && d.entityId) map.set(original, d.entityId);
    if (d.action === ReviewAction.EDIT && typeof d.record?.id === 'string' && d.record.id !== original)
      map.set(original, d.record.id);
  }
  return map;
}

function dependencyProblems(
  decisions: readonly ProposalDecisionInput[],
  proposals: ReadonlyMap<string, Proposal>,
  prior: ReadonlyMap<string, DecisionRow>,
): FieldProblem[] {
  const now = new Map(decisions.map((d) => [d.proposalId, STATUS_OF_ACTION[d.action]]));
  const problems: FieldProblem[] = [];
  decisions.forEach((d, i) => {
    if (d.action !== ReviewAction.ACCEPT && d.action !== ReviewAction.EDIT) return;
    for (const dependency of proposals.get(d.proposalId)?.dependsOn ?? []) {
      const status = now.get(dependency) ?? prior.get(dependency)?.status;
      if (!status || !HELD.has(status))
        problems.push({
          field: `decisions[${i}]`,
          reason: `proposal "${d.proposalId}" depends on proposal "${dependency}", which is ${status ?? 'not decided'}: accept, edit or link it too`,
        });
    }
  });
  return problems;
}

/** The record to write for one accepted or edited decision, with its offsets checked against the text. */
function recordOf(
  d: ProposalDecisionInput,
  i: number,
  proposal: Proposal,
  document: ReviewDocument,
  rewrite: ReadonlyMap<string, string>,
  problems: FieldProblem[],
): { record: Record<string, unknown>; start: number; end: number } | null {
  const record: Record<string, unknown> = structuredClone(d.action === ReviewAction.EDIT ? d.record! : proposal.record);
  for (const key of ['from', 'to'] as const)
    if (typeof record[key] === 'string') record[key] = rewrite.get(record[key]) ?? record[key];
  const sourceIds = Array.isArray(record.sourceIds) ? (record.sourceIds as unknown[]) : [];
  record.sourceIds = sourceIds.includes(document.id) ? sourceIds : [document.id, ...sourceIds];
  record.excerpt ??= proposal.excerpt;
  const changed = record.excerpt !== proposal.excerpt;
  const start = changed ? d.start : proposal.start;
  const end = changed ? d.end : proposal.end;
  if (start === undefined || end === undefined) {
    problems.push({
      field: `decisions[${i}].start`,
      reason: 'a changed excerpt needs its start and end in the document',
    });
    return null;
  }
  if (document.text.slice(start, end) !== record.excerpt) {
    problems.push({
      field: `decisions[${i}].record.excerpt`,
      reason: `does not match the document's text at ${start}-${end}: refused (the excerpt must be the document's own words)`,
    });
    return null;
  }
  if (document.tlp !== Tlp.CLEAR) record.tlp = stricter(record.tlp as string | undefined, document.tlp);
  return { record, start, end };
}

export function buildReviewBundle(
  document: ReviewDocument,
  decisions: readonly ProposalDecisionInput[],
  proposals: ReadonlyMap<string, Proposal>,
  prior: readonly DecisionRow[],
): ReviewBundle {
  const priorById = new Map(prior.map((row) => [row.proposalId, row]));
  const problems = [
    ...decisionProblems(decisions, proposals, priorById),
    ...dependencyProblems(decisions, proposals, priorById),
  ];
  if (problems.length) throw new BadUserInputError(problems);
  const rewrite = rewrites(decisions, proposals, prior, proposals);
  const out: ReviewBundle = {
    bundle: emptyBundle(),
    origin: { actors: [], locations: [], events: [], allegations: [], relationships: [] },
    nodes: [],
    relationships: [],
    decisions: [],
  };
  decisions.forEach((d, i) => {
    const proposal = proposals.get(d.proposalId)!;
    const status = STATUS_OF_ACTION[d.action];
    const linked = d.action === ReviewAction.LINK ? (d.entityId ?? null) : null;
    const written = d.action === ReviewAction.ACCEPT || d.action === ReviewAction.EDIT;
    const made = written ? recordOf(d, i, proposal, document, rewrite, problems) : null;
    const id = made ? recordKey(made.record) : linked;
    out.decisions.push({ proposalId: d.proposalId, status, entityId: linked, recordId: id });
    if (!made) return;
    const { record, start, end } = made;
    out.bundle[proposal.section].push(record);
    out.origin[proposal.section].push(i);
    const excerpt = String(record.excerpt);
    if (proposal.section === 'relationships')
      out.relationships.push({
        type: String(record.type),
        from: String(record.from),
        to: String(record.to),
        excerpt,
        start,
        end,
      });
    else out.nodes.push({ id: String(record.id), excerpt, start, end });
  });
  if (problems.length) throw new BadUserInputError(problems);
  return out;
}
