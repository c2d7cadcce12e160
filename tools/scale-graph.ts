import type { Database } from '../src/db';
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
 * takes about three times the links: p50 ~8, p99 ~28) and a few hubs carry many more: at 1M
 * entities act-0 has ~42k relationships, act-1 ~30k ... (scaled with `entities`). Ids are
 * `act-<i>`, `evt-<i>`, `alg-<i>`, `src-<i>`, `loc-<i>`, so the first page of actors by id
 * (act-0, act-1, act-10, ...) holds the two biggest hubs. Deterministic (seeded), written with
 * batched UNWIND CREATE, one transaction per batch.
 */

export interface ScaleGraphStats {
  entities: number;
  relationships: number;
  hubs: Record<string, number>;
  seconds: number;
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
  MEMBER_OF: 4,
  AFFILIATED_WITH: 6,
  SUBORDINATE_TO: 3,
  NATIONAL_OF: 2,
  SUPPORTS: 6,
  OPPOSES: 5,
  GOVERNS: 1,
  OPERATES_IN: 5,
  PART_OF: 2,
  BORDERS: 1,
  CONNECTS: 1,
  PARTICIPATED_IN: 14,
  OCCURRED_IN: 6,
  DISRUPTS: 2,
  FOLLOWS: 3,
  ALLEGES: 5,
  ACCUSES: 5,
  CONCERNS: 4,
  DENIES: 2,
  REPORTED_BY: 14,
  CITES: 4,
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
const BATCH = 50_000;
const ACTIVE_EVERY = 7;
/** Probability that an ordinary endpoint is drawn from the active nodes (weight 3 vs 1, 1 in 7). */
const ACTIVE_SHARE = 3 / (3 + ACTIVE_EVERY - 1);

/** mulberry32: a small seeded generator, so the same N always gives the same graph. */
function random(seed: number): () => number {
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
    createdAt: '2026-01-01T00:00:00Z',
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
        start: `${year}`,
        startPrecision: 'YEAR',
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

async function writeNodes(db: Database, entities: number, log: (line: string) => void): Promise<void> {
  const counts = kindCounts(entities);
  const sources = counts.get(EntityKind.SOURCE)!.count;
  const rand = random(entities);
  for (const [kind, { prefix, count }] of counts) {
    for (let start = 0; start < count; start += BATCH) {
      const groups = new Map<string, Row[]>();
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const row = nodeRow(kind, prefix, i, rand, sources);
        const labels = [`Entity`, LABEL_OF_KIND[kind], subLabel(kind, row)].filter(Boolean).join(':');
        const group = groups.get(labels);
        if (group) group.push(row);
        else groups.set(labels, [row]);
      }
      await db.writeTransaction(
        'scale.nodes',
        async (tx) => {
          // Labels come from the vocabulary's constants, never from data.
          for (const [labels, rows] of groups) {
            await tx.run(`UNWIND $rows AS row CREATE (n:${labels}) SET n = row`, { rows });
          }
        },
        600_000,
      );
    }
    log(`  ${count} ${LABEL_OF_KIND[kind]} nodes`);
  }
}

function relationshipRows(entities: number): () => Generator<[RelationshipType, Row[]]> {
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
  /** An ordinary node of `kind`: active ones (every 7th) three times as likely; hubs left to their own links. */
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
      createdAt: '2026-01-01T00:00:00Z',
    };
    if (type === 'PARTICIPATED_IN') row.role = Object.values(ParticipationRole)[serial % 7];
    if (serial % 1009 === 0) Object.assign(row, { retracted: true, retractedReason: 'bench', retractedBy: 'bench' });
    return row;
  };
  const edge = (type: RelationshipType, from: string, to: string) => ({ from, to, props: props(type, from, to) });

  return function* batches() {
    const pending = new Map<RelationshipType, Row[]>();
    let size = 0;
    const push = function* (type: RelationshipType, row: Row) {
      const rows = pending.get(type);
      if (rows) rows.push(row);
      else pending.set(type, [row]);
      size += 1;
      if (size >= BATCH) {
        yield* pending.entries();
        pending.clear();
        size = 0;
      }
    };
    for (const hub of hubsOf(entities)) {
      const hubKind = [...counts].find(([, value]) => hub.id.startsWith(`${value.prefix}-`))![0];
      for (let n = 0; n < hub.degree; n++) {
        const type = hub.types[n % hub.types.length];
        const rule = RELATIONSHIP_RULES[type];
        const hubIsFrom = rule.from.includes(hubKind) && (!rule.to.includes(hubKind) || n % 3 !== 0);
        const other = nodeOf(pickKind(hubIsFrom ? rule.to : rule.from));
        yield* push(type, hubIsFrom ? edge(type, hub.id, other) : edge(type, other, hub.id));
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
      yield* push(type, edge(type, from, to));
    }
    yield* pending.entries();
  };
}

async function writeRelationships(db: Database, entities: number, log: (line: string) => void): Promise<number> {
  let written = 0;
  let batch: Array<[RelationshipType, Row[]]> = [];
  let batchSize = 0;
  const flush = async () => {
    const work = batch;
    batch = [];
    batchSize = 0;
    await db.writeTransaction(
      'scale.relationships',
      async (tx) => {
        // Types come from the vocabulary (RelationshipType), never from data.
        for (const [type, rows] of work) {
          await tx.run(
            `UNWIND $rows AS row
             MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
             CREATE (a)-[r:${type}]->(b) SET r = row.props`,
            { rows },
          );
        }
      },
      600_000,
    );
  };
  let lastLog = performance.now();
  for (const [type, rows] of relationshipRows(entities)()) {
    batch.push([type, rows]);
    batchSize += rows.length;
    written += rows.length;
    if (batchSize >= BATCH) await flush();
    if (performance.now() - lastLog > 15_000) {
      log(`  ${written} relationships...`);
      lastLog = performance.now();
    }
  }
  if (batchSize) await flush();
  return written;
}

/** Writes the graph into an empty database (with the project's migrations applied). */
export async function generateScaleGraph(
  db: Database,
  entities: number,
  log: (line: string) => void = () => {},
): Promise<ScaleGraphStats> {
  const started = performance.now();
  await writeNodes(db, entities, log);
  const nodesDone = performance.now();
  log(`  nodes written in ${((nodesDone - started) / 1000).toFixed(1)} s`);
  const relationships = await writeRelationships(db, entities, log);
  log(`  ${relationships} relationships written in ${((performance.now() - nodesDone) / 1000).toFixed(1)} s`);
  return {
    entities,
    relationships,
    hubs: Object.fromEntries(hubsOf(entities).map((hub) => [hub.id, hub.degree])),
    seconds: (performance.now() - started) / 1000,
  };
}
