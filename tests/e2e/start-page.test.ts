import neo4j from 'neo4j-driver';
import { RECENT_CHANGES } from '../../src/curation/history.repository';
import { HUBS } from '../../src/search/hubs.repository';
import { useSeededApp } from '../support/seeded-app';

const SOURCE = 'wellbrock-mali-blockade';
const HUBS_QUERY = '{ hubs(first: 8) { degree entity { __typename id name } } }';

interface Hub {
  degree: number;
  entity: { __typename: string; id: string; name: string };
}

/** The explorer's start page reads over real HTTP on the seeded Neo4j: hubs and recentChanges. */
describe('start page reads: hubs and recentChanges', () => {
  const { fixture, ask, reject } = useSeededApp();

  /** Every entity's degree counted the slow, obvious way: each non-evidence, non-retracted link. */
  async function degreesByHand(): Promise<Array<{ id: string; degree: number }>> {
    return fixture.db.read<{ id: string; degree: number }>(
      'test.degrees',
      `MATCH (n:Entity)-[r]-(m:Entity)
       WHERE NOT type(r) IN ['REPORTED_BY', 'CITES'] AND r.retracted IS NULL AND n.retracted IS NULL AND m.retracted IS NULL
       RETURN n.id AS id, count(r) AS degree ORDER BY degree DESC, id`,
    );
  }

  it('hubs: the most-connected entities, by degree then id, without evidence links', async () => {
    const { hubs } = await ask<{ hubs: Hub[] }>(HUBS_QUERY);
    const expected = (await degreesByHand()).slice(0, 8);
    expect(hubs.map((hub) => ({ id: hub.entity.id, degree: hub.degree }))).toEqual(
      expected.map((row) => ({ id: row.id, degree: Number(row.degree) })),
    );
    // The seed's article is REPORTED_BY nearly everything: counted, it would top the list.
    expect(hubs.map((hub) => hub.entity.id)).not.toContain(SOURCE);
  });

  it('hubs(kinds:) answers only those kinds', async () => {
    const { hubs } = await ask<{ hubs: Hub[] }>(
      '{ hubs(first: 5, kinds: [LOCATION]) { degree entity { __typename id } } }',
    );
    expect(hubs.length).toBeGreaterThan(0);
    expect(new Set(hubs.map((hub) => hub.entity.__typename))).toEqual(new Set(['Location']));
  });

  it('a write shows first in recentChanges with the entities it touched; a retracted link leaves hubs and changes', async () => {
    await ask('mutation($a: ActorInput!) { upsertActor(actor: $a) { id } }', {
      a: {
        id: 'start-page-militia',
        name: 'Start Page Militia',
        kind: 'ARMED_GROUP',
        sourceIds: [SOURCE],
        credibility: 3,
        excerpt: 'Despite military assistance from Russia',
      },
    });
    const link = await ask<{ addRelationship: { id: string } }>(
      'mutation($r: RelationshipInput!) { addRelationship(relationship: $r) { id } }',
      {
        r: {
          type: 'OPPOSES',
          from: 'start-page-militia',
          to: 'jnim',
          sourceIds: [SOURCE],
          credibility: 3,
          excerpt: 'Despite military assistance from Russia',
        },
      },
    );
    const { recentChanges } = await ask<{
      recentChanges: Array<{ targetId: string; change: string; operation: string; entities: Array<{ id: string }> }>;
    }>('{ recentChanges(first: 2) { targetId change operation entities { id } } }');
    expect(recentChanges).toEqual([
      {
        targetId: link.addRelationship.id,
        change: 'CREATED',
        operation: 'addRelationship',
        entities: [{ id: 'start-page-militia' }, { id: 'jnim' }],
      },
      {
        targetId: 'start-page-militia',
        change: 'CREATED',
        operation: 'upsertActor',
        entities: [{ id: 'start-page-militia' }],
      },
    ]);
    // Asked for, the actor's REPORTED_BY link (written by the same statement: same time, either order).
    const withEvidence = await ask<{ recentChanges: Array<{ targetId: string; entities: Array<{ id: string }> }> }>(
      '{ recentChanges(first: 3, evidenceLinks: true) { targetId entities { id } } }',
    );
    expect(withEvidence.recentChanges.map((change) => change.targetId).sort()).toEqual(
      [link.addRelationship.id, 'start-page-militia', `REPORTED_BY:start-page-militia->${SOURCE}`].sort(),
    );
    expect(withEvidence.recentChanges.find((change) => change.targetId.startsWith('REPORTED_BY'))?.entities).toEqual([
      { id: 'start-page-militia' },
      { id: SOURCE },
    ]);
    const before = (await ask<{ hubs: Hub[] }>('{ hubs(first: 50) { degree entity { id } } }')).hubs;
    await ask('mutation($id: ID!) { retract(id: $id, reason: "start page test") { at } }', {
      id: link.addRelationship.id,
    });
    const after = (await ask<{ hubs: Hub[] }>('{ hubs(first: 50) { degree entity { id } } }')).hubs;
    const degree = (hubs: Hub[], id: string) => hubs.find((hub) => hub.entity.id === id)?.degree;
    expect(degree(before, 'start-page-militia')).toBe(1);
    expect(degree(after, 'start-page-militia')).toBeUndefined();
    expect(degree(after, 'jnim')).toBe(degree(before, 'jnim')! - 1);
    const changes = await ask<{ recentChanges: Array<{ targetId: string }> }>(
      '{ recentChanges(first: 5) { targetId } }',
    );
    expect(changes.recentChanges.map((change) => change.targetId)).not.toContain(link.addRelationship.id);
    expect(changes.recentChanges[0].targetId).toBe('start-page-militia');
  });

  /** The operators of a statement's plan, each with its details ("RANGE INDEX c:Change(at) ..."). */
  async function planOf(statement: string, params: Record<string, unknown>): Promise<string[]> {
    const session = fixture.db.driver.session();
    try {
      const { summary } = await session.run(`EXPLAIN ${statement}`, params);
      const operators: string[] = [];
      const walk = (plan: typeof summary.plan) => {
        if (!plan) return;
        operators.push(`${plan.operatorType.split('@')[0]} ${String(plan.arguments.Details ?? '')}`);
        plan.children.forEach(walk);
      };
      walk(summary.plan);
      return operators;
    } finally {
      await session.close();
    }
  }
  const visibility = { visibleTlp: ['CLEAR', 'GREEN'], hiddenSourceIds: [] };

  it('recentChanges reads the change_at index newest first, sorting only within a timestamp', async () => {
    const plan = await planOf(RECENT_CHANGES, {
      ...visibility,
      first: neo4j.int(10),
      scan: neo4j.int(100),
      evidenceLinks: false,
      evidenceTypes: ['REPORTED_BY', 'CITES'],
    });
    expect(plan.some((operator) => /^NodeIndexScan .*Change\(at\)/.test(operator))).toBe(true);
    expect(plan.some((operator) => /^PartialTop /.test(operator))).toBe(true);
    // Each change's record is found by a seek on its id, never by scanning the entities.
    expect(plan.filter((operator) => /^NodeIndexScan .*Entity|^NodeByLabelScan/.test(operator))).toEqual([]);
  });

  it('hubs ranks candidates by the degree store: no link is expanded before the candidates are cut', async () => {
    const plan = await planOf(HUBS, {
      ...visibility,
      labels: ['Actor'],
      candidates: neo4j.int(50),
      first: neo4j.int(10),
    });
    // The candidates' branch (preorder: from their Top down to the label scan) reads degrees, expands nothing.
    const ranking = plan.slice(
      plan.findIndex((operator) => operator.startsWith('Top linked')),
      plan.findIndex((operator) => operator.startsWith('NodeByLabelScan')) + 1,
    );
    expect(ranking.length).toBeGreaterThan(1);
    expect(ranking.some((operator) => operator.includes('getDegree((n)-[:MEMBER_OF]-())'))).toBe(true);
    expect(ranking.filter((operator) => operator.startsWith('Expand'))).toEqual([]);
    // The links are expanded, through the clearance, only after the cut.
    expect(plan.findIndex((operator) => operator.startsWith('Expand'))).toBeGreaterThan(
      plan.findIndex((operator) => operator.startsWith('NodeByLabelScan')),
    );
  });

  it.each([
    ['hubs', '{ hubs(first: 51) { degree } }'],
    ['recentChanges', '{ recentChanges(first: 51) { at } }'],
  ])('%s caps first at 50: BAD_USER_INPUT naming the field', async (_field, query) => {
    const refused = await reject(query);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.problems?.map((problem) => problem.field)).toEqual(['first']);
    expect(refused.message).toMatch(/first/);
  });
});
