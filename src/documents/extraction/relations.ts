/**
 * Relationships from cue phrases between named things, outside any claim: "comprising A, B and C"
 * (members), "X-linked militants" (affiliation), "these routes connect A to B and C", "operates
 * in", "borders", "part of", "as part of the broader Sahel conflict", "accounts for 80% of Mali’s".
 */
import { ActorKind, LocationKind, RelationshipType } from '../../model/vocabulary';
import { clauseEnd } from './claims';
import type { ExtractionContext } from './context';
import type { Quantity, Ref } from './draft.type';
import type { Voice } from './proposal.type';
import { phraseAt } from './references';

const GROUPS = new Set<string>([ActorKind.ALLIANCE, ActorKind.ORGANIZATION]);
const APPROXIMATE = new Set(['roughly', 'about', 'around', 'nearly', 'almost', 'some', 'approximately', 'over']);

const idsIn = (r: Ref, slot: 'actor' | 'location') => [r[slot], ...(r.also ?? [])].filter((id): id is string => !!id);

export function readRelations(ctx: ExtractionContext, index: number) {
  const sentence = ctx.sentences[index];
  if (sentence.titleLike) return;
  const refs = ctx.refs[index].filter(
    (r) => !r.adjective && !ctx.claimRanges[index].some((range) => r.start >= range.start && r.end <= range.end),
  );
  const relate = (type: RelationshipType, from: string, to: string, name: string, voice?: Voice, quantity?: Quantity) =>
    ctx.relate({
      type,
      from,
      to,
      rule: `${ctx.table.language}.relation.${name}`,
      voice: voice ?? ctx.voices[index],
      evidence: ctx.sentenceSpan(index),
      quantity,
    });
  const { tokens, table } = ctx;
  let seen = 0;
  for (let i = sentence.from; i < sentence.to; i++) {
    if (ctx.claimRanges[index].some((range) => tokens[i].start >= range.start && tokens[i].end <= range.end)) continue;
    // Computed only at a cue word: most words are none, and a clause scan at every word is quadratic.
    let clauseEndAt: number | undefined;
    const end = () => (clauseEndAt ??= clauseEnd(ctx, i, sentence.to));
    while (seen < refs.length && refs[seen].to <= i) seen++;
    let beforeList: Ref[] | undefined;
    const before = () => (beforeList ??= refs.slice(0, seen));
    const after = (slot: 'actor' | 'location', until: number) =>
      refs.filter((r) => r[slot] && r.from > i && r.to <= until);
    let n = phraseAt(ctx, i, sentence.to, table.memberCues);
    if (n) {
      const owner = [...before()].reverse().find((r) => r.to >= i - 2 && GROUPS.has(ctx.kindOf(r.actor) ?? ''));
      if (owner)
        for (const member of membersAfter(ctx, refs, i + n))
          relate(RelationshipType.MEMBER_OF, member, owner.actor!, 'member-of');
    }
    const previous = seen > 0 ? refs[seen - 1] : undefined;
    if (
      previous?.actor &&
      previous.to === i &&
      tokens[i].gap === '-' &&
      table.affiliationSuffixes.includes(tokens[i].fold)
    ) {
      const group = ctx.mainArmedGroup;
      if (group && group !== previous.actor)
        relate(RelationshipType.AFFILIATED_WITH, group, previous.actor, 'affiliated-suffix', 'INFERRED');
    }
    if (table.connectVerbs.includes(tokens[i].fold)) {
      const routes = before().filter((r) => r.location && ctx.kindOf(r.location) === LocationKind.CORRIDOR);
      for (const route of routes.flatMap((r) => idsIn(r, 'location')))
        for (const place of after('location', end()).flatMap((r) => idsIn(r, 'location')))
          relate(RelationshipType.CONNECTS, route, place, 'connects');
    }
    n = phraseAt(ctx, i, sentence.to, table.operatesCues);
    // "Russia's Africa Corps operates in ...": the possessor modifies; the corps is the subject.
    const subject = n
      ? before().find(
          (r) =>
            r.actor &&
            r.from >= clauseStartOf(ctx, i, sentence.from) &&
            !(tokens[r.to - 1].possessive && before().some((o) => o.from === r.to)),
        )
      : undefined;
    if (n && subject)
      for (const place of after('location', end()).flatMap((r) => idsIn(r, 'location')))
        relate(RelationshipType.OPERATES_IN, subject.actor!, place, 'operates-in');
    n = phraseAt(ctx, i, sentence.to, table.bordersCues);
    const here = n
      ? before()
          .filter((r) => r.location)
          .at(-1)
      : undefined;
    if (n && here)
      for (const place of after('location', end()).flatMap((r) => idsIn(r, 'location')))
        relate(RelationshipType.BORDERS, here.location!, place, 'borders');
    n = phraseAt(ctx, i, sentence.to, table.partOfCues);
    if (n) partOf(ctx, index, i, n, refs, relate);
    if (tokens[i].text === '%' || tokens[i + 1]?.gap.startsWith('%')) share(ctx, index, i, refs, relate);
  }
}

function clauseStartOf(ctx: ExtractionContext, from: number, sentenceFrom: number): number {
  for (let i = from; i > sentenceFrom; i--) if (/[,;:—–]/.test(ctx.tokens[i].gap)) return i;
  return sentenceFrom;
}

/** "comprising Mali, Burkina Faso, and Niger": the actors listed, up to the end of the list. */
function membersAfter(ctx: ExtractionContext, refs: Ref[], from: number): string[] {
  const members: string[] = [];
  let expected = from;
  for (const r of refs) {
    if (r.from < from || !r.actor) continue;
    const between = ctx.tokens.slice(expected, r.from);
    if (members.length && !between.every((t) => t.fold === 'and')) break;
    if (!members.length && between.length > 2) break;
    members.push(...idsIn(r, 'actor'));
    expected = r.to;
    if (/[—–;:)]/.test(ctx.tokens[r.to]?.gap ?? '—')) break;
  }
  return members;
}

type Relate = (
  type: RelationshipType,
  from: string,
  to: string,
  name: string,
  voice?: Voice,
  quantity?: Quantity,
) => void;

/** "X is part of Y" (stated); "... in Mali ... as part of the broader Sahel conflict" (read: Mali is part of the Sahel). */
function partOf(ctx: ExtractionContext, index: number, i: number, n: number, refs: Ref[], relate: Relate) {
  const whole = refs.find((r) => r.location && r.from >= i + n && r.from <= i + n + 3);
  if (!whole) return;
  const as = ctx.tokens[i - 1]?.fold === 'as';
  const start = clauseStartOf(ctx, i, ctx.sentences[index].from);
  const parts = refs.filter((r) => r.location && r.to <= i && r.from >= start && r.location !== whole.location);
  for (const part of as ? parts : parts.slice(-1))
    relate(
      RelationshipType.PART_OF,
      part.location!,
      whole.location!,
      as ? 'as-part-of' : 'part-of',
      as ? 'INFERRED' : undefined,
    );
  if (as && ctx.mainArmedGroup && refs.some((r) => r.actor === ctx.mainArmedGroup && r.to <= i))
    relate(RelationshipType.OPERATES_IN, ctx.mainArmedGroup, whole.location!, 'as-part-of', 'INFERRED');
}

/** "The Kayes region ... accounts for roughly 80% of Mali’s gold production": a region of Mali, with the share. */
function share(ctx: ExtractionContext, index: number, i: number, refs: Ref[], relate: Relate) {
  const { tokens } = ctx;
  const numberToken = tokens[i].text === '%' ? tokens[i - 1] : tokens[i];
  const value = Number(numberToken?.text);
  if (!Number.isFinite(value) || tokens[i + 1]?.fold !== 'of') return;
  const region = refs.find((r) => r.to <= i && r.location && ctx.kindOf(r.location) === LocationKind.REGION);
  const country = refs.find(
    (r) => r.from > i && r.from <= i + 3 && r.location && ctx.kindOf(r.location) === LocationKind.COUNTRY,
  );
  if (!region || !country) return;
  const owner = [];
  for (let k = country.to; k < Math.min(ctx.sentences[index].to, country.to + 3) && !/[,;:]/.test(tokens[k].gap); k++)
    owner.push(tokens[k]);
  const measure = `share of ${ctx.slice(country)}'s ${owner.map((t) => t.text).join(' ')}`.trim();
  const approximate = APPROXIMATE.has(tokens[i - (tokens[i].text === '%' ? 2 : 1)]?.fold ?? '');
  relate(RelationshipType.PART_OF, region.location!, country.location!, 'share-of', 'INFERRED', {
    measure,
    value: value / 100,
    approximate,
  });
}
