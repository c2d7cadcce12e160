/**
 * The language table's countries and regions as names: a country's name and aliases stand for the
 * state and its territory (two entities, "never let a sentence read Mali governs Mali"), its
 * capital for the state alone ("Bamako", "Moscow"), its demonym for either ("Malian authorities").
 */
import { ActorKind, LocationKind } from '../../model/vocabulary';
import type { ExtractionContext } from './context';
import type { EntityDraft } from './draft.type';
import { slug } from './ids';
import { matchNames } from './names';
import type { CountryEntry, LanguageTable, RegionEntry } from './tables/language-table.type';
import { phraseFolds } from './text';

interface GazetteerEntry {
  country?: CountryEntry;
  region?: RegionEntry;
  capital?: boolean;
}

export interface Gazetteer {
  names: Map<string, { actor?: string; location?: string }>;
  prefixes: Set<string>;
  entries: Map<string, GazetteerEntry>;
  demonyms: Map<string, CountryEntry>;
}

const CACHE = new WeakMap<LanguageTable, Gazetteer>();

export function gazetteerOf(table: LanguageTable): Gazetteer {
  const cached = CACHE.get(table);
  if (cached) return cached;
  const gazetteer: Gazetteer = { names: new Map(), prefixes: new Set(), entries: new Map(), demonyms: new Map() };
  const add = (name: string, entry: GazetteerEntry) => {
    const words = phraseFolds(name);
    const key = words.join(' ');
    for (let n = 1; n < words.length; n++) gazetteer.prefixes.add(words.slice(0, n).join(' '));
    gazetteer.names.set(key, { actor: key, location: key });
    gazetteer.entries.set(key, entry);
  };
  for (const country of table.countries) {
    for (const name of [country.name, ...country.aliases]) add(name, { country });
    for (const capital of country.capitals) add(capital, { country, capital: true });
    for (const demonym of country.demonyms) gazetteer.demonyms.set(phraseFolds(demonym).join(' '), country);
  }
  for (const region of table.regions) for (const name of [region.name, ...region.aliases]) add(name, { region });
  CACHE.set(table, gazetteer);
  return gazetteer;
}

/** The state actor and territory of a table country, proposed on first mention. */
export function ensureCountry(ctx: ExtractionContext, country: CountryEntry, sentence: number): EntityDraft {
  const proposed = ctx.countries.get(country);
  if (proposed) return proposed;
  const evidence = ctx.sentenceSpan(sentence);
  const common = {
    aliases: [...country.aliases],
    voice: 'STATED' as const,
    evidence,
    sentence,
    countryName: country.name,
  };
  const state = ctx.propose({
    ...common,
    section: 'actors',
    kind: ActorKind.STATE,
    name: country.name,
    aliases: [...country.aliases, ...country.capitals],
    rule: `${ctx.table.language}.entity.country`,
    country: country.isoCode,
    id: slug(country.name),
  });
  ctx.countries.set(country, state);
  ctx.propose({
    ...common,
    section: 'locations',
    kind: LocationKind.COUNTRY,
    name: country.name,
    rule: `${ctx.table.language}.entity.country`,
    isoCode: country.isoCode,
    id: `${slug(country.name)}-country`,
  });
  return state;
}

export function ensureRegion(ctx: ExtractionContext, region: RegionEntry, sentence: number): EntityDraft {
  return ctx.propose({
    section: 'locations',
    kind: LocationKind.REGION,
    name: region.name,
    aliases: [...region.aliases],
    rule: `${ctx.table.language}.entity.region`,
    voice: 'STATED',
    evidence: ctx.sentenceSpan(sentence),
    sentence,
  });
}

/** "Alliance of Sahel States", "Nioro-du-Sahel", "Sahel Province": the table's name is part of another. */
function insideLongerName(ctx: ExtractionContext, from: number, to: number, sentenceFrom: number, sentenceTo: number) {
  const { tokens, table } = ctx;
  const joined = (i: number) => tokens[i].gap === ' ' || tokens[i].gap === '-';
  const capitalised = (i: number) => tokens[i].cap && !table.capitalisedFunctionWords.includes(tokens[i].text);
  if (from > sentenceFrom && joined(from) && (tokens[from].gap === '-' || capitalised(from - 1))) return true;
  if (
    from > sentenceFrom + 1 &&
    joined(from) &&
    table.nameParticles.includes(tokens[from - 1].fold) &&
    capitalised(from - 2)
  )
    return true;
  // "Russia's Africa Corps": a possessive ends the name.
  return to < sentenceTo && !tokens[to - 1].possessive && joined(to) && (tokens[to].gap === '-' || capitalised(to));
}

/** Proposes the table's countries and regions a sentence names. */
export function discoverGazetteer(ctx: ExtractionContext, gazetteer: Gazetteer, sentence: number) {
  const { from, to, titleLike } = ctx.sentences[sentence];
  // A headline names things too, but its words are no evidence: the article's sentences are.
  if (titleLike) return;
  for (const match of matchNames(ctx.tokens, from, to, gazetteer.names, gazetteer.prefixes)) {
    const key = ctx.tokens
      .slice(match.from, match.to)
      .map((token) => token.fold)
      .join(' ');
    const entry = gazetteer.entries.get(key);
    if (insideLongerName(ctx, match.from, match.to, from, to)) continue;
    // A name the graph already holds is the graph's: no table entity beside it.
    const known = ctx.names.get(key);
    if (known && [known.actor, known.location].some((id) => id && ctx.entities.get(id)?.known)) continue;
    if (entry?.country) ensureCountry(ctx, entry.country, sentence);
    if (entry?.region) ensureRegion(ctx, entry.region, sentence);
  }
}
