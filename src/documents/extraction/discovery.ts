/**
 * New named entities: capitalised spans whose kind a cue word says ("the Kayes region",
 * "Alliance of Sahel States", "International Court of Justice"), acronyms with their expansion
 * ("... (JNIM)"), demonym phrases ("French forces", "Ukrainian intelligence"), counted groups of
 * people ("six Senegalese truck drivers") and corridors ("highways in the Kayes ... regions").
 * A capitalised span no cue explains is proposed only when the document names it twice.
 */
import { ActorKind, LocationKind } from '../../model/vocabulary';
import type { ExtractionContext } from './context';
import { ensureCountry, type Gazetteer } from './gazetteer';
import { slug } from './ids';
import { joins, matchesIn } from './names';
import { phraseFolds, type Token } from './text';

interface CapSpan {
  from: number;
  to: number;
}

const rule = (ctx: ExtractionContext, name: string) => `${ctx.table.language}.entity.${name}`;

function capitalisedSpans(ctx: ExtractionContext, from: number, to: number, claimed: Set<number>): CapSpan[] {
  const { tokens, table } = ctx;
  const functionWords = new Set(table.capitalisedFunctionWords);
  const particles = new Set(table.nameParticles);
  const spans: CapSpan[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (claimed.has(i) || !token.cap || functionWords.has(token.text) || /^\p{N}/u.test(token.text)) continue;
    let end = i + 1;
    // A longer name may run through a shorter one the table knows: "Nioro-du-Sahel", "Alliance of Sahel States".
    while (end < to && joins(tokens[end].gap) && !tokens[end - 1].possessive) {
      if (tokens[end].cap && !functionWords.has(tokens[end].text)) end++;
      else if (particles.has(tokens[end].fold) && end + 1 < to && tokens[end + 1].cap && joins(tokens[end + 1].gap))
        end += 2;
      else break;
    }
    spans.push({ from: i, to: end });
    i = end - 1;
  }
  return spans;
}

/** The kind a span's own head word or the noun after it gives: "Court" of Justice, Kayes "region". */
function cueKind(ctx: ExtractionContext, span: CapSpan, to: number) {
  const { tokens, table } = ctx;
  let head = span.to - 1;
  for (let i = span.from + 1; i < span.to; i++)
    if (tokens[i].fold === 'of' && tokens[i].gap === ' ') {
      head = i - 1;
      break;
    }
  const candidates = [tokens[head].fold, tokens[span.from].fold];
  for (const word of candidates) {
    if (table.actorCues[word]) return { section: 'actors' as const, kind: table.actorCues[word] };
    if (table.locationCues[word]) return { section: 'locations' as const, kind: table.locationCues[word] };
  }
  const next = span.to < to ? tokens[span.to] : undefined;
  if (next && next.gap === '-' && table.affiliationSuffixes.includes(next.fold))
    return { section: 'actors' as const, kind: ActorKind.ARMED_GROUP };
  if (next && next.gap === ' ' && !next.cap) {
    const word = next.fold;
    if (table.locationCues[word]) return { section: 'locations' as const, kind: table.locationCues[word] };
    if (table.actorCues[word] && word !== 'government')
      return { section: 'actors' as const, kind: table.actorCues[word] };
  }
  return undefined;
}

export function discoverNames(
  ctx: ExtractionContext,
  gazetteer: Gazetteer,
  sentence: number,
  uncued: Map<string, number[]>,
) {
  const { from, to, titleLike } = ctx.sentences[sentence];
  const claimed = new Set<number>();
  for (const match of matchesIn(ctx, from, to)) for (let i = match.from; i < match.to; i++) claimed.add(i);
  // "Malian" names Mali (references.ts), not an entity of its own.
  for (let i = from; i < to; i++) if (gazetteer.demonyms.has(ctx.tokens[i].fold)) claimed.add(i);
  if (titleLike) return;
  const spans = capitalisedSpans(ctx, from, to, claimed);
  const kinds = spans.map((span) => cueKind(ctx, span, to));
  // "the Kayes and Nioro-du-Sahel regions": the plural noun after the last name types them all.
  for (let k = spans.length - 2; k >= 0; k--) {
    const gapTokens = ctx.tokens.slice(spans[k].to, spans[k + 1].from);
    if (!kinds[k] && kinds[k + 1] && gapTokens.length === 1 && gapTokens[0].fold === 'and') kinds[k] = kinds[k + 1];
  }
  spans.forEach((span, k) => {
    const name = ctx.slice({ start: ctx.tokens[span.from].start, end: ctx.tokens[span.to - 1].end });
    const acronym = acronymAfter(ctx.tokens, span, to);
    // An acronym names an organisation, never a place: "Islamic State Sahel Province (ISSP)".
    const kind = acronym && kinds[k]?.section === 'locations' ? undefined : kinds[k];
    if (!kind && !acronym) {
      // A capitalised first word may be any word ("Businesses ..."): it counts only beside a mid-sentence one.
      const initial = span.to - span.from === 1 && span.from === from;
      const seen = uncued.get(name) ?? [];
      // Two sightings and the first mid-sentence one are all discoverRepeated needs.
      if (seen.length < 2 || (!initial && seen.every((s) => s < 0))) seen.push(initial ? -1 - sentence : sentence);
      uncued.set(name, seen);
      return;
    }
    ctx.propose({
      section: kind?.section ?? 'actors',
      kind: kind?.kind,
      name,
      aliases: acronym ? [acronym.text] : [],
      rule: rule(ctx, acronym ? 'acronym' : 'cue'),
      voice: 'STATED',
      evidence: ctx.sentenceSpan(sentence),
      sentence,
      acronym: Boolean(acronym),
      id: acronym ? slug(acronym.text) : undefined,
    });
  });
}

/** "Alliance of Sahel States (AES)": the acronym in brackets right after a name. */
function acronymAfter(tokens: Token[], span: CapSpan, to: number): Token | undefined {
  const next = tokens[span.to];
  if (span.to >= to || !next.acronym || !/\(\s*$/.test(next.gap)) return undefined;
  const after = tokens[span.to + 1];
  return after === undefined || after.gap.trimStart().startsWith(')') ? next : undefined;
}

/** Uncued names the document repeats: an organisation is the safest guess for a repeated name. */
export function discoverRepeated(ctx: ExtractionContext, uncued: Map<string, number[]>) {
  for (const [name, seen] of uncued) {
    const midSentence = seen.filter((sentence) => sentence >= 0);
    if (seen.length < 2 || midSentence.length === 0 || ctx.names.has(phraseFolds(name).join(' '))) continue;
    ctx.propose({
      section: 'actors',
      kind: ActorKind.ORGANIZATION,
      name,
      aliases: [],
      rule: rule(ctx, 'repeated-name'),
      voice: 'INFERRED',
      evidence: ctx.sentenceSpan(midSentence[0]),
      sentence: midSentence[0],
    });
  }
}

/** "French forces", "Ukrainian intelligence", "Malian authorities", "six Senegalese truck drivers". */
export function discoverDemonymPhrases(ctx: ExtractionContext, gazetteer: Gazetteer, sentence: number) {
  const { from, to, titleLike } = ctx.sentences[sentence];
  if (titleLike) return;
  const { tokens, table } = ctx;
  for (let i = from; i < to; i++) {
    const country = gazetteer.demonyms.get(tokens[i].fold);
    if (country) discoverDemonymNoun(ctx, country, i, to, sentence);
    const value = numberAt(ctx, tokens[i]);
    if (value !== undefined) discoverGroup(ctx, gazetteer, i, to, value, sentence);
  }
  void table;
}

function discoverDemonymNoun(
  ctx: ExtractionContext,
  country: Gazetteer['demonyms'] extends Map<string, infer C> ? C : never,
  i: number,
  to: number,
  sentence: number,
) {
  const next = ctx.tokens[i + 1];
  if (i + 1 >= to || next.gap !== ' ') return;
  const kind = ctx.table.demonymNouns[next.fold];
  if (!kind) return;
  const state = ensureCountry(ctx, country, sentence);
  const name = ctx.slice({ start: ctx.tokens[i].start, end: next.end });
  if (kind === 'STATE_ITSELF') {
    ctx.addAlias(state, name);
    return;
  }
  ctx.propose({
    section: 'actors',
    kind,
    name,
    aliases: [],
    rule: rule(ctx, 'demonym-force'),
    voice: 'STATED',
    evidence: ctx.sentenceSpan(sentence),
    sentence,
    country: country.isoCode,
    stateOf: state.id,
    plural: kind === ActorKind.FORCE,
  });
}

export function numberAt(ctx: ExtractionContext, token: Token): number | undefined {
  if (/^\d{1,6}$/.test(token.text)) return Number(token.text);
  return ctx.table.numberWords[token.fold];
}

function discoverGroup(
  ctx: ExtractionContext,
  gazetteer: Gazetteer,
  i: number,
  to: number,
  value: number,
  sentence: number,
) {
  const { tokens, table } = ctx;
  // Years and percentages are not head counts.
  if (value >= 1000 || /^%/.test(tokens[i + 1]?.gap ?? '') || tokens[i + 1]?.gap.includes('%')) return;
  for (let j = i + 1; j < Math.min(to, i + 5); j++) {
    if (tokens[j].gap !== ' ') return;
    if (!table.groupNouns.includes(tokens[j].fold)) continue;
    const country = tokens
      .slice(i + 1, j)
      .map((token) => gazetteer.demonyms.get(token.fold))
      .find(Boolean);
    const state = country ? ensureCountry(ctx, country, sentence) : undefined;
    const words = ctx.slice({ start: tokens[i].start, end: tokens[j].end });
    const rest = ctx.slice({ start: tokens[i + 1].start, end: tokens[j].end });
    ctx.propose({
      section: 'actors',
      kind: ActorKind.GROUP,
      name: words.charAt(0).toUpperCase() + words.slice(1),
      aliases: [rest],
      rule: rule(ctx, 'counted-group'),
      voice: 'STATED',
      evidence: ctx.sentenceSpan(sentence),
      sentence,
      quantity: { measure: 'people', value, approximate: false },
      country: country?.isoCode,
      stateOf: state?.id,
    });
    return;
  }
}

/** "highways in the Kayes and Nioro-du-Sahel regions": one corridor per region, part of it. */
export function discoverCorridors(ctx: ExtractionContext, sentence: number) {
  const { from, to, titleLike } = ctx.sentences[sentence];
  if (titleLike) return;
  const { tokens, table } = ctx;
  for (let i = from; i + 1 < to; i++) {
    if (table.locationCues[tokens[i].fold] !== LocationKind.CORRIDOR || tokens[i + 1].fold !== 'in') continue;
    let j = i + 2;
    if (tokens[j]?.fold === 'the') j++;
    const regions = matchesIn(ctx, j, Math.min(to, j + 12)).filter(
      (match) => ctx.kindOf(match.target.location) === LocationKind.REGION,
    );
    for (const match of regions) {
      const region = ctx.entities.get(match.target.location!)!;
      ctx.propose({
        section: 'locations',
        kind: LocationKind.CORRIDOR,
        name: `${region.name} ${tokens[i].text}`,
        aliases: [],
        rule: rule(ctx, 'corridor'),
        voice: ctx.voices[sentence] ?? 'STATED',
        evidence: ctx.sentenceSpan(sentence),
        sentence,
        regionOf: region.id,
      });
    }
  }
}
