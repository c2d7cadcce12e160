/**
 * The extraction engine's contract: what the ingestion and review code hands in, and what it gets
 * back. Plain TypeScript types (not GraphQL): the review layer maps them to its own output types.
 * Every offset is a UTF-16 index into `ExtractionInput.text`, so `text.slice(start, end)` is the span.
 */
import type { EntityKind } from '../../model/vocabulary';

/** The languages with a table of trigger words, reporting verbs, cues and date phrases. */
export type ExtractionLanguage = 'en';

export type SourceReliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** An entity the graph already holds: mentions of its name or aliases link to it. */
export interface KnownEntity {
  id: string;
  kind: EntityKind;
  /** ActorKind, LocationKind or EventType, as the graph holds it. */
  subKind?: string;
  name: string;
  aliases: string[];
}

export interface ExtractionInput {
  /** The Source id the document is stored as: every proposal cites it. */
  documentId: string;
  /** The document's normalised text: offsets are UTF-16 indexes into it. */
  text: string;
  language: ExtractionLanguage;
  /** ISO partial date ('2025', '2025-09', '2025-09-14') when known. */
  documentDate?: string;
  reliability?: SourceReliability;
  knownEntities: KnownEntity[];
  /**
   * Ids of records an earlier review of this same document wrote. They are known entities now,
   * but proposing them again under the same id (not as "-2" copies) is what lets the review see
   * them as decided rather than as new proposals.
   */
  ownRecordIds?: readonly string[];
}

export interface TextSpan {
  start: number;
  end: number;
}

export interface MentionCandidate {
  entityId: string;
  score: number;
}

export interface Mention extends TextSpan {
  surface: string;
  /** A known entity the mention was linked to. */
  entityId?: string;
  /** A proposed new entity the mention stands for. */
  proposalId?: string;
  /** Known entities it could be, best first (for the curator to re-link). */
  candidates: MentionCandidate[];
}

export type ProposalKind = 'ENTITY' | 'EVENT' | 'RELATIONSHIP' | 'ALLEGATION' | 'DENIAL';

/** The source's own voice, attributed to others ("according to Malian media"), or inferred. */
export type Voice = 'STATED' | 'ATTRIBUTED' | 'INFERRED';

export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

export type BundleSection = 'actors' | 'locations' | 'events' | 'allegations' | 'relationships';

export interface Proposal {
  /** Stable: derived from kind + rule + offsets (same input -> same ids). */
  id: string;
  kind: ProposalKind;
  /** Which rule proposed it, e.g. 'en.reported-speech.accused-of'. */
  rule: string;
  /** Verbatim: `text.slice(start, end) === excerpt`. */
  excerpt: string;
  start: number;
  end: number;
  voice: Voice;
  /** From the grading rules in DESIGN.md "Claims and reports" and seed/grading.json. */
  suggestedCredibility: Credibility;
  /**
   * The bundle record it would add, in the shape of seed/sahel.bundle.json's entries of `section`.
   * A DENIAL is a DENIES relationship (actor -> allegation).
   */
  record: Record<string, unknown>;
  section: BundleSection;
  /** Ids of proposals (new entities) its record references. */
  dependsOn: string[];
}

export interface ExtractionResult {
  sentences: TextSpan[];
  mentions: Mention[];
  proposals: Proposal[];
  /** Set when a cap stopped the run (text past MAX_EXTRACTED_LENGTH, too many proposals): the review should say so. */
  truncated?: boolean;
}
