import { Actor } from '../actors/actor.type';
import { Direction } from '../common/enums';
import { Allegation } from '../allegations/allegation.type';
import type { AnyEntity } from '../entities/entity.mapper';
import { Event } from '../events/event.type';
import { Location } from '../locations/location.type';
import {
  AllegationStatus,
  ClaimType,
  CREDIBILITY_MEANING,
  EventStatus,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_LOCATION_KIND,
  LocationKind,
  ParticipationRole,
  RelationshipType,
  Reliability,
} from '../model/vocabulary';
import type { Source } from '../sources/source.type';
import type { AllegationContext, Party } from './path-score';
import type { Hop, PathStep } from './traversal.type';

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

/** [one subject, several subjects] */
type Agreeing = readonly [string, string];

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

type Tense = 'past' | 'present' | 'hypothetical';

/** What an event (the subject) did to a place or another event, by tense. */
const EVENT_VERBS: Partial<Record<RelationshipType, Record<Tense, string>>> = {
  OCCURRED_IN: { past: 'took place in', present: 'is taking place in', hypothetical: 'would take place in' },
  DISRUPTS: { past: 'disrupted', present: 'is disrupting', hypothetical: 'would disrupt' },
  FOLLOWS: { past: 'came after', present: 'follows', hypothetical: 'would follow' },
};

/** An actor's part in an event, by tense: [one, several]. */
const ROLE_VERBS: Readonly<Record<ParticipationRole, Record<Tense, Agreeing>>> = {
  PERPETRATOR: {
    past: ['carried out', 'carried out'],
    present: ['is carrying out', 'are carrying out'],
    hypothetical: ['would carry out', 'would carry out'],
  },
  INITIATOR: {
    past: ['initiated', 'initiated'],
    present: ['is conducting', 'are conducting'],
    hypothetical: ['would initiate', 'would initiate'],
  },
  TARGET: {
    past: ['was a target of', 'were targets of'],
    present: ['is a target of', 'are targets of'],
    hypothetical: ['would be a target of', 'would be targets of'],
  },
  VICTIM: {
    past: ['was a victim of', 'were victims of'],
    present: ['is a victim of', 'are victims of'],
    hypothetical: ['would be a victim of', 'would be victims of'],
  },
  RESPONDER: {
    past: ['responded to', 'responded to'],
    present: ['is responding to', 'are responding to'],
    hypothetical: ['would respond to', 'would respond to'],
  },
  SUPPORTER: {
    past: ['supported', 'supported'],
    present: ['is supporting', 'are supporting'],
    hypothetical: ['would support', 'would support'],
  },
  VENUE: {
    past: ['was the venue of', 'were the venue of'],
    present: ['is the venue of', 'are the venue of'],
    hypothetical: ['would be the venue of', 'would be the venue of'],
  },
};

/** Who set a hypothetical event going says what it is: "threatens", "plans", "is considering". */
const INTENT_VERBS: Partial<Record<EventStatus, Agreeing>> = {
  THREATENED: ['threatens', 'threaten'],
  PLANNED: ['plans', 'plan'],
  CONSIDERED: ['is considering', 'are considering'],
};

const CLAIM_VERBS: Readonly<Record<ClaimType, Agreeing>> = {
  SUPPORTS: ['supports', 'support'],
  FACILITATES: ['facilitates', 'facilitate'],
  FUNDS: ['funds', 'fund'],
  ARMS: ['arms', 'arm'],
  TRAINS: ['trains', 'train'],
  COMMITTED: ['committed', 'committed'],
  OTHER: ['is involved with', 'are involved with'],
};

const CLAIM_GERUNDS: Readonly<Record<ClaimType, string>> = {
  SUPPORTS: 'supporting',
  FACILITATES: 'facilitating',
  FUNDS: 'funding',
  ARMS: 'arming',
  TRAINS: 'training',
  COMMITTED: 'having committed',
  OTHER: 'being involved with',
};

const STATUS_NOTES: Readonly<Record<AllegationStatus, string>> = {
  ALLEGED: 'not established',
  DENIED: 'denied',
  DISPUTED: 'disputed',
  CORROBORATED: 'corroborated',
  REFUTED: 'refuted',
  RETRACTED: 'retracted by its author',
};

/** Event titles that begin with a common noun read with "the": "the abduction of six ...". */
const COMMON_NOUN_TITLE =
  /^(abduction|airstrikes?|attacks?|blockade|business|coups?|cutting|economic|expulsion|insurgency|legal|military|public|series|statement|warning)\b/i;

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

const tenseOf = (event: Event): Tense =>
  event.status === EventStatus.OCCURRED ? 'past' : event.status === EventStatus.ONGOING ? 'present' : 'hypothetical';

export function gradeMeaning(reliability: Reliability | null, credibility: number): string {
  return `${reliability ? SOURCE_WORDS[reliability] : 'no source'}, ${CREDIBILITY_MEANING[credibility] ?? 'ungraded'}`;
}

export function explainPath(nodes: AnyEntity[], hops: Hop[], contexts: AllegationContext[]): PathStep[] {
  // Names that two different entities on the path (or named by its allegations) share.
  const idsByName = new Map<string, Set<string>>();
  for (const party of [
    ...nodes,
    ...contexts.flatMap((c) => [...c.accusers, ...c.accused, ...c.concerns, ...c.deniers]),
  ]) {
    idsByName.set(party.name, (idsByName.get(party.name) ?? new Set()).add(party.id));
  }
  // A country is always qualified, so an unqualified "Mali" is the state (actor) everywhere.
  const isCountry = (entity: AnyEntity | Party) =>
    'labels' in entity
      ? entity.labels.includes(LABEL_OF_LOCATION_KIND.COUNTRY)
      : entity instanceof Location && entity.kind === LocationKind.COUNTRY;
  const nameOf = (entity: AnyEntity | Party) =>
    (idsByName.get(entity.name)?.size ?? 0) > 1 || isCountry(entity)
      ? `${entity.name} (${kindWord(entity)})`
      : entity.name;
  const plural = (entity: AnyEntity | Party) =>
    'labels' in entity ? entity.plural : entity instanceof Actor && entity.plural;
  const agree = (subjects: Array<AnyEntity | Party>, verb: Agreeing) =>
    subjects.length > 1 || subjects.some(plural) ? verb[1] : verb[0];

  const phrase = (entity: AnyEntity | Party): string => {
    if (entity instanceof Event)
      return COMMON_NOUN_TITLE.test(entity.title)
        ? `the ${entity.title.charAt(0).toLowerCase()}${entity.title.slice(1)}`
        : entity.title;
    if (entity instanceof Allegation) return allegationPhrase(entity);
    return nameOf(entity);
  };

  const contextOf = (allegation: Allegation) =>
    contexts.find((c) => c.id === allegation.id) ?? {
      id: allegation.id,
      accusers: [],
      accused: [],
      concerns: [],
      deniers: [],
    };

  /** "Ukrainian intelligence supports JNIM"; with `gerund`, "of supporting JNIM". */
  const claim = (allegation: Allegation, gerund: boolean): string => {
    const context = contextOf(allegation);
    const accused = context.accused.length ? context.accused : [];
    const objects = context.concerns.filter((c) => !c.labels.includes('Location')).map(nameOf);
    const places = context.concerns.filter((c) => c.labels.includes('Location')).map(nameOf);
    const claims = gerund
      ? allegation.claimTypes.map((type) => CLAIM_GERUNDS[type]).join(' or ')
      : allegation.claimTypes.map((type) => agree(accused.length ? accused : [], CLAIM_VERBS[type])).join(' or ');
    const what = `${claims}${objects.length ? ` ${list(objects)}` : ''}${places.length ? ` in ${list(places)}` : ''}`;
    if (gerund) return `of ${what}`;
    return `${accused.length ? list(accused.map(nameOf)) : 'someone'} ${what}`;
  };
  const accusersOf = (allegation: Allegation) => {
    const accusers = contextOf(allegation).accusers;
    return accusers.length ? list(accusers.map(nameOf)) : 'someone';
  };
  const allegationPhrase = (allegation: Allegation) =>
    `${possessive(accusersOf(allegation))} allegation that ${claim(allegation, false)}`;

  const allegationNote = (allegation: Allegation): string => {
    const deniers = contextOf(allegation).deniers;
    const denial = deniers.length ? `denied by ${list(deniers.map(nameOf))}` : null;
    if (allegation.status === AllegationStatus.DENIED && denial) return ` (${denial})`;
    if (allegation.status === AllegationStatus.ALLEGED && denial) return ` (not established; ${denial})`;
    return ` (${STATUS_NOTES[allegation.status]}${denial ? `; ${denial}` : ''})`;
  };

  return hops.map((hop): PathStep => {
    const [subject, object] = (hop.direction === Direction.OUTGOING ? [hop.from, hop.to] : [hop.to, hop.from]) as [
      AnyEntity,
      AnyEntity,
    ];
    let verb: string;
    let objectText = phrase(object);
    let subjectText = phrase(subject);
    let note = '';
    let status: string | null = null;

    if (
      object instanceof Allegation &&
      (hop.type === RelationshipType.ALLEGES || hop.type === RelationshipType.DENIES)
    ) {
      status = object.status;
      if (hop.type === RelationshipType.ALLEGES) {
        verb = `${agree([subject], ['alleges', 'allege'])} that`;
        objectText = claim(object, false);
        note = allegationNote(object);
      } else {
        verb = agree([subject], ['denies', 'deny']);
      }
    } else if (
      subject instanceof Allegation &&
      (hop.type === RelationshipType.ACCUSES || hop.type === RelationshipType.CONCERNS)
    ) {
      status = subject.status;
      const context = contextOf(subject);
      if (hop.type === RelationshipType.ACCUSES) {
        subjectText = `${possessive(accusersOf(subject))} allegation`;
        verb = 'accuses';
        const accused = context.accused.some((party) => party.id === object.id)
          ? context.accused.map(nameOf)
          : [nameOf(object)];
        objectText = `${list(accused)} ${claim(subject, true)}`;
      } else {
        subjectText = `${possessive(accusersOf(subject))} allegation against ${context.accused.length ? list(context.accused.map(nameOf)) : 'someone'}`;
        verb = 'concerns';
      }
      note = allegationNote(subject);
    } else if (hop.type === RelationshipType.PARTICIPATED_IN && object instanceof Event) {
      status = object.status;
      const tense = tenseOf(object);
      const intent = INTENT_VERBS[object.status];
      const initiates = hop.role === ParticipationRole.INITIATOR || hop.role === ParticipationRole.PERPETRATOR;
      const intends = tense === 'hypothetical' && initiates && intent !== undefined;
      verb = agree([subject], intends ? intent : ROLE_VERBS[hop.role ?? ParticipationRole.TARGET][tense]);
      // "is considering" says it already; "would be a target of" needs the status.
      if (tense === 'hypothetical' && !intends) note = ` (${object.status.toLowerCase()}, not carried out)`;
    } else if (subject instanceof Event && EVENT_VERBS[hop.type]) {
      status = subject.status;
      const tense = tenseOf(subject);
      verb = EVENT_VERBS[hop.type]![tense];
      if (tense === 'hypothetical') note = ` (${subject.status.toLowerCase()}, not carried out)`;
      else if (object instanceof Event && tenseOf(object) === 'hypothetical')
        note = ` (${object.status.toLowerCase()}, not carried out)`;
    } else {
      verb = agree([subject], ACTOR_VERBS[hop.type] ?? ['is linked to', 'are linked to']);
    }

    const best = [...hop.sources].sort(
      (a, b) => RELIABILITY_ORDER.indexOf(a.reliability) - RELIABILITY_ORDER.indexOf(b.reliability),
    )[0];
    const reliability = best?.reliability ?? null;
    const grade = `${reliability ?? '-'}${hop.credibility}`;
    const meaning = gradeMeaning(reliability, hop.credibility);
    const report =
      hop.credibility !== hop.reportCredibility
        ? ` for the claim; the report that it was made: ${reliability ?? '-'}${hop.reportCredibility}`
        : '';
    const sentence = `${capitalize(subjectText)} ${verb} ${objectText}${note}. [${meaning}: ${grade}${report}; ${sourceList(hop.sources, best)}]`;
    return {
      subject,
      verb,
      object,
      type: hop.type,
      sentence,
      credibility: hop.credibility,
      reportCredibility: hop.reportCredibility,
      reliability,
      grade,
      gradeMeaning: meaning,
      sources: hop.sources,
      status,
      contested: hop.contested,
      hypothetical: hop.hypothetical,
    };
  });
}

function sourceList(sources: Source[], best: Source | undefined): string {
  if (!best) return 'no source';
  return `${best.title}${sources.length > 1 ? ` +${sources.length - 1} more` : ''}`;
}
