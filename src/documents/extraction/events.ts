/**
 * Events from trigger words (the table maps them to the model's event types): a noun names one
 * ("the abduction of six ... drivers"), a verb reports one ("were expelled"). "The blockade" after
 * a blockade was named is that blockade again, as is an effect verb ("disrupted highways"); "by
 * cutting off ..." is a new one. Claims are skipped: an alleged act is not an event.
 */
import { EventStatus } from '../../model/vocabulary';
import { clauseEnd } from './claims';
import type { ExtractionContext } from './context';
import { datesIn } from './dates';
import type { EventDraft } from './draft.type';
import { slug } from './ids';
import { phraseAt } from './references';
import type { EventTrigger, LanguageTable } from './tables/language-table.type';
import { phraseFolds } from './text';

export interface Occurrence {
  event: EventDraft;
  trigger: EventTrigger;
  /** Token indexes of the trigger words. */
  from: number;
  to: number;
  isNew: boolean;
}

const DEFINITE = new Set(['the', 'this', 'that']);
const COMPLEMENT = new Set(['of', 'in', 'against', 'at', 'from', 'to', 'on']);

/** Occurrences of events in one sentence, in order. */
export function findOccurrences(ctx: ExtractionContext, index: number): Occurrence[] {
  const sentence = ctx.sentences[index];
  const occurrences: Occurrence[] = [];
  if (sentence.titleLike) return occurrences;
  const inClaim = (i: number) =>
    ctx.claimRanges[index].some((range) => ctx.tokens[i].start >= range.start && ctx.tokens[i].end <= range.end);
  const inName = (i: number) => ctx.refs[index].some((r) => r.from <= i && i < r.to && !r.generic);
  for (let i = sentence.from; i < sentence.to; i++) {
    if (inClaim(i) || inName(i)) continue;
    const trigger = triggersOf(ctx.table)
      .get(ctx.tokens[i].fold)
      ?.find((candidate) => phraseAt(ctx, i, sentence.to, [candidate.words]));
    if (!trigger) continue;
    const to = i + trigger.words.split(' ').length;
    const existing = reusable(ctx, trigger, i, to);
    const event = existing ?? createEvent(ctx, index, trigger, i, to);
    if (!event) break;
    if (existing) ctx.mentionEvent(existing);
    occurrences.push({ event, trigger, from: i, to, isNew: !existing });
    i = to - 1;
  }
  return occurrences;
}

/** The event a definite mention or an effect verb refers back to: the most-mentioned of its type. */
function reusable(ctx: ExtractionContext, trigger: EventTrigger, from: number, to: number): EventDraft | undefined {
  const { tokens } = ctx;
  const previous = tokens[from - 1]?.fold ?? '';
  if (previous === 'by') return undefined;
  const definite = trigger.pos === 'noun' && DEFINITE.has(previous) && !COMPLEMENT.has(tokens[to]?.fold ?? '');
  if (!definite && !trigger.effectOf) return undefined;
  return ctx.topicEvent([trigger.type]);
}

const TRIGGERS = new WeakMap<LanguageTable, Map<string, EventTrigger[]>>();

/** The table's triggers by their first word, so each word of a text costs one lookup. */
function triggersOf(table: LanguageTable): Map<string, EventTrigger[]> {
  let byWord = TRIGGERS.get(table);
  if (!byWord) {
    byWord = new Map();
    for (const trigger of table.eventTriggers) {
      const first = phraseFolds(trigger.words)[0];
      byWord.set(first, [...(byWord.get(first) ?? []), trigger]);
    }
    TRIGGERS.set(table, byWord);
  }
  return byWord;
}

function createEvent(
  ctx: ExtractionContext,
  index: number,
  trigger: EventTrigger,
  from: number,
  to: number,
): EventDraft | undefined {
  const end = clauseEnd(ctx, from, ctx.sentences[index].to);
  // "since 2012" after the trigger, else "In July, gunmen abducted ..." before it.
  let dates = datesIn(ctx, from, end);
  if (!dates.start) dates = datesIn(ctx, Math.max(ctx.sentences[index].from, from - 15), from);
  const title = titleOf(ctx, index, trigger, from, to, end);
  const event: EventDraft = {
    id: ctx.ids.allocate(slug(title)),
    type: trigger.type,
    status: statusOf(ctx, trigger, from),
    title,
    rule: `${ctx.table.language}.event.${trigger.pos === 'noun' ? 'noun' : 'verb'}-trigger`,
    voice: ctx.voices[index],
    evidence: ctx.sentenceSpan(index),
    sentence: index,
    mentions: 1,
    ...dates,
  };
  return ctx.addEvent(event) ? event : undefined;
}

function statusOf(ctx: ExtractionContext, trigger: EventTrigger, from: number): string {
  for (let i = Math.max(0, from - 4); i < from; i++) {
    const status = ctx.table.statusCues[ctx.tokens[i].fold];
    if (status) return status;
  }
  return ctx.table.ongoingTypes.includes(trigger.type) ? EventStatus.ONGOING : EventStatus.OCCURRED;
}

const LABEL = (type: string) => type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, ' ');

/** "Abduction of six Senegalese truck drivers", "Expulsion of French forces", "Blockade: cutting off ...". */
function titleOf(
  ctx: ExtractionContext,
  index: number,
  trigger: EventTrigger,
  from: number,
  to: number,
  end: number,
): string {
  const { tokens } = ctx;
  const sentenceFrom = ctx.sentences[index].from;
  const words = (a: number, b: number) => ctx.slice({ start: tokens[a].start, end: tokens[b - 1].end });
  let title: string;
  if (trigger.pos === 'noun') {
    let last = to;
    if (COMPLEMENT.has(tokens[to]?.fold ?? '') && to + 1 < end) {
      const ref = ctx.refs[index].find((r) => r.from > to && r.from <= to + 3);
      last = ref && ref.to <= end ? ref.to : Math.min(end, to + 4);
    }
    title = words(from, last);
  } else if (trigger.passive && ctx.table.passiveAuxiliaries.includes(tokens[from - 1]?.fold ?? '')) {
    const subject = [...ctx.refs[index]].reverse().find((r) => r.to <= from && r.actor);
    title = subject ? `${LABEL(trigger.type)} of ${ctx.slice(subject)}` : LABEL(trigger.type);
  } else if (tokens[from - 1]?.fold === 'by') {
    title = `${LABEL(trigger.type)}: ${words(from, Math.min(end, from + 8))}`;
  } else {
    // "businesses in the blockaded regions have collapsed": the clause up to the verb, after any "that".
    let start = from;
    while (
      start > sentenceFrom &&
      from - start < 10 &&
      !/[,;:—–]/.test(tokens[start].gap) &&
      tokens[start - 1].fold !== 'that'
    )
      start--;
    title = `${LABEL(trigger.type)}: ${words(start, to)}`;
  }
  title = title.charAt(0).toUpperCase() + title.slice(1);
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}
