import { relationshipId, type BundleRelationship, type EntityRecord, type RecordKind } from '../format';
import type { CheckedRecord } from './record-fields';
import type { BundleRule, RuleContext, RuleNeeds } from './rule';

/** Rules a record can be held to as soon as it is read. */
export const AS_READ: ReadonlySet<RuleNeeds> = new Set(['record', 'earlier']);
/** Rules that need the kinds of the ids a record refers to. */
export const REFERENCES: ReadonlySet<RuleNeeds> = new Set(['references']);
/** Rules that need the graph's kinds. */
export const GRAPH: ReadonlySet<RuleNeeds> = new Set(['graph']);

/** Runs, on one record, the rules of `rules` whose needs are among `needs`, in the list's order. */
export function visit(
  rules: readonly BundleRule[],
  needs: ReadonlySet<RuleNeeds>,
  kind: RecordKind,
  record: CheckedRecord,
  context: RuleContext,
): void {
  for (const rule of rules) {
    if (!needs.has(rule.needs)) continue;
    if (kind === 'relationship') rule.relationship?.(record as BundleRelationship, context);
    else rule.entity?.(record as EntityRecord, kind, context);
  }
}

/** What `context.seen` remembers of a record: an entity's id, a relationship's id. */
export function recordKey(kind: RecordKind, record: CheckedRecord): string {
  return kind === 'relationship' ? relationshipId(record as BundleRelationship) : (record as EntityRecord).id;
}

/** Ids a record refers to: the sources it cites and, for a relationship, its two ends. */
export function referencesOf(kind: RecordKind, record: CheckedRecord): string[] {
  if (kind === 'source') return [];
  const ids = [...((record as { sourceIds?: string[] }).sourceIds ?? [])];
  if (kind === 'relationship') ids.push((record as BundleRelationship).from, (record as BundleRelationship).to);
  return ids;
}
