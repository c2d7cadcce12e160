import {
  CREDIBILITY_MEANING,
  EVENT_LINK_VERBS,
  EVENT_TITLE_WITH_THE,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_LOCATION_KIND,
  PARTICIPATION_ROLE_VERBS,
  ParticipationRole,
  RELATIONSHIP_PHRASE,
  RelationshipType,
  tenseOfEventStatus,
  type ActorKind,
  type LocationKind,
} from '../../src/model/vocabulary';

/**
 * Grades, kinds, roles and relationship types in words: the server's own vocabulary
 * (src/model/vocabulary.ts, bundled in by esbuild), so the explorer and the API's sentences and
 * *Meaning fields cannot drift apart.
 */
export function credibilityInWords(grade: number): string {
  return `credibility ${grade}: ${CREDIBILITY_MEANING[grade] ?? 'unknown grade'}`;
}

/** What a sentence needs to know of an entity. */
export interface Named {
  __typename?: string;
  name: string;
  /** An event's status, for its tense ("was a target of", "would be a target of"). */
  eventStatus?: string;
  plural?: boolean;
}

const words = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** "state", "armed group", "country", "event": the word that tells two same-named entities apart. */
export function kindWord(entity: { kind: string; actorKind?: string; locationKind?: string }): string {
  if (entity.actorKind && entity.actorKind in LABEL_OF_ACTOR_KIND)
    return words(LABEL_OF_ACTOR_KIND[entity.actorKind as ActorKind]);
  if (entity.locationKind && entity.locationKind in LABEL_OF_LOCATION_KIND)
    return words(LABEL_OF_LOCATION_KIND[entity.locationKind as LocationKind]);
  return entity.kind.toLowerCase();
}

/**
 * Display names for the entities in view: a name two of them share is qualified by kind, "Mali
 * (state)" and "Mali (country)", as the API's path sentences do; a unique name stays as it is.
 */
export function qualifiedNames<T extends { id: string; name: string; kind: string }>(
  entities: Iterable<T>,
  kindOf: (entity: T) => string,
): Map<string, string> {
  const all = [...entities];
  const count = new Map<string, number>();
  for (const entity of all) count.set(entity.name.toLowerCase(), (count.get(entity.name.toLowerCase()) ?? 0) + 1);
  return new Map(
    all.map((entity) => [
      entity.id,
      (count.get(entity.name.toLowerCase()) ?? 0) > 1 ? `${entity.name} (${kindOf(entity)})` : entity.name,
    ]),
  );
}

function called(entity: Named): string {
  if (entity.__typename === 'Allegation') return `the allegation “${entity.name}”`;
  if (entity.__typename === 'Event' && EVENT_TITLE_WITH_THE.test(entity.name))
    return `the ${entity.name.charAt(0).toLowerCase()}${entity.name.slice(1)}`;
  return entity.name;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The verb of a link read from its subject: the role in an event, by the event's tense, or the type's phrase. */
export function verbOf(subject: Named, type: string, object: Named, role?: string | null): string {
  if (type === RelationshipType.PARTICIPATED_IN && object.__typename === 'Event' && object.eventStatus) {
    const verbs = PARTICIPATION_ROLE_VERBS[(role as ParticipationRole) ?? ParticipationRole.TARGET];
    if (verbs) return verbs[tenseOfEventStatus(object.eventStatus)][subject.plural ? 1 : 0];
  }
  const eventVerb = EVENT_LINK_VERBS[type as RelationshipType];
  if (subject.__typename === 'Event' && subject.eventStatus && eventVerb)
    return eventVerb[tenseOfEventStatus(subject.eventStatus)];
  return RELATIONSHIP_PHRASE[type as RelationshipType] ?? type.toLowerCase().replace(/_/g, ' ');
}

/** "(considered, not carried out)" when the event at either end did not happen; as the API says it. */
function notCarriedOut(subject: Named, object: Named): string {
  const event = [subject, object].find(
    (end) => end.__typename === 'Event' && end.eventStatus && tenseOfEventStatus(end.eventStatus) === 'hypothetical',
  );
  return event?.eventStatus ? ` (${event.eventStatus.toLowerCase()}, not carried out)` : '';
}

/**
 * "JNIM was a target of the airstrikes in response to the blockade": a neighbourhood link read
 * from its subject, with the actor's role in words. The API gives sentences for paths only
 * (PathStep.sentence, which the path panel shows); neighbourhood links carry none, so a selected
 * one is read here, with the verbs the API's sentences use.
 */
export function sentence(subject: Named, type: string, object: Named, role?: string | null): string {
  return capitalize(
    `${called(subject)} ${verbOf(subject, type, object, role)} ${called(object)}${notCarriedOut(subject, object)}`,
  );
}

export const RELATIONSHIP_TYPES: readonly string[] = Object.values(RelationshipType);
