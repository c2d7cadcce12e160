import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldProblem } from '../../errors';
import { validationProblems } from '../../model/validation-problems';
import {
  Bundle,
  CLASS_OF_KIND,
  type BundleRelationship,
  type EntityRecord,
  type FileHeader,
  type RecordKind,
} from '../format';

/**
 * What both validators do before any rule: a record's own fields (class-validator on the classes
 * in bundle.model.ts), and how a problem names its place: `actors[3].kind` and `actors[3] "jnim"`
 * in a bundle, `line 12: record.kind` and `line 12 actor "jnim"` in JSON Lines.
 */

export type CheckedRecord = EntityRecord | BundleRelationship;

export const VALIDATION = { whitelist: true, forbidNonWhitelisted: true } as const;

/** `actors[3].kind` in a bundle, `line 12: record.kind` in JSON Lines. */
export function fieldAt(where: string, field: string): string {
  return isLine(where) ? `${where}: record.${field}` : `${where}.${field}`;
}

/** A field outside any record: the bundle's own (`format`) or a line's (`line 3: kind`). */
export function outsideRecord(where: string, field: string): string {
  return where === 'bundle' ? field : `${where}: ${field}`;
}

/** The record itself: `actors[3]` in a bundle, `line 12: record` in JSON Lines. */
function wholeRecord(where: string): string {
  return isLine(where) ? `${where}: record` : where;
}

export function recordLabel(kind: RecordKind, where: string, record: Record<string, unknown>): string {
  return labelAt(kind, where, recordName(kind, record));
}

/** What a record is called in a problem: its id, or a relationship's `from TYPE to`. */
export function recordName(kind: RecordKind, record: Record<string, unknown>): string {
  if (kind === 'relationship') return `${record.from} ${record.type} ${record.to}`;
  return typeof record.id === 'string' ? record.id : '?';
}

/** `line 12 actor "jnim"` in JSON Lines, `actors[3] "jnim"` in a bundle. */
export function labelAt(kind: RecordKind, where: string, name: string): string {
  return isLine(where) ? `${where} ${kind} "${name}"` : `${where} "${name}"`;
}

const isLine = (where: string) => where.startsWith('line ');

/**
 * A record's own fields, wherever it is: the typed record, or what is wrong with it (fields
 * relative to the record, and its name for the label). Validation workers run this off the main
 * thread; `placeFieldProblems` names the place once the record's line is known.
 */
export type FieldsOutcome = { typed: CheckedRecord } | { notObject: true } | { problems: FieldProblem[]; name: string };

export function recordFields(kind: RecordKind, record: unknown): FieldsOutcome {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { notObject: true };
  const typed = plainToInstance(CLASS_OF_KIND[kind], record) as CheckedRecord;
  const errors = validateSync(typed, VALIDATION);
  if (errors.length === 0) return { typed };
  return { problems: validationProblems(errors), name: recordName(kind, record as Record<string, unknown>) };
}

/** The problems of a record that failed `recordFields`, named by its place in the file. */
export function placeFieldProblems(
  outcome: Exclude<FieldsOutcome, { typed: CheckedRecord }>,
  kind: RecordKind,
  where: string,
): FieldProblem[] {
  if ('notObject' in outcome) return [{ field: wholeRecord(where), reason: 'must be a JSON object' }];
  const label = labelAt(kind, where, outcome.name);
  return outcome.problems.map((problem) => ({ ...problem, field: fieldAt(where, problem.field), record: label }));
}

/** One record's fields: the typed record, or undefined once its problems are added. */
export function checkRecordFields(
  kind: RecordKind,
  record: unknown,
  where: string,
  add: (problem: FieldProblem) => void,
): CheckedRecord | undefined {
  const outcome = recordFields(kind, record);
  if ('typed' in outcome) return outcome.typed;
  for (const problem of placeFieldProblems(outcome, kind, where)) add(problem);
  return undefined;
}

/**
 * The bundle's own fields (format, version, description), by the rules of the Bundle class: the
 * streamed reader hands them over as a header (its lists are records, read one by one).
 */
export function headerProblems(header: FileHeader, where: string): FieldProblem[] {
  const own = Object.fromEntries(Object.entries(header).filter(([, value]) => value !== undefined));
  const problems = validationProblems(validateSync(plainToInstance(Bundle, own), VALIDATION));
  return problems.map((problem) => ({ ...problem, field: outsideRecord(where, problem.field) }));
}
