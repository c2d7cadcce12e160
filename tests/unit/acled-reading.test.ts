import { readActorName } from '../../src/interop/acled/acled.actor-names';
import { ACLED_COLUMNS } from '../../src/interop/acled/acled.codebook';
import { eventPeriod } from '../../src/interop/acled/acled.mapping';
import { parseAcledCsv } from '../../src/interop/acled/acled.row-parser';

/** Reading ACLED without a database: the naming patterns, the date precision, the CSV rows. */

const HEADER = ACLED_COLUMNS.join(',');
const row = (cells: Partial<Record<(typeof ACLED_COLUMNS)[number], string>>) =>
  ACLED_COLUMNS.map((column) => {
    const value =
      cells[column] ??
      {
        event_id_cnty: 'MLI1',
        event_date: '2024-05-12',
        year: '2024',
        time_precision: '1',
        event_type: 'Battles',
        sub_event_type: 'Armed clash',
        actor1: 'JNIM: Group for Support of Islam and Muslims',
        inter1: '2',
        country: 'Mali',
        latitude: '15.2',
        longitude: '-9.5',
        geo_precision: '1',
        notes: 'SYNTHETIC',
      }[column as string] ??
      '';
    return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }).join(',');

describe('ACLED actor names', () => {
  it('drops the period suffix and splits "X: Y"', () => {
    expect(readActorName('Military Forces of Mali (2021-)')).toEqual({
      acledName: 'Military Forces of Mali (2021-)',
      displayName: 'Military Forces of Mali',
      keys: ['military forces of mali 2021', 'military forces of mali'],
      forcesOf: 'Mali',
    });
    expect(readActorName('JNIM: Group for Support of Islam and Muslims')).toMatchObject({
      displayName: 'JNIM',
      keys: ['jnim group for support of islam and muslims', 'jnim', 'group for support of islam and muslims'],
      forcesOf: undefined,
    });
    expect(readActorName('Police Forces of Niger (2023-)')).toMatchObject({ forcesOf: undefined });
    expect(readActorName('Civilians (Mali)').displayName).toBe('Civilians (Mali)');
  });
});

describe('ACLED date precision', () => {
  it('gives a day, the week around the date, or the month', () => {
    expect(eventPeriod('2024-05-12', 1)).toEqual({ start: '2024-05-12' });
    expect(eventPeriod('2024-03-01', 2)).toEqual({ start: '2024-02-27', end: '2024-03-04' });
    expect(eventPeriod('2024-05-12', 3)).toEqual({ start: '2024-05' });
  });
});

describe('ACLED rows', () => {
  it('reads quoted notes over several lines and names later rows by the line they start on', async () => {
    const csv = [
      HEADER,
      row({ notes: 'SYNTHETIC: first line\nsecond line, with a comma' }),
      row({ event_id_cnty: 'MLI2', event_date: '12 May 2024', assoc_actor_1: 'Group A; Group B' }),
      row({ event_id_cnty: 'MLI3', longitude: '-190' }),
    ].join('\n');
    const { rows, problems } = await parseAcledCsv(csv);
    expect(rows.map((r) => [r.line, r.eventId, r.eventDate])).toEqual([
      [2, 'MLI1', '2024-05-12'],
      [4, 'MLI2', '2024-05-12'],
    ]);
    expect(rows[0].notes).toBe('SYNTHETIC: first line\nsecond line, with a comma');
    expect(rows[1].assocActors1.map((a) => a.name)).toEqual(['Group A', 'Group B']);
    expect(problems).toEqual([expect.objectContaining({ field: 'line 5.longitude', record: 'line 5 "MLI3"' })]);
  });

  it('refuses a file that is not an ACLED export, a repeated id and a wrong field count', async () => {
    expect((await parseAcledCsv('name,date\nx,y\n')).problems[0]).toMatchObject({ field: 'line 1' });
    const { problems } = await parseAcledCsv(
      [HEADER, row({}), row({}), `${row({ event_id_cnty: 'MLI9' })},extra`].join('\n'),
    );
    expect(problems.map((p) => p.field)).toEqual(['line 3.event_id_cnty', 'line 4.row']);
    expect(problems[0].reason).toContain('also the id of line 2');
  });

  it('reports text that is not CSV (an unclosed quote) with its line instead of throwing', async () => {
    const { problems } = await parseAcledCsv(`${HEADER}\n${row({})}\n"MLI2,unclosed`);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'line 3', reason: expect.stringMatching(/^not CSV: /) }),
    ]);
  });
});
