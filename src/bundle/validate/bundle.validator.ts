import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BadUserInputError, ProblemList } from '../../errors';
import { validationProblems } from '../../model/validation-problems';
import type { EntityKind } from '../../model/vocabulary';
import { Bundle, ENTITY_SECTIONS, KIND_OF_SECTION, SECTION_OF_KIND, type RecordKind } from '../format';
import { checkRecordFields, fieldAt, recordLabel, VALIDATION, type CheckedRecord } from './record-fields';
import type { RuleContext, RuleNeeds } from './rule';
import { recordKey, visit } from './rule-engine';
import { BUNDLE_RULES } from './rules';

/**
 * Checks a whole bundle before anything is written (importBundle, the seed, STIX): first each
 * record's fields (record-fields.ts), then every rule of rules/index.ts, with every id the bundle
 * defines known from the start. The streamed check (stream-validator.ts) runs the same two steps
 * on a file of any size. Every problem names its record (`actors[3] "jnim"`) and field, so a
 * curator can fix a file of thousands of lines.
 */

type Section = (typeof ENTITY_SECTIONS)[number][0] | 'relationships';

/** Ids already in the graph, with their kind: references to them are allowed. */
export type KnownEntities = ReadonlyMap<string, EntityKind>;

const SECTIONS = Object.values(SECTION_OF_KIND) as Section[];

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

/** One record's fields (record-fields.ts, as the streamed check): the typed record, or undefined. */
function checkRecord(section: Section, index: number, record: unknown, problems: ProblemList): object | undefined {
  return checkRecordFields(KIND_OF_SECTION.get(section)!, record, `${section}[${index}]`, (problem) =>
    problems.add(problem),
  );
}

const isSection = (key: string): key is Section => KIND_OF_SECTION.has(key);

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

/** Every rule (rules/index.ts) on every record, in the bundle's order, with everything known. */
function crossRecordProblems(bundle: Bundle, known: KnownEntities): ProblemList {
  const problems = new ProblemList();
  const context = new WholeBundleContext(problems, firstDefinitions(bundle), known);
  for (const { kind, record, where } of recordsOf(bundle)) {
    context.at(kind, record, where);
    visit(BUNDLE_RULES, ALL_NEEDS, kind, record, context);
    context.remember(recordKey(kind, record));
  }
  return problems;
}

const ALL_NEEDS: ReadonlySet<RuleNeeds> = new Set(['record', 'earlier', 'references', 'graph']);

/** The kind of each id the bundle defines; the first record to define an id names its kind. */
function firstDefinitions(bundle: Bundle): Map<string, EntityKind> {
  const kinds = new Map<string, EntityKind>();
  for (const [section, kind] of ENTITY_SECTIONS) {
    for (const record of bundle[section]) if (!kinds.has(record.id)) kinds.set(record.id, kind);
  }
  return kinds;
}

function* recordsOf(bundle: Bundle): Generator<{ kind: RecordKind; record: CheckedRecord; where: string }> {
  for (const section of SECTIONS) {
    const kind = KIND_OF_SECTION.get(section)!;
    for (const [index, record] of bundle[section].entries()) yield { kind, record, where: `${section}[${index}]` };
  }
}

/**
 * What the rules see of a whole bundle: every id it defines (and the graph's `known` kinds) from
 * the start, and the keys of the records checked so far.
 */
class WholeBundleContext implements RuleContext {
  private readonly keys = new Set<string>();
  private kind: RecordKind = 'source';
  private record: CheckedRecord | null = null;
  private where = '';

  constructor(
    private readonly problems: ProblemList,
    private readonly defined: ReadonlyMap<string, EntityKind>,
    private readonly known: KnownEntities,
  ) {}

  at(kind: RecordKind, record: CheckedRecord, where: string): void {
    this.kind = kind;
    this.record = record;
    this.where = where;
  }

  remember(key: string): void {
    this.keys.add(key);
  }

  report(field: string, reason: string): void {
    const label = recordLabel(this.kind, this.where, this.record as unknown as Record<string, unknown>);
    this.problems.add({ field: fieldAt(this.where, field), reason, record: label });
  }

  kindOf(id: string): EntityKind | undefined {
    return this.defined.get(id) ?? this.known.get(id);
  }

  graphKindOf(id: string): EntityKind | undefined {
    return this.known.get(id);
  }

  seen(key: string): boolean {
    return this.keys.has(key);
  }
}
