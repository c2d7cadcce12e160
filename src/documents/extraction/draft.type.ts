/** The engine's working records before they become proposals. */
import type { ParticipationRole, RelationshipType } from '../../model/vocabulary';
import type { TextSpan, Voice } from './proposal.type';

export interface Quantity {
  measure: string;
  value: number;
  approximate: boolean;
}

/** An actor or place: known to the graph (no proposal) or proposed. */
export interface EntityDraft {
  id: string;
  section: 'actors' | 'locations';
  /** ActorKind or LocationKind; undefined while no cue has said (such a name is dropped). */
  kind?: string;
  name: string;
  aliases: string[];
  known: boolean;
  rule: string;
  voice: Voice;
  /** Where it is first named: the proposal's excerpt is that sentence. */
  evidence: TextSpan;
  sentence: number;
  mentions: number;
  isoCode?: string;
  /** ISO code of the state a force, agency or group belongs to. */
  country?: string;
  quantity?: Quantity;
  plural?: boolean;
  /** The table country it came from, for the state/territory inferences. */
  countryName?: string;
  /** The state actor of a demonym force or group ("French forces" -> france). */
  stateOf?: string;
  /** The region a corridor runs through ("Kayes highways" -> kayes). */
  regionOf?: string;
  acronym?: boolean;
}

export interface EventDraft {
  id: string;
  type: string;
  status: string;
  title: string;
  rule: string;
  voice: Voice;
  evidence: TextSpan;
  sentence: number;
  start?: string;
  end?: string;
  quantity?: Quantity;
  mentions: number;
}

export interface AllegationDraft {
  id: string;
  statement: string;
  claimTypes: string[];
  status: string;
  rule: string;
  voice: Voice;
  evidence: TextSpan;
}

export interface RelationDraft {
  type: RelationshipType;
  from: string;
  to: string;
  role?: ParticipationRole;
  rule: string;
  voice: Voice;
  evidence: TextSpan;
  validFrom?: string;
  validTo?: string;
  quantity?: Quantity;
  /** A credibility the rule fixes itself (a doubtful reading), else the voice's grade. */
  credibility?: number;
}

/** A span of a sentence that stands for an entity or event: by name, alias, demonym or anaphora. */
export interface Ref extends TextSpan {
  /** Token indexes: first and one past the last. */
  from: number;
  to: number;
  actor?: string;
  location?: string;
  event?: string;
  /** Resolved from a generic word ("the militants", "the country"), not a name. */
  generic?: boolean;
  /** More entities the same words stand for ("both countries", "these routes"), in the same slot. */
  also?: string[];
  /** A demonym used as an adjective ("Malian countryside"): a mention, not a participant. */
  adjective?: boolean;
}
