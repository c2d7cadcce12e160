/**
 * The shape of one language's extraction table. Every word here is written as it appears in text;
 * the engine folds it the way the search folds names (accents, case, apostrophes), so a table
 * never needs accent or case variants. French (much of the region's press) is a second table of
 * this shape: nothing in the engine names an English word.
 */
import type { ActorKind, ClaimType, EventStatus, EventType, LocationKind } from '../../../model/vocabulary';

export interface CountryEntry {
  name: string;
  aliases: string[];
  isoCode: string;
  /** "Malian" -> Mali: an adjective that names the state ("Malian authorities") or its people. */
  demonyms: string[];
  /** Capital metonymy: "Bamako", "Moscow", "Kiev"/"Kyiv" stand for the state's government. */
  capitals: string[];
}

export interface RegionEntry {
  name: string;
  aliases: string[];
  /** Countries (by name) read as part of the region when both are named in one document. */
  countries: string[];
}

export interface EventTrigger {
  /** The words as they appear ("legal action", "airstrikes"); matched folded, word by word. */
  words: string;
  type: EventType;
  /** A noun names an event; a verb reports one (its subject is the agent). */
  pos: 'noun' | 'verb';
  /** Passive verbs ("were expelled"): the subject is the target, not the agent. */
  passive?: boolean;
  /** A verb that describes what an event already named does ("disrupted highways"): joins it. */
  effectOf?: boolean;
}

export interface LanguageTable {
  language: string;
  /** Words ending in "." that do not end a sentence. */
  abbreviations: string[];
  /** Capitalised words that start sentences and clauses but name nothing. */
  capitalisedFunctionWords: string[];
  /** Lower-case words allowed inside a name between capitalised words ("Jama'at Nusrat al-Islam"). */
  nameParticles: string[];
  countries: CountryEntry[];
  regions: RegionEntry[];
  /** Last word of a name, or the noun after it, that says what it is ("Court", "region"). */
  actorCues: Record<string, ActorKind>;
  locationCues: Record<string, LocationKind>;
  /** After a demonym: "French forces" (FORCE), "Ukrainian intelligence" (AGENCY), "Malian authorities" (the state). */
  demonymNouns: Record<string, ActorKind | 'STATE_ITSELF'>;
  /** Generic references to the document's main armed group ("the militants", "JNIM fighters"). */
  armedGroupNouns: string[];
  /** Nouns for unnamed groups of people ("six Senegalese truck drivers"). */
  groupNouns: string[];
  numberWords: Record<string, number>;
  eventTriggers: EventTrigger[];
  /** Words before a trigger that change its status ("considering legal action"). */
  statusCues: Record<string, EventStatus>;
  /** Event types whose default status is ONGOING (a blockade, an insurgency). */
  ongoingTypes: EventType[];
  /** Event types that are hostile: their perpetrator opposes their target. */
  hostileTypes: EventType[];
  /** Roles of an event's agent by type (assistance has an INITIATOR, an attack a PERPETRATOR). */
  initiatorTypes: EventType[];
  /** Words that introduce an event's target ("against", "targeting", "aimed at"). */
  targetCues: string[];
  /** Words that introduce whom a statement is addressed to ("a warning to the Malian authorities"). */
  addresseeCues: string[];
  /** Words before a participle that make it passive ("were expelled"). */
  passiveAuxiliaries: string[];
  /** "with airstrikes" after these verbs: the subject responds to the document's main event. */
  responseVerbs: string[];
  /** Words whose object is the event that came before ("follows", "after", "following"). */
  followCues: string[];
  /** Reporting verbs of an accusation: "X has accused Y of ...". */
  accuseVerbs: string[];
  /** Reporting verbs of a claim: "X alleges that ...". */
  allegeVerbs: string[];
  denyVerbs: string[];
  /** Nouns that name a claim ("a claim Kiev has denied"). */
  claimNouns: string[];
  /** What a claim's verb claims: "supporting" -> SUPPORTS. Matched on the word's start. */
  claimVerbs: Record<string, ClaimType>;
  /** Where a claim's content ends and background begins ("particularly after ..."). */
  claimBoundaries: string[];
  /** "According to" and friends: what follows is attributed to someone else. */
  attributionCues: string[];
  /** Nouns that make an attribution a secondary source (media, reports), not a party's claim. */
  sourceNouns: string[];
  /** Verbs after which the subject attributes ("Local media reports suggest that"). */
  attributionVerbs: string[];
  /** Cue phrases of relationships between named things. */
  memberCues: string[];
  supportCues: string[];
  affiliationSuffixes: string[];
  connectVerbs: string[];
  operatesCues: string[];
  bordersCues: string[];
  partOfCues: string[];
  /** Anaphora: "the bloc" (an alliance), "both countries" (the last two states), "the region". */
  allianceAnaphora: string[];
  pluralStateAnaphora: string[];
  regionAnaphora: string[];
  countryAnaphora: string[];
  /** "the affected regions", "the blockaded regions": the regions of the main event. */
  affectedRegionCues: string[];
  /** "these routes": the corridors named just before. */
  corridorAnaphora: string[];
  /** Generic force nouns read as the main country's forces ("the military"). */
  definiteForces: Record<string, ActorKind>;
  months: string[];
  /** Relative date phrases resolved against the document's date: unit and offset. */
  relativeDates: Record<string, { unit: 'month' | 'year'; offset: number }>;
  sinceCues: string[];
  betweenCues: string[];
}
