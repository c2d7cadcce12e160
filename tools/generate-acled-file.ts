import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ACLED_COLUMNS } from '../src/interop/acled/acled.codebook';
import { random } from './scale-graph';

/**
 * A synthetic ACLED export (seeded, so the same every time): `rows` events among 1,500 groups,
 * five countries' forces and 300 outlets. `padding` characters added to each row's notes make a
 * file large with few rows (82,000 rows with padding 450: about 50 MB, the size of issue 19).
 * For the ACLED benchmark and the tests of large files.
 */

const COUNTRIES = ['Mali', 'Burkina Faso', 'Niger', 'Mauritania', 'Senegal'];
const EVENT_TYPES: Array<[string, string, string]> = [
  ['Battles', 'Armed clash', 'Political violence'],
  ['Explosions/Remote violence', 'Air/drone strike', 'Political violence'],
  ['Violence against civilians', 'Abduction/forced disappearance', 'Political violence'],
  ['Protests', 'Peaceful protest', 'Demonstrations'],
  ['Strategic developments', 'Looting/property destruction', 'Strategic developments'],
];

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function* acledCsvLines(rows: number, { padding = 0 }: { padding?: number } = {}): Generator<string> {
  const next = random(14);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const groups = Array.from({ length: 1_500 }, (_, i) =>
    i % 3 === 0 ? `G${i}: Armed Group Number ${i}` : `Militia ${i} (${pick(COUNTRIES)})`,
  );
  const forces = COUNTRIES.map((country) => `Military Forces of ${country} (2021-)`);
  const outlets = Array.from({ length: 300 }, (_, i) => `Outlet ${i}`);
  yield ACLED_COLUMNS.join(',');
  const filler = padding > 0 ? ` ${'x'.repeat(padding)}` : '';
  for (let i = 0; i < rows; i++) {
    const country = pick(COUNTRIES);
    const [eventType, subEventType, disorder] = pick(EVENT_TYPES);
    const admin1 = `Region ${Math.floor(next() * 10)}`;
    const admin2 = `${admin1} District ${Math.floor(next() * 5)}`;
    const location = `Town ${Math.floor(next() * 4_000)}`;
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    const date = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const cells: Record<string, string> = {
      event_id_cnty: `BEN${i + 1}`,
      event_date: date,
      year: '2024',
      time_precision: String(1 + Math.floor(next() * 3)),
      disorder_type: disorder,
      event_type: eventType,
      sub_event_type: subEventType,
      actor1: pick(groups),
      assoc_actor_1: next() < 0.2 ? pick(groups) : '',
      inter1: '2',
      actor2: next() < 0.7 ? pick(forces) : '',
      assoc_actor_2: '',
      inter2: '1',
      interaction: '12',
      civilian_targeting: '',
      iso: '466',
      region: 'Western Africa',
      country,
      admin1: `${admin1} of ${country}`,
      admin2,
      admin3: '',
      location,
      latitude: (10 + next() * 10).toFixed(4),
      longitude: (-12 + next() * 14).toFixed(4),
      geo_precision: String(1 + Math.floor(next() * 3)),
      source: next() < 0.5 ? pick(outlets) : `${pick(outlets)}; ${pick(outlets)}`,
      source_scale: 'National',
      notes: `SYNTHETIC benchmark row ${i + 1}, not ACLED data: an event coded for the import benchmark.${filler}`,
      fatalities: String(Math.floor(next() * 10)),
      tags: '',
      timestamp: '1735000000',
    };
    yield ACLED_COLUMNS.map((column) => csvCell(cells[column])).join(',');
  }
}

/** The whole file as text (small files). */
export function generateAcledCsv(rows: number, options: { padding?: number } = {}): string {
  return `${[...acledCsvLines(rows, options)].join('\n')}\n`;
}

/** Writes the file line by line (any size, in bounded memory); resolves with its size in bytes. */
export async function writeAcledFile(file: string, rows: number, options: { padding?: number } = {}): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const line of acledCsvLines(rows, options)) {
    bytes += Buffer.byteLength(line) + 1;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return bytes;
}
