import { h, present } from '../shared/dom';
import { credibilityInWords } from '../explorer/words';
import { candidatesFor, LINKABLE_KINDS, summary, type Action, type Choice } from './decisions';
import type { Candidate, MentionData, ProposalData } from './queries';

/** The proposals beside the text: what each would add, its words, its flags, and the choice. */

export interface ReviewActions {
  /** Highlight a proposal's excerpt in the text and scroll to it. */
  show(proposal: ProposalData): void;
  /** The curator changed a proposal's choice (undefined: undecided again). */
  choose(proposal: ProposalData, choice: Choice | undefined): void;
}

const VOICE_IN_WORDS: Record<string, string> = {
  STATED: 'stated in the source’s own voice',
  ATTRIBUTED: 'attributed by the source to others',
  INFERRED: 'inferred, not stated',
};

/** A claim's voice is about the report of it: the source says the claim was made, not that it holds. */
const CLAIM_VOICE_IN_WORDS: Record<string, string> = {
  STATED: 'the source reports that the claim was made',
  ATTRIBUTED: 'the source passes on others’ report of the claim',
  INFERRED: 'inferred, not stated',
};

const CLAIM_KINDS: ReadonlySet<string> = new Set(['ALLEGATION', 'DENIAL']);

/**
 * The suggested grade in words. For a claim it grades the report that the claim was made; an
 * allegation's record carries the claim's own grade apart (claimCredibility), said beside it.
 */
function suggestedGrade(proposal: ProposalData): string {
  if (!CLAIM_KINDS.has(proposal.kind)) return `Suggested ${credibilityInWords(proposal.suggestedCredibility)}`;
  const claim = proposal.record.claimCredibility;
  return [
    `Suggested grade of the report that it was made: ${credibilityInWords(proposal.suggestedCredibility)}`,
    typeof claim === 'number' ? `of the claim itself: ${credibilityInWords(claim)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

const KIND_IN_WORDS: Record<string, string> = {
  ENTITY: 'new entity',
  EVENT: 'new event',
  RELATIONSHIP: 'relationship',
  ALLEGATION: 'claim (allegation)',
  DENIAL: 'denial of a claim',
};

const ACTION_LABEL: Record<Action | '', string> = {
  '': 'Undecided',
  ACCEPT: 'Accept',
  REJECT: 'Reject',
  LINK: 'Link to an existing entity',
  EDIT: 'Edit the record',
};

function candidateLabel(candidate: Candidate): string {
  const name = candidate.entity?.name ?? candidate.entityId;
  return `${name} (${candidate.entityId}, ${Math.round(candidate.score * 100)}%)`;
}

function choiceControls(
  proposal: ProposalData,
  choice: Choice | undefined,
  candidates: Candidate[],
  actions: ReviewActions,
): HTMLElement {
  const label = `Decision on ${proposal.id}`;
  const allowed: Array<Action | ''> = [
    '',
    'ACCEPT',
    'REJECT',
    ...(LINKABLE_KINDS.has(proposal.kind) ? (['LINK'] as const) : []),
    'EDIT',
  ];
  const select = h(
    'select',
    { class: 'decision', 'aria-label': label, 'data-proposal': proposal.id },
    ...allowed.map((action) =>
      h('option', { value: action, selected: (choice?.action ?? '') === action }, ACTION_LABEL[action]),
    ),
  );
  select.addEventListener('change', () =>
    actions.choose(
      proposal,
      select.value
        ? {
            action: select.value as Action,
            entityId: select.value === 'LINK' ? candidates[0]?.entityId : undefined,
            recordText: select.value === 'EDIT' ? JSON.stringify(proposal.record, null, 2) : undefined,
          }
        : undefined,
    ),
  );
  const extra: HTMLElement[] = [];
  if (choice?.action === 'LINK') {
    const input = h('input', {
      class: 'link-entity',
      'aria-label': `Existing entity id for ${proposal.id}`,
      list: `candidates-${proposal.id}`,
      value: choice.entityId ?? '',
      placeholder: 'entity id',
    });
    input.addEventListener('change', () => actions.choose(proposal, { action: 'LINK', entityId: input.value.trim() }));
    extra.push(
      input,
      h(
        'datalist',
        { id: `candidates-${proposal.id}` },
        ...candidates.map((candidate) => h('option', { value: candidate.entityId }, candidateLabel(candidate))),
      ),
    );
    if (candidates.length > 0)
      extra.push(h('p', { class: 'hint' }, `Candidates, best first: ${candidates.map(candidateLabel).join('; ')}`));
  }
  if (choice?.action === 'EDIT') {
    const area = h('textarea', { class: 'edit-record', rows: '8', 'aria-label': `Record of ${proposal.id} (JSON)` });
    area.value = choice.recordText ?? '';
    area.addEventListener('change', () => actions.choose(proposal, { action: 'EDIT', recordText: area.value }));
    extra.push(area);
  }
  return h('div', { class: 'choice' }, select, ...extra);
}

export function proposalItem(
  proposal: ProposalData,
  choice: Choice | undefined,
  mentions: readonly MentionData[],
  actions: ReviewActions,
): HTMLElement {
  const excerpt = h(
    'button',
    { type: 'button', class: 'as-link excerpt-link', title: 'Show in the text' },
    proposal.excerpt,
  );
  excerpt.addEventListener('click', () => actions.show(proposal));
  const decided = proposal.status !== 'PENDING';
  return h(
    'li',
    {
      class: `proposal ${proposal.kind.toLowerCase()}`,
      'data-id': proposal.id,
      'data-status': proposal.status,
      'data-choice': choice?.action ?? '',
      'data-flags': proposal.flags.map((flag) => flag.code).join(' '),
    },
    h(
      'p',
      { class: 'proposal-head' },
      h('strong', {}, KIND_IN_WORDS[proposal.kind] ?? proposal.kind),
      ` · ${(CLAIM_KINDS.has(proposal.kind) ? CLAIM_VOICE_IN_WORDS : VOICE_IN_WORDS)[proposal.voice] ?? proposal.voice}`,
    ),
    h('p', { class: 'summary' }, summary(proposal)),
    h('blockquote', { class: 'excerpt' }, excerpt),
    h('p', { class: 'grade' }, suggestedGrade(proposal)),
    h('p', { class: 'hint' }, `Proposed by rule ${proposal.rule}`),
    ...present(
      proposal.dependsOn.length > 0 ? h('p', { class: 'hint' }, `Needs: ${proposal.dependsOn.join(', ')}`) : null,
      // Flags warn before a decision; once decided they would only describe what it did.
      proposal.flags.length > 0 && !decided
        ? h(
            'ul',
            { class: 'flags', 'aria-label': 'Flags' },
            ...proposal.flags.map((flag) =>
              h('li', { class: 'flag', 'data-code': flag.code }, `${flag.code}: ${flag.message}`),
            ),
          )
        : null,
    ),
    decided
      ? h(
          'p',
          { class: 'decided' },
          `${proposal.status.toLowerCase()} by ${proposal.decision?.by ?? 'a curator'}${proposal.decision?.entityId ? ` → ${proposal.decision.entityId}` : ''}`,
        )
      : choiceControls(proposal, choice, candidatesFor(proposal, mentions), actions),
  );
}
