/**
 * What each sentence refers to: names and aliases (longest match), "Mali’s government", demonyms
 * ("Malian"), and the words that point back: "the militants" (the document's main armed group),
 * "the bloc" (the last alliance named), "both countries" (the last two states), "the region",
 * "the country" (the main country), "these routes" (the corridors just named), "the military"
 * (the main country's forces). Anaphora is resolved in reading order, so it points backwards only.
 */
import { ActorKind, LocationKind } from '../../model/vocabulary';
import type { ExtractionContext } from './context';
import type { Ref } from './draft.type';
import type { Gazetteer } from './gazetteer';
import { matchesIn } from './names';
import type { LanguageTable } from './tables/language-table.type';
import { phraseFolds } from './text';

export function nameRefs(ctx: ExtractionContext, gazetteer: Gazetteer) {
  ctx.refs = ctx.sentences.map((sentence) => {
    const refs: Ref[] = [];
    const { tokens, table } = ctx;
    const taken = new Set<number>();
    for (const match of matchesIn(ctx, sentence.from, sentence.to)) {
      let to = match.to;
      let { actor, location } = match.target;
      const next = tokens[to];
      // "Mali’s government": the state, not the territory.
      if (tokens[to - 1].possessive && to < sentence.to && table.demonymNouns[next.fold] === 'STATE_ITSELF' && actor) {
        to++;
        location = undefined;
      }
      refs.push(ref(ctx, match.from, to, { actor, location }));
      for (let i = match.from; i < to; i++) taken.add(i);
    }
    for (let i = sentence.from; i < sentence.to; i++) {
      const country = gazetteer.demonyms.get(tokens[i].fold);
      if (taken.has(i) || !country) continue;
      const target = ctx.names.get(phraseFolds(country.name).join(' '));
      if (target) refs.push({ ...ref(ctx, i, i + 1, target), adjective: true });
    }
    return refs.sort((a, b) => a.start - b.start);
  });
  countMentions(ctx);
}

function ref(
  ctx: ExtractionContext,
  from: number,
  to: number,
  target: Omit<Ref, 'start' | 'end' | 'from' | 'to'>,
): Ref {
  return { start: ctx.tokens[from].start, end: ctx.tokens[to - 1].end, from, to, ...target };
}

function countMentions(ctx: ExtractionContext) {
  for (const refs of ctx.refs)
    for (const r of refs) {
      if (r.adjective) continue;
      for (const id of new Set([r.actor, r.location])) if (id) ctx.entities.get(id)!.mentions++;
    }
  const armedGroupNouns = new Set(ctx.table.armedGroupNouns);
  // "JNIM fighters": a name followed by an armed-group noun is an armed group.
  ctx.refs.forEach((refs) => {
    for (const r of refs) {
      const entity = r.actor ? ctx.entities.get(r.actor) : undefined;
      if (entity && !entity.kind && armedGroupNouns.has(ctx.tokens[r.to]?.fold ?? ''))
        entity.kind = ActorKind.ARMED_GROUP;
    }
  });
  const best = (predicate: (id: string) => boolean) =>
    [...ctx.entities.values()]
      .filter((entity) => entity.mentions > 0 && predicate(entity.id))
      .sort((a, b) => b.mentions - a.mentions || a.sentence - b.sentence)[0]?.id;
  const isCountry = (id: string) => ctx.kindOf(id) === ActorKind.STATE && Boolean(ctx.entities.get(id)!.countryName);
  const main = best(isCountry);
  const all = [...ctx.entities.values()].filter((e) => isCountry(e.id)).reduce((sum, e) => sum + e.mentions, 0);
  // A report about one country has a main country; one that names several about equally has none.
  if (main && ctx.entities.get(main)!.mentions >= MAIN_COUNTRY_SHARE * all) ctx.mainCountry = main;
  ctx.mainArmedGroup = best((id) => ctx.kindOf(id) === ActorKind.ARMED_GROUP && !isModifier(ctx, id));
}

/** "Al-Qaeda" in "Al-Qaeda-linked militants" modifies; it is never the main group of such a text. */
function isModifier(ctx: ExtractionContext, id: string): boolean {
  return ctx.refs.every((refs) =>
    refs
      .filter((r) => r.actor === id)
      .every((r) => ctx.table.affiliationSuffixes.includes(ctx.tokens[r.to]?.fold ?? '')),
  );
}

const FORCE_PHRASES = new WeakMap<LanguageTable, string[]>();
const definiteForces = (table: LanguageTable) => {
  if (!FORCE_PHRASES.has(table)) FORCE_PHRASES.set(table, Object.keys(table.definiteForces));
  return FORCE_PHRASES.get(table)!;
};

/** The share of country mentions that makes a country the document's main one ("the country"). */
const MAIN_COUNTRY_SHARE = 0.4;

/** How many references anaphora looks back over. */
const RECENT_REFS = 200;

const PHRASES_BY_WORD = new WeakMap<string[], Map<string, string[][]>>();

/** A table list's phrases by first word: each word of a text costs one lookup per list. */
function byFirstWord(phrases: string[]): Map<string, string[][]> {
  let index = PHRASES_BY_WORD.get(phrases);
  if (!index) {
    index = new Map();
    for (const phrase of phrases) {
      const words = phraseFolds(phrase);
      index.set(words[0], [...(index.get(words[0]) ?? []), words]);
    }
    PHRASES_BY_WORD.set(phrases, index);
  }
  return index;
}

/** The phrase at token i, if it is one of `phrases` (folded, word by word): its length in words, else 0. */
export function phraseAt(ctx: ExtractionContext, i: number, to: number, phrases: string[]): number {
  for (const words of byFirstWord(phrases).get(ctx.tokens[i]?.fold ?? '') ?? []) {
    if (i + words.length > to) continue;
    if (words.every((word, k) => ctx.tokens[i + k].fold === word && (k === 0 || ctx.tokens[i + k].gap === ' ')))
      return words.length;
  }
  return 0;
}

/** Anaphora and generic words, sentence by sentence in reading order. */
export function anaphoraRefs(ctx: ExtractionContext) {
  const recent: Ref[] = [];
  ctx.sentences.forEach((sentence, index) => {
    const refs = ctx.refs[index];
    const added: Ref[] = [];
    const covered = (i: number) => refs.some((r) => r.from <= i && i < r.to);
    for (let i = sentence.from; i < sentence.to; i++) {
      if (covered(i)) continue;
      const found = resolveAt(ctx, i, sentence.to, recent, index);
      if (found) {
        added.push(found);
        i = found.to - 1;
      }
    }
    ctx.refs[index] = [...refs, ...added].sort((a, b) => a.start - b.start);
    recent.push(...ctx.refs[index].filter((r) => !r.adjective));
    // Anaphora points back a few sentences, not across a whole book: keep the last references only.
    if (recent.length > 2 * RECENT_REFS) recent.splice(0, recent.length - RECENT_REFS);
  });
}

function resolveAt(ctx: ExtractionContext, i: number, to: number, recent: Ref[], sentence: number): Ref | undefined {
  const { table, tokens } = ctx;
  const last = (predicate: (r: Ref) => boolean) => [...recent].reverse().find(predicate);
  let n = phraseAt(ctx, i, to, table.allianceAnaphora);
  if (n) {
    const alliance = last((r) => ctx.kindOf(r.actor) === ActorKind.ALLIANCE);
    return alliance && { ...ref(ctx, i, i + n, { actor: alliance.actor }), generic: true };
  }
  n = phraseAt(ctx, i, to, table.pluralStateAnaphora);
  if (n) return pluralStates(ctx, i, n, recent);
  n = phraseAt(ctx, i, to, table.regionAnaphora);
  if (n) {
    const region = last((r) => ctx.kindOf(r.location) === LocationKind.REGION);
    return region && { ...ref(ctx, i, i + n, { location: region.location }), generic: true };
  }
  n = phraseAt(ctx, i, to, table.countryAnaphora);
  if (n && ctx.mainCountry) return { ...ref(ctx, i, i + n, mainCountryTarget(ctx)), generic: true };
  n = phraseAt(ctx, i, to, table.corridorAnaphora);
  if (n) return corridors(ctx, i, n, sentence);
  n = phraseAt(ctx, i, to, definiteForces(table));
  if (n && ctx.mainCountry) return mainForces(ctx, i, n, sentence);
  if (table.armedGroupNouns.includes(tokens[i].fold) && ctx.mainArmedGroup)
    return { ...ref(ctx, i, i + 1, { actor: ctx.mainArmedGroup }), generic: true };
  return undefined;
}

export function mainCountryTarget(ctx: ExtractionContext) {
  const state = ctx.entities.get(ctx.mainCountry!)!;
  return { actor: state.id, location: ctx.names.get(phraseFolds(state.name).join(' '))?.location };
}

/** "both countries": the last two states named; the ref carries the first, `also` the second. */
function pluralStates(ctx: ExtractionContext, i: number, n: number, recent: Ref[]): Ref | undefined {
  const states: string[] = [];
  for (const r of [...recent].reverse()) {
    if (ctx.kindOf(r.actor) !== ActorKind.STATE || states.includes(r.actor!)) continue;
    states.unshift(r.actor!);
    if (states.length === 2) break;
  }
  if (states.length < 2) return undefined;
  return { ...ref(ctx, i, i + n, { actor: states[0] }), generic: true, also: [states[1]] };
}

function corridors(ctx: ExtractionContext, i: number, n: number, sentence: number): Ref | undefined {
  const named = ctx.corridorsIn(sentence - 1).filter((entity) => entity.kind === LocationKind.CORRIDOR);
  if (named.length === 0) return undefined;
  return {
    ...ref(ctx, i, i + n, { location: named[0].id }),
    generic: true,
    also: named.slice(1).map((entity) => entity.id),
  };
}

function mainForces(ctx: ExtractionContext, i: number, n: number, sentence: number): Ref {
  const state = ctx.entities.get(ctx.mainCountry!)!;
  const country = ctx.table.countries.find((entry) => entry.name === state.countryName);
  const noun = ctx.tokens[i + n - 1].text;
  const force = ctx.propose({
    section: 'actors',
    kind:
      ctx.table.definiteForces[
        phraseFolds(ctx.slice({ start: ctx.tokens[i].start, end: ctx.tokens[i + n - 1].end })).join(' ')
      ] ?? ActorKind.FORCE,
    name: `${country?.demonyms[0] ?? state.name} ${noun}`,
    aliases: [],
    rule: `${ctx.table.language}.entity.definite-force`,
    voice: 'INFERRED',
    evidence: ctx.sentenceSpan(sentence),
    sentence,
    country: state.country,
    stateOf: state.id,
    plural: true,
  });
  return { ...ref(ctx, i, i + n, { actor: force.id }), generic: true };
}
