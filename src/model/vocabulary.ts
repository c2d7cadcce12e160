/**
 * The closed vocabulary of the graph: node labels, kinds and relationship types. Every label and
 * relationship type that reaches Cypher text comes from here (principle 8: parameters only), so
 * extending the model is a deliberate change to this file, its tests and the schema.
 */

/** The main label of each kind of node; every node also carries the `Entity` label. */
export enum EntityKind {
  ACTOR = 'ACTOR',
  LOCATION = 'LOCATION',
  EVENT = 'EVENT',
  ALLEGATION = 'ALLEGATION',
  SOURCE = 'SOURCE',
}

export const ENTITY_LABEL = 'Entity';

export const LABEL_OF_KIND: Readonly<Record<EntityKind, string>> = {
  [EntityKind.ACTOR]: 'Actor',
  [EntityKind.LOCATION]: 'Location',
  [EntityKind.EVENT]: 'Event',
  [EntityKind.ALLEGATION]: 'Allegation',
  [EntityKind.SOURCE]: 'Source',
};

export const KIND_OF_LABEL: Readonly<Record<string, EntityKind>> = Object.fromEntries(
  Object.entries(LABEL_OF_KIND).map(([kind, label]) => [label, kind as EntityKind]),
);

export enum ActorKind {
  STATE = 'STATE',
  ARMED_GROUP = 'ARMED_GROUP',
  ALLIANCE = 'ALLIANCE',
  ORGANIZATION = 'ORGANIZATION',
  AGENCY = 'AGENCY',
  FORCE = 'FORCE',
  PERSON = 'PERSON',
  /** People who are not named one by one (six abducted drivers); the actor's `quantity` says how many. */
  GROUP = 'GROUP',
}

/** Second label of an actor node, so Cypher can match `:Actor:ArmedGroup` cheaply. */
export const LABEL_OF_ACTOR_KIND: Readonly<Record<ActorKind, string>> = {
  [ActorKind.STATE]: 'State',
  [ActorKind.ARMED_GROUP]: 'ArmedGroup',
  [ActorKind.ALLIANCE]: 'Alliance',
  [ActorKind.ORGANIZATION]: 'Organization',
  [ActorKind.AGENCY]: 'Agency',
  [ActorKind.FORCE]: 'Force',
  [ActorKind.PERSON]: 'Person',
  [ActorKind.GROUP]: 'Group',
};

export enum LocationKind {
  COUNTRY = 'COUNTRY',
  REGION = 'REGION',
  CITY = 'CITY',
  CORRIDOR = 'CORRIDOR',
}

export const LABEL_OF_LOCATION_KIND: Readonly<Record<LocationKind, string>> = {
  [LocationKind.COUNTRY]: 'Country',
  [LocationKind.REGION]: 'Region',
  [LocationKind.CITY]: 'City',
  [LocationKind.CORRIDOR]: 'Corridor',
};

export enum EventType {
  BLOCKADE = 'BLOCKADE',
  ABDUCTION = 'ABDUCTION',
  AIRSTRIKE = 'AIRSTRIKE',
  ATTACK = 'ATTACK',
  COUP = 'COUP',
  EXPULSION = 'EXPULSION',
  LEGAL_ACTION = 'LEGAL_ACTION',
  INSURGENCY = 'INSURGENCY',
  MILITARY_ASSISTANCE = 'MILITARY_ASSISTANCE',
  ECONOMIC_DISRUPTION = 'ECONOMIC_DISRUPTION',
  STATEMENT = 'STATEMENT',
  OTHER = 'OTHER',
}

export enum ClaimType {
  SUPPORTS = 'SUPPORTS',
  FACILITATES = 'FACILITATES',
  FUNDS = 'FUNDS',
  ARMS = 'ARMS',
  TRAINS = 'TRAINS',
  COMMITTED = 'COMMITTED',
  OTHER = 'OTHER',
}

/**
 * Where a claim stands. CORROBORATED replaces the former CONFIRMED: independent sources support
 * the claim's content (its `claimCredibility` says how well); REFUTED: evidence shows it false.
 */
export enum AllegationStatus {
  ALLEGED = 'ALLEGED',
  DENIED = 'DENIED',
  DISPUTED = 'DISPUTED',
  CORROBORATED = 'CORROBORATED',
  REFUTED = 'REFUTED',
  RETRACTED = 'RETRACTED',
}

/** Claims whose content someone contests: a path through them says so (`contested`). */
export const CONTESTED_STATUSES: readonly AllegationStatus[] = [
  AllegationStatus.DENIED,
  AllegationStatus.DISPUTED,
  AllegationStatus.REFUTED,
  AllegationStatus.RETRACTED,
];

/**
 * Whether an event happened. Only OCCURRED and ONGOING events are facts; a path through a
 * threatened, planned or considered one is `hypothetical` (see docs/evidence.md).
 */
export enum EventStatus {
  OCCURRED = 'OCCURRED',
  ONGOING = 'ONGOING',
  THREATENED = 'THREATENED',
  PLANNED = 'PLANNED',
  CONSIDERED = 'CONSIDERED',
}

export const HYPOTHETICAL_EVENT_STATUSES: readonly EventStatus[] = [
  EventStatus.THREATENED,
  EventStatus.PLANNED,
  EventStatus.CONSIDERED,
];

export enum SourceKind {
  ARTICLE = 'ARTICLE',
  MEDIA_REPORT = 'MEDIA_REPORT',
  OFFICIAL_STATEMENT = 'OFFICIAL_STATEMENT',
  REPORT = 'REPORT',
  LEGAL_FILING = 'LEGAL_FILING',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  OTHER = 'OTHER',
}

/** NATO/Admiralty source reliability. */
export enum Reliability {
  A = 'A', // completely reliable
  B = 'B', // usually reliable
  C = 'C', // fairly reliable
  D = 'D', // not usually reliable
  E = 'E', // unreliable
  F = 'F', // reliability cannot be judged
}

export const RELIABILITY_MEANING: Readonly<Record<Reliability, string>> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

/**
 * Traffic Light Protocol 2.0 (FIRST): who may see a source and what only it backs. AMBER+STRICT
 * is spelled AMBER_STRICT (GraphQL enum values cannot hold "+"). A source without one is CLEAR.
 */
export enum Tlp {
  CLEAR = 'CLEAR',
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  AMBER_STRICT = 'AMBER_STRICT',
  RED = 'RED',
}

/** From least to most restricted: an export at one level holds the levels up to it. */
export const TLP_ORDER: readonly Tlp[] = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED];

/** NATO/Admiralty information credibility: 1 (confirmed) … 6 (cannot be judged). */
export const MIN_CREDIBILITY = 1;
export const MAX_CREDIBILITY = 6;

export const CREDIBILITY_MEANING: Readonly<Record<number, string>> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

/** The grade of a claim's content until a curator judges it: 6, cannot be judged. */
export const DEFAULT_CLAIM_CREDIBILITY = 6;

/** Relationships that go from an allegation to what it alleges: graded by the claim, not the report. */
export const CLAIM_LINK_TYPES = ['ACCUSES', 'CONCERNS'] as const;

export enum ParticipationRole {
  PERPETRATOR = 'PERPETRATOR',
  TARGET = 'TARGET',
  VICTIM = 'VICTIM',
  RESPONDER = 'RESPONDER',
  INITIATOR = 'INITIATOR',
  SUPPORTER = 'SUPPORTER',
  VENUE = 'VENUE',
}

/**
 * Relationship types. Each has the kinds it may join (checked by the bundle validator and, later,
 * by mutations), so that e.g. PART_OF only joins places and DENIES only goes actor -> allegation.
 */
export enum RelationshipType {
  MEMBER_OF = 'MEMBER_OF',
  AFFILIATED_WITH = 'AFFILIATED_WITH',
  SUBORDINATE_TO = 'SUBORDINATE_TO',
  NATIONAL_OF = 'NATIONAL_OF',
  SUPPORTS = 'SUPPORTS',
  OPPOSES = 'OPPOSES',
  GOVERNS = 'GOVERNS',
  OPERATES_IN = 'OPERATES_IN',
  PART_OF = 'PART_OF',
  BORDERS = 'BORDERS',
  CONNECTS = 'CONNECTS',
  PARTICIPATED_IN = 'PARTICIPATED_IN',
  OCCURRED_IN = 'OCCURRED_IN',
  DISRUPTS = 'DISRUPTS',
  FOLLOWS = 'FOLLOWS',
  ALLEGES = 'ALLEGES',
  ACCUSES = 'ACCUSES',
  CONCERNS = 'CONCERNS',
  DENIES = 'DENIES',
  REPORTED_BY = 'REPORTED_BY',
  CITES = 'CITES',
}

/**
 * Each relationship type as a plain phrase read from its start node ("Ukraine denies …"), for
 * places that show one link at a time (the explorer's panels). Paths' sentences are composed in
 * src/traversal/explanation.ts, with agreement, tense and roles; this is the vocabulary's own word.
 */
export const RELATIONSHIP_PHRASE: Readonly<Record<RelationshipType, string>> = {
  MEMBER_OF: 'is a member of',
  AFFILIATED_WITH: 'is affiliated with',
  SUBORDINATE_TO: 'is subordinate to',
  NATIONAL_OF: 'is a national of',
  SUPPORTS: 'supports',
  OPPOSES: 'opposes',
  GOVERNS: 'governs',
  OPERATES_IN: 'operates in',
  PART_OF: 'is part of',
  BORDERS: 'borders',
  CONNECTS: 'connects',
  PARTICIPATED_IN: 'took part in',
  OCCURRED_IN: 'occurred in',
  DISRUPTS: 'disrupts',
  FOLLOWS: 'follows',
  ALLEGES: 'alleges',
  ACCUSES: 'accuses',
  CONCERNS: 'concerns',
  DENIES: 'denies',
  REPORTED_BY: 'is reported by',
  CITES: 'cites',
};

/** [one subject, several subjects] */
export type Agreeing = readonly [string, string];

/** Done (OCCURRED), going on (ONGOING), or only threatened, planned or considered. */
export type Tense = 'past' | 'present' | 'hypothetical';

/**
 * Links to and from events in words, by the event's tense: shared by the API's path sentences
 * (src/traversal/explanation.ts) and the explorer's panels, so both say a role the same way.
 * What an event (the subject) did to a place or another event:
 */
export const EVENT_LINK_VERBS: Partial<Record<RelationshipType, Record<Tense, string>>> = {
  OCCURRED_IN: { past: 'took place in', present: 'is taking place in', hypothetical: 'would take place in' },
  DISRUPTS: { past: 'disrupted', present: 'is disrupting', hypothetical: 'would disrupt' },
  FOLLOWS: { past: 'came after', present: 'follows', hypothetical: 'would follow' },
};

/** An actor's part in an event, by tense: [one, several]. */
export const PARTICIPATION_ROLE_VERBS: Readonly<Record<ParticipationRole, Record<Tense, Agreeing>>> = {
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

export function tenseOfEventStatus(status: EventStatus | string): Tense {
  return status === EventStatus.OCCURRED ? 'past' : status === EventStatus.ONGOING ? 'present' : 'hypothetical';
}

/** Event titles that begin with a common noun read with "the": "the abduction of six ...". */
export const EVENT_TITLE_WITH_THE =
  /^(abduction|airstrikes?|attacks?|blockade|business|collapse|coups?|cutting|economic|expulsion|insurgency|legal|military|public|series|statement|warning)\b/i;

const { ACTOR, LOCATION, EVENT, ALLEGATION, SOURCE } = EntityKind;
const ANY_NON_SOURCE = [ACTOR, LOCATION, EVENT, ALLEGATION] as const;

export interface RelationshipRule {
  from: readonly EntityKind[];
  to: readonly EntityKind[];
  /** What the edge says, read from -> to, for explanations ("Russia supports Mali"). */
  phrase: string;
  /** Evidence edges (to sources) are provenance, not connections between the things themselves. */
  evidence?: boolean;
}

export const RELATIONSHIP_RULES: Readonly<Record<RelationshipType, RelationshipRule>> = {
  MEMBER_OF: { from: [ACTOR], to: [ACTOR], phrase: 'is a member of' },
  AFFILIATED_WITH: { from: [ACTOR], to: [ACTOR], phrase: 'is affiliated with' },
  SUBORDINATE_TO: { from: [ACTOR], to: [ACTOR], phrase: 'is subordinate to' },
  NATIONAL_OF: { from: [ACTOR], to: [ACTOR], phrase: 'is a national of' },
  SUPPORTS: { from: [ACTOR], to: [ACTOR], phrase: 'supports' },
  OPPOSES: { from: [ACTOR], to: [ACTOR], phrase: 'opposes' },
  GOVERNS: { from: [ACTOR], to: [LOCATION], phrase: 'governs' },
  OPERATES_IN: { from: [ACTOR], to: [LOCATION], phrase: 'operates in' },
  PART_OF: { from: [LOCATION], to: [LOCATION], phrase: 'is part of' },
  BORDERS: { from: [LOCATION], to: [LOCATION], phrase: 'borders' },
  CONNECTS: { from: [LOCATION], to: [LOCATION], phrase: 'connects to' },
  PARTICIPATED_IN: { from: [ACTOR], to: [EVENT], phrase: 'took part in' },
  OCCURRED_IN: { from: [EVENT], to: [LOCATION], phrase: 'occurred in' },
  DISRUPTS: { from: [EVENT], to: [LOCATION], phrase: 'disrupts' },
  FOLLOWS: { from: [EVENT], to: [EVENT], phrase: 'follows' },
  ALLEGES: { from: [ACTOR], to: [ALLEGATION], phrase: 'alleges' },
  ACCUSES: { from: [ALLEGATION], to: [ACTOR], phrase: 'accuses' },
  CONCERNS: { from: [ALLEGATION], to: [ACTOR, LOCATION, EVENT], phrase: 'concerns' },
  DENIES: { from: [ACTOR], to: [ALLEGATION], phrase: 'denies' },
  REPORTED_BY: { from: ANY_NON_SOURCE, to: [SOURCE], phrase: 'is reported by', evidence: true },
  CITES: { from: [SOURCE], to: [SOURCE], phrase: 'cites', evidence: true },
};

/** Relationship types that link things to each other (what traversals follow by default). */
export const CONNECTION_TYPES: readonly RelationshipType[] = Object.values(RelationshipType).filter(
  (type) => !RELATIONSHIP_RULES[type].evidence,
);

/** Precision of a partial date: "2012" (year), "2025-11" (month), "2025-11-03" (day). */
export enum DatePrecision {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
}

/** Stable slug ids: lower-case letters, digits and single hyphens, at most 80 characters. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ID_MAX_LENGTH = 80;
