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
WHERE node.retracted IS NULL AND ((node.tlp IS NULL OR node.tlp IN $visibleTlp) AND (node.sourceIds IS NULL OR size(node.sourceIds) = 0 OR any(sid IN node.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
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
WHERE node.retracted IS NULL AND ((node.tlp IS NULL OR node.tlp IN $visibleTlp) AND (node.sourceIds IS NULL OR size(node.sourceIds) = 0 OR any(sid IN node.sourceIds WHERE NOT sid IN $hiddenSourceIds))) AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
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
});
