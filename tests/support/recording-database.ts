import { isDate, isInt } from 'neo4j-driver';
import type { Database, Params } from '../../src/db';

/**
 * A stand-in for the gateway that runs nothing: it records each statement and its parameters
 * and answers with an empty result of the right shape. Only for the Cypher snapshot tests,
 * which pin what repositories send; everything else uses the real Neo4j.
 */
export interface Recorded {
  operation: string;
  cypher: string;
  params: Record<string, unknown>;
}

const EMPTY_ROWS: Readonly<Record<string, (params: Params) => unknown[]>> = {
  'entities.list': () => [{ total: 0, items: [] }],
  'traversal.timeline': () => [{ total: 0, items: [] }],
  // Every id asked for exists, as a bare actor, so resolvers go on to their own statements.
  'entities.byIds': (params) =>
    (params.ids as string[]).map((id) => ({ id, labels: ['Entity', 'Actor'], props: { id, name: id, createdAt: 'then', sourceIds: [] } })),
};

function plain(value: unknown): unknown {
  if (isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (isDate(value)) return `date(${String(value)})`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export function recordingDatabase(): { db: Database; recorded: Recorded[] } {
  const recorded: Recorded[] = [];
  const read = async (operation: string, cypher: string, params: Params = {}) => {
    recorded.push({ operation, cypher: cypher.trim(), params: plain(params) as Record<string, unknown> });
    const key = Object.keys(EMPTY_ROWS).find((prefix) => operation.startsWith(prefix));
    return key ? EMPTY_ROWS[key](params) : [];
  };
  const db = { read, write: read, observed: () => db } as unknown as Database;
  return { db, recorded };
}
