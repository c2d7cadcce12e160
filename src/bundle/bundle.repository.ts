import type { Database, Tx } from '../db';
import {
  ActorKind,
  ENTITY_LABEL,
  EntityKind,
  KIND_OF_LABEL,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_KIND,
  LABEL_OF_LOCATION_KIND,
  LocationKind,
  RelationshipType,
} from '../model/vocabulary';
import type { Bundle } from './bundle.model';
import {
  checkBundleReferences,
  parseBundleFields,
  referencedIds,
  relationshipId,
  type KnownEntities,
} from './bundle.validator';
import {
  actorProps,
  allegationProps,
  eventProps,
  locationProps,
  relationshipProps,
  sourceProps,
  type Props,
} from './node-properties';

/**
 * Writes a validated bundle in ONE write transaction: everything or nothing. Rows go in batches
 * through UNWIND, one statement per (kind, sub-kind) or relationship type, whose labels and types
 * come from the vocabulary's constants; every value is a parameter. MERGE by id makes loading
 * idempotent, and a content hash tells created, updated and unchanged records apart.
 */

export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LoadSummary {
  nodes: LoadCounts;
  relationships: LoadCounts;
}

interface Row {
  id: string;
  props: Props;
}

interface RelRow extends Row {
  from: string;
  to: string;
}

const BATCH_SIZE = 1_000;
const LOAD_TIMEOUT_MS = 300_000;

const OUTCOME = (old: string, hash: string) =>
  `CASE WHEN ${old} IS NULL THEN 'created' WHEN ${old}.contentHash = ${hash} THEN 'unchanged' ELSE 'updated' END`;

/** Sub-kind labels of a kind, all of which a node loses before it gains its current one. */
const SUB_LABELS: Partial<Record<EntityKind, string[]>> = {
  [EntityKind.ACTOR]: Object.values(LABEL_OF_ACTOR_KIND),
  [EntityKind.LOCATION]: Object.values(LABEL_OF_LOCATION_KIND),
};

export function upsertNodesStatement(kind: EntityKind, subLabel?: string): string {
  const labels = [LABEL_OF_KIND[kind], ...(subLabel ? [subLabel] : [])].join(':');
  const stale = SUB_LABELS[kind]?.filter((label) => label !== subLabel) ?? [];
  return [
    'UNWIND $rows AS row',
    `OPTIONAL MATCH (old:${ENTITY_LABEL} {id: row.id})`,
    `WITH row, ${OUTCOME('old', 'row.props.contentHash')} AS outcome`,
    `MERGE (n:${ENTITY_LABEL} {id: row.id})`,
    'ON CREATE SET n.createdAt = datetime()',
    `SET n += row.props, n:${labels}`,
    ...(stale.length ? [`REMOVE n:${stale.join(':')}`] : []),
    "SET n.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(n.updatedAt, n.createdAt) ELSE datetime() END",
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

export function upsertRelationshipsStatement(type: RelationshipType): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${ENTITY_LABEL} {id: row.from}), (b:${ENTITY_LABEL} {id: row.to})`,
    `OPTIONAL MATCH (a)-[old:${type} {id: row.id}]->(b)`,
    `WITH a, b, row, ${OUTCOME('old', 'row.props.contentHash')} AS outcome`,
    `MERGE (a)-[r:${type} {id: row.id}]->(b)`,
    'ON CREATE SET r.createdAt = datetime()',
    'SET r += row.props',
    "SET r.updatedAt = CASE WHEN outcome = 'unchanged' THEN coalesce(r.updatedAt, r.createdAt) ELSE datetime() END",
    'RETURN outcome, count(*) AS count',
  ].join('\n');
}

export const KNOWN_ENTITIES_STATEMENT = `UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label IN $kindLabels][0] AS label`;

export class BundleRepository {
  constructor(private readonly db: Database) {}

  /** Kinds of the entities a bundle refers to that are already in the graph. */
  async knownEntities(ids: string[]): Promise<KnownEntities> {
    const rows = await this.db.read<{ id: string; label: string }>('bundle.knownEntities', KNOWN_ENTITIES_STATEMENT, {
      ids,
      kindLabels: Object.values(LABEL_OF_KIND),
    });
    return new Map(rows.map((row) => [row.id, KIND_OF_LABEL[row.label]]));
  }

  /** Validates `json` against the bundle rules and the graph, then loads it atomically. */
  async import(json: unknown): Promise<LoadSummary> {
    const bundle = parseBundleFields(json);
    const known = await this.knownEntities(referencedIds(bundle));
    return this.load(checkBundleReferences(bundle, known));
  }

  /** Loads an already validated bundle. */
  load(bundle: Bundle): Promise<LoadSummary> {
    return this.db.writeTransaction(
      'bundle.load',
      async (tx) => {
        const nodes = zero();
        const relationships = zero();
        add(nodes, await runBatches(tx, upsertNodesStatement(EntityKind.SOURCE), toRows(bundle.sources, sourceProps)));
        for (const kind of Object.values(ActorKind)) {
          const group = bundle.actors.filter((actor) => actor.kind === kind);
          add(nodes, await runBatches(tx, upsertNodesStatement(EntityKind.ACTOR, LABEL_OF_ACTOR_KIND[kind]), toRows(group, actorProps)));
        }
        for (const kind of Object.values(LocationKind)) {
          const group = bundle.locations.filter((location) => location.kind === kind);
          add(nodes, await runBatches(tx, upsertNodesStatement(EntityKind.LOCATION, LABEL_OF_LOCATION_KIND[kind]), toRows(group, locationProps)));
        }
        add(nodes, await runBatches(tx, upsertNodesStatement(EntityKind.EVENT), toRows(bundle.events, eventProps)));
        add(nodes, await runBatches(tx, upsertNodesStatement(EntityKind.ALLEGATION), toRows(bundle.allegations, allegationProps)));

        for (const type of Object.values(RelationshipType)) {
          const group = bundle.relationships
            .filter((rel) => rel.type === type)
            .map((rel) => ({ id: relationshipId(rel), from: rel.from, to: rel.to, props: relationshipProps(rel) }));
          add(relationships, await runBatches(tx, upsertRelationshipsStatement(type), group));
        }
        add(relationships, await runBatches(tx, upsertRelationshipsStatement(RelationshipType.REPORTED_BY), reportedByRows(bundle)));
        return { nodes, relationships };
      },
      LOAD_TIMEOUT_MS,
    );
  }
}

/** Evidence edges: each claim-bearing entity REPORTED_BY each source it cites. */
function reportedByRows(bundle: Bundle): RelRow[] {
  const claims = [...bundle.actors, ...bundle.locations, ...bundle.events, ...bundle.allegations];
  return claims.flatMap((claim) =>
    claim.sourceIds.map((sourceId) => {
      const rel = {
        type: RelationshipType.REPORTED_BY,
        from: claim.id,
        to: sourceId,
        sourceIds: [sourceId],
        credibility: claim.credibility,
        excerpt: claim.excerpt,
      };
      return { id: relationshipId(rel), from: claim.id, to: sourceId, props: relationshipProps(rel) };
    }),
  );
}

function toRows<T extends { id: string }>(records: T[], toProps: (record: T) => Props): Row[] {
  return records.map((record) => ({ id: record.id, props: toProps(record) }));
}

async function runBatches(tx: Tx, statement: string, all: Row[]): Promise<LoadCounts> {
  const counts = zero();
  for (let start = 0; start < all.length; start += BATCH_SIZE) {
    const batch = all.slice(start, start + BATCH_SIZE);
    const result = await tx.run<{ outcome: keyof LoadCounts; count: number }>(statement, { rows: batch });
    const written = result.reduce((sum, row) => sum + row.count, 0);
    if (written !== batch.length) {
      // An endpoint vanished between validation and write: abort the whole transaction.
      throw new Error(`bundle load wrote ${written} of ${batch.length} rows; rolled back`);
    }
    for (const row of result) counts[row.outcome] += row.count;
  }
  return counts;
}

const zero = (): LoadCounts => ({ created: 0, updated: 0, unchanged: 0 });

function add(total: LoadCounts, part: LoadCounts): void {
  total.created += part.created;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
}
