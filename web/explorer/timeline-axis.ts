import { parsePartialDate } from '../../src/model/partial-date';

/**
 * The timeline's arithmetic, without the DOM: days on an axis, ticks, lanes for dated events,
 * the order of undated ones, and the mapping between a brushed stretch of axis and the period
 * filter (`from`–`to`) the graph is asked with. timeline-view.ts draws what this computes.
 */

/** A date as the API gives it (PartialDate): the period it can mean, and how precise it is. */
export interface DateSpan {
  value: string;
  earliest: string;
  latest: string;
  precision: string;
}

export interface AxisEvent {
  id: string;
  name: string;
  status: string;
  start?: DateSpan | null;
  end?: DateSpan | null;
  /** Ids of the events in view this one FOLLOWS (a FOLLOWS link from it to them: they came first). */
  follows: string[];
}

/** The period filter of the view: either asOf, or from and/or to (partial dates), as the API takes them. */
export interface PeriodFilter {
  asOf?: string;
  from?: string;
  to?: string;
}

export interface Span {
  start: number;
  end: number;
  /** Ongoing with no end reported: drawn on to the axis' end. */
  open: boolean;
}

export interface Domain {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day (yyyy-mm-dd), in UTC. */
export function dayOf(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  return Math.round(Date.UTC(year!, (month ?? 1) - 1, day ?? 1) / DAY_MS);
}

/** The ISO day (yyyy-mm-dd) of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth() + 1;

/**
 * The days an event covers on the axis: a partial date is the whole of its period (a "2012"
 * start spans 2012), up to the last day of its end; an ongoing event without an end is open.
 * Undated events have no span: they go to their own lane.
 */
export function spanOf(event: AxisEvent): Span | null {
  if (!event.start) return null;
  const start = dayOf(event.start.earliest);
  const end = Math.max(start, dayOf((event.end ?? event.start).latest));
  return { start, end, open: !event.end && event.status === 'ONGOING' };
}

/** The first and last day of a period filter (undefined ends open), as the API reads it. */
export function periodDays(period: PeriodFilter): Domain | null {
  if (period.asOf) {
    const asOf = parsePartialDate(period.asOf);
    return { start: dayOf(asOf.earliest), end: dayOf(asOf.latest) };
  }
  if (!period.from && !period.to) return null;
  return {
    start: period.from ? dayOf(parsePartialDate(period.from).earliest) : Number.NEGATIVE_INFINITY,
    end: period.to ? dayOf(parsePartialDate(period.to).latest) : Number.POSITIVE_INFINITY,
  };
}

/**
 * Whether the API's traversals keep an event under the period filter: with asOf or from–to an
 * event must be dated and begun by the period's last day (undated is unknown, so left out).
 * The graph's answer already obeys this; the axis applies it again to entities added to the
 * view without the filters (a selected event, a path's end), so the two never disagree.
 */
export function keptByPeriod(event: AxisEvent, period: PeriodFilter): boolean {
  const days = periodDays(period);
  if (!days) return true;
  return !!event.start && dayOf(event.start.earliest) <= days.end;
}

/** The axis' extent: whole years around every span and the period filtered on, or null when there is nothing. */
export function domainOf(spans: readonly Span[], period?: Domain | null): Domain | null {
  const days = spans.flatMap((span) => [span.start, span.end]);
  if (period) days.push(...[period.start, period.end].filter(Number.isFinite));
  if (days.length === 0) return null;
  const first = yearOf(Math.min(...days));
  const last = yearOf(Math.max(...days));
  return { start: dayOf(`${first}-01-01`), end: dayOf(`${last + 1}-01-01`) };
}

export interface Scale {
  x(day: number): number;
  day(x: number): number;
}

/** A linear scale from the domain's days to pixels between left and right. */
export function scaleOf(domain: Domain, left: number, right: number): Scale {
  const ratio = (right - left) / Math.max(1, domain.end - domain.start);
  return {
    x: (day) => left + (day - domain.start) * ratio,
    day: (x) => domain.start + (x - left) / ratio,
  };
}

export interface Tick {
  day: number;
  label: string;
}

const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100];
const MONTH_STEPS = [1, 3, 6];

/** Ticks on whole years (every 1, 2, 5 … years), or on months for an axis of two years or less. */
export function ticksOf(domain: Domain, maxTicks: number): Tick[] {
  const firstYear = yearOf(domain.start);
  const years = yearOf(domain.end - 1) - firstYear + 1;
  if (years <= 2) {
    const months = years * 12;
    const step = MONTH_STEPS.find((candidate) => months / candidate <= maxTicks) ?? 12;
    return Array.from({ length: Math.floor(months / step) + 1 }, (_, index) => {
      const month = index * step;
      const year = firstYear + Math.floor(month / 12);
      const label = `${year}-${String((month % 12) + 1).padStart(2, '0')}`;
      return { day: dayOf(`${label}-01`), label };
    }).filter((tick) => tick.day <= domain.end);
  }
  const step = YEAR_STEPS.find((candidate) => years / candidate <= maxTicks) ?? 100;
  const start = Math.ceil(firstYear / step) * step;
  const ticks: Tick[] = [];
  for (let year = start; year <= firstYear + years; year += step)
    ticks.push({ day: dayOf(`${year}-01-01`), label: String(year) });
  return ticks;
}

/**
 * Rows for the dated events, so no two spans overlap in a row: each goes to the first row that
 * is free by its start (earliest start first, then id), the way a Gantt chart packs bars.
 */
export function datedLanes(items: ReadonlyArray<{ id: string; span: Span }>, domainEnd: number): Map<string, number> {
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start || (a.id < b.id ? -1 : 1));
  const rowEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const { id, span } of sorted) {
    const end = span.open ? domainEnd : span.end;
    let row = rowEnds.findIndex((rowEnd) => rowEnd < span.start);
    if (row < 0) row = rowEnds.push(end) - 1;
    else rowEnds[row] = end;
    lanes.set(id, row);
  }
  return lanes;
}

export interface UndatedOrder {
  /** The undated events, first to last as the FOLLOWS links order them (unlinked ones by name). */
  ordered: AxisEvent[];
  /** Each FOLLOWS link between two of them: [the earlier, the later]. */
  links: Array<[string, string]>;
}

/**
 * The undated events in the order the sources give them: "the blockade follows the abduction"
 * (a FOLLOWS link from the blockade to the abduction) puts the abduction first. A topological
 * order (Kahn's), ties and events no link orders broken by name, so the numbers are stable; a
 * cycle (which the sources should not make) is broken by name too rather than dropping events.
 */
export function undatedOrder(events: readonly AxisEvent[]): UndatedOrder {
  const undated = events.filter((event) => !event.start);
  const ids = new Set(undated.map((event) => event.id));
  const links: Array<[string, string]> = undated.flatMap((later) =>
    later.follows
      .filter((earlier) => ids.has(earlier) && earlier !== later.id)
      .map((earlier): [string, string] => [earlier, later.id]),
  );
  const before = new Map(undated.map((event) => [event.id, new Set<string>()]));
  for (const [earlier, later] of links) before.get(later)!.add(earlier);
  const byName = (a: AxisEvent, b: AxisEvent) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  const left = [...undated].sort(byName);
  const ordered: AxisEvent[] = [];
  while (left.length > 0) {
    const placed = new Set(ordered.map((event) => event.id));
    const index = left.findIndex((event) => [...before.get(event.id)!].every((id) => placed.has(id)));
    ordered.push(...left.splice(Math.max(index, 0), 1));
  }
  return { ordered, links };
}

/** How finely a brush snaps: to whole years on a long axis, to months on one of a few years. */
export function brushUnit(domain: Domain): 'year' | 'month' {
  return yearOf(domain.end - 1) - yearOf(domain.start) >= 3 ? 'year' : 'month';
}

function unitOf(day: number, unit: 'year' | 'month'): string {
  const year = String(yearOf(day));
  return unit === 'year' ? year : `${year}-${String(monthOf(day)).padStart(2, '0')}`;
}

/**
 * A dragged stretch of axis as the period filter: from the year (or month) where it starts to
 * the one where it ends, within the axis. The API reads `to` to its last day, so a drag across
 * part of 2012 gives from 2012 to 2012: the whole of 2012.
 */
export function brushPeriod(scale: Scale, domain: Domain, x0: number, x1: number): { from: string; to: string } {
  const clamp = (day: number) => Math.min(domain.end - 1, Math.max(domain.start, day));
  const days = [clamp(scale.day(Math.min(x0, x1))), clamp(scale.day(Math.max(x0, x1)))];
  const unit = brushUnit(domain);
  return { from: unitOf(days[0]!, unit), to: unitOf(days[1]!, unit) };
}

function shift(value: string, by: number): string {
  const [year, month] = value.split('-').map(Number);
  if (month === undefined) return String(year! + by);
  const index = year! * 12 + (month - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The keyboard's brush: Left/Right move the period one unit, Shift+Left/Right move its end
 * (never before its start); with no period yet, the first key picks the axis' first unit.
 * Returns the period unchanged for any other key.
 */
export function stepPeriod(
  period: { from: string; to: string } | null,
  key: string,
  shiftKey: boolean,
  domain: Domain,
): { from: string; to: string } | null {
  const by = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
  if (by === 0) return period;
  const unit = brushUnit(domain);
  if (!period) {
    const first = unitOf(domain.start, unit);
    return { from: first, to: first };
  }
  const first = unitOf(domain.start, unit);
  const last = unitOf(domain.end - 1, unit);
  const inside = (value: string) => value >= first && value <= last;
  if (shiftKey) {
    const to = shift(period.to, by);
    return to >= period.from && inside(to) ? { from: period.from, to } : period;
  }
  const next = { from: shift(period.from, by), to: shift(period.to, by) };
  return inside(next.from) && inside(next.to) ? next : period;
}
