import type { GraphQLSchema } from 'graphql';
import type { Identity } from '../../src/auth/identity';
import { buildGraphSchema } from '../../src/graphql/schema';
import { Tlp } from '../../src/model/vocabulary';
import { VISIBLE_EDGE_BETWEEN } from '../../src/relationships/relationship.repository';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher of a caller who may not see everything (a reader at GREEN): one statement reads the
 * sources above the clearance, once per request, and every later statement carries them and the
 * visible levels as parameters ($hiddenSourceIds, $visibleTlp; src/db/visibility.ts). Counts
 * that the count store would answer are counted among the visible items instead, capped.
 */
const READER: Identity = { name: 'key:reader', role: 'reader', via: 'api-key', clearance: Tlp.GREEN };

describe('visibility: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('about as a reader: the hidden sources once, then counts of the visible graph', async () => {
    const sent = await statementsOf(schema, '{ about { nodeCount relationshipCount } }', { as: READER });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (s:Source) WHERE s.tlp IS NOT NULL AND NOT s.tlp IN $visibleTlp
RETURN collect(s.id) AS ids",
    "operation": "visibility.hiddenSources",
    "params": {
      "visibleTlp": [
        "CLEAR",
        "GREEN",
      ],
    },
  },
  {
    "cypher": "MATCH (m:Migration) RETURN m.id AS id ORDER BY id",
    "operation": "meta.migrations",
    "params": {},
  },
  {
    "cypher": "CALL () { MATCH (n:Entity) WHERE ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) WITH n LIMIT $countCap RETURN count(n) AS nodes }
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity) WHERE ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
  WITH r LIMIT $countCap RETURN count(r) AS relationships
}
RETURN nodes, relationships",
    "operation": "meta.visibleCounts",
    "params": {
      "countCap": 100000,
      "hiddenSourceIds": [
        "a-red-source",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
      ],
    },
  },
]
`);
  });

  it('actors { totalCount } as a reader: a capped count of the visible actors, not the count store', async () => {
    const sent = await statementsOf(schema, '{ actors(first: 2) { totalCount nodes { id } } }', { as: READER });
    expect(sent.map((statement) => statement.operation)).toEqual(['visibility.hiddenSources', 'entities.list.Actor']);
    expect(sent[1].cypher).toContain('LIMIT $countCap');
    expect(sent[1].params).toMatchObject({ hiddenSourceIds: ['a-red-source'], visibleTlp: ['CLEAR', 'GREEN'] });
  });

  it("a relationship read back after a write, through the writer's view (named VISIBLE_EDGE_BETWEEN elsewhere)", () => {
    expect(VISIBLE_EDGE_BETWEEN).toMatchInlineSnapshot(`
"
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE r.id = $id AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId"
`);
  });
});
