/**
 * Reported speech becomes allegations, never facts: "X has accused Y of supporting Z", "X alleges
 * that ...", "according to <a party>, ...", and denials ("a claim Kiev has denied"). The claim's
 * words are the statement; its content is graded 6 until someone corroborates it; the span of the
 * claim is recorded so that no other rule reads a fact (a SUPPORTS link, an event) out of it.
 */
import { ActorKind, AllegationStatus, ClaimType, RelationshipType } from '../../model/vocabulary';
import { type ExtractionContext, MAX_ALLEGATIONS } from './context';
import type { AllegationDraft, Ref } from './draft.type';
import { slug } from './ids';
import { phraseAt } from './references';

const rule = (ctx: ExtractionContext, name: string) => `${ctx.table.language}.reported-speech.${name}`;
const CLAUSE_END = /[,;:—–]/;

/** Token index one past the end of the clause that starts at `from`. */
export function clauseEnd(ctx: ExtractionContext, from: number, to: number): number {
  for (let i = from + 1; i < to; i++) if (CLAUSE_END.test(ctx.tokens[i].gap)) return i;
  return to;
}

function actorRefs(refs: Ref[], from: number, to: number): Ref[] {
  return refs.filter((r) => r.actor && !r.adjective && r.from >= from && r.to <= to);
}

const idsOf = (r: Ref) => [r.actor ?? r.location, ...(r.also ?? [])].filter((id): id is string => Boolean(id));

export function claimTypesIn(ctx: ExtractionContext, from: number, to: number): string[] {
  const types = new Set<string>();
  for (let i = from; i < to; i++) {
    const word = ctx.tokens[i].fold;
    for (const [stem, type] of Object.entries(ctx.table.claimVerbs))
      if (word.startsWith(stem) && /^(|e|s|es|ed|d|ing|ting|ted|ied|ying|er|ers)$/.test(word.slice(stem.length)))
        types.add(type);
  }
  return types.size ? [...types].sort() : [ClaimType.OTHER];
}

export function findClaims(ctx: ExtractionContext) {
  ctx.claimRanges = ctx.sentences.map(() => []);
  ctx.sentences.forEach((sentence, index) => {
    if (sentence.titleLike) return;
    for (let i = sentence.from; i < sentence.to; i++) {
      const word = ctx.tokens[i].fold;
      if (ctx.table.accuseVerbs.includes(word)) accusation(ctx, index, i);
      else if (ctx.table.allegeVerbs.includes(word) && ctx.tokens[i + 1]?.fold === 'that') allegation(ctx, index, i);
    }
    partyAttribution(ctx, index);
    laterDenial(ctx, index);
  });
}

/** "Moscow has accused Ukrainian intelligence of supporting the militants, a claim Kiev has denied." */
function accusation(ctx: ExtractionContext, index: number, verb: number) {
  const { from, to } = ctx.sentences[index];
  const refs = ctx.refs[index];
  const accuser = actorRefs(refs, from, verb).at(-1);
  const accused = actorRefs(refs, verb + 1, to)[0];
  if (!accuser || !accused || ctx.tokens[accused.to]?.fold !== 'of' || accused.to + 1 >= to) return;
  const content = accused.to + 1;
  const end = clauseEnd(ctx, content, to);
  const words = ctx.slice({ start: ctx.tokens[content].start, end: ctx.tokens[end - 1].end });
  const statement = `${ctx.slice(accused)} is ${words}.`;
  const draft = addAllegation(ctx, index, accuser, [accused], statement, claimTypesIn(ctx, content, end), 'accused-of');
  ctx.claimRanges[index].push({ start: ctx.tokens[verb].start, end: ctx.tokens[end - 1].end });
  concerns(ctx, index, draft, refs, content, end, [accused]);
  denialAfter(ctx, index, draft, end);
}

/** "The bloc alleges that both countries have supported or facilitated militant activity in the Sahel ..." */
function allegation(ctx: ExtractionContext, index: number, verb: number) {
  const { from, to } = ctx.sentences[index];
  const refs = ctx.refs[index];
  const alleger = actorRefs(refs, from, verb).at(-1);
  const content = verb + 2;
  if (!alleger || content >= to) return;
  let boundary = to;
  for (let i = content; i < to; i++)
    if (phraseAt(ctx, i, to, ctx.table.claimBoundaries)) {
      boundary = i;
      break;
    }
  const accused = actorRefs(refs, content, Math.min(boundary, content + 4));
  if (accused.length === 0) return;
  const words = ctx.slice({ start: ctx.tokens[content].start, end: ctx.sentences[index].end }).replace(/[.!?]$/, '');
  const statement = `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  const draft = addAllegation(
    ctx,
    index,
    alleger,
    accused,
    statement,
    claimTypesIn(ctx, content, boundary),
    'alleges-that',
  );
  ctx.claimRanges[index].push({ start: ctx.tokens[verb].start, end: ctx.tokens[boundary - 1].end });
  concerns(ctx, index, draft, refs, content, boundary, accused);
}

/** "According to <a party to the conflict>, ...": a claim; according to media it is attribution (voice.ts). */
function partyAttribution(ctx: ExtractionContext, index: number) {
  const { from, to } = ctx.sentences[index];
  const n = phraseAt(ctx, from, to, ctx.table.attributionCues);
  if (!n || ctx.voices[index] === 'ATTRIBUTED') return;
  const end = clauseEnd(ctx, from, to);
  const party = actorRefs(ctx.refs[index], from + n, end)[0];
  if (!party || end >= to) return;
  const accused = actorRefs(ctx.refs[index], end, Math.min(to, end + 4));
  if (accused.length === 0) return;
  const words = ctx.slice({ start: ctx.tokens[end].start, end: ctx.sentences[index].end }).replace(/[.!?]$/, '');
  const statement = `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  const draft = addAllegation(ctx, index, party, accused, statement, claimTypesIn(ctx, end, to), 'according-to');
  ctx.claimRanges[index].push({ start: ctx.tokens[end].start, end: ctx.sentences[index].end });
  concerns(ctx, index, draft, ctx.refs[index], end, to, accused);
}

function addAllegation(
  ctx: ExtractionContext,
  index: number,
  accuser: Ref,
  accused: Ref[],
  statement: string,
  claimTypes: string[],
  name: string,
): AllegationDraft {
  // Past the cap the claim is still kept out of the facts (its range is recorded), just not proposed.
  const full = ctx.allegations.size >= MAX_ALLEGATIONS;
  if (full) ctx.truncated = true;
  const evidence = ctx.sentenceSpan(index);
  const accuserId = accuser.actor!;
  const accusedIds = accused.flatMap(idsOf);
  const base = slug(
    `${ctx.entities.get(accuserId)!.name} accuses ${accusedIds.map((id) => ctx.entities.get(id)!.name).join(' ')}`,
  );
  const draft: AllegationDraft = {
    id: ctx.ids.allocate(base),
    statement,
    claimTypes,
    status: AllegationStatus.ALLEGED,
    rule: rule(ctx, name),
    voice: ctx.voices[index],
    evidence,
  };
  if (!full) ctx.allegations.set(draft.id, draft);
  ctx.lastAllegation = draft;
  const voice = ctx.voices[index];
  const link = { rule: draft.rule, voice, evidence };
  ctx.relate({ ...link, type: RelationshipType.ALLEGES, from: accuserId, to: draft.id });
  for (const id of accusedIds)
    if (ctx.entities.get(id)?.section === 'actors')
      ctx.relate({ ...link, type: RelationshipType.ACCUSES, from: draft.id, to: id });
  return draft;
}

/** What the claim is about: the places and other actors its words name ("the militants", "the Sahel"). */
function concerns(
  ctx: ExtractionContext,
  index: number,
  draft: AllegationDraft,
  refs: Ref[],
  from: number,
  to: number,
  accused: Ref[],
) {
  const accusedIds = new Set(accused.flatMap(idsOf));
  for (const r of refs) {
    if (r.from < from || r.to > to || r.adjective) continue;
    const id = r.location ?? r.actor;
    if (!id || accusedIds.has(id) || (r.actor && accusedIds.has(r.actor))) continue;
    const voice = r.generic ? 'INFERRED' : ctx.voices[index];
    ctx.relate({
      type: RelationshipType.CONCERNS,
      from: draft.id,
      to: id,
      rule: draft.rule,
      voice,
      evidence: ctx.sentenceSpan(index),
    });
  }
}

/** ", a claim Kiev has denied": the denier after a claim noun, then a denying verb. */
function denialAfter(ctx: ExtractionContext, index: number, draft: AllegationDraft, from: number) {
  const { to } = ctx.sentences[index];
  for (let i = from; i < to; i++) {
    if (!ctx.table.claimNouns.includes(ctx.tokens[i].fold) && ctx.tokens[i].fold !== 'which') continue;
    const denier = actorRefs(ctx.refs[index], i + 1, Math.min(to, i + 4))[0];
    if (!denier) continue;
    for (let j = denier.to; j < Math.min(to, denier.to + 3); j++)
      if (ctx.table.denyVerbs.includes(ctx.tokens[j].fold)) {
        deny(ctx, index, draft, denier.actor!, 'claim-denied');
        return;
      }
  }
}

/** "Kiev denied the accusation." in a later sentence: the last allegation made. */
function laterDenial(ctx: ExtractionContext, index: number) {
  const last = ctx.lastAllegation;
  const { from, to } = ctx.sentences[index];
  if (!last || last.evidence.start >= ctx.sentences[index].start) return;
  for (const r of actorRefs(ctx.refs[index], from, to)) {
    const next = ctx.tokens[r.to + (ctx.tokens[r.to]?.fold === 'has' || ctx.tokens[r.to]?.fold === 'have' ? 1 : 0)];
    if (next && ctx.table.denyVerbs.includes(next.fold) && ctx.kindOf(r.actor) !== ActorKind.GROUP) {
      deny(ctx, index, last, r.actor!, 'denied');
      return;
    }
  }
}

function deny(ctx: ExtractionContext, index: number, draft: AllegationDraft, denier: string, name: string) {
  draft.status = AllegationStatus.DENIED;
  ctx.relate({
    type: RelationshipType.DENIES,
    from: denier,
    to: draft.id,
    rule: rule(ctx, name),
    voice: ctx.voices[index],
    evidence: ctx.sentenceSpan(index),
  });
}
