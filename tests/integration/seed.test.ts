import { CurationService } from '../../src/curation/curation.service';
import type { Database } from '../../src/db';
import { BadUserInputError } from '../../src/errors';
import { loadSeed, readSeedBundle } from '../../src/seed/seed-loader';
import { graphCounts, seededDatabase } from '../support/database';

type Json = Record<string, unknown> & {
  relationships: Array<Record<string, unknown>>;
  actors: Array<Record<string, unknown>>;
};

describe('the seed bundle on the real Neo4j', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(() => db.close());

  it('loads every record of the bundle', async () => {
    const bundle = readSeedBundle() as Json & Record<string, unknown[]>;
    const entityCount = ['sources', 'actors', 'locations', 'events', 'allegations'].reduce(
      (n, s) => n + bundle[s].length,
      0,
    );
    const [row] = await db.read<{ n: number }>('test', 'MATCH (n:Entity) RETURN count(n) AS n');
    expect(row.n).toBe(entityCount);
  });

  it('is idempotent: loading it again changes no count and reports everything unchanged', async () => {
    const before = await graphCounts(db);
    const summary = await loadSeed(db);
    expect(await graphCounts(db)).toEqual(before);
    expect(summary.nodes.created + summary.nodes.updated).toBe(0);
    expect(summary.relationships.created + summary.relationships.updated).toBe(0);
    expect(summary.nodes.unchanged).toBeGreaterThan(20);
  });

  it('every relationship, event and allegation cites at least one existing source', async () => {
    const [uncited] = await db.read<{ rels: number; nodes: number }>(
      'test',
      `CALL () {
         MATCH (:Entity)-[r]->(:Entity)
         WHERE size(coalesce(r.sourceIds, [])) = 0
            OR any(id IN r.sourceIds WHERE NOT EXISTS { MATCH (:Source {id: id}) })
         RETURN count(r) AS rels }
       CALL () {
         MATCH (n:Entity) WHERE NOT n:Source
           AND (size(coalesce(n.sourceIds, [])) = 0 OR NOT EXISTS { (n)-[:REPORTED_BY]->(:Source) }
                OR any(id IN n.sourceIds WHERE NOT EXISTS { (n)-[:REPORTED_BY]->(:Source {id: id}) }))
         RETURN count(n) AS nodes }
       RETURN rels, nodes`,
    );
    expect(uncited).toEqual({ rels: 0, nodes: 0 });
    const [graded] = await db.read<{ bad: number }>(
      'test',
      'MATCH (:Entity)-[r]->(:Entity) WHERE NOT r.credibility IN range(1, 6) OR r.excerpt IS NULL RETURN count(r) AS bad',
    );
    expect(graded.bad).toBe(0);
  });

  it('rejects a bundle with one bad record at its end, naming it, and writes nothing', async () => {
    const bundle = readSeedBundle() as Json;
    bundle.actors.push({
      id: 'new-actor',
      name: 'New actor',
      kind: 'ARMED_GROUP',
      sourceIds: ['wellbrock-mali-blockade'],
      credibility: 3,
      excerpt: 'x',
    });
    bundle.relationships.push({
      type: 'PART_OF',
      from: 'jnim',
      to: 'mali-country',
      sourceIds: ['wellbrock-mali-blockade'],
      credibility: 9,
      excerpt: 'x',
    });
    const before = await graphCounts(db);
    const attempt = new CurationService(db).importBundle(bundle, { who: 'system' });
    await expect(attempt).rejects.toThrow(BadUserInputError);
    const error = (await attempt.catch((e: unknown) => e)) as BadUserInputError;
    const index = bundle.relationships.length - 1;
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: `relationships[${index}].credibility`,
          record: `relationships[${index}] "jnim PART_OF mali-country"`,
        }),
      ]),
    );
    expect(await graphCounts(db)).toEqual(before);
    const [row] = await db.read<{ n: number }>('test', "MATCH (n:Entity {id: 'new-actor'}) RETURN count(n) AS n");
    expect(row.n).toBe(0);
  });

  it('rejects relationships whose endpoints do not fit the type, naming the field and the reason', async () => {
    const bundle = readSeedBundle() as Json;
    bundle.relationships.push({
      type: 'PART_OF',
      from: 'jnim',
      to: 'mali-country',
      sourceIds: ['wellbrock-mali-blockade'],
      credibility: 3,
      excerpt: 'x',
    });
    const error = (await new CurationService(db)
      .importBundle(bundle, { who: 'system' })
      .catch((e: unknown) => e)) as BadUserInputError;
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.problems[0]).toMatchObject({ field: `relationships[${bundle.relationships.length - 1}].from` });
    expect(error.problems[0].reason).toMatch(/PART_OF goes location -> location; "jnim" is an actor/);
  });
});
