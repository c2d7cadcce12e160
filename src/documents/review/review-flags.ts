import { parsePartialDate } from '../../model/partial-date';
import { EntityKind, KIND_OF_LABEL } from '../../model/vocabulary';
import type { ExtractionResult, Proposal } from '../extraction';
import type { FlagFacts, LinkQuery } from './review.repository';
import { ProposalFlagCode, type ProposalFlag } from './review.type';

/**
 * Contradiction flags (issue 22, item 3): pure functions over the proposals and what the graph
 * holds (FLAG_FACTS). A flag informs the curator; it never stops a decision by itself (the import's
 * own checks do that, e.g. an id written as another kind).
 */

const KIND_OF_SECTION: Readonly<Record<string, EntityKind>> = {
  actors: EntityKind.ACTOR,
  locations: EntityKind.LOCATION,
  events: EntityKind.EVENT,
  allegations: EntityKind.ALLEGATION,
};

const recordId = (proposal: Proposal) => (proposal.section === 'relationships' ? null : String(proposal.record.id));

/** The ids and links FLAG_FACTS reads for these proposals. */
export function flagQueries(proposals: readonly Proposal[]): { ids: string[]; links: LinkQuery[] } {
  const ids = [...new Set(proposals.map(recordId).filter((id): id is string => id !== null))];
  const links = proposals
    .filter((p) => p.section === 'relationships')
    .map((p) => ({ key: p.id, type: String(p.record.type), from: String(p.record.from), to: String(p.record.to) }));
  return { ids, links };
}

const subKindOf = (proposal: Proposal) => String(proposal.record.kind ?? proposal.record.type ?? '');

function idFlags(proposal: Proposal, existing: Map<string, FlagFacts['existing'][number]>): ProposalFlag[] {
  const id = recordId(proposal);
  const held = id === null ? undefined : existing.get(id);
  if (!held) return [];
  const heldKind = held.label ? KIND_OF_LABEL[held.label] : undefined;
  const kind = KIND_OF_SECTION[proposal.section];
  if (heldKind !== kind || (held.subKind && held.subKind !== subKindOf(proposal)))
    return [
      {
        code: ProposalFlagCode.KIND_CONFLICT,
        message: `the graph holds "${id}" as ${heldKind ?? 'another record'}${held.subKind ? ` (${held.subKind})` : ''}; this proposal makes it ${kind} (${subKindOf(proposal)})`,
        candidates: [],
      },
    ];
  return [
    {
      code: ProposalFlagCode.ID_EXISTS,
      message: `the graph already holds "${id}": accepting updates it (LINK to keep the existing record as it is)`,
      candidates: [],
    },
  ];
}

/** A proposal's dates as a window: a relationship's validFrom/validTo or date. */
function windowOf(proposal: Proposal): { earliest: string; latest: string } | null {
  const from = (proposal.record.validFrom ?? proposal.record.date) as string | undefined;
  const to = (proposal.record.validTo ?? proposal.record.date) as string | undefined;
  if (!from && !to) return null;
  return {
    earliest: from ? parsePartialDate(from).earliest : '0000-01-01',
    latest: to ? parsePartialDate(to).latest : '9999-12-31',
  };
}

function validityFlags(proposal: Proposal, validity: FlagFacts['validity']): ProposalFlag[] {
  const window = windowOf(proposal);
  if (!window) return [];
  return validity
    .filter((link) => link.key === proposal.id)
    .filter(
      (link) =>
        (link.validFrom !== null && window.latest < parsePartialDate(link.validFrom).earliest) ||
        (link.validTo !== null && window.earliest > parsePartialDate(link.validTo).latest),
    )
    .map((link) => ({
      code: ProposalFlagCode.OUTSIDE_VALIDITY,
      message: `the graph's ${link.id} is valid ${link.validFrom ?? '…'} to ${link.validTo ?? '…'}; this proposal dates it outside that`,
      candidates: [],
    }));
}

function candidateFlags(proposal: Proposal, extraction: ExtractionResult): ProposalFlag[] {
  if (proposal.kind !== 'ENTITY') return [];
  const best = new Map<string, number>();
  for (const mention of extraction.mentions)
    if (mention.proposalId === proposal.id)
      for (const c of mention.candidates) best.set(c.entityId, Math.max(best.get(c.entityId) ?? 0, c.score));
  if (best.size === 0) return [];
  const candidates = [...best].map(([entityId, score]) => ({ entityId, score })).sort((a, b) => b.score - a.score);
  return [
    {
      code: ProposalFlagCode.POSSIBLE_EXISTING,
      message: `a mention of it could be an existing entity (${candidates.map((c) => c.entityId).join(', ')}): LINK instead of creating it`,
      candidates,
    },
  ];
}

/** Every proposal's flags, by proposal id. */
export function proposalFlags(extraction: ExtractionResult, facts: FlagFacts): Map<string, ProposalFlag[]> {
  const existing = new Map(facts.existing.map((row) => [row.id, row]));
  const flags = new Map<string, ProposalFlag[]>();
  for (const proposal of extraction.proposals) {
    const denied = facts.denied
      .filter((row) => row.key === proposal.id)
      .map((row) => ({
        code: ProposalFlagCode.DENIED_AS_FACT,
        message: `states as fact what the graph holds as a claim (${row.allegationId}, ${row.status})`,
        candidates: [],
      }));
    flags.set(proposal.id, [
      ...idFlags(proposal, existing),
      ...denied,
      ...validityFlags(proposal, facts.validity),
      ...candidateFlags(proposal, extraction),
    ]);
  }
  return flags;
}
