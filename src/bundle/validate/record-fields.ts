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
  const name =
    kind === 'relationship'
      ? `${record.from} ${record.type} ${record.to}`
      : typeof record.id === 'string'
        ? record.id
        : '?';
  return isLine(where) ? `${where} ${kind} "${name}"` : `${where} "${name}"`;
}

const isLine = (where: string) => where.startsWith('line ');

/** One record's fields: the typed record, or undefined once its problems are added. */
export function checkRecordFields(
  kind: RecordKind,
  record: unknown,
  where: string,
  add: (problem: FieldProblem) => void,
): CheckedRecord | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    add({ field: wholeRecord(where), reason: 'must be a JSON object' });
    return undefined;
  }
  const typed = plainToInstance(CLASS_OF_KIND[kind], record) as CheckedRecord;
  const errors = validateSync(typed, VALIDATION);
  if (errors.length === 0) return typed;
  const label = recordLabel(kind, where, record as Record<string, unknown>);
  for (const problem of validationProblems(errors))
    add({ ...problem, field: fieldAt(where, problem.field), record: label });
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
