import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HIDDEN_SOURCES, type Database } from '../../src/db';
import { migrate, migrationsCurrent, MigrationError, readMigrations } from '../../src/db/migrations';
import { RelationshipType } from '../../src/model/vocabulary';
import { openDatabase } from '../support/database';

describe('migrations on the real Neo4j', () => {
  let db: Database;
  beforeAll(() => {
    db = openDatabase();
  });
  afterAll(() => db.close());

  it('apply once, are recorded in the graph, and leave the schema in place', async () => {
    await migrate(db);
    expect(await migrate(db)).toEqual([]);
    expect(await migrationsCurrent(db)).toBe(true);
    const recorded = await db.read<{ id: string }>('test', 'MATCH (m:Migration) RETURN m.id AS id ORDER BY id');
    expect(recorded.map((r) => r.id)).toEqual(readMigrations().map((m) => m.id));
    const constraints = await db.read<{ name: string }>('test', 'SHOW CONSTRAINTS YIELD name RETURN name');
    expect(constraints.map((c) => c.name)).toContain('entity_id_unique');
    const indexes = await db.read<{ name: string; type: string }>(
      'test',
      'SHOW INDEXES YIELD name, type RETURN name, type',
    );
    expect(indexes).toContainEqual({ name: 'entity_names', type: 'FULLTEXT' });
  });

  it('the hidden-sources read of every read below RED reads the source_tlp index, not every Source', async () => {
    await migrate(db);
    const session = db.driver.session();
    try {
      const { summary } = await session.run(`EXPLAIN ${HIDDEN_SOURCES}`, { visibleTlp: ['CLEAR', 'GREEN'] });
      const operators: string[] = [];
      const walk = (plan: typeof summary.plan) => {
        if (!plan) return;
        operators.push(`${plan.operatorType.split('@')[0]} ${String(plan.arguments.Details ?? '')}`);
        plan.children.forEach(walk);
      };
      walk(summary.plan);
      expect(operators.some((operator) => /^NodeIndex\w+ .*Source\(tlp\)/.test(operator))).toBe(true);
      expect(operators.filter((operator) => /^NodeByLabelScan/.test(operator))).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('index every relationship type of the vocabulary by credibility and id (0007)', async () => {
    const indexes = await db.read<{ types: string[]; properties: string[] }>(
      'test',
      `SHOW INDEXES YIELD entityType, type, labelsOrTypes, properties
       WHERE entityType = 'RELATIONSHIP' AND type = 'RANGE'
       RETURN labelsOrTypes AS types, properties`,
    );
    const indexed = indexes
      .filter((index) => index.properties.join() === 'credibility,id')
      .flatMap((index) => index.types)
      .sort();
    expect(indexed).toEqual(Object.values(RelationshipType).sort());
  });

  it('stop at a failing migration, naming its file and the Neo4j error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    writeFileSync(
      path.join(dir, '9001_broken.cypher'),
      'CREATE CONSTRAINT broken IF NOT EXISTS FOR (n:X) REQUIRE n.x IS BANANA;\n',
    );
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/Migration 9001_broken\.cypher failed: .*BANANA/s);
    const recorded = await db.read('test', "MATCH (m:Migration {id: '9001_broken'}) RETURN m");
    expect(recorded).toHaveLength(0);
  });
});
