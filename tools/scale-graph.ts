import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import {
  type RelationshipRecordRow,
  NEO4J_CSV_FILES,
  Neo4jCsvWriter,
  type Neo4jCsvManifest,
} from '../src/bundle/export';
import { dateProps } from '../src/bundle/format';
import type { NodeRecord } from '../src/entities/entity.mapper';
import { runAdminImport } from './neo4j/admin-import';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  EventStatus,
  EventType,
  LABEL_OF_ACTOR_KIND,
  LABEL_OF_KIND,
  LABEL_OF_LOCATION_KIND,
  LocationKind,
  ParticipationRole,
  Reliability,
  RELATIONSHIP_RULES,
  RelationshipType,
  SourceKind,
  EntityKind,
} from '../src/model/vocabulary';

/**
 * A large graph in the project's model for `npm run bench:scale`: `entities` nodes of the five
 * kinds (55% actors, 17% events, 8% allegations, 10% sources, 10% locations) and about five
 * relationships per entity over every relationship type of the vocabulary, each joining the
 * kinds its rule allows. Degrees are skewed like real data (one node in seven is "active" and
 * takes about 1.5 times the links of others; p50 8, p99 29 at 100k and 1M) and a few hubs carry many more: at 1M
 * entities act-0 has ~42k relationships, act-1 ~30k ... (scaled with `entities`). Ids are
 * `act-<i>`, `evt-<i>`, `alg-<i>`, `src-<i>`, `loc-<i>`, so the first page of actors by id
 * (act-0, act-1, act-10, ...) holds the two biggest hubs. Deterministic (seeded).
 *
 * Written offline: streamed as a neo4j-csv export (the header convention and writer of
 * src/bundle/export/neo4j-csv.ts, so every property has the type the model stores) under the store's
 * csv/ folder, then loaded with `neo4j-admin database import full` (runAdminImport). Batched
 * UNWIND CREATE managed ~1,200 relationships/s on the loaded machine (> 1.5 h for 1M entities);
 * the importer does tens of thousands per second. The store has no schema and no empty lists
 * afterwards: the caller starts it once, applies the migrations and runs EMPTY_LISTS_STATEMENTS.
 */

export interface ScaleGraphStats {
  entities: number;
  relationships: number;
  hubs: Record<string, number>;
  /** Whole generation: CSV, import, migrations and indexes. */
  seconds: number;
  csvSeconds?: number;
  importSeconds?: number;
}

const KIND_SHARE: ReadonlyArray<[EntityKind, string, number]> = [
  [EntityKind.ACTOR, 'act', 0.55],
  [EntityKind.EVENT, 'evt', 0.17],
  [EntityKind.ALLEGATION, 'alg', 0.08],
  [EntityKind.SOURCE, 'src', 0.1],
  [EntityKind.LOCATION, 'loc', 0.1],
];

/** How often each type appears among ordinary relationships (relative weights). */
const TYPE_WEIGHT: Readonly<Record<RelationshipType, number>> = {
  MEMBER_OF: 5,
  AFFILIATED_WITH: 7,
  SUBORDINATE_TO: 3,
  NATIONAL_OF: 2,
  SUPPORTS: 7,
  OPPOSES: 5,
  GOVERNS: 1,
  OPERATES_IN: 3,
  PART_OF: 1,
  BORDERS: 1,
  CONNECTS: 1,
  PARTICIPATED_IN: 16,
  OCCURRED_IN: 4,
  DISRUPTS: 2,
  FOLLOWS: 3,
  ALLEGES: 4,
  ACCUSES: 4,
  CONCERNS: 2,
  DENIES: 2,
  REPORTED_BY: 11,
  CITES: 3,
};

/** Hub id -> relationships at 1M entities, and the types through which it gathers them. */
const HUBS: ReadonlyArray<[string, number, RelationshipType[]]> = [
  ['act-0', 42_000, ['AFFILIATED_WITH', 'SUPPORTS', 'MEMBER_OF', 'PARTICIPATED_IN', 'ACCUSES'] as RelationshipType[]],
  ['act-1', 30_000, ['AFFILIATED_WITH', 'SUPPORTS', 'OPPOSES', 'PARTICIPATED_IN'] as RelationshipType[]],
  ['act-2', 20_000, ['SUBORDINATE_TO', 'SUPPORTS', 'ACCUSES'] as RelationshipType[]],
  ['act-3', 12_000, ['OPPOSES', 'NATIONAL_OF', 'PARTICIPATED_IN'] as RelationshipType[]],
  ['act-4', 8_000, ['MEMBER_OF', 'ALLEGES'] as RelationshipType[]],
  ['act-5', 5_000, ['AFFILIATED_WITH', 'OPERATES_IN'] as RelationshipType[]],
  ['act-6', 3_000, ['SUPPORTS', 'PARTICIPATED_IN'] as RelationshipType[]],
  ['loc-0', 20_000, ['OPERATES_IN', 'OCCURRED_IN', 'PART_OF'] as RelationshipType[]],
  ['src-0', 25_000, ['REPORTED_BY', 'CITES'] as RelationshipType[]],
];

const RELATIONSHIPS_PER_ENTITY = 5;
/** Rows handed to the CSV writer at a time (the files are streamed, never held whole). */
const BATCH = 20_000;
const CREATED_AT = neo4j.types.DateTime.fromStandardDate(new Date('2026-01-01T00:00:00Z'));
const ACTIVE_EVERY = 7;
/** How much likelier an active node is to be an ordinary endpoint than any other node. */
const ACTIVE_WEIGHT = 1.5;
/** Probability that an ordinary endpoint is drawn from the active nodes (1 in ACTIVE_EVERY). */
const ACTIVE_SHARE = ACTIVE_WEIGHT / (ACTIVE_WEIGHT + ACTIVE_EVERY - 1);

/** mulberry32: a small seeded generator, so the same N always gives the same graph (and benches the same file). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function kindCounts(entities: number): Map<EntityKind, { prefix: string; count: number }> {
  const counts = new Map<EntityKind, { prefix: string; count: number }>();
  let assigned = 0;
  KIND_SHARE.forEach(([kind, prefix, share], index) => {
    const count = index === KIND_SHARE.length - 1 ? entities - assigned : Math.max(10, Math.round(entities * share));
    counts.set(kind, { prefix, count });
    assigned += count;
  });
  return counts;
}

export function hubsOf(entities: number): Array<{ id: string; degree: number; types: RelationshipType[] }> {
  return HUBS.map(([id, degree, types]) => ({
    id,
    degree: Math.max(20, Math.round((degree * entities) / 1_000_000)),
    types,
  }));
}

type Row = Record<string, unknown>;

function nodeRow(kind: EntityKind, prefix: string, i: number, rand: () => number, sources: number): Row {
  const pick = <T>(values: readonly T[]) => values[Math.floor(rand() * values.length)];
  const sourceIds = kind === EntityKind.SOURCE ? [] : [`src-${Math.floor(rand() * sources)}`];
  const base: Row = {
    id: `${prefix}-${i}`,
    name: `${LABEL_OF_KIND[kind]} ${i}`,
    aliases: i % 5 === 0 ? [`${prefix.toUpperCase()} ${i}`] : [],
    sourceIds,
    credibility: 1 + Math.floor(rand() * 6),
    excerpt: 'generated for the scale bench',
    createdAt: CREATED_AT,
  };
  // A few retracted entities, so the lists' "hide retracted" rule has work to do.
  if (i % 997 === 996) Object.assign(base, { retracted: true, retractedReason: 'bench', retractedBy: 'bench' });
  switch (kind) {
    case EntityKind.ACTOR:
      return { ...base, kind: Object.values(ActorKind)[i % 8], country: pick(['ML', 'BF', 'NE', 'TD', 'SD']) };
    case EntityKind.LOCATION:
      return { ...base, kind: Object.values(LocationKind)[i % 4] };
    case EntityKind.EVENT: {
      const year = 2000 + (i % 26);
      return {
        ...base,
        type: pick(Object.values(EventType)),
        status: i % 10 === 0 ? EventStatus.PLANNED : EventStatus.OCCURRED,
        ...dateProps('start', `${year}`, 'earliest'),
      };
    }
    case EntityKind.ALLEGATION:
      return {
        ...base,
        claimTypes: [pick(Object.values(ClaimType))],
        status: pick([AllegationStatus.ALLEGED, AllegationStatus.DENIED, AllegationStatus.CORROBORATED]),
        claimCredibility: 1 + Math.floor(rand() * 6),
      };
    case EntityKind.SOURCE:
      return {
        ...base,
        kind: pick(Object.values(SourceKind)),
        reliability: pick(Object.values(Reliability)),
        publisher: 'Bench Press',
      };
  }
}

/** The second label of a node row (ArmedGroup, City, ...), or none. */
function subLabel(kind: EntityKind, row: Row): string | null {
  if (kind === EntityKind.ACTOR) return LABEL_OF_ACTOR_KIND[row.kind as ActorKind];
  if (kind === EntityKind.LOCATION) return LABEL_OF_LOCATION_KIND[row.kind as LocationKind];
  return null;
}

function* nodeRecords(entities: number): Generator<NodeRecord> {
  const counts = kindCounts(entities);
  const sources = counts.get(EntityKind.SOURCE)!.count;
  const rand = random(entities);
  for (const [kind, { prefix, count }] of counts) {
    for (let i = 0; i < count; i++) {
      const props = nodeRow(kind, prefix, i, rand, sources);
      const labels = ['Entity', LABEL_OF_KIND[kind], subLabel(kind, props)].filter((label): label is string => !!label);
      yield { props, labels };
    }
  }
}

/** Every relationship of the graph, hubs first, in a fixed order for a given N. */
export function* relationshipRecords(entities: number): Generator<RelationshipRecordRow> {
  const counts = kindCounts(entities);
  const rand = random(entities * 31 + 7);
  const types = Object.values(RelationshipType);
  const totalWeight = types.reduce((sum, type) => sum + TYPE_WEIGHT[type], 0);
  const pickType = () => {
    let x = rand() * totalWeight;
    for (const type of types) {
      x -= TYPE_WEIGHT[type];
      if (x < 0) return type;
    }
    return types[types.length - 1];
  };
  /** An ordinary node of `kind`: active ones (every 7th) ACTIVE_WEIGHT times as likely; hubs left to their own links. */
  const nodeOf = (kind: EntityKind) => {
    const { prefix, count } = counts.get(kind)!;
    const actives = Math.floor((count - 1) / ACTIVE_EVERY);
    const i =
      rand() < ACTIVE_SHARE && actives > 0
        ? ACTIVE_EVERY * (1 + Math.floor(rand() * actives))
        : 10 + Math.floor(rand() * (count - 10));
    return `${prefix}-${Math.min(i, count - 1)}`;
  };
  const pickKind = (kinds: readonly EntityKind[]) => kinds[Math.floor(rand() * kinds.length)];
  let serial = 0;
  const props = (type: RelationshipType, from: string, to: string): Row => {
    serial += 1;
    const row: Row = {
      id: `${type}:${from}->${to}~${serial}`,
      sourceIds: [`src-${Math.floor(rand() * counts.get(EntityKind.SOURCE)!.count)}`],
      credibility: 1 + Math.floor(rand() * 6),
      excerpt: 'generated for the scale bench',
      createdAt: CREATED_AT,
    };
    if (type === 'PARTICIPATED_IN') row.role = Object.values(ParticipationRole)[serial % 7];
    if (serial % 1009 === 0) Object.assign(row, { retracted: true, retractedReason: 'bench', retractedBy: 'bench' });
    return row;
  };
  const edge = (type: RelationshipType, fromId: string, toId: string): RelationshipRecordRow => ({
    type,
    fromId,
    toId,
    props: props(type, fromId, toId),
  });
  for (const hub of hubsOf(entities)) {
    const hubKind = [...counts].find(([, value]) => hub.id.startsWith(`${value.prefix}-`))![0];
    for (let n = 0; n < hub.degree; n++) {
      const type = hub.types[n % hub.types.length];
      const rule = RELATIONSHIP_RULES[type];
      const hubIsFrom = rule.from.includes(hubKind) && (!rule.to.includes(hubKind) || n % 3 !== 0);
      const other = nodeOf(pickKind(hubIsFrom ? rule.to : rule.from));
      yield hubIsFrom ? edge(type, hub.id, other) : edge(type, other, hub.id);
    }
  }
  const ordinary = entities * RELATIONSHIPS_PER_ENTITY - hubsOf(entities).reduce((sum, hub) => sum + hub.degree, 0);
  for (let n = 0; n < ordinary; n++) {
    const type = pickType();
    const rule = RELATIONSHIP_RULES[type];
    const from = nodeOf(pickKind(rule.from));
    let to = nodeOf(pickKind(rule.to));
    if (to === from) to = nodeOf(pickKind(rule.to));
    if (to === from) continue;
    yield edge(type, from, to);
  }
}

/** Writes `records` in chunks through `write`, so a file of millions of rows is never held whole. */
function streamRows<T>(records: Iterable<T>, write: (chunk: T[]) => void): number {
  let chunk: T[] = [];
  let written = 0;
  for (const record of records) {
    chunk.push(record);
    if (chunk.length >= BATCH) {
      write(chunk);
      written += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length) write(chunk);
  return written + chunk.length;
}

/** The graph as a neo4j-csv export in `dir` (nodes.csv, relationships.csv, empty-lists.jsonl, manifest.json). */
export function writeScaleCsv(dir: string, entities: number, log: (line: string) => void = () => {}): Neo4jCsvManifest {
  mkdirSync(dir, { recursive: true });
  const writer = new Neo4jCsvWriter();
  const nodes = openSync(path.join(dir, NEO4J_CSV_FILES.nodes), 'w');
  const relationships = openSync(path.join(dir, NEO4J_CSV_FILES.relationships), 'w');
  // Which entities hold an empty list: the caller restores them with EMPTY_LISTS_STATEMENTS
  // instead (one pass per property), but the file keeps the export complete.
  const emptyLists = openSync(path.join(dir, NEO4J_CSV_FILES.emptyLists), 'w');
  try {
    writeSync(nodes, writer.nodesHeader());
    writeSync(relationships, writer.relationshipsHeader());
    const nodeCount = streamRows(nodeRecords(entities), (chunk) => {
      const rows = writer.nodes(chunk);
      writeSync(nodes, rows.csv);
      if (rows.emptyLists) writeSync(emptyLists, rows.emptyLists);
    });
    log(`  ${nodeCount} nodes written as CSV`);
    let lastLog = performance.now();
    let written = 0;
    streamRows(relationshipRecords(entities), (chunk) => {
      const rows = writer.relationships(chunk);
      writeSync(relationships, rows.csv);
      if (rows.emptyLists) writeSync(emptyLists, rows.emptyLists);
      written += chunk.length;
      if (performance.now() - lastLog > 15_000) {
        log(`  ${written} relationships written as CSV...`);
        lastLog = performance.now();
      }
    });
  } finally {
    for (const fd of [nodes, relationships, emptyLists]) closeSync(fd);
  }
  const manifest = writer.manifest();
  writeFileSync(path.join(dir, NEO4J_CSV_FILES.manifest), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/**
 * The lists CSV cannot carry (the importer reads an empty array cell as no property): entities
 * without aliases store `aliases: []`, sources `sourceIds: []`. Run once the store is started,
 * each until it returns 0 (`$batch` entities per transaction).
 */
export const EMPTY_LISTS_STATEMENTS: readonly string[] = [
  'MATCH (n:Entity) WHERE n.aliases IS NULL WITH n LIMIT $batch SET n.aliases = [] RETURN count(n) AS done',
  'MATCH (n:Source) WHERE n.sourceIds IS NULL WITH n LIMIT $batch SET n.sourceIds = [] RETURN count(n) AS done',
];

/**
 * Generates the graph of `entities` into the (stopped, empty) store folder `store`: CSV under
 * `csvDir`, then the offline import. The caller then starts the store, migrates and restores
 * the empty lists.
 */
export async function generateScaleGraph(
  store: string,
  csvDir: string,
  entities: number,
  log: (line: string) => void = () => {},
): Promise<ScaleGraphStats> {
  const started = performance.now();
  const manifest = writeScaleCsv(csvDir, entities, log);
  const csvDone = performance.now();
  log(
    `  CSV: ${manifest.counts.nodes} nodes, ${manifest.counts.relationships} relationships in ${((csvDone - started) / 1000).toFixed(1)} s`,
  );
  const imported = await runAdminImport({
    store,
    database: 'neo4j',
    nodes: [path.join(csvDir, manifest.files.nodes)],
    relationships: [path.join(csvDir, manifest.files.relationships)],
    arrayDelimiter: manifest.arrayDelimiter,
    multilineFields: manifest.multilineFields,
    overwrite: true,
    heap: process.env.BULK_LOAD_HEAP,
    maxOffHeapMemory: process.env.BULK_LOAD_OFF_HEAP,
  });
  if (imported.nodes !== manifest.counts.nodes || imported.relationships !== manifest.counts.relationships) {
    throw new Error(
      `the importer wrote ${imported.nodes} nodes and ${imported.relationships} relationships, the CSV has ${JSON.stringify(manifest.counts)}`,
    );
  }
  log(
    `  imported in ${(imported.importMs / 1000).toFixed(1)} s (${Math.round(imported.relationships / (imported.importMs / 1000))} relationships/s)`,
  );
  return {
    entities,
    relationships: imported.relationships,
    hubs: Object.fromEntries(hubsOf(entities).map((hub) => [hub.id, hub.degree])),
    seconds: (performance.now() - started) / 1000,
    csvSeconds: (csvDone - started) / 1000,
    importSeconds: imported.wallMs / 1000,
  };
}
