/**
 * The drafts as proposals: each with the bundle record it would add (the seed bundle's shape),
 * its verbatim excerpt and offsets, the rule, the voice, the suggested grade and the proposals it
 * depends on. Ids derive from kind, rule, offsets and the record's key, so the same input gives
 * the same ids.
 */
import { ActorKind } from '../../model/vocabulary';
import type { ExtractionContext } from './context';
import type { AllegationDraft, EntityDraft, EventDraft, RelationDraft } from './draft.type';
import { CLAIM_UNCORROBORATED, gradeFor } from './grading';
import { stableHash } from './ids';
import type { BundleSection, Credibility, Proposal, ProposalKind, TextSpan, Voice } from './proposal.type';

/** The bundle's excerpt limit (bundle.model.ts): a longer sentence is cut to its first words. */
export const MAX_EXCERPT = 1_000;

interface Built {
  proposals: Proposal[];
  /** Proposal id of each proposed record id. */
  proposalOf: Map<string, string>;
}

export function buildProposals(ctx: ExtractionContext): Built {
  const built: Built = { proposals: [], proposalOf: new Map() };
  for (const entity of ctx.entities.values()) if (!entity.known && entity.kind) addEntity(ctx, built, entity);
  for (const event of ctx.events.values()) addEvent(ctx, built, event);
  for (const allegation of ctx.allegations.values()) addAllegation(ctx, built, allegation);
  for (const relation of ctx.relations) addRelation(ctx, built, relation);
  return built;
}

function excerptOf(ctx: ExtractionContext, span: TextSpan): TextSpan & { excerpt: string } {
  let end = Math.min(span.end, span.start + MAX_EXCERPT);
  // Never cut a surrogate pair: the excerpt stays valid UTF-16.
  if (end < span.end && /[\uD800-\uDBFF]/.test(ctx.input.text[end - 1])) end--;
  return { start: span.start, end, excerpt: ctx.input.text.slice(span.start, end) };
}

function push(
  ctx: ExtractionContext,
  built: Built,
  kind: ProposalKind,
  section: BundleSection,
  draft: { rule: string; voice: Voice; evidence: TextSpan },
  key: string,
  record: Record<string, unknown>,
  options: { dependsOn?: string[]; credibility?: number } = {},
) {
  const span = excerptOf(ctx, draft.evidence);
  const credibility = (options.credibility ?? gradeFor(draft.voice, ctx.input.reliability)) as Credibility;
  const id = `${kind.toLowerCase()}-${stableHash(`${kind}|${draft.rule}|${span.start}|${span.end}|${key}`)}`;
  const full = { ...record, sourceIds: [ctx.input.documentId], credibility, excerpt: span.excerpt };
  built.proposals.push({
    id,
    kind,
    rule: draft.rule,
    excerpt: span.excerpt,
    start: span.start,
    end: span.end,
    voice: draft.voice,
    suggestedCredibility: credibility,
    record: full,
    section,
    dependsOn: options.dependsOn ?? [],
  });
  return id;
}

function addEntity(ctx: ExtractionContext, built: Built, entity: EntityDraft) {
  const actor = entity.section === 'actors';
  const record: Record<string, unknown> = {
    id: entity.id,
    name: entity.name,
    aliases: entity.aliases,
    kind: entity.kind,
  };
  if (actor && entity.country) record.country = entity.country;
  if (actor && entity.plural) record.plural = true;
  if (actor && entity.quantity && entity.kind === ActorKind.GROUP) record.quantity = entity.quantity;
  if (!actor && entity.isoCode) record.isoCode = entity.isoCode;
  built.proposalOf.set(entity.id, push(ctx, built, 'ENTITY', entity.section, entity, entity.id, record));
}

function addEvent(ctx: ExtractionContext, built: Built, event: EventDraft) {
  const record: Record<string, unknown> = { id: event.id, type: event.type, status: event.status, title: event.title };
  if (event.start) record.start = event.start;
  if (event.end) record.end = event.end;
  if (event.quantity) record.quantity = event.quantity;
  built.proposalOf.set(event.id, push(ctx, built, 'EVENT', 'events', event, event.id, record));
}

function addAllegation(ctx: ExtractionContext, built: Built, allegation: AllegationDraft) {
  const record = {
    id: allegation.id,
    statement: allegation.statement,
    claimTypes: allegation.claimTypes,
    status: allegation.status,
    claimCredibility: CLAIM_UNCORROBORATED,
  };
  built.proposalOf.set(allegation.id, push(ctx, built, 'ALLEGATION', 'allegations', allegation, allegation.id, record));
}

function addRelation(ctx: ExtractionContext, built: Built, relation: RelationDraft) {
  const endpoints = [relation.from, relation.to];
  // A link to a name no cue could type (and so is not proposed) is left out with it.
  if (endpoints.some((id) => !built.proposalOf.has(id) && !ctx.entities.get(id)?.known)) return;
  const record: Record<string, unknown> = { type: relation.type, from: relation.from, to: relation.to };
  if (relation.role) record.role = relation.role;
  if (relation.validFrom) record.validFrom = relation.validFrom;
  if (relation.validTo) record.validTo = relation.validTo;
  if (relation.quantity) record.quantity = relation.quantity;
  const kind = relation.type === 'DENIES' ? 'DENIAL' : 'RELATIONSHIP';
  const key = `${relation.type}:${relation.from}:${relation.to}:${relation.role ?? ''}`;
  const dependsOn = endpoints.map((id) => built.proposalOf.get(id)).filter((id): id is string => Boolean(id));
  push(ctx, built, kind, 'relationships', relation, key, record, { dependsOn, credibility: relation.credibility });
}
