import { ActorKind, LocationKind, RelationshipType } from '../../model/vocabulary';

/**
 * What each part of the model becomes in STIX 2.1, and back (docs/stix.md). Grades travel
 * two ways: as STIX's own `confidence` (read by OpenCTI and MISP) and, exactly, in the
 * sahel-graph property extension on every object, which a re-import reads first.
 */

export const STIX_SPEC_VERSION = '2.1';

/** A STIX object as JSON: only the common properties are typed. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** STIX type of an actor of each kind; identities also get an `identity_class` and `sectors`. */
export const ACTOR_STIX: Readonly<
  Record<ActorKind, { type: 'threat-actor' | 'identity'; identityClass?: string; sectors?: string[] }>
> = {
  [ActorKind.ARMED_GROUP]: { type: 'threat-actor' },
  [ActorKind.STATE]: { type: 'identity', identityClass: 'organization', sectors: ['government-national'] },
  [ActorKind.AGENCY]: { type: 'identity', identityClass: 'organization', sectors: ['government-national'] },
  [ActorKind.FORCE]: { type: 'identity', identityClass: 'organization', sectors: ['defense'] },
  [ActorKind.ALLIANCE]: { type: 'identity', identityClass: 'organization' },
  [ActorKind.ORGANIZATION]: { type: 'identity', identityClass: 'organization' },
  [ActorKind.PERSON]: { type: 'identity', identityClass: 'individual' },
  [ActorKind.GROUP]: { type: 'identity', identityClass: 'group' },
};

/** The actor kind of a foreign identity (no sahel-graph extension): from its class and sectors. */
export function actorKindOfIdentity(identityClass: unknown, sectors: unknown): ActorKind {
  const sectorList = Array.isArray(sectors) ? sectors.map(String) : [];
  if (identityClass === 'individual') return ActorKind.PERSON;
  if (identityClass === 'group') return ActorKind.GROUP;
  if (sectorList.includes('defense')) return ActorKind.FORCE;
  if (sectorList.includes('government-national')) return ActorKind.STATE;
  return ActorKind.ORGANIZATION;
}

/** OpenCTI's `x_opencti_location_type` values (a Map: looked up by input text, "constructor" included). */
export const LOCATION_KIND_OF_OPENCTI: ReadonlyMap<string, LocationKind> = new Map([
  ['Country', LocationKind.COUNTRY],
  ['Region', LocationKind.REGION],
  ['Administrative-Area', LocationKind.REGION],
  ['City', LocationKind.CITY],
  ['Position', LocationKind.CITY],
]);

/**
 * `relationship_type` of each relationship type (lower-case kebab, as STIX asks). DENIES is an
 * `opinion` instead, and REPORTED_BY is a report's `object_refs`.
 */
export const RELATIONSHIP_STIX_TYPE: Readonly<Record<Exclude<RelationshipType, 'DENIES' | 'REPORTED_BY'>, string>> = {
  [RelationshipType.MEMBER_OF]: 'member-of',
  [RelationshipType.AFFILIATED_WITH]: 'affiliated-with',
  [RelationshipType.SUBORDINATE_TO]: 'subordinate-to',
  [RelationshipType.NATIONAL_OF]: 'national-of',
  [RelationshipType.SUPPORTS]: 'supports',
  [RelationshipType.OPPOSES]: 'opposes',
  [RelationshipType.GOVERNS]: 'governs',
  [RelationshipType.OPERATES_IN]: 'operates-in',
  [RelationshipType.PART_OF]: 'part-of',
  [RelationshipType.BORDERS]: 'borders',
  [RelationshipType.CONNECTS]: 'connects',
  [RelationshipType.PARTICIPATED_IN]: 'participated-in',
  [RelationshipType.OCCURRED_IN]: 'occurred-in',
  [RelationshipType.DISRUPTS]: 'disrupts',
  [RelationshipType.FOLLOWS]: 'follows',
  [RelationshipType.ALLEGES]: 'alleges',
  [RelationshipType.ACCUSES]: 'accuses',
  [RelationshipType.CONCERNS]: 'concerns',
  [RelationshipType.CITES]: 'cites',
};

/** The other way, looked up by input text: a Map, so "constructor" or "__proto__" is just unknown. */
export const RELATIONSHIP_TYPE_OF_STIX: ReadonlyMap<string, RelationshipType> = new Map(
  Object.entries(RELATIONSHIP_STIX_TYPE).map(([type, stix]) => [stix, type as RelationshipType]),
);

/**
 * Every object type STIX 2.1 defines (SDOs, SROs, SCOs and meta objects, §2-§7). An object of
 * another type is custom: it must say so (a type starting with "x-", or a `new-sdo`/`new-sro`/
 * `new-sco` extension); anything else is not STIX and the import refuses the bundle.
 */
export const STIX_21_TYPES: ReadonlySet<string> = new Set([
  ...['attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator'],
  ...['infrastructure', 'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data'],
  ...['opinion', 'report', 'threat-actor', 'tool', 'vulnerability', 'relationship', 'sighting'],
  ...['artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file'],
  ...['ipv4-addr', 'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url'],
  ...['user-account', 'windows-registry-key', 'x509-certificate'],
  ...['language-content', 'marking-definition', 'extension-definition'],
]);

/**
 * The "Admiralty Credibility" scale of STIX 2.1's confidence-scale appendix: information
 * credibility 1-5 as confidence 90, 70, 50, 30, 10; 6 (truth cannot be judged) has no confidence
 * value, so the property is left out.
 */
const CONFIDENCE_OF_CREDIBILITY: ReadonlyMap<number, number | undefined> = new Map([
  [1, 90],
  [2, 70],
  [3, 50],
  [4, 30],
  [5, 10],
  [6, undefined],
]);

export function confidenceOf(credibility: number): number | undefined {
  return CONFIDENCE_OF_CREDIBILITY.get(credibility);
}

/** The same appendix the other way: 80-100 -> 1, 60-79 -> 2, 40-59 -> 3, 20-39 -> 4, 0-19 -> 5, absent -> 6. */
export function credibilityOf(confidence: unknown): number {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 100) return 6;
  if (confidence >= 80) return 1;
  if (confidence >= 60) return 2;
  if (confidence >= 40) return 3;
  if (confidence >= 20) return 4;
  return 5;
}

/** A denial is an `opinion` of the allegation's note: the denier strongly disagrees. */
export const DENIAL_OPINION = 'strongly-disagree';
export const DISAGREEING_OPINIONS = ['strongly-disagree', 'disagree'];
