import type { Database, Params, Tx } from '../../src/db';
import {
  KNOWN_ENTITIES_STATEMENT,
  LOCK_ENTITIES_STATEMENT,
  upsertNodesStatement,
  upsertRelationshipsStatement,
} from '../../src/bundle/bundle.repository';
import { ENTITY_STATES, LOCK_EXISTING_ENTITIES, LOCK_RELATIONSHIP } from '../../src/curation/curation.repository';
import { CurationService } from '../../src/curation/curation.service';
import { COMBINE_PROPERTIES, RETIRE_DUPLICATES } from '../../src/curation/merge.repository';
import { RETRACT_ENTITY, RETRACT_RELATIONSHIP } from '../../src/curation/retraction.repository';
import { EntityKind, RelationshipType } from '../../src/model/vocabulary';
import { EDGE_BETWEEN } from '../../src/relationships/relationship.repository';

/**
 * Pins the write statements of the curation use cases (no database): the locks every write
 * takes first, and the order in which each use case locks, reads, checks and writes inside its
 * one transaction. The behaviour under real concurrency is in tests/e2e/concurrent-writes.test.ts.
 */

const NAMES = new Map<string, string>([
  [LOCK_ENTITIES_STATEMENT, 'lock ids (MERGE)'],
  [KNOWN_ENTITIES_STATEMENT, 'read kinds'],
  [LOCK_EXISTING_ENTITIES, 'lock entities'],
  [ENTITY_STATES, 'read entity states'],
  [LOCK_RELATIONSHIP, 'lock endpoints and relationship'],
  [EDGE_BETWEEN, 'read relationship'],
  [RETRACT_ENTITY, 'retract entity'],
  [RETRACT_RELATIONSHIP, 'retract relationship'],
  [COMBINE_PROPERTIES, 'merge: combine properties'],
  [RETIRE_DUPLICATES, 'merge: retire duplicates'],
  [upsertNodesStatement(EntityKind.ACTOR, 'ArmedGroup'), 'write ArmedGroup actors'],
  [upsertNodesStatement(EntityKind.SOURCE), 'write sources'],
  [upsertRelationshipsStatement(RelationshipType.OPPOSES), 'write OPPOSES'],
  [upsertRelationshipsStatement(RelationshipType.REPORTED_BY), 'write REPORTED_BY'],
]);

/** A gateway whose one write transaction records each statement and answers from `answer`. */
function recordingGateway(answer: (cypher: string, params: Params) => unknown[]) {
  const sent: string[] = [];
  const transactions: string[] = [];
  const tx: Tx = {
    run: async <R,>(cypher: string, params: Params = {}) => {
      sent.push(NAMES.get(cypher) ?? (cypher.includes('DELETE r') ? 'merge: move relationships' : cypher.slice(0, 40)));
      return answer(cypher, params) as R[];
    },
  } as Tx;
  const db = {
    writeTransaction: async <T,>(operation: string, work: (t: Tx) => Promise<T>) => {
      transactions.push(operation);
      return work(tx);
    },
  } as unknown as Database;
  return { db, sent, transactions };
}

const KINDS: Record<string, string> = { mali: 'Actor', jnim: 'Actor', 'jnim-dup': 'Actor', 'wellbrock-mali-blockade': 'Source' };
const answer = (cypher: string, params: Params): unknown[] => {
  const ids = (params.ids as string[] | undefined) ?? [];
  if (cypher === KNOWN_ENTITIES_STATEMENT) return ids.filter((id) => KINDS[id]).map((id) => ({ id, label: KINDS[id] }));
  if (cypher === ENTITY_STATES) return ids.filter((id) => KINDS[id]).map((id) => ({ id, label: KINDS[id], retracted: false }));
  if (cypher === EDGE_BETWEEN) {
    return [{ type: 'OPPOSES', fromId: 'jnim', toId: 'mali', props: { id: 'OPPOSES:jnim->mali', sourceIds: ['wellbrock-mali-blockade'], credibility: 3, excerpt: 'x' } }];
  }
  if (cypher.startsWith('UNWIND $rows')) return [{ outcome: 'updated', count: (params.rows as unknown[]).length }];
  if (cypher === RETRACT_ENTITY || cypher === RETRACT_RELATIONSHIP) return [{ at: '2025-01-01T00:00:00Z' }];
  return [];
};

describe('curation write statements', () => {
  it('every bundle write locks its ids first, in sorted order, before reading kinds', () => {
    expect(LOCK_ENTITIES_STATEMENT).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MERGE (n:Entity {id: id})
ON CREATE SET n.placeholder = true
SET n.writeLock = true
REMOVE n.writeLock"
`);
    expect(KNOWN_ENTITIES_STATEMENT).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, [label IN labels(n) WHERE label IN $kindLabels][0] AS label
WHERE label IS NOT NULL
RETURN n.id AS id, label"
`);
  });

  it('a node write counts a bare lock node as created and drops its placeholder mark', () => {
    expect(upsertNodesStatement(EntityKind.ACTOR, 'ArmedGroup')).toMatchInlineSnapshot(`
"UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN (old IS NULL OR old.placeholder IS NOT NULL) THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND ((old IS NULL OR old.placeholder IS NOT NULL) OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (n:Entity {id: row.id})
SET n += row.props, n:Actor:ArmedGroup, n.createdAt = coalesce(n.createdAt, datetime())
REMOVE n:State, n:Alliance, n:Organization, n:Agency, n:Force, n:Person, n:Group, n.placeholder
SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'Actor', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
    expect(upsertRelationshipsStatement(RelationshipType.OPPOSES)).toMatchInlineSnapshot(`
"UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:OPPOSES {id: row.id}]->(b)
WITH a, b, row, CASE WHEN old IS NULL THEN 'created' WHEN old.contentHash = row.props.contentHash THEN 'unchanged' ELSE 'updated' END AS outcome, [key IN keys(row.props) WHERE key <> 'contentHash' AND (old IS NULL OR coalesce(old[key] <> row.props[key], (old[key] IS NULL) <> (row.props[key] IS NULL)))] AS changed
MERGE (a)-[r:OPPOSES {id: row.id}]->(b)
ON CREATE SET r.createdAt = datetime()
SET r += row.props
SET r.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(r.updatedAt, r.createdAt) ELSE datetime() END
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  CREATE (:Change {id: randomUUID(), at: datetime(), who: $who, operation: $operation, targetId: row.id,
                   targetType: 'OPPOSES', change: toUpper(outcome), changedFields: changed, record: row.record}))
RETURN outcome, count(*) AS count"
`);
  });

  it('locks of existing entities and of a relationship', () => {
    expect(LOCK_EXISTING_ENTITIES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.writeLock = true
REMOVE n.writeLock"
`);
    expect(ENTITY_STATES).toMatchInlineSnapshot(`
"UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label, n.retracted IS NOT NULL AS retracted"
`);
    expect(LOCK_RELATIONSHIP).toMatchInlineSnapshot(`
"UNWIND $endpointIds AS endpointId
MATCH (n:Entity {id: endpointId})
SET n.writeLock = true
REMOVE n.writeLock
WITH count(n) AS locked
MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE r.id = $id
SET r.writeLock = true
REMOVE r.writeLock"
`);
  });

  it('updateRelationship: lock, read, then the bundle path (lock ids, read kinds, write) in one transaction', async () => {
    const { db, sent, transactions } = recordingGateway(answer);
    await new CurationService(db).updateRelationship('OPPOSES:jnim->mali', { credibility: 2 }, 'tester');
    expect(transactions).toEqual(['curation.updateRelationship']);
    expect(sent).toMatchInlineSnapshot(`
[
  "lock endpoints and relationship",
  "read relationship",
  "lock ids (MERGE)",
  "read kinds",
  "write OPPOSES",
]
`);
  });

  it('upsertActor and importBundle: lock ids, read kinds, write', async () => {
    const actor = { id: 'jnim', name: 'JNIM', kind: 'ARMED_GROUP', sourceIds: ['wellbrock-mali-blockade'], credibility: 2, excerpt: 'x' };
    const upsert = recordingGateway(answer);
    await new CurationService(upsert.db).upsertActor(actor as never, 'tester');
    expect(upsert.sent).toMatchInlineSnapshot(`
[
  "lock ids (MERGE)",
  "read kinds",
  "write ArmedGroup actors",
  "write REPORTED_BY",
]
`);
    const imported = recordingGateway(answer);
    await new CurationService(imported.db).importBundle({ format: 'sahel-graph-bundle', version: 1, actors: [actor] }, { who: 'tester', dryRun: true });
    expect(imported.transactions).toEqual(['curation.importBundle']);
    expect(imported.sent).toMatchInlineSnapshot(`
[
  "lock ids (MERGE)",
  "read kinds",
  "write ArmedGroup actors",
  "write REPORTED_BY",
]
`);
  });

  it('retract and mergeEntities: lock and read state, then write', async () => {
    const retract = recordingGateway(answer);
    await new CurationService(retract.db).retract('jnim-dup', 'duplicate', 'tester');
    expect(retract.sent).toMatchInlineSnapshot(`
[
  "lock entities",
  "read entity states",
  "retract entity",
]
`);
    const retractLink = recordingGateway(answer);
    await new CurationService(retractLink.db).retract('OPPOSES:jnim->mali', 'misread', 'tester');
    expect(retractLink.sent).toMatchInlineSnapshot(`
[
  "lock endpoints and relationship",
  "read relationship",
  "retract relationship",
]
`);
    const merge = recordingGateway(answer);
    await new CurationService(merge.db).mergeEntities('jnim', ['jnim-dup'], 'tester');
    expect(merge.sent.slice(0, 3)).toMatchInlineSnapshot(`
[
  "lock entities",
  "read entity states",
  "merge: combine properties",
]
`);
    expect(merge.sent.at(-1)).toBe('merge: retire duplicates');
  });
});
