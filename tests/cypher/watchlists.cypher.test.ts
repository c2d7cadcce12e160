import type { GraphQLSchema } from 'graphql';
import type { Identity } from '../../src/auth/identity';
import { buildGraphSchema } from '../../src/graphql/schema';
import { Tlp } from '../../src/model/vocabulary';
import { NO_PATH } from '../../src/watchlists/path-snapshot';
import { WatchEvaluator } from '../../src/watchlists/watch.evaluator';
import {
  ALERTS,
  ENTITY_WATCHES,
  PAIR_WATCHES,
  WATCH_COUNTS,
  WATCH_CREATE,
  WATCH_DELETE,
  WATCHER_ADVANCE,
  WATCHER_CHANGES,
  WATCHER_RECORD,
  WATCHER_STATE,
  WATCHLIST,
} from '../../src/watchlists/watch.repository';
import { recordingDatabase, statementsOf, type Recorded } from '../support/recording-database';

/**
 * The Cypher of watchlists (docs/watchlists.md): the use cases of one identity, and the watcher's
 * step (its reads of the feed and the watches, the reach probe, the one write that records the
 * alerts and moves the cursor). Owner, ids and numbers are parameters; the reach probe's bound
 * is a number 1-6 from the watch, never user text.
 */
const READER: Identity = { name: 'key:reader', role: 'reader', via: 'api-key', clearance: Tlp.GREEN };

const WATCH_ROW = {
  id: 'w1',
  owner: 'key:reader',
  kind: 'PAIR',
  entityId: null,
  fromId: 'russia',
  toId: 'jnim',
  maxHops: 4,
  minCredibility: null,
  clearance: 'GREEN',
  snapshot: JSON.stringify(NO_PATH),
  createdAt: '2026-01-01T00:00:00Z',
};

const answers = ({ cypher }: Recorded): unknown[] | undefined => {
  if (cypher === WATCH_COUNTS.trim()) return [{ exists: false, watches: 0, pairs: 0 }];
  if (cypher === WATCH_CREATE.trim()) return [{ watch: WATCH_ROW }];
  if (cypher === WATCH_DELETE.trim()) return [{ deleted: 1 }];
  if (cypher === WATCHLIST.trim()) return [{ watch: WATCH_ROW }];
  if (cypher === ALERTS.trim()) return [];
  return undefined;
};

/** The watchlists' statements, with the ids the code draws (randomUUID) shown as <uuid>. */
const only = (sent: Recorded[]): Recorded[] =>
  JSON.parse(
    JSON.stringify(sent.filter((statement) => statement.operation.startsWith('watchlists.'))).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      '<uuid>',
    ),
  ) as Recorded[];

describe('watchlists: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('watch an entity: the owner lock and caps, then the watch and the watcher cursor', async () => {
    const sent = await statementsOf(schema, 'mutation { watch(entityId: "jnim") { id } }', {
      as: READER,
      answer: answers,
    });
    expect(only(sent)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MERGE (o:WatchOwner {id: $owner})
SET o.lock = true
REMOVE o.lock
WITH o
OPTIONAL MATCH (existing:Watch {key: $key})
CALL (o) {
  OPTIONAL MATCH (w:Watch {owner: o.id})
  RETURN count(w) AS watches, count(CASE WHEN w.kind = 'PAIR' THEN 1 END) AS pairs
}
RETURN existing IS NOT NULL AS exists, watches, pairs",
    "operation": "watchlists.watch",
    "params": {
      "key": "["key:reader","ENTITY","jnim"]",
      "owner": "key:reader",
    },
  },
  {
    "cypher": "MERGE (w:Watch {key: $key})
ON CREATE SET w.id = $id, w.owner = $owner, w.kind = $kind, w.entityId = $entityId, w.fromId = $fromId,
  w.toId = $toId, w.maxHops = $maxHops, w.minCredibility = $minCredibility, w.clearance = $clearance,
  w.createdAt = datetime(), w.snapshot = $snapshot
WITH w
OPTIONAL MATCH (feed:ChangeFeed {id: 'changes'})
MERGE (cursor:WatchCursor {id: 'watcher'})
ON CREATE SET cursor.seq = coalesce(feed.seq, 0), cursor.alerts = 0
RETURN w {.id, .owner, .kind, .entityId, .fromId, .toId, .maxHops, .minCredibility, .clearance, .snapshot,
  createdAt: toString(w.createdAt)} AS watch",
    "operation": "watchlists.watch",
    "params": {
      "clearance": "GREEN",
      "entityId": "jnim",
      "fromId": null,
      "id": "<uuid>",
      "key": "["key:reader","ENTITY","jnim"]",
      "kind": "ENTITY",
      "maxHops": null,
      "minCredibility": null,
      "owner": "key:reader",
      "snapshot": null,
      "toId": null,
    },
  },
]
`);
  });

  it('watch a pair (after the path statements shortestPath sends), unwatch, watchlist, alerts', async () => {
    const sent = await statementsOf(
      schema,
      'mutation { watchPair(fromId: "russia", toId: "jnim", maxHops: 3, minCredibility: 3) { id } }',
      { as: READER, answer: answers },
    );
    expect(sent.map((statement) => statement.operation)).toMatchInlineSnapshot(`
[
  "entities.byIds",
  "traversal.paths",
  "watchlists.watch",
  "watchlists.watch",
]
`);
    const rest = [
      ...(await statementsOf(schema, 'mutation { unwatch(id: "w1") }', { as: READER, answer: answers })),
      ...(await statementsOf(schema, '{ watchlist { id } }', { as: READER, answer: answers })),
      ...(await statementsOf(
        schema,
        `{ alerts(after: "${Buffer.from('alert:7').toString('base64url')}", first: 5) { nodes { id } } }`,
        {
          as: READER,
          answer: answers,
        },
      )),
    ];
    expect(only(rest)).toMatchInlineSnapshot(`
[
  {
    "cypher": "MATCH (w:Watch {id: $id, owner: $owner})
DETACH DELETE w
RETURN count(*) AS deleted",
    "operation": "watchlists.unwatch",
    "params": {
      "id": "w1",
      "owner": "key:reader",
    },
  },
  {
    "cypher": "MATCH (w:Watch {owner: $owner})
RETURN w {.id, .owner, .kind, .entityId, .fromId, .toId, .maxHops, .minCredibility, .clearance, .snapshot,
  createdAt: toString(w.createdAt)} AS watch
ORDER BY w.createdAt, w.id
LIMIT $max",
    "operation": "watchlists.list",
    "params": {
      "max": 50,
      "owner": "key:reader",
    },
  },
  {
    "cypher": "MATCH (a:Alert {owner: $owner})
WHERE $before IS NULL OR a.number < $before
WITH a ORDER BY a.number DESC LIMIT $firstPlusOne
RETURN a {.id, .number, .watchId, .kind, .entityId, .fromId, .toId, .reasons, .before, .after, .causes,
  at: toString(a.at)} AS alert",
    "operation": "watchlists.alerts",
    "params": {
      "before": 7,
      "firstPlusOne": 6,
      "owner": "key:reader",
    },
  },
]
`);
  });

  it("the watcher's step: the feed window, the watches it touches, reach, and one recording transaction", async () => {
    const { db, recorded } = recordingDatabase({
      answer: ({ cypher }) => {
        if (cypher === WATCHER_STATE.trim()) return [{ high: 12, cursor: 10 }];
        if (cypher === WATCHER_CHANGES.trim())
          return [
            { sequence: 11, kind: 'UPDATED', targetId: 'jnim', targetType: 'Actor' },
            { sequence: 12, kind: 'CREATED', targetId: 'SUPPORTS:far-a->far-b', targetType: 'SUPPORTS' },
          ];
        if (cypher === ENTITY_WATCHES.trim())
          return [{ watch: { ...WATCH_ROW, id: 'w2', kind: 'ENTITY', entityId: 'jnim' } }];
        if (cypher === PAIR_WATCHES.trim()) return [{ watch: { ...WATCH_ROW, fromId: 'russia', toId: 'mali' } }];
        if (cypher.includes('WHERE c.seq > $after AND c.seq <= high'))
          return [
            {
              high: 12,
              changes: [
                {
                  sequence: 11,
                  at: 'now',
                  who: 'x',
                  operation: 'upsertActor',
                  change: 'UPDATED',
                  targetId: 'jnim',
                  targetType: 'Actor',
                  changedFields: ['name'],
                  record: '{}',
                  previous: '{}',
                  importRun: null,
                  retracted: false,
                },
              ],
            },
          ];
        if (cypher === WATCHER_ADVANCE.trim()) return [{ base: 6 }];
        if (cypher === WATCHER_RECORD.trim()) return [{ owner: 'key:reader' }];
        return undefined;
      },
    });
    const result = await new WatchEvaluator(db).step();
    expect(result).toEqual({ worked: true, changes: 2, alerts: 1 });
    expect(only(recorded)).toMatchInlineSnapshot(`
[
  {
    "cypher": "OPTIONAL MATCH (feed:ChangeFeed {id: 'changes'})
OPTIONAL MATCH (cursor:WatchCursor {id: 'watcher'})
RETURN coalesce(feed.seq, 0) AS high, cursor.seq AS cursor",
    "operation": "watchlists.state",
    "params": {},
  },
  {
    "cypher": "MATCH (c:Change)
WHERE c.seq > $after AND c.seq <= $end AND c.change <> 'ALERT'
RETURN c.seq AS sequence, c.change AS kind, c.targetId AS targetId, c.targetType AS targetType
ORDER BY c.seq",
    "operation": "watchlists.changes",
    "params": {
      "after": 10,
      "end": 12,
    },
  },
  {
    "cypher": "MATCH (w:Watch)
WHERE w.entityId IN $entityIds AND w.kind = 'ENTITY'
RETURN w {.id, .owner, .kind, .entityId, .fromId, .toId, .maxHops, .minCredibility, .clearance, .snapshot,
  createdAt: toString(w.createdAt)} AS watch",
    "operation": "watchlists.entityWatches",
    "params": {
      "entityIds": [
        "jnim",
        "far-a",
        "far-b",
      ],
    },
  },
  {
    "cypher": "MATCH (w:Watch {kind: 'PAIR'})
RETURN w {.id, .owner, .kind, .entityId, .fromId, .toId, .maxHops, .minCredibility, .clearance, .snapshot,
  createdAt: toString(w.createdAt)} AS watch",
    "operation": "watchlists.pairWatches",
    "params": {},
  },
  {
    "cypher": "UNWIND $watches AS w
MATCH (e:Entity) WHERE e.id IN [w.fromId, w.toId]
MATCH (t:Entity) WHERE t.id IN $touched AND t <> e
MATCH p = shortestPath((e)-[*..4]-(t))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
RETURN DISTINCT w.id AS id",
    "operation": "watchlists.nearPairs",
    "params": {
      "touched": [
        "jnim",
        "far-a",
        "far-b",
      ],
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
      "watches": [
        {
          "fromId": "russia",
          "id": "w1",
          "toId": "mali",
        },
      ],
    },
  },
  {
    "cypher": "MATCH (cursor:WatchCursor {id: 'watcher'})
SET cursor.lock = true
REMOVE cursor.lock
WITH cursor WHERE cursor.seq = $expected
WITH cursor, coalesce(cursor.alerts, 0) AS base
SET cursor.seq = $next, cursor.alerts = base + $count
RETURN base",
    "operation": "watchlists.record",
    "params": {
      "count": 1,
      "expected": 10,
      "next": 12,
    },
  },
  {
    "cypher": "UNWIND $alerts AS a
MATCH (w:Watch {id: a.watchId})
SET w.snapshot = coalesce(a.snapshot, w.snapshot)
CREATE (alert:Alert {id: a.id, owner: w.owner, number: a.number, at: datetime(), watchId: w.id, kind: w.kind,
  entityId: w.entityId, fromId: w.fromId, toId: w.toId, reasons: a.reasons, before: a.before, after: a.after,
  causes: a.causes})
CREATE (:Change:Unsequenced {id: randomUUID(), at: datetime(), who: 'watcher', operation: 'watch',
  targetId: a.id, targetType: 'Alert', change: 'ALERT', changedFields: [], record: a.record,
  owner: w.owner})
RETURN DISTINCT w.owner AS owner",
    "operation": "watchlists.record",
    "params": {
      "alerts": [
        {
          "after": null,
          "before": null,
          "causes": "[{"sequence":11,"kind":"UPDATED","targetId":"jnim","targetType":"Actor"}]",
          "id": "<uuid>",
          "number": 7,
          "reasons": [
            "ENTITY_CHANGED",
          ],
          "record": "{"alertId":"<uuid>","number":7,"watchId":"w2","kind":"ENTITY","entityId":"jnim","fromId":"russia","toId":"jnim","reasons":["ENTITY_CHANGED"],"before":null,"after":null,"causes":[{"sequence":11,"kind":"UPDATED","targetId":"jnim","targetType":"Actor"}]}",
          "snapshot": null,
          "watchId": "w2",
        },
      ],
    },
  },
  {
    "cypher": "UNWIND $owners AS owner
CALL (owner) {
  MATCH (a:Alert {owner: owner})
  WITH a ORDER BY a.number DESC
  SKIP $keep
  DETACH DELETE a
  RETURN count(*) AS pruned
}
RETURN sum(pruned) AS pruned",
    "operation": "watchlists.record",
    "params": {
      "keep": 1000,
      "owners": [
        "key:reader",
      ],
    },
  },
]
`);
  });
});
