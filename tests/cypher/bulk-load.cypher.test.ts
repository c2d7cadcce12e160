import { BulkLoadRepository } from '../../src/bundle/load';
import { recordingDatabase } from '../support/recording-database';

/**
 * The Cypher a bulk load (`npm run import:bulk`) runs once neo4j-admin has written the store,
 * without a database: the empty lists CSV cannot carry, put back by id (a relationship through
 * its start node), and the counts checked against the export's manifest.
 */
describe('bulk load: Cypher sent', () => {
  it('restores empty lists of nodes and relationships in batches, then counts', async () => {
    const { db, recorded } = recordingDatabase({ answer: () => [{ found: 1, nodes: 2, relationships: 1 }] });
    const repo = new BulkLoadRepository(db);
    expect(await repo.restoreEmptyLists('node', [{ id: 'evt-1', props: { aliases: [] } }])).toBe(1);
    expect(
      await repo.restoreEmptyLists('relationship', [{ id: 'SUPPORTS:a->b', from: 'a', props: { sourceIds: [] } }]),
    ).toBe(1);
    expect(await repo.counts()).toEqual({ found: 1, nodes: 2, relationships: 1 });
    expect(recorded).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props
RETURN count(*) AS found",
    "operation": "bulkLoad.emptyLists.node",
    "params": {
      "rows": [
        {
          "id": "evt-1",
          "props": {
            "aliases": [],
          },
        },
      ],
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->()
WHERE r.id = row.id
SET r += row.props
RETURN count(*) AS found",
    "operation": "bulkLoad.emptyLists.relationship",
    "params": {
      "rows": [
        {
          "from": "a",
          "id": "SUPPORTS:a->b",
          "props": {
            "sourceIds": [],
          },
        },
      ],
    },
  },
  {
    "cypher": "CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships",
    "operation": "bulkLoad.counts",
    "params": {},
  },
]
`);
  });
});
