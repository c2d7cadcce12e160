import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BadUserInputError, ProblemList } from '../../errors';
import { validationProblems } from '../../model/validation-problems';
import { parsePartialDate } from '../../model/partial-date';
import { EntityKind, ParticipationRole, RELATIONSHIP_RULES, RelationshipType } from '../../model/vocabulary';
import {
  Bundle,
  BundleActor,
  BundleAllegation,
  BundleEvent,
  BundleLocation,
  BundleRelationship,
  BundleSource,
  ENTITY_SECTIONS,
  relationshipId,
} from '../format';

/**
 * Checks a bundle before anything is written: first each record's fields (class-validator on the
 * classes in bundle.model.ts), then the rules that span records. Every problem names its record
 * (`actors[3] "jnim"`) and field, so a curator can fix a file of thousands of lines.
 */

type Section = (typeof ENTITY_SECTIONS)[number][0] | 'relationships';

/** Ids already in the graph, with their kind: references to them are allowed. */
export type KnownEntities = ReadonlyMap<string, EntityKind>;

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true } as const;

const RECORD_CLASS: Readonly<Record<Section, ClassConstructor<object>>> = {
  sources: BundleSource,
  actors: BundleActor,
  locations: BundleLocation,
  events: BundleEvent,
  allegations: BundleAllegation,
  relationships: BundleRelationship,
};
const SECTIONS = Object.keys(RECORD_CLASS) as Section[];

/** Records checked between two turns of the event loop: a few milliseconds of work, so /healthz stays prompt. */
const RECORDS_PER_SLICE = 100;

/** Sections whose records are claims: each source a claim cites is written as a REPORTED_BY relationship. */
const CLAIM_SECTIONS: readonly Section[] = ['actors', 'locations', 'events', 'allegations'];

/**
 * Refuses a bundle that writes more than `max` rows (records, plus the REPORTED_BY relationship
 * each cited source of a claim becomes) before any record is validated: counting is a walk over
 * the lists, validating 200,000 records is seconds of work.
 */
export function checkBundleWrites(json: unknown, max: number): void {
  if (json === null || typeof json !== 'object') return; // parseBundleFields names that problem
  const sections = json as Record<string, unknown>;
  const records = SECTIONS.map((section) => {
    const list = sections[section];
    return [section, Array.isArray(list) ? list : []] as const;
  });
  const recordCount = records.reduce((sum, [, list]) => sum + list.length, 0);
  const citations = records
    .filter(([section]) => CLAIM_SECTIONS.includes(section))
    .reduce((sum, [, list]) => sum + list.reduce<number>((n, record) => n + citationCount(record), 0), 0);
  if (recordCount + citations <= max) return;
  const bySection = records
    .filter(([, list]) => list.length > 0)
    .map(([section, list]) => `${section} ${list.length}`)
    .join(', ');
  throw BadUserInputError.field(
    'bundle',
    `holds ${recordCount} records (${bySection}) citing ${citations} sources: ${recordCount + citations} writes, and importBundle is one transaction of at most ${max} (a record, or a source a claim cites); import larger files with \`npm run import\` (a bundle or JSON Lines file, streamed in batches), or split the bundle`,
  );
}

function citationCount(record: unknown): number {
  const sourceIds = (record as { sourceIds?: unknown } | null)?.sourceIds;
  return Array.isArray(sourceIds) ? sourceIds.length : 0;
}

/**
 * Step 1: every record's fields. Returns the typed bundle, or throws naming record and field:
 * the first MAX_LISTED_PROBLEMS problems, then how many more there are.
 */
export function parseBundleFields(json: unknown): Bundle {
  const problems = new ProblemList();
  const slices = fieldChecks(json, problems);
  let slice = slices.next();
  while (!slice.done) slice = slices.next();
  problems.throwIfAny('bundle');
  return slice.value;
}

/** parseBundleFields, giving the event loop a turn every RECORDS_PER_SLICE records (a large bundle in a server). */
export async function parseBundleFieldsInSlices(json: unknown): Promise<Bundle> {
  const problems = new ProblemList();
  const slices = fieldChecks(json, problems);
  let slice = slices.next();
  while (!slice.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    slice = slices.next();
  }
  problems.throwIfAny('bundle');
  return slice.value;
}

/**
 * The field checks, one record at a time (class-validator on the classes in bundle.model.ts),
 * pausing (`yield`) after every slice of records. Problems go to `problems`, which keeps the first
 * few and counts the rest; a record's own errors are dropped once counted, so memory stays flat.
 */
function* fieldChecks(json: unknown, problems: ProblemList): Generator<void, Bundle> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw BadUserInputError.field('bundle', 'must be a JSON object');
  }
  const raw = json as Record<string, unknown>;
  // The bundle's own fields; sections that are lists are left out here, their records come next.
  const ownFields = Object.entries(raw).filter(([key, value]) => !(isSection(key) && Array.isArray(value)));
  const bundle = plainToInstance(Bundle, Object.fromEntries(ownFields));
  for (const problem of validationProblems(validateSync(bundle, VALIDATION))) problems.add(problem);
  let sinceYield = 0;
  for (const section of SECTIONS) {
    const records = raw[section];
    if (!Array.isArray(records)) continue;
    const typed: object[] = [];
    for (const [index, record] of records.entries()) {
      const checked = checkRecord(section, index, record, problems);
      if (checked) typed.push(checked);
      if (++sinceYield === RECORDS_PER_SLICE) {
        sinceYield = 0;
        yield;
      }
    }
    (bundle as unknown as Record<Section, object[]>)[section] = typed;
  }
  return bundle;
}

/** One record's fields: the typed record, or undefined once its problems are added. */
function checkRecord(section: Section, index: number, record: unknown, problems: ProblemList): object | undefined {
  const where = `${section}[${index}]`;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    problems.add({ field: where, reason: 'must be a JSON object' });
    return undefined;
  }
  const typed = plainToInstance(RECORD_CLASS[section], record);
  const errors = validateSync(typed, VALIDATION);
  if (errors.length === 0) return typed;
  const label = recordLabel(section, index, record as Record<string, unknown>);
  for (const problem of validationProblems(errors, where)) problems.add({ ...problem, record: label });
  return undefined;
}

const isSection = (key: string): key is Section => Object.hasOwn(RECORD_CLASS, key);

/** Every id a bundle defines or refers to: what to look up in the graph before step 2. */
export function referencedIds(bundle: Bundle): string[] {
  const ids = new Set<string>();
  for (const [section] of ENTITY_SECTIONS) {
    for (const record of bundle[section]) ids.add(record.id);
  }
  for (const claim of [
    ...bundle.actors,
    ...bundle.locations,
    ...bundle.events,
    ...bundle.allegations,
    ...bundle.relationships,
  ]) {
    for (const id of claim.sourceIds) ids.add(id);
  }
  for (const rel of bundle.relationships) {
    ids.add(rel.from);
    ids.add(rel.to);
  }
  return [...ids];
}

/** Step 2: the rules that span records, given the kinds of ids already in the graph. */
export function checkBundleReferences(bundle: Bundle, known: KnownEntities = new Map()): Bundle {
  crossRecordProblems(bundle, known).throwIfAny('bundle');
  return bundle;
}

/** Both steps, for a bundle that refers only to itself and `known`. */
export function parseBundle(json: unknown, known: KnownEntities = new Map()): Bundle {
  return checkBundleReferences(parseBundleFields(json), known);
}

function recordLabel(section: Section, index: number, record: Record<string, unknown>): string {
  const name =
    section === 'relationships'
      ? `${record.from} ${record.type} ${record.to}`
      : typeof record.id === 'string'
        ? record.id
        : '?';
  return `${section}[${index}] "${name}"`;
}

function crossRecordProblems(bundle: Bundle, known: KnownEntities): ProblemList {
  const problems = new ProblemList();
  const kinds = new Map<string, EntityKind>(known);
  const inBundle = new Set<string>();
  const problem = (section: Section, index: number, record: object, field: string, reason: string) =>
    problems.add({
      field: `${section}[${index}].${field}`,
      reason,
      record: recordLabel(section, index, record as Record<string, unknown>),
    });

  for (const [section, kind] of ENTITY_SECTIONS) {
    bundle[section].forEach((record, index) => {
      if (inBundle.has(record.id)) {
        problem(section, index, record, 'id', `id "${record.id}" is used by another record of this bundle`);
      }
      const knownKind = known.get(record.id);
      if (knownKind && knownKind !== kind) {
        problem(
          section,
          index,
          record,
          'id',
          `id "${record.id}" already belongs to ${article(knownKind)} ${knownKind.toLowerCase()} in the graph`,
        );
      }
      inBundle.add(record.id);
      kinds.set(record.id, kind);
    });
  }

  const checkSources = (section: Section, index: number, record: { sourceIds: string[] }) =>
    record.sourceIds.forEach((id, i) => {
      if (kinds.get(id) !== EntityKind.SOURCE) {
        problem(section, index, record, `sourceIds[${i}]`, `"${id}" is not a source in this bundle or the graph`);
      }
    });
  for (const [section] of ENTITY_SECTIONS) {
    if (section === 'sources') continue;
    bundle[section].forEach((record, index) => checkSources(section, index, record));
  }

  bundle.events.forEach((event, index) => {
    if (event.start && event.end && parsePartialDate(event.start).earliest > parsePartialDate(event.end).latest) {
      problem('events', index, event, 'end', `end ${event.end} is before start ${event.start}`);
    }
  });

  const seen = new Set<string>();
  bundle.relationships.forEach((rel, index) => {
    checkSources('relationships', index, rel);
    const rule = RELATIONSHIP_RULES[rel.type];
    if (rel.type === RelationshipType.REPORTED_BY) {
      problem(
        'relationships',
        index,
        rel,
        'type',
        'REPORTED_BY is derived from sourceIds; cite the source there instead',
      );
    }
    for (const end of ['from', 'to'] as const) {
      const kind = kinds.get(rel[end]);
      const allowed = end === 'from' ? rule.from : rule.to;
      if (!kind) {
        problem('relationships', index, rel, end, `"${rel[end]}" is not an entity in this bundle or the graph`);
      } else if (!allowed.includes(kind)) {
        problem(
          'relationships',
          index,
          rel,
          end,
          `${rel.type} goes ${rule.from.join('|').toLowerCase()} -> ${rule.to.join('|').toLowerCase()}; "${rel[end]}" is ${article(kind)} ${kind.toLowerCase()}`,
        );
      }
    }
    if (rel.type === RelationshipType.PARTICIPATED_IN && !rel.role) {
      problem(
        'relationships',
        index,
        rel,
        'role',
        `PARTICIPATED_IN needs a role (${Object.values(ParticipationRole).join(', ')})`,
      );
    }
    if (rel.type !== RelationshipType.PARTICIPATED_IN && rel.role) {
      problem('relationships', index, rel, 'role', 'only PARTICIPATED_IN takes a role');
    }
    if (rel.from === rel.to) {
      problem('relationships', index, rel, 'to', 'a relationship cannot join an entity to itself');
    }
    if (
      rel.validFrom &&
      rel.validTo &&
      parsePartialDate(rel.validFrom).earliest > parsePartialDate(rel.validTo).latest
    ) {
      problem('relationships', index, rel, 'validTo', `validTo ${rel.validTo} is before validFrom ${rel.validFrom}`);
    }
    const id = relationshipId(rel);
    if (seen.has(id)) problem('relationships', index, rel, 'type', `duplicate of an earlier relationship (${id})`);
    seen.add(id);
  });
  return problems;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
