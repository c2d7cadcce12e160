import { DatePrecision } from './vocabulary';

/**
 * Reports rarely give exact days, so dates are partial: "2012" (year), "2025-11" (month) or
 * "2025-11-03" (day). The precision follows from the form. A partial date covers a period; we
 * keep both ends so that "valid from 2012" starts on 2012-01-01 and "valid to 2023" ends on
 * 2023-12-31, and comparisons never claim more precision than the source gave.
 */
export interface PartialDate {
  value: string;
  precision: DatePrecision;
  /** First day the partial date can mean (ISO yyyy-mm-dd). */
  earliest: string;
  /** Last day the partial date can mean (ISO yyyy-mm-dd). */
  latest: string;
}

export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export class PartialDateError extends Error {}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function parsePartialDate(value: string): PartialDate {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) {
    throw new PartialDateError(`"${value}" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (year < 1000) throw new PartialDateError(`"${value}": year must have four digits from 1000`);
  if (month !== undefined && (month < 1 || month > 12))
    throw new PartialDateError(`"${value}": month ${month} does not exist`);
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    throw new PartialDateError(`"${value}": day ${day} does not exist in ${year}-${pad(month)}`);
  }
  const y = pad(year, 4);
  if (month === undefined) {
    return { value, precision: DatePrecision.YEAR, earliest: `${y}-01-01`, latest: `${y}-12-31` };
  }
  if (day === undefined) {
    return {
      value,
      precision: DatePrecision.MONTH,
      earliest: `${y}-${pad(month)}-01`,
      latest: `${y}-${pad(month)}-${pad(daysInMonth(year, month))}`,
    };
  }
  return { value, precision: DatePrecision.DAY, earliest: value, latest: value };
}

export function isPartialDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parsePartialDate(value);
    return true;
  } catch {
    return false;
  }
}
