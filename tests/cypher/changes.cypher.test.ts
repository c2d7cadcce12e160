import type { GraphQLSchema } from 'graphql';
import type { Identity } from '../../src/auth/identity';
import { encodeChangeCursor } from '../../src/changes/change-cursor';
import { ChangeFeedRepository } from '../../src/changes/change-feed.repository';
import { SEQUENCE_CHANGES } from '../../src/db';
import { buildGraphSchema } from '../../src/graphql/schema';
import { Tlp } from '../../src/model/vocabulary';
import { recordingDatabase, statementsOf } from '../support/recording-database';

/**
 * The Cypher behind the change feed (docs/changes.md): the page statement, and the gateway's own
 * last statement of every write transaction that numbers its history entries (src/db/
 * change-sequence.ts; the recording gateway leaves it out of the other snapshots, so it is
 * pinned once here). Pinned with parameters, without a database: filters stay parameters.
 */
const READER: Identity = { name: 'key:reader', role: 'reader', via: 'api-key', clearance: Tlp.GREEN };

describe('change feed: Cypher sent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it('a page of the feed after a cursor, filtered, for a GREEN reader', async () => {
    const sent = await statementsOf(
      schema,
      `{ changes(after: "${encodeChangeCursor(41)}", first: 3, kinds: [CREATED, RETRACTED], types: ["Actor", "MEMBER_OF"], entityIds: ["jnim"]) { nodes { sequence } } }`,
      { as: READER },
    );
    expect(sent).toMatchInlineSnapshot(`
[
  {
    "cypher": "OPTIONAL MATCH (feed:ChangeFeed {id: 'changes'})
WITH coalesce(feed.seq, 0) AS high
CALL (high) {
  MATCH (c:Change)
  WHERE c.seq > $after AND c.seq <= high AND c.seq <= $after + $window
    AND ($kinds IS NULL OR c.change IN $kinds)
    AND ($types IS NULL OR c.targetType IN $types)
  WITH c, CASE WHEN c.targetId CONTAINS '->' THEN [split(split(c.targetId, '->')[0], ':')[1], split(split(c.targetId, '->')[1], '#')[0]] ELSE [] END AS ends
  WHERE $entityIds IS NULL OR c.targetId IN $entityIds OR any(e IN ends WHERE e IN $entityIds)
  OPTIONAL MATCH (n:Entity {id: c.targetId})
  OPTIONAL MATCH (a:Entity {id: ends[0]})-[r {id: c.targetId}]->(b:Entity {id: ends[1]})
  WITH c, n, r, a, b
  WHERE c.targetType = 'ImportRun'
     OR (n IS NOT NULL AND ((n.tlp IS NULL OR n.tlp IN $visibleTlp) AND (n.sourceIds IS NULL OR size(n.sourceIds) = 0 OR any(sid IN n.sourceIds WHERE EXISTS { MATCH (s:Entity {id: sid}) WHERE s:Source AND (s.tlp IS NULL OR s.tlp IN $visibleTlp) }))))
     OR (r IS NOT NULL AND ((r.tlp IS NULL OR r.tlp IN $visibleTlp) AND (r.sourceIds IS NULL OR size(r.sourceIds) = 0 OR any(sid IN r.sourceIds WHERE EXISTS { MATCH (s:Entity {id: sid}) WHERE s:Source AND (s.tlp IS NULL OR s.tlp IN $visibleTlp) }))) AND ((a.tlp IS NULL OR a.tlp IN $visibleTlp) AND (a.sourceIds IS NULL OR size(a.sourceIds) = 0 OR any(sid IN a.sourceIds WHERE EXISTS { MATCH (s:Entity {id: sid}) WHERE s:Source AND (s.tlp IS NULL OR s.tlp IN $visibleTlp) }))) AND ((b.tlp IS NULL OR b.tlp IN $visibleTlp) AND (b.sourceIds IS NULL OR size(b.sourceIds) = 0 OR any(sid IN b.sourceIds WHERE EXISTS { MATCH (s:Entity {id: sid}) WHERE s:Source AND (s.tlp IS NULL OR s.tlp IN $visibleTlp) }))))
     OR (c.targetType = 'Alert' AND c.owner = $owner)
     OR (n IS NULL AND r IS NULL AND $everything AND c.targetType <> 'Alert')
  WITH c, coalesce(n.retracted, r.retracted, false) AS retracted
  ORDER BY c.seq
  LIMIT $first
  CALL (c) {
    OPTIONAL MATCH (p:Change {targetId: c.targetId})
    WHERE c.change = 'UPDATED' AND p.change IN ['CREATED', 'UPDATED']
      AND coalesce(p.seq, 0) < c.seq
    WITH p ORDER BY coalesce(p.seq, 0) DESC, p.at DESC LIMIT 1
    RETURN p.record AS previous
  }
  RETURN collect({sequence: c.seq, at: toString(c.at), who: c.who, operation: c.operation, change: c.change,
                  targetId: c.targetId, targetType: c.targetType, changedFields: c.changedFields, record: c.record,
                  previous: previous, importRun: c.importRun, retracted: retracted}) AS changes
}
RETURN high, changes",
    "operation": "changes.feed",
    "params": {
      "after": 41,
      "entityIds": [
        "jnim",
      ],
      "everything": false,
      "first": 3,
      "kinds": [
        "CREATED",
        "RETRACTED",
      ],
      "owner": "key:reader",
      "types": [
        "Actor",
        "MEMBER_OF",
      ],
      "visibleTlp": [
        "CLEAR",
        "GREEN",
      ],
      "window": 5000,
    },
  },
]
`);
  });

  it('the head a live subscription waits on (one poller per process, src/changes/change-head.ts)', async () => {
    const { db, recorded } = recordingDatabase();
    await new ChangeFeedRepository(db).head();
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "OPTIONAL MATCH (feed:ChangeFeed {id: 'changes'})
RETURN coalesce(feed.seq, 0) AS high",
    "operation": "changes.head",
    "params": {},
  },
]
`);
  });

  it('the numbering at the end of every write transaction', () => {
    expect(SEQUENCE_CHANGES).toMatchInlineSnapshot(`
"MATCH (c:Unsequenced)
WITH c ORDER BY c.at, c.targetId, c.id
WITH collect(c) AS fresh
WHERE size(fresh) > 0
MERGE (feed:ChangeFeed {id: 'changes'})
ON CREATE SET feed.seq = 0
SET feed.writeLock = true
REMOVE feed.writeLock
WITH feed, fresh, feed.seq AS base
SET feed.seq = base + size(fresh)
WITH fresh, base
UNWIND range(0, size(fresh) - 1) AS i
WITH fresh[i] AS c, base + i + 1 AS seq
SET c.seq = seq
REMOVE c:Unsequenced
RETURN count(c) AS sequenced, max(seq) AS head"
`);
  });
});
