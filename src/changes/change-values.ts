import { visibleIds, type VisibilityParams } from '../db';
import { ChangeKind } from './change-kind';

/** A history entry as the feed statement returns it. */
export interface ChangeRow {
  sequence: number;
  at: string;
  who: string;
  operation: string;
  change: string;
  targetId: string;
  targetType: string;
  changedFields: string[] | null;
  record: string | null;
  previous: string | null;
  importRun: string | null;
  retracted: boolean;
}

type Values = Record<string, unknown>;

/** A history entry's `record`: a bundle record as JSON, or a plain text (a retraction's reason). */
function parsed(record: string | null): Values | null {
  if (record === null) return null;
  try {
    const value: unknown = JSON.parse(record);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Values) : { value };
  } catch {
    return { value: record };
  }
}

const pick = (values: Values, keys: string[]): Values =>
  Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]]));

/** What differs between two versions of a record, by field (in the bundle format). */
function changedBetween(before: Values, after: Values): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** A record's evidence as the caller may see it: sources above the clearance left out. */
function withVisibleSources(values: Values | null, view: VisibilityParams): Values | null {
  if (values === null || !Array.isArray(values.sourceIds)) return values;
  return { ...values, sourceIds: visibleIds(values.sourceIds, view) };
}

/** Before and after of the changed fields, from the entry and the previous write of the same record. */
export function beforeAndAfter(
  row: ChangeRow,
  view: VisibilityParams,
): { before: Values | null; after: Values | null } {
  const record = parsed(row.record);
  const shown = (values: Values | null) => withVisibleSources(values, view);
  switch (row.change) {
    case ChangeKind.UPDATED: {
      const previous = parsed(row.previous);
      if (!previous || !record) return { before: null, after: shown(record) };
      const keys = changedBetween(previous, record);
      return { before: shown(pick(previous, keys)), after: shown(pick(record, keys)) };
    }
    case ChangeKind.RETRACTED:
      return { before: { retracted: false }, after: { retracted: true, retractedReason: row.record } };
    case ChangeKind.MERGED_INTO:
      return { before: null, after: { mergedInto: row.record } };
    case ChangeKind.ALERT: {
      // The alert as the watcher computed it at its owner's clearance: the answer before and after.
      const before = record?.before;
      return { before: before && typeof before === 'object' ? (before as Values) : null, after: record };
    }
    default:
      return { before: null, after: shown(record) };
  }
}
