import { graphql, type GraphQLSchema } from 'graphql';
import { isDate, isInt } from 'neo4j-driver';
import type { Identity } from '../../src/auth/identity';
import { KNOWN_ENTITIES_STATEMENT } from '../../src/bundle/load';
import { ENTITY_STATES } from '../../src/curation/curation.repository';
import { RETRACT_ENTITY, RETRACT_RELATIONSHIP } from '../../src/curation/retraction.repository';
import type { Database, Params, Tx } from '../../src/db';
import { createRequestContext } from '../../src/graphql/request-composition';
import { EDGE_BETWEEN, VISIBLE_EDGE_BETWEEN } from '../../src/relationships/relationship.repository';
import { Tlp } from '../../src/model/vocabulary';

/**
 * A stand-in for the gateway that runs nothing: it records each statement, the operation it runs
 * under and its parameters, and answers with rows of the right shape from a pretend graph (`kinds`:
 * which ids exist, as which kind). Only for the Cypher snapshot tests (tests/cypher), which pin
 * what the service sends for each GraphQL operation; everything else uses the real Neo4j.
 *
 * It answers `read`/`write` and `readTransaction`/`writeTransaction` (whose `tx.run` is recorded
 * under the transaction's operation), so writes run their whole use case: locks, checks, writes,
 * then the reload a mutation answers with.
 */
export interface Recorded {
  operation: string;
  cypher: string;
  params: Record<string, unknown>;
}

/** The pretend graph: entity id -> kind label (Actor, Location, Event, Allegation, Source). */
export type FixtureKinds = Readonly<Record<string, string>>;

export interface RecordingOptions {
  /** Entities that exist. A read by id of any other id answers a bare Actor (so nested fields run). */
  kinds?: FixtureKinds;
  /** Rows for a statement, before the defaults; undefined keeps the default answer. */
  answer?: (statement: Recorded) => unknown[] | undefined;
}

/** A bare node of `label`, with what toEntity needs. */
const node = (id: string, label: string) => ({
  id,
  labels: ['Entity', label],
  props: { id, name: id, createdAt: 'then', sourceIds: [] },
});

/** Any relationship asked for exists, with the evidence every relationship carries. */
const edge = (params: Params) => ({
  type: String(params.id).split(':')[0],
  fromId: params.from,
  toId: params.to,
  props: { id: params.id, sourceIds: ['wellbrock-mali-blockade'], credibility: 3, excerpt: 'as reported' },
});

function defaultAnswer({ operation, cypher, params }: Recorded, kinds: FixtureKinds): unknown[] {
  const ids = (params.ids as string[] | undefined) ?? [];
  if (operation.startsWith('entities.list') || operation === 'traversal.timeline') return [{ total: 0, items: [] }];
  // The anchor exists (entities.byIds answers every id): its neighbourhood is one row, empty here.
  if (operation === 'traversal.neighborhood')
    return [{ nodes: [], edges: [], nodesTruncated: false, hiddenSourceIds: ['a-red-source'] }];
  // Both ends exist (as entities.byIds says of every id), with no path between them.
  if (operation === 'traversal.paths')
    return [{ fromFound: true, toFound: true, paths: [], cited: [], hiddenSourceIds: ['a-red-source'] }];
  if (operation === 'traversal.pathsByIds') return [{ paths: [], cited: [] }];
  if (operation === 'traversal.connect')
    return [
      {
        anchors: ids.map((id, i) => ({ i, entity: node(id, kinds[id] ?? 'Actor') })),
        paths: [],
        cited: [],
        hiddenSourceIds: ['a-red-source'],
      },
    ];
  if (operation === 'meta.counts' || operation === 'meta.visibleCounts') return [{ nodes: 0, relationships: 0 }];
  if (operation === 'visibility.hiddenSources') return [{ ids: ['a-red-source'] }];
  if (operation === 'seed.isEmpty') return [{ empty: false }];
  if (operation === 'entities.byIds') return ids.map((id) => node(id, kinds[id] ?? 'Actor'));
  if (cypher === KNOWN_ENTITIES_STATEMENT.trim())
    return ids.filter((id) => kinds[id]).map((id) => ({ id, label: kinds[id] }));
  if (cypher === ENTITY_STATES.trim())
    return ids.filter((id) => kinds[id]).map((id) => ({ id, label: kinds[id], retracted: false }));
  if (cypher === EDGE_BETWEEN.trim() || cypher === VISIBLE_EDGE_BETWEEN.trim()) return [edge(params)];
  // Every bundle write (nodes or relationships) writes each of its rows.
  if (cypher.startsWith('UNWIND $rows')) return [{ outcome: 'created', count: (params.rows as unknown[]).length }];
  if (cypher === RETRACT_ENTITY.trim() || cypher === RETRACT_RELATIONSHIP.trim())
    return [{ at: '2025-01-01T00:00:00Z' }];
  return [];
}

/** Driver values as they print in a snapshot: integers as numbers, dates as date(...). */
function plain(value: unknown): unknown {
  if (isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (isDate(value)) return `date(${String(value)})`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export function recordingDatabase(options: RecordingOptions = {}): { db: Database; recorded: Recorded[] } {
  const recorded: Recorded[] = [];
  const run = async (operation: string, cypher: string, params: Params = {}): Promise<never[]> => {
    const statement = { operation, cypher: cypher.trim(), params: plain(params) as Record<string, unknown> };
    recorded.push(statement);
    return (options.answer?.({ ...statement, params }) ??
      defaultAnswer({ ...statement, params }, options.kinds ?? {})) as never[];
  };
  const transaction = async <T>(operation: string, work: (tx: Tx) => Promise<T>): Promise<T> =>
    work({ run: (cypher: string, params?: Params) => run(operation, cypher, params) } as Tx);
  const db = {
    read: run,
    write: run,
    schemaWrite: run,
    readTransaction: transaction,
    writeTransaction: transaction,
    observed: () => db,
    causal: () => db,
  } as unknown as Database;
  return { db, recorded };
}

/** An admin, so every mutation passes the authorization rules (history records this name). */
export const CURATOR: Identity = { name: 'cypher-snapshot', role: 'admin', via: 'api-key', clearance: Tlp.RED };

/**
 * Runs one GraphQL operation against a recording gateway and returns what it sent, failing on
 * any GraphQL error (a snapshot of a refused operation would pin nothing).
 */
export async function statementsOf(
  schema: GraphQLSchema,
  source: string,
  options: RecordingOptions & { variables?: Record<string, unknown>; as?: Identity } = {},
): Promise<Recorded[]> {
  const { db, recorded } = recordingDatabase(options);
  const result = await graphql({
    schema,
    source,
    variableValues: options.variables,
    contextValue: createRequestContext(db, options.as ?? CURATOR),
  });
  if (result.errors?.length) throw new Error(`${source}\n${result.errors.map((error) => error.message).join('\n')}`);
  return recorded;
}
