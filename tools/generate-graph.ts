import { int, type Database } from '../src/db';

/** Rows per write transaction: big enough to amortise round trips, small enough for a default heap. */
const BATCH = 20_000;

/**
 * A synthetic graph for load, cap and speed checks: `nodes` armed-group actors, the first `hubs`
 * of them hubs that every other actor is AFFILIATED_WITH (so each hub has nodes/hubs spokes), one
 * pseudo-random SUPPORTS link per actor, and a MEMBER_OF chain through the hubs. One spoke in ten of
 * each hub is also SUBORDINATE_TO the hub two along the chain, so hubs two apart share many spokes
 * (hundreds of shortest paths between them, as between real hubs). Everything cites one generated
 * source, with credibility spread over 1-6. Ids are `gen-<n>`.
 *
 * Written in batches of UNWIND (one transaction each, nodes before links), so a 100,000-actor
 * graph takes seconds and never needs a large transaction. Expects no `gen-` actors yet.
 */
export async function generateGraph(db: Database, nodes: number, hubs: number): Promise<void> {
  await db.write(
    'generate.source',
    `MERGE (s:Entity:Source {id: 'gen-source'}) SET s.name = 'Generated', s.kind = 'OTHER', s.reliability = 'C', s.createdAt = datetime()`,
  );
  for (let from = 0; from < nodes; from += BATCH) {
    await db.write(
      'generate.actors',
      `UNWIND range($from, $to - 1) AS i
       CREATE (:Entity:Actor:ArmedGroup {id: 'gen-' + i, name: 'Generated actor ' + i, aliases: [], kind: 'ARMED_GROUP',
               sourceIds: ['gen-source'], credibility: 3, excerpt: 'generated', createdAt: datetime()})`,
      { from: int(from), to: int(Math.min(nodes, from + BATCH)) },
    );
  }
  for (let from = hubs; from < nodes; from += BATCH) {
    await db.write(
      'generate.links',
      `UNWIND range($from, $to - 1) AS i
       MATCH (a:Entity {id: 'gen-' + i}), (hub:Entity {id: 'gen-' + (i % $hubs)}), (other:Entity {id: 'gen-' + ((i * 7919 + 13) % $n)})
       CREATE (a)-[:AFFILIATED_WITH {id: 'gen-hub-' + i, sourceIds: ['gen-source'], credibility: 1 + i % 6, excerpt: 'generated', createdAt: datetime()}]->(hub)
       CREATE (a)-[:SUPPORTS {id: 'gen-x-' + i, sourceIds: ['gen-source'], credibility: 1 + (i + 3) % 6, excerpt: 'generated', createdAt: datetime()}]->(other)
       WITH a, i WHERE (i / $hubs) % 10 = 0
       MATCH (second:Entity {id: 'gen-' + ((i + 2) % $hubs)})
       CREATE (a)-[:SUBORDINATE_TO {id: 'gen-sub-' + i, sourceIds: ['gen-source'], credibility: 1 + (i + 1) % 6, excerpt: 'generated', createdAt: datetime()}]->(second)`,
      { from: int(from), to: int(Math.min(nodes, from + BATCH)), n: int(nodes), hubs: int(hubs) },
    );
  }
  await db.write(
    'generate.chain',
    `UNWIND range(0, $hubs - 2) AS i
     MATCH (a:Entity {id: 'gen-' + i}), (b:Entity {id: 'gen-' + (i + 1)})
     CREATE (a)-[:MEMBER_OF {id: 'gen-chain-' + i, sourceIds: ['gen-source'], credibility: 2, excerpt: 'generated', createdAt: datetime()}]->(b)`,
    { hubs: int(hubs) },
  );
}

/** Removes a generated graph in batches (a 100,000-actor graph is too big for one transaction). */
export async function removeGeneratedGraph(db: Database): Promise<void> {
  for (;;) {
    const [{ removed }] = await db.write<{ removed: number }>(
      'generate.remove',
      `MATCH (n:Entity) WHERE n.id STARTS WITH 'gen-' WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS removed`,
      { batch: int(BATCH / 4) },
    );
    if (removed === 0) return;
  }
}
