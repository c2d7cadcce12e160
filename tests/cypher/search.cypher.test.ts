import type { GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graphql/schema';
import { statementsOf } from '../support/recording-database';

/**
 * The Cypher behind search.
 * Pinned with their parameters, without a database (tests/support/recording-database.ts): a
 * changed statement shows up as a diff to review; user input only ever appears among the parameters.
 */
describe('search: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('search(query:, kinds:) sends a Lucene query built from letters and digits only', async () => {
    const sent = await statementsOf(
      schema,
      '{ search(query: "Jama\'at Nusrat (al-Islam) OR *", kinds: [ACTOR], first: 3) { score } }',
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates}) YIELD node, score
WHERE node.retracted IS NULL AND ((node.tlp IS NULL OR node.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE node.sourceIds IS NULL OR size(node.sourceIds) = 0 OR any(sid IN node.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
RETURN properties(node) AS props, labels(node) AS labels, score
ORDER BY score DESC, node.id
LIMIT $limit",
    "operation": "search.entities",
    "params": {
      "candidates": 30,
      "hiddenSourceIds": [],
      "labels": [
        "Actor",
      ],
      "limit": 9,
      "lucene": "+(jamaat^3 OR jamaat* OR jamaat~1) +(nusrat^3 OR nusrat* OR nusrat~1) +(al^3 OR al*) +(islam^3 OR islam*) (or^3 OR or*) "jamaat nusrat al islam or"^6",
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });

  it('search without kinds asks the index for exactly the page', async () => {
    const sent = await statementsOf(schema, '{ search(query: "jnim") { score } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates}) YIELD node, score
WHERE node.retracted IS NULL AND ((node.tlp IS NULL OR node.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE node.sourceIds IS NULL OR size(node.sourceIds) = 0 OR any(sid IN node.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
RETURN properties(node) AS props, labels(node) AS labels, score
ORDER BY score DESC, node.id
LIMIT $limit",
    "operation": "search.entities",
    "params": {
      "candidates": 30,
      "hiddenSourceIds": [],
      "labels": null,
      "limit": 30,
      "lucene": "+(jnim^3 OR jnim*)",
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });

  it('hostile text stays in parameters and never reaches the statement', async () => {
    const hostile = "x' }) DETACH DELETE n //";
    const sent = await statementsOf(
      schema,
      'query($t: String!) { actors(filter: { text: $t }) { totalCount } search(query: $t) { score } }',
      {
        variables: { t: hostile },
      },
    );
    expect(sent.map((statement) => statement.operation)).toEqual(['entities.list.Actor', 'search.entities']);
    for (const { cypher } of sent) expect(cypher).not.toContain('DETACH DELETE');
    expect(sent[0].params.text).toBe(hostile);
    // Search keeps only letters and digits of what was typed.
    expect(String(sent[1].params.lucene)).not.toMatch(/['}/]/);
  });

  it('hubs(first:, kinds:) ranks by the degree store, then counts the best candidates through the clearance', async () => {
    const sent = await statementsOf(schema, '{ hubs(first: 4, kinds: [ACTOR, EVENT]) { degree entity { id } } }');
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (n:Entity)
WHERE any(label IN labels(n) WHERE label IN $labels) AND n.retracted IS NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH n, COUNT { (n)-[:MEMBER_OF|AFFILIATED_WITH|SUBORDINATE_TO|NATIONAL_OF|SUPPORTS|OPPOSES|GOVERNS|OPERATES_IN|PART_OF|BORDERS|CONNECTS|PARTICIPATED_IN|OCCURRED_IN|DISRUPTS|FOLLOWS|ALLEGES|ACCUSES|CONCERNS|DENIES]-() } AS linked
ORDER BY linked DESC, n.id
LIMIT $candidates
WITH n, COUNT {
  MATCH (n)-[r:MEMBER_OF|AFFILIATED_WITH|SUBORDINATE_TO|NATIONAL_OF|SUPPORTS|OPPOSES|GOVERNS|OPERATES_IN|PART_OF|BORDERS|CONNECTS|PARTICIPATED_IN|OCCURRED_IN|DISRUPTS|FOLLOWS|ALLEGES|ACCUSES|CONCERNS|DENIES]-(m:Entity)
  WHERE r.retracted IS NULL AND m.retracted IS NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((m.tlp IS NULL OR m.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE m.sourceIds IS NULL OR size(m.sourceIds) = 0 OR any(sid IN m.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
} AS degree
WHERE degree > 0
RETURN properties(n) AS props, labels(n) AS labels, degree
ORDER BY degree DESC, n.id
LIMIT $first",
    "operation": "search.hubs",
    "params": {
      "candidates": 20,
      "first": 4,
      "hiddenSourceIds": [],
      "labels": [
        "Actor",
        "Event",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
]
`);
  });
});
