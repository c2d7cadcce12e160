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

/** Rules that need nothing but the record: a validation worker runs them beside the record's fields. */
export const RECORD_ONLY: ReadonlySet<RuleNeeds> = new Set(['record']);

/** A problem a record-only rule found, with the rule's place in the list (to list it in order). */
export interface RuleProblem {
  rule: number;
  field: string;
  reason: string;
}

/** Worker side: the record-only rules of `rules` on one record, their problems collected. */
export function recordRuleProblems(
  rules: readonly BundleRule[],
  kind: RecordKind,
  record: CheckedRecord,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  let current = 0;
  // One context per record (this runs for every line of a file): `current` names the rule
  // reporting. A record-only rule reads nothing but its record: the rest is never asked.
  const context: RuleContext = {
    report: (field, reason) => problems.push({ rule: current, field, reason }),
    kindOf: notAsked,
    graphKindOf: notAsked,
    seen: notAsked,
  };
  rules.forEach((rule, index) => {
    if (rule.needs !== 'record') return;
    current = index;
    visit([rule], RECORD_ONLY, kind, record, context);
  });
  return problems;
}

const notAsked = (): never => {
  throw new Error('a record-only rule asked about other records');
};

/**
 * Main-thread side of a worker-checked record: the AS_READ rules in the list's order, the
 * record-only ones replayed from the worker's `problems`, the others (`earlier`) run here on the
 * record's keys. The problems come out as `visit(rules, AS_READ, ...)` lists them.
 */
export function visitAsReadWith(
  rules: readonly BundleRule[],
  problems: readonly RuleProblem[],
  kind: RecordKind,
  keys: CheckedRecord,
  context: RuleContext,
): void {
  rules.forEach((rule, index) => {
    if (rule.needs === 'record') {
      for (const problem of problems) if (problem.rule === index) context.report(problem.field, problem.reason);
    } else if (AS_READ.has(rule.needs)) visit([rule], AS_READ, kind, keys, context);
  });
}

/**
 * What the main thread needs of a record whose fields a worker checked: what the rules that need
 * other records read (ids, ends, type, role, cited sources) and what names it in a problem.
 */
export function recordKeys(kind: RecordKind, record: CheckedRecord): CheckedRecord {
  if (kind === 'relationship') {
    const { type, from, to, role, sourceIds } = record as BundleRelationship;
    return { type, from, to, role, sourceIds } as BundleRelationship;
  }
  const { id, sourceIds } = record as EntityRecord & { sourceIds?: string[] };
  return (sourceIds === undefined ? { id } : { id, sourceIds }) as EntityRecord;
}
