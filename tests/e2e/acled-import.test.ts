import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_KEYS } from '../support/app';
import { graphCounts } from '../support/database';
import { gql } from '../support/http';
import { useSeededApp } from '../support/seeded-app';

/**
 * The ACLED import through the importAcled mutation over real HTTP, on the seeded real Neo4j,
 * with the synthetic fixtures of tests/fixtures/acled (see the README there). Each case imports
 * the rows it asserts on (cases that change rows use ids of their own), so any case passes alone.
 */

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'acled');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const DUPLICATED_ACTORS = fixture('duplicated-actors.csv');

const IMPORT = `mutation($csv: String!, $credibility: Int, $reliability: Reliability, $dryRun: Boolean) {
  importAcled(csv: $csv, credibility: $credibility, reliability: $reliability, dryRun: $dryRun) {
    dryRun events nodes { created updated unchanged } relationships { created updated unchanged }
  }
}`;

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}
interface ImportAcled {
  importAcled: { dryRun: boolean; events: number; nodes: Counts; relationships: Counts };
}

describe('ACLED import (importAcled over HTTP)', () => {
  const { fixture: app, ask, reject } = useSeededApp();
  const read = <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}) =>
    app.db.read<T>('test.acled', cypher, params);
  const changeCount = async () => (await read<{ n: number }>('MATCH (c:Change) RETURN count(c) AS n'))[0].n;

  it('attaches ACLED names of JNIM and Mali’s forces to the seeded actors instead of creating duplicates', async () => {
    const { importAcled } = await ask<ImportAcled>(IMPORT, { csv: DUPLICATED_ACTORS });
    expect(importAcled).toMatchObject({ dryRun: false, events: 4 });

    const participants = await read<{ actor: string; event: string; role: string }>(
      `MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e:Event) WHERE e.id STARTS WITH 'acled-mli9000'
       RETURN a.id AS actor, e.id AS event, p.role AS role ORDER BY event, actor, role`,
    );
    expect(participants).toEqual([
      { actor: 'acled-wagner-group', event: 'acled-mli90001', role: 'PERPETRATOR' },
      { actor: 'jnim', event: 'acled-mli90001', role: 'PERPETRATOR' },
      { actor: 'mali-armed-forces', event: 'acled-mli90001', role: 'PERPETRATOR' },
      { actor: 'acled-civilians-mali', event: 'acled-mli90002', role: 'VICTIM' },
      { actor: 'acled-transport-workers-mali', event: 'acled-mli90002', role: 'VICTIM' },
      { actor: 'jnim', event: 'acled-mli90002', role: 'PERPETRATOR' },
      { actor: 'jnim', event: 'acled-mli90003', role: 'TARGET' },
      { actor: 'mali-armed-forces', event: 'acled-mli90003', role: 'PERPETRATOR' },
      { actor: 'acled-katiba-macina', event: 'acled-mli90004', role: 'INITIATOR' },
      { actor: 'jnim', event: 'acled-mli90004', role: 'INITIATOR' },
    ]);

    // Only names the seed does not know became actors, each with its ACLED name and kind.
    const created = await read<{ id: string; name: string; aliases: string[]; kind: string }>(
      `MATCH (a:Actor) WHERE a.id STARTS WITH 'acled-' RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.kind AS kind ORDER BY id`,
    );
    expect(created).toEqual([
      { id: 'acled-civilians-mali', name: 'Civilians (Mali)', aliases: [], kind: 'GROUP' },
      { id: 'acled-katiba-macina', name: 'Katiba Macina', aliases: [], kind: 'ARMED_GROUP' },
      { id: 'acled-transport-workers-mali', name: 'Transport Workers (Mali)', aliases: [], kind: 'GROUP' },
      { id: 'acled-wagner-group', name: 'Wagner Group', aliases: [], kind: 'FORCE' },
    ]);
    const seeded = await read<{ n: number }>(
      `MATCH (a:Actor) WHERE any(name IN [a.name] + a.aliases WHERE toLower(name) IN ['jnim', 'military forces of mali', 'military forces of mali (2021-)']) RETURN count(a) AS n`,
    );
    expect(seeded[0].n).toBe(1); // JNIM itself; Mali's forces are "Malian Armed Forces" (FAMa), found by country

    // The event: type, dates with their precision, fatalities, notes as the excerpt, ACLED's id kept.
    const events = await read<Record<string, unknown>>(
      `MATCH (e:Event) WHERE e.id STARTS WITH 'acled-mli9000'
       RETURN e.id AS id, e.type AS type, e.start AS start, e.startPrecision AS startPrecision, e.end AS end,
              e.quantityMeasure AS measure, e.quantityValue AS fatalities, e.acledEventId AS acledId,
              e.acledSubEventType AS subType, e.excerpt STARTS WITH 'SYNTHETIC' AS notesAsExcerpt ORDER BY id`,
    );
    expect(events).toEqual([
      expect.objectContaining({
        id: 'acled-mli90001',
        type: 'ATTACK',
        start: '2024-05-12',
        startPrecision: 'DAY',
        end: null,
      }),
      expect.objectContaining({ id: 'acled-mli90002', type: 'ABDUCTION', start: '2024-05-17', end: '2024-05-23' }),
      expect.objectContaining({ id: 'acled-mli90003', type: 'AIRSTRIKE', start: '2024-06', startPrecision: 'MONTH' }),
      expect.objectContaining({ id: 'acled-mli90004', type: 'OTHER', subType: 'Looting/property destruction' }),
    ]);
    expect(events[0]).toMatchObject({
      measure: 'fatalities',
      fatalities: 4,
      acledId: 'MLI90001',
      notesAsExcerpt: true,
    });

    // Places: the seeded Mali and Kayes reused, the rest below them, coordinates on the location.
    const [place] = await read<{ chain: string[]; latitude: number; geoPrecision: number }>(
      `MATCH (:Event {id: 'acled-mli90001'})-[o:OCCURRED_IN]->(l:Location)
       MATCH chain = (l)-[:PART_OF*]->(:Location {id: 'mali-country'})
       RETURN [n IN nodes(chain) | n.id] AS chain, l.latitude AS latitude, o.geoPrecision AS geoPrecision`,
    );
    expect(place).toEqual({
      chain: [
        'acled-mali-kayes-nioro-nioro-nioro-du-sahel',
        'acled-mali-kayes-nioro-nioro',
        'acled-mali-kayes-nioro',
        'kayes',
        'mali-country',
      ],
      latitude: 15.23,
      geoPrecision: 1,
    });

    // Sources: ACLED itself and each outlet, at the default grades.
    const sources = await read<{ id: string; reliability: string }>(
      `MATCH (:Event {id: 'acled-mli90001'})-[:REPORTED_BY]->(s:Source) RETURN s.id AS id, s.reliability AS reliability ORDER BY id`,
    );
    expect(sources).toEqual([
      { id: 'acled', reliability: 'B' },
      { id: 'acled-source-le-monde', reliability: 'F' },
      { id: 'acled-source-studio-tamani', reliability: 'F' },
    ]);
  });

  it('one new actor for the periods of a force the graph does not have, with each ACLED name as an alias', async () => {
    const [header, first] = DUPLICATED_ACTORS.split('\n');
    const niger = (id: string, force: string) =>
      first
        .replace('MLI90001', id)
        .replace('Military Forces of Mali (2021-)', force)
        .replace(',Mali,Kayes,Nioro,Nioro,Nioro du Sahel,', ',Niger,Tillaberi,Ouallam,,Ouallam,');
    const csv = [
      header,
      niger('NER90001', 'Military Forces of Niger (2011-2023)'),
      niger('NER90002', 'Military Forces of Niger (2023-)'),
    ].join('\n');
    await ask<ImportAcled>(IMPORT, { csv });
    const forces = await read<{ id: string; name: string; aliases: string[]; kind: string; events: string[] }>(
      `MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WHERE e.id IN ['acled-ner90001', 'acled-ner90002'] AND a.kind = 'FORCE' AND a.id <> 'acled-wagner-group'
       WITH a, collect(e.id) AS events ORDER BY a.id
       RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.kind AS kind, events`,
    );
    expect(forces).toEqual([
      {
        id: 'acled-military-forces-of-niger',
        name: 'Military Forces of Niger',
        aliases: ['Military Forces of Niger (2011-2023)', 'Military Forces of Niger (2023-)'],
        kind: 'FORCE',
        events: expect.arrayContaining(['acled-ner90001', 'acled-ner90002']),
      },
    ]);
    // The seeded Niger (and the Sahel above it) reused; the rest of the chain created below it.
    const [chain] = await read<{ ids: string[] }>(
      `MATCH path = (:Event {id: 'acled-ner90001'})-[:OCCURRED_IN]->(:Location)-[:PART_OF*]->(top:Location) WHERE NOT (top)-[:PART_OF]->()
       RETURN [n IN nodes(path)[1..] | n.id] AS ids`,
    );
    expect(chain.ids).toEqual([
      'acled-niger-tillaberi-ouallam-ouallam',
      'acled-niger-tillaberi-ouallam',
      'acled-niger-tillaberi',
      'niger-country',
      'sahel',
    ]);
  });

  it('re-importing the same file changes nothing', async () => {
    await ask<ImportAcled>(IMPORT, { csv: DUPLICATED_ACTORS });
    const before = { ...(await graphCounts(app.db)), changes: await changeCount() };
    const { importAcled } = await ask<ImportAcled>(IMPORT, { csv: DUPLICATED_ACTORS });
    expect(importAcled.nodes).toMatchObject({ created: 0, updated: 0 });
    expect(importAcled.relationships).toMatchObject({ created: 0, updated: 0 });
    expect(importAcled.nodes.unchanged).toBeGreaterThan(4);
    expect({ ...(await graphCounts(app.db)), changes: await changeCount() }).toEqual(before);
  });

  it('an updated row updates its event, and only it', async () => {
    const rows = DUPLICATED_ACTORS.replace(/MLI9000(\d)/g, 'MLI9100$1');
    await ask<ImportAcled>(IMPORT, { csv: rows });
    const updated = rows
      .split('\n')
      .map((line) => (line.startsWith('MLI91001,') ? line.replace('",4,,', '",6,,') : line))
      .join('\n');
    expect(updated).not.toBe(rows);
    const { importAcled } = await ask<ImportAcled>(IMPORT, { csv: updated });
    expect(importAcled.nodes).toMatchObject({ created: 0, updated: 1 });
    expect(importAcled.relationships).toMatchObject({ created: 0, updated: 0 });
    const [event] = await read<{ fatalities: number; events: number }>(
      `MATCH (e:Event {acledEventId: 'MLI91001'}) RETURN e.quantityValue AS fatalities, count(*) AS events`,
    );
    expect(event).toEqual({ fatalities: 6, events: 1 });
    const history = await read<{ change: string; fields: string[] }>(
      `MATCH (c:Change {targetId: 'acled-mli91001'}) RETURN c.change AS change, c.changedFields AS fields ORDER BY c.at DESC LIMIT 1`,
    );
    expect(history[0]).toMatchObject({ change: 'UPDATED', fields: ['quantityValue'] });
  });

  it('credibility and reliability are set by the arguments', async () => {
    const rows = DUPLICATED_ACTORS.replace(/MLI9000(\d)/g, 'MLI9200$1').replace(/Studio Tamani/g, 'Radio Kledu');
    await ask<ImportAcled>(IMPORT, { csv: rows, credibility: 2, reliability: 'C' });
    const [row] = await read<{ credibility: number; reliability: string }>(
      `MATCH (e:Event {id: 'acled-mli92002'})-[:REPORTED_BY]->(s:Source {id: 'acled-source-radio-kledu'})
       RETURN e.credibility AS credibility, s.reliability AS reliability`,
    );
    expect(row).toEqual({ credibility: 2, reliability: 'C' });
  });

  it('a malformed file is refused with each bad row’s line, and nothing of it is written', async () => {
    const before = { ...(await graphCounts(app.db)), changes: await changeCount() };
    const { code, problems } = await reject(IMPORT, { csv: fixture('malformed.csv') });
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems?.map((p) => p.field)).toEqual(['line 3.event_date', 'line 4.latitude', 'line 5.event_id_cnty']);
    expect({ ...(await graphCounts(app.db)), changes: await changeCount() }).toEqual(before);
    expect(await read('MATCH (e:Entity {id: "acled-mli90101"}) RETURN e.id')).toEqual([]);
  });

  it('a dry run counts and writes nothing; an editor may not import', async () => {
    const rows = DUPLICATED_ACTORS.replace(/MLI9000(\d)/g, 'MLI9300$1');
    const before = await graphCounts(app.db);
    const { importAcled } = await ask<ImportAcled>(IMPORT, { csv: rows, dryRun: true });
    expect(importAcled).toMatchObject({ dryRun: true, events: 4 });
    expect(importAcled.nodes.created).toBeGreaterThanOrEqual(4);
    expect(await graphCounts(app.db)).toEqual(before);

    const editor = await gql(app.app.url, IMPORT, { csv: rows }, 20_000, { 'x-api-key': TEST_KEYS.editor });
    expect(editor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await graphCounts(app.db)).toEqual(before);
  });
});
