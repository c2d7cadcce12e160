import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_MAX_ITEMS, LOG_MAX_STRING, SEQUENCE_CHANGES, type Database } from '../../src/db';
import { openDatabase } from '../support/database';

/**
 * The gateway's statement log against the real Neo4j: at debug, one line per statement with its
 * operation, mode, Cypher and parameters, bounded; above debug, nothing.
 */

function collectingLogger(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

describe('statement log', () => {
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  it('logs each statement of a transaction at debug with its Cypher and parameters', async () => {
    const { logger, lines } = collectingLogger('debug');
    const db = openDatabase({ logger });
    opened.push(db);
    const rows = await db.read<{ answer: string }>('test.log.read', 'RETURN $word AS answer', {
      word: 'statement-log-read',
    });
    expect(rows).toEqual([{ answer: 'statement-log-read' }]);
    await db.writeTransaction('test.log.write', async (tx) => {
      await tx.run('MERGE (n:StatementLogProbe {id: $id}) RETURN n.id AS id', { id: 'probe-1' });
      await tx.run('MATCH (n:StatementLogProbe {id: $id}) DELETE n', { id: 'probe-1' });
    });

    // The gateway ends every write transaction by numbering its history entries (the change feed).
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.level === pino.levels.values.debug && line.msg === 'cypher')).toBe(true);
    expect(lines.map(({ operation, mode, cypher, params }) => ({ operation, mode, cypher, params }))).toEqual([
      {
        operation: 'test.log.read',
        mode: 'READ',
        cypher: 'RETURN $word AS answer',
        params: { word: 'statement-log-read' },
      },
      {
        operation: 'test.log.write',
        mode: 'WRITE',
        cypher: 'MERGE (n:StatementLogProbe {id: $id}) RETURN n.id AS id',
        params: { id: 'probe-1' },
      },
      {
        operation: 'test.log.write',
        mode: 'WRITE',
        cypher: 'MATCH (n:StatementLogProbe {id: $id}) DELETE n',
        params: { id: 'probe-1' },
      },
      { operation: 'test.log.write', mode: 'WRITE', cypher: SEQUENCE_CHANGES, params: {} },
    ]);
  });

  it("logs /readyz's ping like any statement", async () => {
    const { logger, lines } = collectingLogger('debug');
    const db = openDatabase({ logger });
    opened.push(db);
    await db.ping(5_000);
    expect(lines.map(({ operation, mode, cypher, params }) => ({ operation, mode, cypher, params }))).toEqual([
      { operation: 'ping', mode: 'READ', cypher: 'RETURN 1 AS ok', params: {} },
    ]);
  });

  it('cuts long strings and lists so a large import does not flood the log, and still runs the whole statement', async () => {
    const { logger, lines } = collectingLogger('debug');
    const db = openDatabase({ logger });
    opened.push(db);
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ id: `row-${i}`, text: 'x'.repeat(10_000) }));
    const [row] = await db.read<{ count: number; longest: number }>(
      'test.log.large',
      'UNWIND $rows AS row RETURN count(row) AS count, max(size(row.text)) AS longest',
      { rows },
    );
    expect(row).toEqual({ count: 5_000, longest: 10_000 });

    expect(lines).toHaveLength(1);
    const logged = (lines[0].params as { rows: unknown[] }).rows;
    expect(logged).toHaveLength(LOG_MAX_ITEMS + 1);
    expect(logged.at(-1)).toBe(`… (${5_000 - LOG_MAX_ITEMS} more items)`);
    const first = logged[0] as { id: string; text: string };
    expect(first.id).toBe('row-0');
    expect(first.text).toBe(`${'x'.repeat(LOG_MAX_STRING)}… (${10_000 - LOG_MAX_STRING} more characters)`);
    // 50 MB of parameters, a few kilobytes of log.
    expect(JSON.stringify(lines[0]).length).toBeLessThan(5_000);
  });

  it('writes nothing when the level is above debug, or without a logger', async () => {
    const { logger, lines } = collectingLogger('info');
    const quiet = openDatabase({ logger });
    const silent = openDatabase();
    opened.push(quiet, silent);
    await expect(quiet.read('test.log.info', 'RETURN $n AS n', { n: 1 })).resolves.toEqual([{ n: 1 }]);
    await expect(silent.read('test.log.none', 'RETURN $n AS n', { n: 2 })).resolves.toEqual([{ n: 2 }]);
    expect(lines).toEqual([]);
  });
});
