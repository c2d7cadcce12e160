/**
 * Who took part in an event and where it happened, read from its sentence: the clause's subject
 * (agent, or target of a passive "were expelled"), "enforced by X", "assistance from X",
 * "against X" / "aimed at ... X" (targets), "of six ... drivers" (victims), "at the Court" (venue),
 * the places after the trigger, "the affected regions" (the main event's places); and how events
 * follow each other ("follows", "following", "responded with", "which X cited as a warning").
 */
import { ActorKind, EventType, LocationKind, ParticipationRole, RelationshipType } from '../../model/vocabulary';
import { clauseEnd } from './claims';
import type { ExtractionContext } from './context';
import type { EventDraft, Ref } from './draft.type';
import type { Occurrence } from './events';
import type { TextSpan, Voice } from './proposal.type';
import { phraseAt } from './references';

const RELATIVE = new Set(['which', 'who']);
const LOCATIVE = new Set(['in', 'across', 'throughout', 'within', 'into', 'near', 'from', 'of']);
const DASH = /[—–]/;

interface Link {
  index: number;
  rule: string;
  voice?: Voice;
}

function participate(ctx: ExtractionContext, link: Link, actor: string, event: EventDraft, role: ParticipationRole) {
  ctx.relate({
    type: RelationshipType.PARTICIPATED_IN,
    from: actor,
    to: event.id,
    role,
    rule: `${ctx.table.language}.event.${link.rule}`,
    voice: link.voice ?? ctx.voices[link.index],
    evidence: ctx.sentenceSpan(link.index),
  });
}

function relateEvent(
  ctx: ExtractionContext,
  link: Link,
  type: RelationshipType,
  from: string,
  to: string,
  span?: TextSpan,
) {
  ctx.relate({
    type,
    from,
    to,
    rule: `${ctx.table.language}.event.${link.rule}`,
    voice: link.voice ?? ctx.voices[link.index],
    evidence: span ?? ctx.sentenceSpan(link.index),
  });
}

const isModifier = (ctx: ExtractionContext, r: Ref) =>
  ctx.table.affiliationSuffixes.includes(ctx.tokens[r.to]?.fold ?? '') && ctx.tokens[r.to].gap === '-';
const actorsOf = (r: Ref) => [r.actor, ...(r.location ? [] : (r.also ?? []))].filter((id): id is string => !!id);

function clauseStart(ctx: ExtractionContext, from: number, sentenceFrom: number): number {
  for (let i = from; i > sentenceFrom; i--) if (/[,;:—–]/.test(ctx.tokens[i].gap)) return i;
  return sentenceFrom;
}

/** The subject of the clause a trigger is in; through "which" to its antecedent, across a "— ... —" aside. */
export function subjectOf(ctx: ExtractionContext, index: number, trigger: number): Ref | undefined {
  const { from } = ctx.sentences[index];
  const refs = ctx.refs[index].filter((r) => r.actor && !r.adjective && !isModifier(ctx, r));
  if (ctx.tokens[trigger - 1]?.fold === 'by')
    return refs.find((r) => r.from >= clauseEnd(ctx, trigger, ctx.sentences[index].to));
  let start = clauseStart(ctx, trigger, from);
  for (let hop = 0; hop < 3; hop++) {
    const inClause = refs.find((r) => r.from >= start && r.to <= trigger);
    if (inClause) return inClause;
    if (RELATIVE.has(ctx.tokens[start].fold)) return [...refs].reverse().find((r) => r.to <= start);
    if (!DASH.test(ctx.tokens[start].gap) || start === from) return undefined;
    let dash = start - 1;
    while (dash > from && !DASH.test(ctx.tokens[dash].gap)) dash--;
    start = clauseStart(ctx, dash - 1, from);
  }
  return undefined;
}

/** Refs right after position i, joined by commas and "and": "France and Ukraine", "Kayes and Nioro-du-Sahel". */
function listAfter(ctx: ExtractionContext, refs: Ref[], i: number, reach: number, slot: 'actor' | 'location'): Ref[] {
  const first = refs.find((r) => r[slot] && !r.adjective && r.from >= i && r.from < i + reach);
  if (!first) return [];
  const list = [first];
  let joinedByAnd = false;
  for (const r of refs) {
    const last = list[list.length - 1];
    if (r.from < last.to || !r[slot] || r.adjective) continue;
    const between = ctx.tokens.slice(last.to, r.from);
    if (
      between.length <= 1 &&
      between.every((t) => t.fold === 'and') &&
      (between.length || /,/.test(ctx.tokens[r.from].gap))
    ) {
      list.push(r);
      joinedByAnd ||= between.length === 1;
    } else break;
  }
  // "from Russia, Mali’s government": a comma alone does not make a list; "A, B, and C" does.
  return joinedByAnd ? list : [first];
}

/** "were expelled" (the subject is the target), not "has expelled" (the subject is the agent). */
export function isPassive(ctx: ExtractionContext, occurrence: Occurrence): boolean {
  if (!occurrence.trigger.passive) return false;
  const before = [ctx.tokens[occurrence.from - 1]?.fold, ctx.tokens[occurrence.from - 2]?.fold];
  return before.some((word) => word !== undefined && ctx.table.passiveAuxiliaries.includes(word));
}

export function readParticipants(ctx: ExtractionContext, index: number, occurrences: Occurrence[]) {
  const sentence = ctx.sentences[index];
  occurrences.forEach((occurrence, k) => {
    const { event, trigger } = occurrence;
    const limit = occurrences[k + 1]?.from ?? sentence.to;
    const refs = ctx.refs[index];
    const hostile = ctx.table.hostileTypes.includes(trigger.type);
    const passive = isPassive(ctx, occurrence);
    const agentRole = passive
      ? ParticipationRole.TARGET
      : ctx.table.initiatorTypes.includes(trigger.type)
        ? ParticipationRole.INITIATOR
        : ParticipationRole.PERPETRATOR;
    const agents: Ref[] = [];
    const subject = occurrence.isNew || trigger.pos === 'verb' ? subjectOf(ctx, index, occurrence.from) : undefined;
    // "French forces were expelled ... following a series of coups": the subject is the nearer event's.
    const between = occurrences.some(
      (other) => other !== occurrence && subject && other.from >= subject.to && other.to <= occurrence.from,
    );
    if (subject && !between) agents.push(subject);
    // "enforced by X", "assistance from X"
    for (let i = occurrence.to; i < Math.min(limit, occurrence.to + 3); i++)
      if (ctx.tokens[i].fold === 'by' || (ctx.tokens[i].fold === 'from' && i === occurrence.to))
        agents.push(...listAfter(ctx, refs, i + 1, 2, 'actor'));
    for (const agent of agents)
      for (const id of actorsOf(agent)) {
        if (hostile && !passive && !ctx.kindOf(id)) ctx.entities.get(id)!.kind = ActorKind.ARMED_GROUP;
        // "militants" read as the main armed group is an inference, whatever the sentence's voice.
        participate(ctx, { index, rule: 'agent', voice: agent.generic ? 'INFERRED' : undefined }, id, event, agentRole);
      }
    readTargets(ctx, index, occurrence, limit);
    readPlaces(ctx, index, occurrence, limit);
    if (trigger.type === EventType.MILITARY_ASSISTANCE) assistance(ctx, index, occurrence, agents);
  });
  readSequence(ctx, index, occurrences);
}

function readTargets(ctx: ExtractionContext, index: number, occurrence: Occurrence, limit: number) {
  const { table, tokens } = ctx;
  const refs = ctx.refs[index];
  const cues =
    occurrence.trigger.type === EventType.STATEMENT ? [...table.targetCues, ...table.addresseeCues] : table.targetCues;
  for (let i = occurrence.to; i < limit; i++) {
    const n = phraseAt(ctx, i, limit, cues);
    if (!n) continue;
    for (const target of listAfter(ctx, refs, i + n, 5, 'actor'))
      for (const id of actorsOf(target))
        participate(ctx, { index, rule: 'target' }, id, occurrence.event, ParticipationRole.TARGET);
    i += n - 1;
  }
  const next = occurrence.to;
  // "the abduction of six drivers", "gunmen abducted three workers"
  const victimsFrom = tokens[next]?.fold === 'of' ? next + 1 : occurrence.trigger.pos === 'verb' ? next : -1;
  if (victimsFrom >= 0)
    for (const victim of listAfter(ctx, refs, victimsFrom, 2, 'actor'))
      if (ctx.kindOf(victim.actor) === ActorKind.GROUP || ctx.kindOf(victim.actor) === ActorKind.PERSON) {
        participate(ctx, { index, rule: 'victim' }, victim.actor!, occurrence.event, ParticipationRole.VICTIM);
        const group = ctx.entities.get(victim.actor!)!;
        if (group.quantity && !occurrence.event.quantity)
          occurrence.event.quantity = {
            ...group.quantity,
            measure: `${group.aliases[0] ?? group.name} (${occurrence.event.type.toLowerCase()})`,
          };
      }
  for (let i = occurrence.to; i < limit; i++)
    if (tokens[i].fold === 'at')
      for (const venue of listAfter(ctx, refs, i + 1, 2, 'actor'))
        if (ctx.kindOf(venue.actor) === ActorKind.ORGANIZATION)
          participate(ctx, { index, rule: 'venue' }, venue.actor!, occurrence.event, ParticipationRole.VENUE);
}

/** The places after the trigger in its clause, and "the affected regions" anywhere in the sentence. */
function readPlaces(ctx: ExtractionContext, index: number, occurrence: Occurrence, limit: number) {
  const end = Math.min(limit, clauseEnd(ctx, occurrence.from, ctx.sentences[index].to));
  const places: Ref[] = [];
  for (let i = occurrence.to; i < end; i++) {
    const word = ctx.tokens[i].fold;
    if (!LOCATIVE.has(word)) continue;
    // "from the region" is a place; "from Russia" is who gave (the state, not its territory).
    for (const r of listAfter(ctx, ctx.refs[index], i + 1, 3, 'location'))
      if (r.to <= end && (word !== 'from' || !r.actor) && !places.includes(r)) places.push(r);
  }
  const effect = occurrence.trigger.effectOf === true && occurrence.trigger.type === EventType.BLOCKADE;
  for (const place of places)
    for (const id of [place.location!, ...(place.also ?? [])]) {
      relateEvent(
        ctx,
        { index, rule: 'place', voice: place.generic ? 'INFERRED' : undefined },
        RelationshipType.OCCURRED_IN,
        occurrence.event.id,
        id,
      );
      if (effect) relateEvent(ctx, { index, rule: 'disrupts' }, RelationshipType.DISRUPTS, occurrence.event.id, id);
    }
  if (effect)
    for (const corridor of ctx.corridorsIn(index))
      if (corridor.kind === LocationKind.CORRIDOR)
        relateEvent(ctx, { index, rule: 'disrupts' }, RelationshipType.DISRUPTS, occurrence.event.id, corridor.id);
  affectedRegions(ctx, index, occurrence);
}

function affectedRegions(ctx: ExtractionContext, index: number, occurrence: Occurrence) {
  const { from, to } = ctx.sentences[index];
  for (let i = from; i < to; i++) {
    if (!phraseAt(ctx, i, to, ctx.table.affectedRegionCues)) continue;
    const main = ctx.topicEvent(ctx.table.hostileTypes, occurrence.event);
    if (!main) return;
    const link = { index, rule: 'affected-regions', voice: 'INFERRED' as const };
    for (const relation of ctx.linksFrom(main.id, RelationshipType.OCCURRED_IN))
      if (ctx.kindOf(relation.to) === LocationKind.REGION)
        relateEvent(ctx, link, RelationshipType.OCCURRED_IN, occurrence.event.id, relation.to);
    relateEvent(ctx, link, RelationshipType.FOLLOWS, occurrence.event.id, main.id);
    return;
  }
}

/** "military assistance from Russia, Mali’s government ...": Russia supports the state named next. */
function assistance(ctx: ExtractionContext, index: number, occurrence: Occurrence, agents: Ref[]) {
  const from = agents.find((agent) => agent.from >= occurrence.to);
  if (!from) return;
  const recipient = ctx.refs[index].find(
    (r) => r.from >= from.to && r.actor && !r.adjective && ctx.kindOf(r.actor) === ActorKind.STATE,
  );
  if (!recipient) return;
  relateEvent(ctx, { index, rule: 'assistance-from' }, RelationshipType.SUPPORTS, from.actor!, recipient.actor!);
  const territory = ctx.names.get(ctx.entities.get(recipient.actor!)!.name.toLowerCase())?.location;
  if (territory)
    relateEvent(
      ctx,
      { index, rule: 'assistance-from', voice: 'INFERRED' },
      RelationshipType.OCCURRED_IN,
      occurrence.event.id,
      territory,
    );
}

/** "The blockade follows the abduction", "expelled ... following a series of coups", "responded with airstrikes", "which JNIM cited as a warning". */
function readSequence(ctx: ExtractionContext, index: number, occurrences: Occurrence[]) {
  const { tokens, table } = ctx;
  for (let k = 0; k + 1 < occurrences.length; k++) {
    const [a, b] = [occurrences[k], occurrences[k + 1]];
    for (let i = a.to; i < b.from; i++)
      if (table.followCues.includes(tokens[i].fold))
        relateEvent(ctx, { index, rule: 'follows' }, RelationshipType.FOLLOWS, a.event.id, b.event.id);
  }
  for (const [k, occurrence] of occurrences.entries()) {
    const start = clauseStart(ctx, occurrence.from, ctx.sentences[index].from);
    const response = tokens.slice(start, occurrence.from).some((t) => table.responseVerbs.includes(t.fold));
    if (response) respond(ctx, index, occurrence);
    if (RELATIVE.has(tokens[start].fold) && k > 0 && occurrence.event.type === EventType.STATEMENT)
      citedAsWarning(ctx, index, occurrence, occurrences[k - 1].event);
  }
}

function participantsOf(ctx: ExtractionContext, event: EventDraft, role: ParticipationRole): string[] {
  return ctx
    .linksTo(event.id, RelationshipType.PARTICIPATED_IN)
    .filter((r) => r.role === role)
    .map((r) => r.from);
}

function respond(ctx: ExtractionContext, index: number, occurrence: Occurrence) {
  const main = ctx.topicEvent(ctx.table.hostileTypes, occurrence.event);
  if (!main) return;
  const link = { index, rule: 'response', voice: 'INFERRED' as const };
  relateEvent(ctx, link, RelationshipType.FOLLOWS, occurrence.event.id, main.id);
  for (const responder of participantsOf(ctx, occurrence.event, ParticipationRole.PERPETRATOR))
    participate(ctx, link, responder, main, ParticipationRole.RESPONDER);
  for (const perpetrator of participantsOf(ctx, main, ParticipationRole.PERPETRATOR))
    participate(ctx, link, perpetrator, occurrence.event, ParticipationRole.TARGET);
}

/** "the abduction ..., which JNIM publicly cited as a warning to the Malian authorities". */
function citedAsWarning(ctx: ExtractionContext, index: number, warning: Occurrence, cited: EventDraft) {
  const link = { index, rule: 'cited-as-warning', voice: 'INFERRED' as const };
  relateEvent(ctx, link, RelationshipType.FOLLOWS, warning.event.id, cited.id);
  for (const initiator of participantsOf(ctx, warning.event, ParticipationRole.INITIATOR))
    participate(ctx, link, initiator, cited, ParticipationRole.PERPETRATOR);
  for (const target of participantsOf(ctx, warning.event, ParticipationRole.TARGET))
    participate(ctx, link, target, cited, ParticipationRole.TARGET);
}
