import type { Candidate, MentionData, ProposalData } from './queries';

/**
 * The curator's choices before they are sent: what the page holds per proposal, and how it
 * becomes reviewProposals' decisions. Pure, so tests/unit/document-review.test.ts runs it without
 * a browser.
 */

export type Action = 'ACCEPT' | 'REJECT' | 'LINK' | 'EDIT';

export interface Choice {
  action: Action;
  /** LINK: the existing entity the proposal stands for. */
  entityId?: string;
  /** EDIT: the record as the curator typed it (JSON text). */
  recordText?: string;
}

export interface DecisionInput {
  proposalId: string;
  action: Action;
  entityId?: string;
  record?: Record<string, unknown>;
}

/** A choice the page cannot send, named by the proposal so the curator can find it. */
export class ChoiceError extends Error {
  constructor(
    readonly proposalId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Only new entities and events can stand for something the graph already holds. */
export const LINKABLE_KINDS: ReadonlySet<string> = new Set(['ENTITY', 'EVENT']);

/** The decisions to send, in the proposals' order; a malformed EDIT or LINK throws ChoiceError. */
export function decisionsFrom(
  choices: ReadonlyMap<string, Choice>,
  proposals: readonly ProposalData[],
): DecisionInput[] {
  const decisions: DecisionInput[] = [];
  for (const proposal of proposals) {
    const choice = choices.get(proposal.id);
    if (!choice || proposal.status !== 'PENDING') continue;
    if (choice.action === 'LINK') {
      const entityId = choice.entityId?.trim();
      if (!entityId)
        throw new ChoiceError(proposal.id, `Link ${proposal.id}: choose the existing entity it stands for.`);
      decisions.push({ proposalId: proposal.id, action: 'LINK', entityId });
    } else if (choice.action === 'EDIT') {
      decisions.push({ proposalId: proposal.id, action: 'EDIT', record: editedRecord(proposal.id, choice.recordText) });
    } else {
      decisions.push({ proposalId: proposal.id, action: choice.action });
    }
  }
  return decisions;
}

function editedRecord(proposalId: string, text: string | undefined): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch (error) {
    throw new ChoiceError(proposalId, `Edit ${proposalId}: the record is not JSON (${(error as Error).message}).`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ChoiceError(proposalId, `Edit ${proposalId}: the record must be one JSON object.`);
  return parsed as Record<string, unknown>;
}

/**
 * Accepting a record accepts the pending proposals it references too (a relationship needs its
 * new ends), unless the curator already decided them: the service refuses a record whose
 * dependencies are not accepted, and the page should not make the curator learn that by error.
 */
export function acceptWithDependencies(
  choices: Map<string, Choice>,
  proposals: readonly ProposalData[],
  proposalId: string,
): void {
  const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
  const pending = [proposalId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    const proposal = byId.get(id);
    if (!proposal || proposal.status !== 'PENDING') continue;
    if (id !== proposalId && choices.has(id)) continue;
    choices.set(id, { action: 'ACCEPT' });
    pending.push(...proposal.dependsOn);
  }
}

/** One line saying what a proposal would add, from its bundle record. */
export function summary(proposal: Pick<ProposalData, 'section' | 'record'>): string {
  const record = proposal.record;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  switch (proposal.section) {
    case 'relationships': {
      const role = text('role') ? ` as ${text('role')!.toLowerCase()}` : '';
      return `${text('from') ?? '?'} ${(text('type') ?? 'RELATED_TO').replace(/_/g, ' ').toLowerCase()} ${text('to') ?? '?'}${role}`;
    }
    case 'events':
      return `${text('title') ?? text('id') ?? 'event'} (${(text('type') ?? 'event').toLowerCase()}${text('start') ? `, ${text('start')}` : ''})`;
    case 'allegations':
      return `“${text('statement') ?? text('title') ?? text('id') ?? 'allegation'}”`;
    default:
      return `${text('name') ?? text('id') ?? '?'} (${proposal.section.replace(/s$/, '')}${text('kind') ? `, ${text('kind')!.toLowerCase()}` : ''})`;
  }
}

/** Existing entities a proposed one may be: from its flags and from the mentions standing for it. */
export function candidatesFor(proposal: ProposalData, mentions: readonly MentionData[]): Candidate[] {
  const all = [
    ...proposal.flags.flatMap((flag) => flag.candidates),
    ...mentions.filter((mention) => mention.proposalId === proposal.id).flatMap((mention) => mention.candidates),
  ];
  const best = new Map<string, Candidate>();
  for (const candidate of all)
    if ((best.get(candidate.entityId)?.score ?? -1) < candidate.score) best.set(candidate.entityId, candidate);
  return [...best.values()].sort((a, b) => b.score - a.score);
}
