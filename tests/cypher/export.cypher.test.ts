import type { GraphQLSchema } from 'graphql';
import { ExportRepository, streamExport } from '../../src/bundle/export';
import { buildGraphSchema } from '../../src/graphql/schema';
import { recordingDatabase, statementsOf, type Recorded } from '../support/recording-database';

/**
 * The Cypher of exports, with its parameters, without a database: the whole graph page by page
 * (exportBundle without ids, the /export downloads, `npm run export`), or the part within
 * `depth` hops of some entities with the sources it cites.
 */

const node = (id: string, labels: string[], props: Record<string, unknown> = {}) => ({
  labels: ['Entity', ...labels],
  props: { id, name: id, kind: 'ARMED_GROUP', credibility: 3, excerpt: 'x', createdAt: 'then', ...props },
});

/** A graph of JNIM and Mali, citing a source the part export must add. */
const answer = ({ operation, params }: Recorded): unknown[] | undefined => {
  if (operation === 'export.entities')
    return params.after === null
      ? [node('jnim', ['Actor', 'ArmedGroup'], { sourceIds: ['wellbrock-mali-blockade'] })]
      : [];
  if (operation === 'export.reach') return [{ ids: ['jnim', 'mali'], truncated: false }];
  if (operation === 'export.nodes')
    return [
      node('jnim', ['Actor', 'ArmedGroup'], { sourceIds: ['wellbrock-mali-blockade'] }),
      node('mali', ['Actor', 'State'], { kind: 'STATE', sourceIds: [] }),
    ];
  if (operation === 'export.sources')
    return [
      {
        labels: ['Entity', 'Source'],
        props: { id: 'wellbrock-mali-blockade', title: 'Wellbrock', kind: 'ARTICLE', reliability: 'B' },
      },
    ];
  return undefined;
};

describe('export: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('exportBundle of the whole graph: a page of entities, their outgoing relationships, until a page is short', async () => {
    const sent = await statementsOf(schema, '{ exportBundle }', { answer });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (n:Entity) WHERE ($after IS NULL OR n.id > $after) AND (n.retracted IS NULL OR n:Source) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
WITH n ORDER BY n.id LIMIT $limit
RETURN properties(n) AS props, labels(n) AS labels",
    "operation": "export.entities",
    "params": {
      "after": null,
      "hiddenSourceIds": [],
      "limit": 2000,
      "visibleTlp": [
        "CLEAR",
        "GREEN",
        "AMBER",
        "AMBER_STRICT",
        "RED",
      ],
    },
  },
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (a:Entity {id: entityId})-[r]->(b:Entity)
WHERE ($among IS NULL OR b.id IN $among) AND r.retracted IS NULL AND b.retracted IS NULL
  AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId",
    "operation": "export.relationships",
    "params": {
      "among": null,
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
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

  it('the streamed download and the CLI read the same pages', async () => {
    const { db, recorded } = recordingDatabase({ answer });
    const chunks: string[] = [];
    await streamExport(new ExportRepository(db), 'graphml', (chunk) => {
      chunks.push(chunk);
    });
    expect(chunks.join('')).toContain('jnim');
    const whole = await statementsOf(schema, '{ exportBundle }', { answer });
    expect(recorded).toEqual(whole);
  });

  it('exportBundle(ids:, depth:): reach, the nodes reached, the relationships among them, then the sources they cite', async () => {
    const sent = await statementsOf(schema, '{ exportBundle(ids: ["jnim"], depth: 2) }', { answer });
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (start:Entity) WHERE start.id IN $ids AND start.retracted IS NULL AND ((start.tlp IS NULL OR start.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE start.sourceIds IS NULL OR size(start.sourceIds) = 0 OR any(sid IN start.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
OPTIONAL MATCH p = ANY SHORTEST (start) ((x)-[r]-(y) WHERE type(r) IN $types AND r.retracted IS NULL AND y.retracted IS NULL
  AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((y.tlp IS NULL OR y.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE y.sourceIds IS NULL OR size(y.sourceIds) = 0 OR any(sid IN y.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)){1,2} (m:Entity)
WITH collect(DISTINCT start.id) + collect(DISTINCT m.id) AS reached
RETURN reached[0..$limit] AS ids, size(reached) > $limit AS truncated",
    "operation": "export.reach",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
      ],
      "limit": 20000,
      "types": [
        "MEMBER_OF",
        "AFFILIATED_WITH",
        "SUBORDINATE_TO",
        "NATIONAL_OF",
        "SUPPORTS",
        "OPPOSES",
        "GOVERNS",
        "OPERATES_IN",
        "PART_OF",
        "BORDERS",
        "CONNECTS",
        "PARTICIPATED_IN",
        "OCCURRED_IN",
        "DISRUPTS",
        "FOLLOWS",
        "ALLEGES",
        "ACCUSES",
        "CONCERNS",
        "DENIES",
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
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE (n.retracted IS NULL OR n:Source) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN properties(n) AS props, labels(n) AS labels",
    "operation": "export.nodes",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
        "mali",
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
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (a:Entity {id: entityId})-[r]->(b:Entity)
WHERE ($among IS NULL OR b.id IN $among) AND r.retracted IS NULL AND b.retracted IS NULL
  AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId",
    "operation": "export.relationships",
    "params": {
      "among": [
        "jnim",
        "mali",
      ],
      "hiddenSourceIds": [],
      "ids": [
        "jnim",
        "mali",
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
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId}) WHERE (n.retracted IS NULL OR n:Source) AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN properties(n) AS props, labels(n) AS labels",
    "operation": "export.sources",
    "params": {
      "hiddenSourceIds": [],
      "ids": [
        "wellbrock-mali-blockade",
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
  {
    "cypher": "UNWIND $ids AS entityId
MATCH (a:Entity {id: entityId})-[r]->(b:Entity)
WHERE ($among IS NULL OR b.id IN $among) AND r.retracted IS NULL AND b.retracted IS NULL
  AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE NOT sid IN $hiddenSourceIds) END) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND CASE WHEN size($hiddenSourceIds) = 0 THEN true ELSE b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE NOT sid IN $hiddenSourceIds) END)
RETURN type(r) AS type, properties(r) AS props, a.id AS fromId, b.id AS toId",
    "operation": "export.citations",
    "params": {
      "among": [
        "jnim",
        "mali",
        "wellbrock-mali-blockade",
      ],
      "hiddenSourceIds": [],
      "ids": [
        "wellbrock-mali-blockade",
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

  it('exportBundle(ids:, depth: 0) reads only the entities asked', async () => {
    const sent = await statementsOf(schema, '{ exportBundle(ids: ["mali"], depth: 0) }', {
      answer: (statement) => (statement.operation === 'export.nodes' ? [] : undefined),
    });
    expect(sent.map((statement) => statement.operation)).toEqual(['export.nodes', 'export.relationships']);
    expect(sent.map((statement) => statement.params)).toMatchInlineSnapshot(`
[
  {
    "hiddenSourceIds": [],
    "ids": [
      "mali",
    ],
    "visibleTlp": [
      "CLEAR",
      "GREEN",
      "AMBER",
      "AMBER_STRICT",
      "RED",
    ],
  },
  {
    "among": [],
    "hiddenSourceIds": [],
    "ids": [],
    "visibleTlp": [
      "CLEAR",
      "GREEN",
      "AMBER",
      "AMBER_STRICT",
      "RED",
    ],
  },
]
`);
  });
});
