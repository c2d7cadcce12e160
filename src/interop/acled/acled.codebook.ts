import { ActorKind, EventType, ParticipationRole } from '../../model/vocabulary';

/**
 * What ACLED's codebook says about its export columns, as far as the import reads them: the column
 * names, the actor type codes (inter1/inter2), the precision codes, and how ACLED's event types
 * map onto this graph's closed vocabulary. The mapping is documented in README.md ("ACLED import").
 */

/** The columns of an ACLED CSV export, in the codebook's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** Columns an event cannot be imported without (the others may be blank). */
export const REQUIRED_COLUMNS: readonly AcledColumn[] = [
  'event_id_cnty',
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'country',
  'latitude',
  'longitude',
  'geo_precision',
];

/** time_precision: 1 the day is known, 2 the week around event_date, 3 only the month. */
export enum TimePrecision {
  DAY = 1,
  WEEK = 2,
  MONTH = 3,
}

/** geo_precision: how close the coded location is to where the event took place. */
export const GEO_PRECISION_MEANING: Readonly<Record<number, string>> = {
  1: 'at the location named',
  2: 'near the location named (within its district)',
  3: 'in the larger region of the location named',
};

/** An ACLED actor type (inter1/inter2), older exports as a code, newer ones as its label. */
interface ActorTypeCode {
  label: string;
  kind: ActorKind;
  /** Named in the plural ("Protesters (Mali)"), so explanations agree with it. */
  plural: boolean;
}

export const ACTOR_TYPES: Readonly<Record<number, ActorTypeCode>> = {
  1: { label: 'State forces', kind: ActorKind.FORCE, plural: true },
  2: { label: 'Rebel group', kind: ActorKind.ARMED_GROUP, plural: false },
  3: { label: 'Political militia', kind: ActorKind.ARMED_GROUP, plural: false },
  4: { label: 'Identity militia', kind: ActorKind.ARMED_GROUP, plural: false },
  5: { label: 'Rioters', kind: ActorKind.GROUP, plural: true },
  6: { label: 'Protesters', kind: ActorKind.GROUP, plural: true },
  7: { label: 'Civilians', kind: ActorKind.GROUP, plural: true },
  8: { label: 'External/Other forces', kind: ActorKind.FORCE, plural: true },
};

const ACTOR_TYPE_BY_LABEL = new Map(
  Object.entries(ACTOR_TYPES).map(([code, type]) => [type.label.toLowerCase(), Number(code)]),
);

/** The actor type code of an inter1/inter2 cell ("2", "Rebel group"); 0 when blank; undefined when unknown. */
export function actorTypeCode(cell: string): number | undefined {
  const text = cell.trim();
  if (text === '' || text === '0') return 0;
  if (/^\d+$/.test(text)) return ACTOR_TYPES[Number(text)] ? Number(text) : undefined;
  return ACTOR_TYPE_BY_LABEL.get(text.toLowerCase());
}

/** ACLED sub-event types that have a type of their own in the vocabulary; the rest are by event type. */
const EVENT_TYPE_OF_SUB_EVENT: Readonly<Record<string, EventType>> = {
  'air/drone strike': EventType.AIRSTRIKE,
  'abduction/forced disappearance': EventType.ABDUCTION,
};

const EVENT_TYPE_OF_ACLED_TYPE: Readonly<Record<string, EventType>> = {
  battles: EventType.ATTACK,
  'explosions/remote violence': EventType.ATTACK,
  'violence against civilians': EventType.ATTACK,
  riots: EventType.OTHER,
  protests: EventType.OTHER,
  'strategic developments': EventType.OTHER,
};

export function eventTypeOf(acledType: string, acledSubType: string): EventType {
  return (
    EVENT_TYPE_OF_SUB_EVENT[acledSubType.trim().toLowerCase()] ??
    EVENT_TYPE_OF_ACLED_TYPE[acledType.trim().toLowerCase()] ??
    EventType.OTHER
  );
}

/**
 * The roles of actor1 and actor2 by ACLED event type. The codebook says the actor order implies
 * no direction (attacker or defender), so in a battle both sides are PERPETRATOR (each fought);
 * the other types have a direction by definition: violence against civilians has civilians as
 * actor2, an explosion or a riot is actor1's, a protest is actor1's with actor2 intervening.
 * Associated actors take the role of the actor they are listed with.
 */
const ROLES_OF_ACLED_TYPE: Readonly<Record<string, readonly [ParticipationRole, ParticipationRole]>> = {
  battles: [ParticipationRole.PERPETRATOR, ParticipationRole.PERPETRATOR],
  'explosions/remote violence': [ParticipationRole.PERPETRATOR, ParticipationRole.TARGET],
  'violence against civilians': [ParticipationRole.PERPETRATOR, ParticipationRole.VICTIM],
  riots: [ParticipationRole.PERPETRATOR, ParticipationRole.TARGET],
  protests: [ParticipationRole.INITIATOR, ParticipationRole.RESPONDER],
  'strategic developments': [ParticipationRole.INITIATOR, ParticipationRole.TARGET],
};

export function rolesOf(acledType: string): readonly [ParticipationRole, ParticipationRole] {
  return ROLES_OF_ACLED_TYPE[acledType.trim().toLowerCase()] ?? [ParticipationRole.INITIATOR, ParticipationRole.TARGET];
}
