import { int, type Database } from '../src/db';

/**
 * A synthetic graph for load, cap and speed checks: `nodes` armed-group actors, the first `hubs`
 * of them hubs that every other actor is AFFILIATED_WITH (so each hub has nodes/hubs spokes), one
 * pseudo-random SUPPORTS link per actor, and a MEMBER_OF chain through the hubs. Everything cites
 * one generated source, with credibility spread over 1-6. Ids are `gen-<n>`.
 */
export async function generateGraph(db: Database, nodes: number, hubs: number): Promise<void> {
  await db.writeTransaction(
    'generate.graph',
    async (tx) => {
      await tx.run(
        `MERGE (s:Entity:Source {id: 'gen-source'}) SET s.name = 'Generated', s.kind = 'OTHER', s.reliability = 'C', s.createdAt = datetime()`,
      );
      await tx.run(
        `UNWIND range(0, $n - 1) AS i
         CREATE (:Entity:Actor:ArmedGroup {id: 'gen-' + i, name: 'Generated actor ' + i, aliases: [], kind: 'ARMED_GROUP',
                 sourceIds: ['gen-source'], credibility: 3, excerpt: 'generated', createdAt: datetime()})`,
        { n: int(nodes) },
      );
      await tx.run(
        `UNWIND range($hubs, $n - 1) AS i
         MATCH (a:Entity {id: 'gen-' + i}), (hub:Entity {id: 'gen-' + (i % $hubs)}), (other:Entity {id: 'gen-' + ((i * 7919 + 13) % $n)})
         CREATE (a)-[:AFFILIATED_WITH {id: 'gen-hub-' + i, sourceIds: ['gen-source'], credibility: 1 + i % 6, excerpt: 'generated', createdAt: datetime()}]->(hub)
         CREATE (a)-[:SUPPORTS {id: 'gen-x-' + i, sourceIds: ['gen-source'], credibility: 1 + (i + 3) % 6, excerpt: 'generated', createdAt: datetime()}]->(other)`,
        { n: int(nodes), hubs: int(hubs) },
      );
      await tx.run(
        `UNWIND range(0, $hubs - 2) AS i
         MATCH (a:Entity {id: 'gen-' + i}), (b:Entity {id: 'gen-' + (i + 1)})
         CREATE (a)-[:MEMBER_OF {id: 'gen-chain-' + i, sourceIds: ['gen-source'], credibility: 2, excerpt: 'generated', createdAt: datetime()}]->(b)`,
        { hubs: int(hubs) },
      );
    },
    300_000,
  );
}
