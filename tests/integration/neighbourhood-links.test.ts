import { int } from 'neo4j-driver';
import { levelsUpTo, type Database } from '../../src/db';
import { Direction } from '../../src/common/enums';
import { Tlp } from '../../src/model/vocabulary';
import { neighborhoodStatement, NeighbourOrder } from '../../src/traversal/traversal.cypher';
import { DENSE_MEMBER_DEGREE, filterParams, neighbourhoodCaps } from '../../src/traversal/traversal.repository';
import { seededDatabase } from '../support/database';

/**
 * The links among a neighbourhood's members are read from the cheaper end (LINKS_AMONG_MEMBERS in
 * src/traversal/traversal.cypher.ts): a member with more than `$denseDegree` links is not expanded,
 * its links are found from the other members, and between two such members by expand-into. On the
 * seeded graph, with the bar moved from "nobody is dense" (every member expanded, as before the
 * change) through a few dense members to "everybody is dense" (expand-into only), the statement
 * must answer the same members and the same links, and those links must be every followable link
 * among the members, as a plain query over all of them finds them.
 */
describe('the links among a neighbourhood, from whichever end', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(() => db.close());

  const statement = neighborhoodStatement(2, Direction.BOTH, NeighbourOrder.NEAREST);
  const params = (id: string, denseDegree: number) => ({
    ...filterParams({}),
    visibleTlp: levelsUpTo(Tlp.RED),
    id,
    ...neighbourhoodCaps(50, denseDegree),
  });

  type Row = {
    nodes: Array<{ props: { id: string } }>;
    edges: Array<{ props: { id: string } }>;
    nodesTruncated: boolean;
  };
  async function neighbourhood(id: string, denseDegree: number) {
    const [row] = await db.read<Row>('test.neighbourhood', statement, params(id, denseDegree));
    return {
      members: row.nodes.map((node) => node.props.id).sort(),
      links: row.edges.map((edge) => edge.props.id).sort(),
    };
  }

  /** How many members have more than `degree` links: the ones the statement does not expand. */
  async function denseAmong(members: string[], degree: number) {
    const [row] = await db.read<{ dense: number }>(
      'test.dense',
      'MATCH (m:Entity) WHERE m.id IN $members AND COUNT { (m)--() } > $degree RETURN count(m) AS dense',
      { members, degree: int(degree) },
    );
    return row.dense;
  }

  it.each(['mali', 'jnim', 'france', 'russia'])(
    'around %s: the same links whoever is dense, and all of them',
    async (id) => {
      const everyoneExpanded = await neighbourhood(id, 1_000_000_000);
      expect(everyoneExpanded.members.length).toBeGreaterThan(5);
      expect(everyoneExpanded.links.length).toBeGreaterThan(everyoneExpanded.members.length - 1);

      const [plain] = await db.read<{ links: string[] }>(
        'test.linksAmong',
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $members AND b.id IN $members
         AND type(r) IN $types AND r.retracted IS NULL
       RETURN collect(r.id) AS links`,
        { members: everyoneExpanded.members, types: filterParams({}).types },
      );
      expect(everyoneExpanded.links).toEqual([...plain.links].sort());

      // Everybody dense: expand-into only; a bar of 5: some members each way.
      expect(await denseAmong(everyoneExpanded.members, 0)).toBe(everyoneExpanded.members.length);
      expect(await denseAmong(everyoneExpanded.members, 5)).toBeGreaterThanOrEqual(2);
      for (const denseDegree of [0, 5, 20, DENSE_MEMBER_DEGREE]) {
        expect(await neighbourhood(id, denseDegree)).toEqual(everyoneExpanded);
      }
    },
  );
  /**
   * A layer read in storage order stops asking further nodes once it is full (freshOf); whether a
   * node read more than it may keep is then carried by a null row. With a limit one below the
   * start's neighbours, the layer holds exactly limit + 1 entities, so only that flag says the
   * answer was cut.
   */
  it.each(['mali', 'jnim', 'russia'])(
    'around %s, one hop: a limit one below its neighbours says truncated',
    async (id) => {
      const oneHop = neighborhoodStatement(1, Direction.BOTH, NeighbourOrder.NEAREST);
      const read = async (limit: number) => {
        const [row] = await db.read<Row>('test.neighbourhood', oneHop, {
          ...params(id, DENSE_MEMBER_DEGREE),
          ...neighbourhoodCaps(limit),
        });
        return { members: row.nodes.map((node) => node.props.id), truncated: row.nodesTruncated };
      };
      const all = await read(500);
      expect(all.truncated).toBe(false);
      const neighbours = all.members.length - 1;
      expect(neighbours).toBeGreaterThan(2);
      const cut = await read(neighbours - 1);
      expect(cut.truncated).toBe(true);
      expect(cut.members).toHaveLength(neighbours);
      expect(cut.members.filter((member) => !all.members.includes(member))).toEqual([]);
    },
  );
});
