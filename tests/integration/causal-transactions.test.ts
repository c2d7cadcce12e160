import { DEADLINE_GRACE_MS, maxRetryTimeMs, RequestBookmarks, type Database } from '../../src/db';
import { openDatabase } from '../support/database';

/**
 * The gateway on a cluster's terms, on the real Neo4j: a request's bookmarks follow its writes
 * (read-your-writes), and transient errors are retried by the driver's managed transactions
 * within the deadline.
 */
describe('bookmarks and retries in the gateway', () => {
  let db: Database;
  beforeAll(() => {
    db = openDatabase();
  });
  afterAll(async () => {
    await db.write('test.causal.clear', 'MATCH (n:CausalTest) DETACH DELETE n');
    await db.close();
  });

  it("hands each committed write's bookmark to what follows in the request, and to a later request", async () => {
    const request = new RequestBookmarks();
    const view = db.causal(request);
    expect(await request.current()).toEqual([]);
    await view.read('test.causal.read', 'RETURN 1 AS one');
    expect(request.written).toBe(false);

    await view.write('test.causal.write', "MERGE (n:CausalTest {id: 'first'}) SET n.value = 1");
    expect(request.written).toBe(true);
    const afterFirst = await request.current();
    expect(afterFirst).toHaveLength(1);

    await view.write('test.causal.write', "MATCH (n:CausalTest {id: 'first'}) SET n.value = 2");
    const afterSecond = await request.current();
    // The manager keeps the newest bookmark only: it covers the first write as well.
    expect(afterSecond).toHaveLength(1);
    expect(afterSecond).not.toEqual(afterFirst);

    // A later request (any replica) that starts from those bookmarks reads the write.
    const later = db.causal(new RequestBookmarks(afterSecond));
    const [row] = await later.read<{ value: number }>(
      'test.causal.read',
      "MATCH (n:CausalTest {id: 'first'}) RETURN n.value AS value",
    );
    expect(row.value).toBe(2);
  });

  it('records no write when the write transaction rolled back', async () => {
    const request = new RequestBookmarks();
    await expect(
      db.causal(request).writeTransaction('test.causal.rollback', async (tx) => {
        await tx.run("CREATE (n:CausalTest {id: 'rolled-back'})");
        throw new Error('refused by the use case');
      }),
    ).rejects.toThrow('refused by the use case');
    expect(request.written).toBe(false);
    expect(await db.read('test.causal.read', "MATCH (n:CausalTest {id: 'rolled-back'}) RETURN n")).toEqual([]);
  });

  it('keeps the driver retrying no longer than the client-side deadline', () => {
    expect(maxRetryTimeMs({ acquisitionTimeoutMs: 5_000, transactionTimeoutMs: 15_000 })).toBe(3_000);
    expect(maxRetryTimeMs({ acquisitionTimeoutMs: 5_000, transactionTimeoutMs: 100 })).toBe(100 + DEADLINE_GRACE_MS);
    expect(maxRetryTimeMs({ acquisitionTimeoutMs: 1_000 })).toBe(1_000);
  });

  it('retries a transaction that lost a deadlock (a transient error) and commits both writers', async () => {
    await db.write('test.causal.setup', "UNWIND ['left', 'right'] AS id MERGE (n:CausalTest {id: id}) SET n.count = 0");
    // Each writer locks one node, waits until the other holds its lock, then asks for the other
    // node: Neo4j finds the deadlock and fails one; the driver runs that one again.
    let held = 0;
    let release!: () => void;
    const bothHold = new Promise<void>((resolve) => (release = resolve));
    const attempts = { left: 0, right: 0 };
    const writer = (first: 'left' | 'right', second: 'left' | 'right') =>
      db.writeTransaction('test.causal.deadlock', async (tx) => {
        attempts[first] += 1;
        await tx.run('MATCH (n:CausalTest {id: $id}) SET n.count = n.count + 1', { id: first });
        if (attempts[first] === 1 && ++held === 2) release();
        await Promise.race([bothHold, new Promise((resolve) => setTimeout(resolve, 2_000))]);
        await tx.run('MATCH (n:CausalTest {id: $id}) SET n.count = n.count + 1', { id: second });
      });
    await Promise.all([writer('left', 'right'), writer('right', 'left')]);
    expect(attempts.left + attempts.right).toBeGreaterThanOrEqual(3);
    const rows = await db.read<{ id: string; count: number }>(
      'test.causal.read',
      "MATCH (n:CausalTest) WHERE n.id IN ['left', 'right'] RETURN n.id AS id, n.count AS count ORDER BY id",
    );
    // Both writers committed exactly once: each node counted once by each of them.
    expect(rows).toEqual([
      { id: 'left', count: 2 },
      { id: 'right', count: 2 },
    ]);
  });
});
