import type { Database } from '../../src/db';
import { WATCH_CURSOR_ID, WatchRepository, type PendingAlert } from '../../src/watchlists/watch.repository';
import { AlertReason } from '../../src/watchlists/watch-kind';
import { clearGraph, seededDatabase } from '../support/database';

/**
 * Alerts are bounded per owner (MAX_ALERTS_KEPT): the watcher's transaction that records new
 * alerts drops that owner's oldest beyond the cap, and leaves other owners and the feed entries
 * alone. On a real Neo4j, with the cap made small.
 */
describe('alerts kept per owner', () => {
  let db: Database;

  beforeAll(async () => {
    db = await seededDatabase();
    await db.write('test.watches', `MATCH (n) WHERE n:Watch OR n:Alert OR n:WatchCursor DETACH DELETE n`);
    await db.write(
      'test.watches',
      `MERGE (c:WatchCursor {id: $cursor}) SET c.seq = 0, c.alerts = 0
       CREATE (:Watch {id: 'w-alice', owner: 'alice', kind: 'ENTITY', entityId: 'mali'})
       CREATE (:Watch {id: 'w-bob', owner: 'bob', kind: 'ENTITY', entityId: 'mali'})`,
      { cursor: WATCH_CURSOR_ID },
    );
  });

  afterAll(async () => {
    await clearGraph(db);
    await db.close();
  });

  const alert = (watchId: string, n: number): PendingAlert => ({
    id: `${watchId}-${n}`,
    watchId,
    reasons: [AlertReason.ENTITY_CHANGED],
    before: null,
    after: null,
    causes: '[]',
    snapshot: null,
    record: (number) => JSON.stringify({ number }),
  });

  it("keeps each owner's newest alerts only, and every feed entry", async () => {
    const repo = new WatchRepository(db, 3);
    let cursor = 0;
    for (let step = 0; step < 4; step++) {
      const batch = [alert('w-alice', 2 * step), alert('w-alice', 2 * step + 1)];
      if (step === 0) batch.push(alert('w-bob', 0));
      expect(await repo.record(cursor, cursor + 1, batch)).toBe(true);
      cursor += 1;
    }
    const kept = await db.read<{ owner: string; ids: string[] }>(
      'test.alerts',
      `MATCH (a:Alert) WITH a ORDER BY a.number RETURN a.owner AS owner, collect(a.id) AS ids ORDER BY owner`,
    );
    expect(kept).toEqual([
      { owner: 'alice', ids: ['w-alice-5', 'w-alice-6', 'w-alice-7'] },
      { owner: 'bob', ids: ['w-bob-0'] },
    ]);
    const [entries] = await db.read<{ count: number }>(
      'test.alerts',
      `MATCH (c:Change {targetType: 'Alert'}) RETURN count(c) AS count`,
    );
    expect(entries.count).toBe(9);
  });
});
