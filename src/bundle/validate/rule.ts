import type { EntityKind } from '../../model/vocabulary';
import type { BundleRelationship, EntityRecord, EntityRecordKind } from '../format';

/**
 * A bundle rule, in the manner of graphql-js's validation rules: a small object that looks at one
 * record and reports what is wrong with it through a context. The whole-bundle validator
 * (bundle.validator.ts) and the streamed one (stream-validator.ts) run the same list
 * (rules/index.ts); what differs is only the context: what each remembers of the other records.
 * A rule runs on records whose fields have passed their class-validator checks.
 */

/**
 * What a rule needs to know besides its record, which decides when a streamed check can run it:
 * - `record`: nothing (the record alone);
 * - `earlier`: the records before it (`context.seen`), known as the file is read;
 * - `references`: the kind of every id it refers to, in the bundle or the graph (`context.kindOf`),
 *   known once the whole file is read when a reference points forward;
 * - `graph`: the kinds the graph holds (`context.graphKindOf`), known after the graph lookup.
 */
export type RuleNeeds = 'record' | 'earlier' | 'references' | 'graph';

export interface RuleContext {
  /** A problem with the current record's `field`. */
  report(field: string, reason: string): void;
  /** The kind of `id`: as the bundle defines it (its first definition), else as the graph holds it. */
  kindOf(id: string): EntityKind | undefined;
  /** The kind the graph holds `id` as, when that matters (it may differ from the bundle's). */
  graphKindOf(id: string): EntityKind | undefined;
  /** True when a record before this one had `key` (an entity's id, a relationship's id). */
  seen(key: string): boolean;
}

export interface BundleRule {
  readonly name: string;
  readonly needs: RuleNeeds;
  /** Checks an entity record (source, actor, location, event, allegation). */
  entity?(record: EntityRecord, kind: EntityRecordKind, context: RuleContext): void;
  /** Checks a relationship record. */
  relationship?(rel: BundleRelationship, context: RuleContext): void;
}

/** `an actor`, `a source`: the article before a word, in messages. */
export const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
