/**
 * The change feed's order (docs/changes.md): every (:Change) history entry is created with the
 * label UNSEQUENCED_LABEL, and the last statement of every write transaction (Database.managed)
 * numbers the entries that transaction created, under the write lock of the one (:ChangeFeed)
 * counter, then takes the label away. The lock is held until the commit, so a transaction that
 * takes sequence numbers commits before the next one can take any: sequence order IS commit
 * order, and a reader that sees number N has every number below N (or its rollback: a
 * transaction that fails gives its numbers back with the rest of its writes).
 *
 * The cost is that writers that leave history queue at the counter for the time of this one
 * statement and their commit (not for their whole work: the lock is taken last, after the
 * entities' locks, so it adds no deadlock). A transaction that left no history takes no lock.
 *
 * The statement returns the transaction's highest number (`head`, no row when it numbered
 * nothing): after the commit, the gateway tells its commit listeners (Database.onChangesCommitted)
 * that the feed reached it, which is how replicas are woken through Redis (docs/changes.md).
 */
export const CHANGE_LABEL = 'Change';
export const UNSEQUENCED_LABEL = 'Unsequenced';
export const CHANGE_FEED_LABEL = 'ChangeFeed';
/** The id of the one counter node. */
export const CHANGE_FEED_ID = 'changes';

/**
 * Within a transaction, entries keep the order of the statements that wrote them (`at` is the
 * statement's clock), then of their target ids: one commit's entries are one step of the feed.
 */
export const SEQUENCE_CHANGES = `MATCH (c:${UNSEQUENCED_LABEL})
WITH c ORDER BY c.at, c.targetId, c.id
WITH collect(c) AS fresh
WHERE size(fresh) > 0
MERGE (feed:${CHANGE_FEED_LABEL} {id: '${CHANGE_FEED_ID}'})
ON CREATE SET feed.seq = 0
SET feed.writeLock = true
REMOVE feed.writeLock
WITH feed, fresh, feed.seq AS base
SET feed.seq = base + size(fresh)
WITH fresh, base
UNWIND range(0, size(fresh) - 1) AS i
WITH fresh[i] AS c, base + i + 1 AS seq
SET c.seq = seq
REMOVE c:${UNSEQUENCED_LABEL}
RETURN count(c) AS sequenced, max(seq) AS head`;
