import { Actor } from '../actors/actor.type';
import { Direction } from '../common/enums';
import { Allegation } from '../allegations/allegation.type';
import type { AnyEntity } from '../entities/entity.mapper';
import { Event } from '../events/event.type';
import { Location } from '../locations/location.type';
import {
  AllegationStatus,
  CREDIBILITY_MEANING,
  EVENT_LINK_VERBS,
  EVENT_TITLE_WITH_THE,
  EventStatus,
  EventType,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_LOCATION_KIND,
  LocationKind,
  PARTICIPATION_ROLE_VERBS,
  ParticipationRole,
  RelationshipType,
  Reliability,
  tenseOfEventStatus,
  type Agreeing,
  type Tense,
} from '../model/vocabulary';
import type { Source } from '../sources/source.type';
import { Reading, type AllegationContext, type Hop, type Party, type PathStep } from './traversal.type';

/**
 * A path as sentences an investigator can check: one per hop, in order from the path's start to
 * its end, each "subject verb object", the verb agreeing with its subject (a plural name, a group
 * of several people) and in the tense of the event it concerns (done, going on, or only
 * threatened, planned or considered), each followed by its grade in words and code and its best
 * source. When two entities on the path share a name (the state Mali and the country Mali),
 * both are qualified by their kind: "Mali (state) governs Mali (country)"; a country is always
 * qualified, so an unqualified "Mali" is always the state.
 */

const SOURCE_WORDS: Readonly<Record<Reliability, string>> = {
  A: 'completely reliable source',
  B: 'usually reliable source',
  C: 'fairly reliable source',
  D: 'not usually reliable source',
  E: 'unreliable source',
  F: 'source of unknown reliability',
};

/** Best first, as the path score weighs them ("cannot be judged" above "unreliable"). */
const RELIABILITY_ORDER = 'ABCDFE';

const ACTOR_VERBS: Partial<Record<RelationshipType, Agreeing>> = {
  MEMBER_OF: ['is a member of', 'are members of'],
  AFFILIATED_WITH: ['is affiliated with', 'are affiliated with'],
  SUBORDINATE_TO: ['is subordinate to', 'are subordinate to'],
  NATIONAL_OF: ['is a national of', 'are nationals of'],
  SUPPORTS: ['supports', 'support'],
  OPPOSES: ['opposes', 'oppose'],
  GOVERNS: ['governs', 'govern'],
  OPERATES_IN: ['operates in', 'operate in'],
  PART_OF: ['is part of', 'are part of'],
  BORDERS: ['borders', 'border'],
  CONNECTS: ['connects to', 'connect to'],
  REPORTED_BY: ['is reported by', 'are reported by'],
  CITES: ['cites', 'cite'],
};

/** Who set a hypothetical event going says what it is: "threatens", "plans", "is considering". */
const INTENT_VERBS: Partial<Record<EventStatus, Agreeing>> = {
  THREATENED: ['threatens', 'threaten'],
  PLANNED: ['plans', 'plan'],
  CONSIDERED: ['is considering', 'are considering'],
};

const STATUS_NOTES: Readonly<Record<AllegationStatus, string>> = {
  ALLEGED: 'not established',
  DENIED: 'denied',
  DISPUTED: 'disputed',
  CORROBORATED: 'corroborated',
  REFUTED: 'refuted',
  RETRACTED: 'retracted by its author',
};

/** How likely it is that a reported allegation or denial was made, by the report's grade. */
const MADE_WORDS: Readonly<Record<number, string>> = {
  1: 'confirmed',
  2: 'probably made',
  3: 'possibly made',
  4: 'doubtfully made',
  5: 'improbably made',
  6: 'whether made cannot be judged',
};

/** The hedge a link not stated by its source reads with: "is reported to", "is assessed to". */
const HEDGES: Readonly<Record<Exclude<Reading, Reading.STATED>, string>> = {
  [Reading.ATTRIBUTED]: 'reported',
  [Reading.INFERRED]: 'assessed',
};
const READING_NOTES: Readonly<Record<Exclude<Reading, Reading.STATED>, string>> = {
  [Reading.ATTRIBUTED]: 'attributed by the source to another',
  [Reading.INFERRED]: "the curator's reading of the source",
};

/** A noun for an event whose title repeats a name beside it ("victims of the abduction"). */
const EVENT_NOUNS: Readonly<Record<EventType, string>> = {
  BLOCKADE: 'blockade',
  ABDUCTION: 'abduction',
  AIRSTRIKE: 'airstrikes',
  ATTACK: 'attack',
  COUP: 'coups',
  EXPULSION: 'expulsion',
  LEGAL_ACTION: 'legal action',
  INSURGENCY: 'insurgency',
  MILITARY_ASSISTANCE: 'military assistance',
  ECONOMIC_DISRUPTION: 'disruption',
  STATEMENT: 'statement',
  OTHER: 'event',
};

/** Names English uses with "the": "the Alliance of Sahel States", "the Malian Armed Forces", "the Sahel"; corridors too. */
const NAME_TAKING_THE = /\b(of|States|Nations|Union|Republic|Kingdom|Emirates|Forces)\b|^(Sahel|Sahara|Maghreb)$/;

const list = (names: string[]) =>
  names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const words = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const KIND_LABELS = new Set<string>([...Object.values(LABEL_OF_ACTOR_KIND), ...Object.values(LABEL_OF_LOCATION_KIND)]);

/** The kind word that tells two same-named entities apart: "state", "country", "armed group". */
function kindWord(entity: AnyEntity | Party): string {
  if ('labels' in entity)
    return words(entity.labels.find((label) => KIND_LABELS.has(label)) ?? entity.labels[0] ?? 'entity');
  if (entity instanceof Actor) return words(LABEL_OF_ACTOR_KIND[entity.kind]);
  if (entity instanceof Location) return words(LABEL_OF_LOCATION_KIND[entity.kind]);
  if (entity instanceof Event) return 'event';
  if (entity instanceof Allegation) return 'allegation';
  return 'source';
}

const tenseOf = (event: Event): Tense => tenseOfEventStatus(event.status);

export function gradeMeaning(reliability: Reliability | null, credibility: number): string {
  return `${reliability ? SOURCE_WORDS[reliability] : 'no source'}, ${CREDIBILITY_MEANING[credibility] ?? 'ungraded'}`;
}

/** Whether a title repeats a name as a name ("... of six Senegalese truck drivers"), not a possessive ("Mali's"). */
const repeats = (title: string, name: string) =>
  new RegExp(`(^|\\W)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!['’]s)(\\W|$)`, 'i').test(title);

/** The infinitive after a hedge: "is a member of" -> "be a member of", "carried out" -> "have carried out". */
export function infinitive(verb: string): string {
  const [first, ...rest] = verb.split(' ');
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  if (first === 'is' || first === 'are') return `be${tail}`;
  if (first === 'was' || first === 'were') return `have been${tail}`;
  if (first === 'would') return rest.join(' ');
  if (first === 'took') return `have taken${tail}`;
  if (first === 'came') return `have come${tail}`;
  if (first.endsWith('ed') || first === 'carried') return `have ${verb}`;
  if (first.endsWith('ies')) return `${first.slice(0, -3)}y${tail}`;
  if (first.endsWith('s') && !first.endsWith('ss')) return `${first.slice(0, -1)}${tail}`;
  return verb;
}

/** A claim's content as a clause after "that": its statement, without a final stop. */
const claimClause = (statement: string) =>
  statement
    .trim()
    .replace(/[.;]+$/, '')
    .replace(/^(The|A|An) /, (article) => article.toLowerCase());

/**
 * The words of one path: names (qualified by kind where two entities share one), agreement, and
 * allegations (the statement on the first mention only).
 */
function pathWords(nodes: AnyEntity[], contexts: AllegationContext[]) {
  // Names that two different entities on the path (or named by its allegations) share.
  const idsByName = new Map<string, Set<string>>();
  for (const party of [...nodes, ...contexts.flatMap((c) => [...c.accusers, ...c.accused, ...c.deniers])]) {
    idsByName.set(party.name, (idsByName.get(party.name) ?? new Set()).add(party.id));
  }
  // A country is always qualified, so an unqualified "Mali" is the state (actor) everywhere.
  const isCountry = (entity: AnyEntity | Party) =>
    'labels' in entity
      ? entity.labels.includes(LABEL_OF_LOCATION_KIND.COUNTRY)
      : entity instanceof Location && entity.kind === LocationKind.COUNTRY;
  const isCorridor = (entity: AnyEntity | Party) =>
    'labels' in entity
      ? entity.labels.includes(LABEL_OF_LOCATION_KIND.CORRIDOR)
      : entity instanceof Location && entity.kind === LocationKind.CORRIDOR;
  const nameOf = (entity: AnyEntity | Party) => {
    const name = NAME_TAKING_THE.test(entity.name) || isCorridor(entity) ? `the ${entity.name}` : entity.name;
    return (idsByName.get(entity.name)?.size ?? 0) > 1 || isCountry(entity) ? `${name} (${kindWord(entity)})` : name;
  };
  const plural = (entity: AnyEntity | Party) =>
    'labels' in entity ? entity.plural : entity instanceof Actor && entity.plural;
  const agree = (subject: AnyEntity, verb: Agreeing) => (plural(subject) ? verb[1] : verb[0]);

  const contextOf = (allegation: Allegation) =>
    contexts.find((c) => c.id === allegation.id) ?? {
      id: allegation.id,
      accusers: [],
      accused: [],
      concerns: [],
      deniers: [],
    };
  const accusersOf = (allegation: Allegation) => {
    const accusers = contextOf(allegation).accusers;
    return accusers.length ? list(accusers.map(nameOf)) : 'someone';
  };
  // The first mention of an allegation on the path gives its statement; later ones only name it.
  const stated = new Set<string>();
  const allegationPhrase = (allegation: Allegation) => {
    const owner = `${possessive(accusersOf(allegation))} allegation`;
    if (stated.has(allegation.id)) return owner;
    stated.add(allegation.id);
    return `${owner} that ${claimClause(allegation.statement)}`;
  };
  const allegationNote = (allegation: Allegation): string => {
    const deniers = contextOf(allegation).deniers;
    const denial = deniers.length ? `denied by ${list(deniers.map(nameOf))}` : null;
    if (allegation.status === AllegationStatus.DENIED && denial) return ` (${denial})`;
    return ` (${STATUS_NOTES[allegation.status]}${denial ? `; ${denial}` : ''})`;
  };
  const eventPhrase = (event: Event, beside: AnyEntity) => {
    // "Six Senegalese truck drivers were victims of the abduction", not "... of the abduction of six Senegalese truck drivers".
    if (!(beside instanceof Event) && repeats(event.title, beside.name))
      return `the ${EVENT_NOUNS[event.type] ?? 'event'}`;
    return EVENT_TITLE_WITH_THE.test(event.title)
      ? `the ${event.title.charAt(0).toLowerCase()}${event.title.slice(1)}`
      : event.title;
  };
  const phrase = (entity: AnyEntity, beside: AnyEntity): string => {
    if (entity instanceof Event) return eventPhrase(entity, beside);
    if (entity instanceof Allegation) return allegationPhrase(entity);
    return nameOf(entity);
  };
  /** Who denies the allegation: the ids behind a note's "denied by …", for PathStep.deniedByIds. */
  const deniersOf = (allegation: Allegation) => contextOf(allegation).deniers.map((denier) => denier.id);
  return { nameOf, agree, phrase, allegationNote, deniersOf, stated };
}
type PathWords = ReturnType<typeof pathWords>;

export function explainPath(nodes: AnyEntity[], hops: Hop[], contexts: AllegationContext[]): PathStep[] {
  const vocabulary = pathWords(nodes, contexts);
  return hops.map((hop): PathStep => {
    const [subject, object] = (hop.direction === Direction.OUTGOING ? [hop.from, hop.to] : [hop.to, hop.from]) as [
      AnyEntity,
      AnyEntity,
    ];
    const { verb, subjectText, objectText, note, status, deniedByIds } = clauseOf(vocabulary, hop, subject, object);
    const label = gradeLabel(hop, vocabulary.nameOf(object));
    const sentence = `${capitalize(subjectText)} ${verb} ${objectText}${note}. [${label.text}; ${sourceList(hop.sources, label.best)}]`;
    return {
      subject,
      verb,
      object,
      type: hop.type,
      sentence,
      credibility: hop.credibility,
      reportCredibility: hop.reportCredibility,
      claimCredibility: hop.claimCredibility,
      reading: hop.reading,
      reliability: label.reliability,
      grade: label.grade,
      gradeMeaning: label.meaning,
      sources: hop.sources,
      status,
      contested: hop.contested,
      hypothetical: hop.hypothetical,
      deniedByIds,
    };
  });
}

/** The hop's words: subject, verb (hedged unless the source states the link), object, note. */
function clauseOf(vocabulary: PathWords, hop: Hop, subject: AnyEntity, object: AnyEntity) {
  const { agree, phrase, nameOf, allegationNote, deniersOf, stated } = vocabulary;
  let deniedByIds: string[] = [];
  const hedge = (verb: string) =>
    hop.reading === Reading.STATED
      ? verb
      : `${agree(subject, ['is', 'are'])} ${HEDGES[hop.reading]} to ${infinitive(verb)}`;
  let verb: string;
  let objectText: string | undefined;
  let note = '';
  let status: string | null = null;
  if (object instanceof Allegation && hop.type === RelationshipType.ALLEGES) {
    status = object.status;
    const first = !stated.has(object.id);
    verb = hedge(first ? `${agree(subject, ['alleges', 'allege'])} that` : agree(subject, ['makes', 'make']));
    objectText = first ? claimClause(object.statement) : 'that allegation';
    stated.add(object.id);
    note = allegationNote(object);
    deniedByIds = deniersOf(object);
  } else if (object instanceof Allegation && hop.type === RelationshipType.DENIES) {
    status = object.status;
    verb = hedge(agree(subject, ['denies', 'deny']));
  } else if (subject instanceof Allegation && isClaimContent(hop.type)) {
    status = subject.status;
    verb = hedge(hop.type === RelationshipType.ACCUSES ? 'accuses' : 'concerns');
    objectText = nameOf(object);
    note = allegationNote(subject);
    deniedByIds = deniersOf(subject);
  } else if (hop.type === RelationshipType.PARTICIPATED_IN && object instanceof Event) {
    status = object.status;
    const tense = tenseOf(object);
    const intent = INTENT_VERBS[object.status];
    const initiates = hop.role === ParticipationRole.INITIATOR || hop.role === ParticipationRole.PERPETRATOR;
    const intends = tense === 'hypothetical' && initiates && intent !== undefined;
    verb = hedge(
      agree(subject, intends ? intent : PARTICIPATION_ROLE_VERBS[hop.role ?? ParticipationRole.TARGET][tense]),
    );
    // "is considering" says it already; "would be a target of" needs the status.
    if (tense === 'hypothetical' && !intends) note = ` (${object.status.toLowerCase()}, not carried out)`;
  } else if (subject instanceof Event && EVENT_LINK_VERBS[hop.type]) {
    status = subject.status;
    const tense = tenseOf(subject);
    verb = hedge(EVENT_LINK_VERBS[hop.type]![tense]);
    if (tense === 'hypothetical') note = ` (${subject.status.toLowerCase()}, not carried out)`;
    else if (object instanceof Event && tenseOf(object) === 'hypothetical')
      note = ` (${object.status.toLowerCase()}, not carried out)`;
  } else {
    verb = hedge(agree(subject, ACTOR_VERBS[hop.type] ?? ['is linked to', 'are linked to']));
  }
  // Subject before object: the first mention of an allegation is the one that gives its statement.
  const subjectText = phrase(subject, object);
  return { verb, subjectText, objectText: objectText ?? phrase(object, subject), note, status, deniedByIds };
}

const isClaimContent = (type: RelationshipType) =>
  type === RelationshipType.ACCUSES || type === RelationshipType.CONCERNS;

/**
 * The grade in words and code, naming whose grade it is: a report link (ALLEGES, DENIES) by
 * whether the claim or denial was made, never "probably true" (the claim's own grade follows);
 * a claim's content link by the claim, then the link's own grade as what the report names or
 * as the curator's reading; any other link by its grade, with how it is known unless stated.
 */
function gradeLabel(hop: Hop, objectName: string) {
  const best = [...hop.sources].sort(
    (a, b) => RELIABILITY_ORDER.indexOf(a.reliability) - RELIABILITY_ORDER.indexOf(b.reliability),
  )[0];
  const reliability = best?.reliability ?? null;
  const code = (credibility: number) => `${reliability ?? '-'}${credibility}`;
  const grade = code(hop.credibility);
  const sourceWords = reliability ? SOURCE_WORDS[reliability] : 'no source';
  if (hop.type === RelationshipType.ALLEGES || hop.type === RelationshipType.DENIES) {
    const what = hop.type === RelationshipType.ALLEGES ? 'allegation' : 'denial';
    const meaning = `${sourceWords}, ${what} ${MADE_WORDS[hop.credibility] ?? 'ungraded'}`;
    const claim =
      hop.type === RelationshipType.ALLEGES && hop.claimCredibility !== null
        ? `; the claim itself: ${CREDIBILITY_MEANING[hop.claimCredibility] ?? 'ungraded'} (${hop.claimCredibility})`
        : '';
    return { best, reliability, grade, meaning, text: `${meaning}: ${grade}${claim}` };
  }
  const meaning = gradeMeaning(reliability, hop.credibility);
  let detail = '';
  if (hop.claimCredibility !== null && isClaimContent(hop.type)) {
    const names = hop.type === RelationshipType.ACCUSES ? `accuses ${objectName}` : `concerns ${objectName}`;
    const own =
      hop.reading === Reading.INFERRED ? `the curator's reading that it ${names}` : `that the report says it ${names}`;
    detail = ` for the claim; ${own}: ${code(hop.reportCredibility)}`;
  } else if (hop.reading !== Reading.STATED) {
    detail = `, ${READING_NOTES[hop.reading]}`;
  }
  return { best, reliability, grade, meaning, text: `${meaning}: ${grade}${detail}` };
}

function sourceList(sources: Source[], best: Source | undefined): string {
  if (!best) return 'no source';
  return `${best.title}${sources.length > 1 ? ` +${sources.length - 1} more` : ''}`;
}
