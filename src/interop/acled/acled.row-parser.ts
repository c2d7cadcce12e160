import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { InvalidUtf8Error, NOT_UTF8, Utf8Guard } from '../../bundle/format';
import type { FieldProblem } from '../../errors';
import { isPartialDate } from '../../model/partial-date';
import { ACLED_COLUMNS, actorTypeCode, REQUIRED_COLUMNS, TimePrecision, type AcledColumn } from './acled.codebook';

/**
 * Reads an ACLED CSV export as a stream (csv-parse) into typed rows, checking every cell the
 * import relies on. Problems name the row's line in the file (the header is line 1) and the
 * column, and do not stop the reading: the caller gets every problem of the file at once (up to
 * MAX_PROBLEMS) and writes nothing when there is one.
 */

export interface AcledActorCell {
  /** The name as ACLED writes it ("Military Forces of Mali (2021-)"). */
  name: string;
  /** The inter1/inter2 code of the side it is on (0: none given). */
  typeCode: number;
}

export interface AcledRow {
  /** Line of the file the row starts on. */
  line: number;
  eventId: string;
  eventDate: string;
  timePrecision: TimePrecision;
  disorderType: string;
  eventType: string;
  subEventType: string;
  actor1: AcledActorCell;
  assocActors1: AcledActorCell[];
  actor2?: AcledActorCell;
  assocActors2: AcledActorCell[];
  interaction: string;
  civilianTargeting: string;
  country: string;
  region: string;
  admin1: string;
  admin2: string;
  admin3: string;
  location: string;
  latitude: number;
  longitude: number;
  geoPrecision: number;
  /** The outlets named in `source`, split on ';'. */
  sources: string[];
  sourceScale: string;
  notes: string;
  fatalities: number;
  tags: string;
}

export interface AcledParseResult {
  rows: AcledRow[];
  problems: FieldProblem[];
}

const MAX_PROBLEMS = 100;
/** ACLED ids: a country acronym and a number (MLI12345); anything else cannot be a stable key. */
const EVENT_ID = /^[A-Z]{2,4}\d{1,12}$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Parses and checks the whole file; `input` is a stream (a file) or the CSV text itself. */
export async function parseAcledCsv(input: Readable | string): Promise<AcledParseResult> {
  const rows: AcledRow[] = [];
  const problems: FieldProblem[] = [];
  for await (const chunk of readAcledRows(input, problems)) rows.push(...chunk);
  return { rows, problems };
}

/**
 * The same reading, streamed: yields the good rows `chunkRows` at a time and adds every problem
 * (up to MAX_PROBLEMS) to `problems` as it finds it, so a file of any size is read in bounded
 * memory; the caller writes nothing when `problems` is not empty at the end. Bytes that are not
 * UTF-8 (a file), or the replacement character they became (text), are a problem naming the line.
 */
export async function* readAcledRows(
  input: Readable | string,
  problems: FieldProblem[],
  chunkRows = 1_000,
): AsyncGenerator<AcledRow[]> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  const seenIds = new Map<string, number>();
  let header: Header | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  let rows: AcledRow[] = [];
  const add = (problem: FieldProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  const source = typeof input === 'string' ? undefined : input;
  // pipe() does not pass on a read error (a missing file): end the parser with it instead.
  const guard = new Utf8Guard();
  if (source) {
    source.once('error', (error) => parser.destroy(error)).pipe(guard);
    guard.once('error', (error) => parser.destroy(error)).pipe(parser);
  } else Readable.from(slices(input as string)).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; empty_lines: number };
    }>) {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      if (!source && record.some((cell) => cell.includes(REPLACEMENT_CHARACTER))) {
        add({ field: `line ${line}`, reason: REPLACED_TEXT });
        continue;
      }
      if (!header) {
        header = readHeader(record, add);
        if (!header) break;
        continue;
      }
      const row = readRow(record, line, header, add);
      if (!row) continue;
      const earlier = seenIds.get(row.eventId);
      if (earlier !== undefined) {
        add(problemAt(line, row.eventId, 'event_id_cnty', `"${row.eventId}" is also the id of line ${earlier}`));
        continue;
      }
      seenIds.set(row.eventId, line);
      rows.push(row);
      if (rows.length >= chunkRows) {
        yield rows;
        rows = [];
      }
    }
  } catch (error) {
    // csv-parse stops at text that is not CSV (an unclosed quote, a stray one: its codes vary, its
    // class does not), the guard at bytes that are not UTF-8: report where, keep what was found.
    if (error instanceof InvalidUtf8Error) add({ field: `line ${error.line}`, reason: NOT_UTF8 });
    else if (error instanceof CsvError)
      add({
        field: `line ${(error as CsvError & { lines?: number }).lines ?? previousEnd + 1}`,
        reason: `not CSV: ${error.message}`,
      });
    else throw error;
  } finally {
    source?.unpipe(guard);
    guard.unpipe(parser);
  }
  if (rows.length > 0) yield rows;
  if (!header && problems.length === 0) add({ field: 'line 1', reason: 'the file is empty: no header row' });
}

/**
 * Text (a mutation's argument) in slices, the event loop free between them: parsing it in one go
 * would hold up every other request, health checks included. A slice never ends between the two
 * halves of a surrogate pair.
 */
async function* slices(text: string, size = 64 * 1024): AsyncGenerator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + size, text.length);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    yield text.slice(start, end);
    start = end;
    await setImmediate();
  }
}

const REPLACEMENT_CHARACTER = '\uFFFD';
const REPLACED_TEXT =
  'holds U+FFFD, the mark of bytes that were not UTF-8 (replaced when the text was decoded): send the file as UTF-8';

interface Header {
  columns: Map<AcledColumn, number>;
  width: number;
}

function readHeader(record: string[], add: (p: FieldProblem) => void): Header | undefined {
  const index = new Map<string, number>(record.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = REQUIRED_COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0) {
    add({
      field: 'line 1',
      reason: `the header lacks ACLED column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (is this an ACLED export?)`,
    });
    return undefined;
  }
  return {
    columns: new Map(ACLED_COLUMNS.filter((c) => index.has(c)).map((c) => [c, index.get(c)!])),
    width: record.length,
  };
}

const problemAt = (line: number, eventId: string, column: string, reason: string): FieldProblem => ({
  field: `line ${line}.${column}`,
  reason,
  record: `line ${line}${eventId ? ` "${eventId}"` : ''}`,
});

function readRow(record: string[], line: number, header: Header, add: (p: FieldProblem) => void): AcledRow | undefined {
  const cell = (column: AcledColumn): string => {
    const i = header.columns.get(column);
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const eventId = cell('event_id_cnty');
  let ok = true;
  const problem = (column: string, reason: string) => {
    ok = false;
    add(problemAt(line, eventId, column, reason));
  };
  if (record.length !== header.width) {
    problem('row', `has ${record.length} fields, the header has ${header.width}`);
    return undefined;
  }

  if (!eventId) problem('event_id_cnty', 'is missing: every ACLED event has an id such as MLI12345');
  else if (!EVENT_ID.test(eventId))
    problem('event_id_cnty', `"${eventId}" is not an ACLED event id (a country acronym and a number, e.g. MLI12345)`);

  const eventDate = isoDate(cell('event_date'));
  if (!eventDate)
    problem('event_date', `"${cell('event_date')}" is not a date (YYYY-MM-DD or "12 May 2024", a day that exists)`);
  const year = cell('year');
  if (eventDate && year && year !== eventDate.slice(0, 4))
    problem('year', `${year} is not the year of event_date ${eventDate}`);

  const timePrecision = Number(cell('time_precision'));
  if (![TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH].includes(timePrecision))
    problem('time_precision', `"${cell('time_precision')}" is not 1 (day), 2 (week) or 3 (month)`);

  for (const column of ['event_type', 'sub_event_type', 'actor1', 'country'] as const) {
    if (!cell(column)) problem(column, 'is missing');
  }

  const inter1 = actorTypeCode(cell('inter1'));
  const inter2 = actorTypeCode(cell('inter2'));
  if (inter1 === undefined) problem('inter1', `"${cell('inter1')}" is not an ACLED actor type (1-8 or its label)`);
  if (inter2 === undefined) problem('inter2', `"${cell('inter2')}" is not an ACLED actor type (1-8 or its label)`);

  const latitude = decimal(cell('latitude'));
  const longitude = decimal(cell('longitude'));
  if (latitude === undefined || latitude < -90 || latitude > 90)
    problem('latitude', `"${cell('latitude')}" is not a latitude (a number from -90 to 90)`);
  if (longitude === undefined || longitude < -180 || longitude > 180)
    problem('longitude', `"${cell('longitude')}" is not a longitude (a number from -180 to 180)`);
  const geoPrecision = Number(cell('geo_precision'));
  if (![1, 2, 3].includes(geoPrecision)) problem('geo_precision', `"${cell('geo_precision')}" is not 1, 2 or 3`);

  const fatalitiesCell = cell('fatalities') || '0';
  const fatalities = /^\d{1,7}$/.test(fatalitiesCell) ? Number(fatalitiesCell) : undefined;
  if (fatalities === undefined) problem('fatalities', `"${cell('fatalities')}" is not a count (a whole number from 0)`);

  if (!ok) return undefined;
  const actor = (name: string, typeCode: number): AcledActorCell => ({ name, typeCode });
  const list = (text: string, typeCode: number) => splitList(text).map((name) => actor(name, typeCode));
  return {
    line,
    eventId,
    eventDate: eventDate!,
    timePrecision: timePrecision as TimePrecision,
    disorderType: cell('disorder_type'),
    eventType: cell('event_type'),
    subEventType: cell('sub_event_type'),
    actor1: actor(cell('actor1'), inter1!),
    assocActors1: list(cell('assoc_actor_1'), inter1!),
    actor2: cell('actor2') ? actor(cell('actor2'), inter2!) : undefined,
    assocActors2: list(cell('assoc_actor_2'), inter2!),
    interaction: cell('interaction'),
    civilianTargeting: cell('civilian_targeting'),
    country: cell('country'),
    region: cell('region'),
    admin1: cell('admin1'),
    admin2: cell('admin2'),
    admin3: cell('admin3'),
    location: cell('location'),
    latitude: latitude!,
    longitude: longitude!,
    geoPrecision,
    sources: splitList(cell('source')),
    sourceScale: cell('source_scale'),
    notes: cell('notes'),
    fatalities: fatalities!,
    tags: cell('tags'),
  };
}

/** ACLED lists several names in one cell separated by ';' ("Le Monde; Twitter"). */
function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

function decimal(text: string): number | undefined {
  return /^-?\d{1,3}(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** event_date as YYYY-MM-DD: exports write it so, older ones as "12 May 2024" or "12-May-2024". */
function isoDate(text: string): string | undefined {
  let iso: string | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
  const spelled = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})$/.exec(text);
  if (spelled) {
    const month = MONTHS.indexOf(spelled[2].slice(0, 3).toLowerCase()) + 1;
    if (month > 0) iso = `${spelled[3]}-${String(month).padStart(2, '0')}-${spelled[1].padStart(2, '0')}`;
  }
  return iso && isPartialDate(iso) ? iso : undefined;
}
