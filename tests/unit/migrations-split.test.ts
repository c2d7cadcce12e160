import { readMigrations, splitStatements } from '../../src/db/migrations';

describe('migration files', () => {
  it('split into statements on line-ending semicolons, without comments', () => {
    expect(
      splitStatements(
        '// why\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\nCREATE INDEX b\nIF NOT EXISTS FOR (n:B) ON (n.y);\n',
      ),
    ).toEqual(['CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)', 'CREATE INDEX b\nIF NOT EXISTS FOR (n:B) ON (n.y)']);
  });

  it('are numbered, ordered, and every statement is idempotent', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.id)).toEqual([...migrations.map((m) => m.id)].sort());
    // Schema statements say IF NOT EXISTS; data statements MATCH only what still needs the
    // change (a second run matches nothing) and never create.
    const statements = migrations.flatMap((migration) => migration.statements);
    const notIdempotent = statements.filter((statement) =>
      /^\s*MATCH\b/.test(statement) ? /\b(CREATE|MERGE)\b/.test(statement) : !/IF NOT EXISTS/.test(statement),
    );
    expect(notIdempotent).toEqual([]);
  });
});
