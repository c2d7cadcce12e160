import neo4j from 'neo4j-driver';
import { Neo4jCsvError, Neo4jCsvWriter } from '../../src/bundle/export';

/**
 * Rows for neo4j-admin's importer: what it would misread is quoted, what CSV cannot carry (empty
 * lists, line breaks) is recorded for the manifest, and what has no typed column stops the export.
 * (The round trip through the real importer is tests/integration/bulk-load.test.ts.)
 */
const now = new neo4j.types.DateTime(2026, 1, 2, 3, 4, 5, 6_000_000, 0);
const actor = (props: Record<string, unknown> = {}) => ({
  labels: ['Entity', 'Actor', 'ArmedGroup'],
  props: {
    id: 'jnim',
    name: 'JNIM',
    aliases: ['GSIM'],
    credibility: 2,
    sourceIds: ['s1', 's2'],
    createdAt: now,
    ...props,
  },
});
/** The cells of a one-line CSV row that holds no quoted commas. */
const cellsOf = (csv: string, header: string) => {
  const names = header.trim().split(',');
  const cells = csv.trim().split(',');
  return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
};

describe('neo4j-csv rows', () => {
  it('types columns in the importer convention and writes values it reads back', () => {
    const writer = new Neo4jCsvWriter();
    const header = writer.nodesHeader();
    expect(header.startsWith('id:ID,:LABEL,name,aliases:string[],')).toBe(true);
    const cells = cellsOf(writer.nodes([actor({ startDate: new neo4j.types.Date(2012, 1, 3) })]).csv, header);
    expect(cells).toMatchObject({
      'id:ID': 'jnim',
      ':LABEL': 'Entity;Actor;ArmedGroup',
      'aliases:string[]': 'GSIM',
      'credibility:double': '2',
      'sourceIds:string[]': 's1;s2',
      'startDate:date': '2012-01-03',
      'createdAt:datetime': '2026-01-02T03:04:05.006000000Z',
      description: '',
    });
    expect(writer.relationshipsHeader().startsWith(':START_ID,:END_ID,:TYPE,id,')).toBe(true);
  });

  it('quotes commas, quotes and empty strings; records line breaks and empty lists', () => {
    const writer = new Neo4jCsvWriter();
    const { csv, emptyLists } = writer.nodes([
      actor({ name: 'Kayes, "Mali"', description: '', aliases: [], excerpt: 'one\ntwo' }),
    ]);
    expect(csv).toContain(',"Kayes, ""Mali""",,'); // aliases: [] is an empty cell
    expect(csv).toContain(',""');
    expect(csv).toContain('"one\ntwo"');
    expect(emptyLists).toBe('{"node":"jnim","properties":["aliases"]}\n');
    expect(writer.manifest()).toMatchObject({
      multilineFields: true,
      counts: { nodes: 1, relationships: 0, emptyLists: 1 },
    });
  });

  it('refuses what the importer would not load back as it is stored', () => {
    const writer = new Neo4jCsvWriter();
    expect(() => writer.nodes([actor({ aliases: ['a;b'] })])).toThrow(
      new Neo4jCsvError(
        'entity jnim: "aliases" has the list item "a;b", which Neo4j\'s importer cannot read back (list items are split on ";" and an empty item is dropped)',
      ),
    );
    expect(() => writer.nodes([actor({ nickname: 'x' })])).toThrow(
      /entity jnim stores "nickname", which has no column/,
    );
    expect(() => writer.nodes([actor({ credibility: '2' })])).toThrow(/"credibility" holds "2", not a double/);
    expect(() =>
      writer.relationships([{ type: 'SUPPORTS', fromId: 'a', toId: 'b', props: { id: 'r', createdAt: '2026-01-01' } }]),
    ).toThrow(/relationship r \(a\)-\[:SUPPORTS\]->\(b\): "createdAt" holds "2026-01-01", not a datetime/);
  });
});
