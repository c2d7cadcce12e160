import { ProblemList, type FieldProblem } from '../../errors';
import type { EntityKind } from '../../model/vocabulary';
import {
  CLASS_OF_KIND,
  ENTITY_KIND_OF,
  NOT_UTF8,
  readFileItems,
  type FileHeader,
  type ImportFormat,
  type RecordKind,
  type ShapeProblem,
  type SourceRecord,
} from '../format';
import { plainToInstance } from 'class-transformer';
import type { KnownEntities } from './bundle.validator';
import type { LineResult } from './line-check';
import { checkedLines } from './parallel-check';
import {
  checkRecordFields,
  fieldAt,
  headerProblems,
  outsideRecord,
  placeFieldProblems,
  recordLabel,
  type CheckedRecord,
} from './record-fields';
import type { RuleContext } from './rule';
import { AS_READ, GRAPH, recordKey, REFERENCES, referencesOf, visit, visitAsReadWith } from './rule-engine';
import { BUNDLE_RULES } from './rules';

/**
 * The checks of bundle.validator.ts, one record at a time, for files too large to hold: each
 * record's fields (record-fields.ts), then the same rules (rules/index.ts), through a context
 * whose memory is the ids only: a map of the entity ids the file defines (with their kind) and a
 * set of its relationship ids, about 100 bytes an id. A rule that needs an id defined further on,
 * or only in the graph, runs once the whole file has been read (`recheck`, a second pass).
 */

/** Problems kept for the report; past this, only counted (a broken file of millions stays cheap). */
const MAX_PROBLEMS = 1_000;

export class StreamValidator implements RuleContext {
  /** Entity ids the file defines, with their kind (the first record to define an id names it). */
  readonly defined = new Map<string, EntityKind>();
  /** Kinds of referenced or defined ids that are already in the graph (set after the first pass). */
  graphKinds: KnownEntities = new Map();
  /** Problems of the file's shape, its header and records' own fields: reported alone, as parseBundleFields does. */
  readonly fieldProblems = new ProblemList(MAX_PROBLEMS);
  /** Problems the rules find: reported once every record's fields are sound and every rule has run. */
  readonly ruleProblems = new ProblemList(MAX_PROBLEMS);
  records = 0;
  /** True when some reference could not be settled when its record was read. */
  needsRecheck = false;
  private readonly relationshipIds = new Set<string>();
  /**
   * Ids referenced before (or without) being defined in the file, with the number of the record
   * that defines them (0 while none has): the second pass knows from it which records it must
   * check again, and reports nothing twice.
   */
  private readonly forward = new Map<string, number>();
  /** Records seen by the second pass. */
  private rechecked = 0;
  /** The record being checked, and where it is, for `report`. */
  private kind: RecordKind = 'source';
  private record: CheckedRecord | null = null;
  private where = '';

  /** First pass: a record's fields, the rules it can be held to as read, and the references it can settle now. */
  check(item: SourceRecord | ShapeProblem): CheckedRecord | null {
    if ('shapeProblem' in item) {
      this.add({ field: outsideRecord(item.where, item.field), reason: item.reason });
      return null;
    }
    this.records += 1;
    const { kind, where } = item;
    const typed = checkRecordFields(kind, item.record, where, (problem) => this.add(problem));
    if (!typed) return null;
    this.at(kind, typed, where);
    visit(BUNDLE_RULES, AS_READ, kind, typed, this);
    this.settleReferences(kind, typed);
    return typed;
  }

  /** Remembers the record, and runs the reference rules now when every id it refers to is known. */
  private settleReferences(kind: RecordKind, typed: CheckedRecord): void {
    this.remember(kind, typed);
    const references = referencesOf(kind, typed);
    if (references.some((id) => !this.defined.has(id))) {
      for (const id of references) if (!this.defined.has(id) && !this.forward.has(id)) this.forward.set(id, 0);
      this.needsRecheck = true;
    } else {
      visit(BUNDLE_RULES, REFERENCES, kind, typed, this);
    }
  }

  /**
   * First pass, for a record a worker checked (line-check.ts): its field problems placed at
   * `where`, or the rules run on its keys with the record-only rules' problems replayed in their
   * place. The same problems, in the same order, as `check` on the whole record.
   */
  checkChecked(result: CheckedLine, where: string): void {
    this.records += 1;
    if ('fields' in result) {
      for (const problem of placeFieldProblems(result.fields, result.kind, where)) this.add(problem);
      return;
    }
    const { kind, keys } = result;
    this.at(kind, keys, where);
    visitAsReadWith(BUNDLE_RULES, result.rules, kind, keys, this);
    this.settleReferences(kind, keys);
  }

  header(header: FileHeader, where: string): void {
    for (const problem of headerProblems(header, where)) this.add(problem);
  }

  /** After the first pass: ids to look up in the graph (references the file does not define). */
  unresolvedIds(): string[] {
    return [...this.forward.keys()].filter((id) => !this.defined.has(id));
  }

  /**
   * Whether the graph's `kind` for `id` matters to the rules: an id the file does not define, or
   * defines as another kind. Only those answers are kept, so memory stays the file's ids.
   */
  keepsGraphKind(id: string, kind: EntityKind): boolean {
    const mine = this.defined.get(id);
    return !mine || mine !== kind;
  }

  /**
   * After the graph lookup: an id the file defines as one kind while the graph holds it as
   * another needs a second pass, to name the record.
   */
  noteGraphKinds(graphKinds: KnownEntities): void {
    this.graphKinds = graphKinds;
    for (const [id, kind] of graphKinds) {
      const mine = this.defined.get(id);
      if (mine && mine !== kind) this.needsRecheck = true;
    }
  }

  /** Second pass (when needed): the graph's rules, and references, with everything known. */
  recheck(item: SourceRecord): void {
    const { kind, record, where } = item;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return; // reported already
    // The first pass found every record's fields sound (or the import stopped there).
    this.recheckKeys(kind, plainToInstance(CLASS_OF_KIND[kind], record) as CheckedRecord, where);
  }

  /** Second pass on a record's keys (all its rules read; recordKeys). */
  recheckKeys(kind: RecordKind, typed: CheckedRecord, where: string): void {
    const ordinal = ++this.rechecked;
    this.at(kind, typed, where);
    visit(BUNDLE_RULES, GRAPH, kind, typed, this);
    // Records whose references were all defined earlier were checked in the first pass.
    if (referencesOf(kind, typed).some((id) => this.definedAfter(id, ordinal))) {
      visit(BUNDLE_RULES, REFERENCES, kind, typed, this);
    }
  }

  report(field: string, reason: string): void {
    const label = recordLabel(this.kind, this.where, this.record as unknown as Record<string, unknown>);
    this.ruleProblems.add({ field: fieldAt(this.where, field), reason, record: label });
  }

  kindOf(id: string): EntityKind | undefined {
    return this.defined.get(id) ?? this.graphKinds.get(id);
  }

  graphKindOf(id: string): EntityKind | undefined {
    return this.graphKinds.get(id);
  }

  seen(key: string): boolean {
    return this.defined.has(key) || this.relationshipIds.has(key);
  }

  private at(kind: RecordKind, record: CheckedRecord, where: string): void {
    this.kind = kind;
    this.record = record;
    this.where = where;
  }

  /** Memory: an entity's id and kind (its first definition), a relationship's id. */
  private remember(kind: RecordKind, record: CheckedRecord): void {
    const key = recordKey(kind, record);
    if (kind === 'relationship') this.relationshipIds.add(key);
    else if (!this.defined.has(key)) {
      this.defined.set(key, ENTITY_KIND_OF[kind]);
      if (this.forward.has(key)) this.forward.set(key, this.records);
    }
  }

  /** Whether `id` was defined only after record number `ordinal` of the file, or never. */
  private definedAfter(id: string, ordinal: number): boolean {
    const at = this.forward.get(id);
    return at !== undefined && (at === 0 || at > ordinal);
  }

  private add(problem: FieldProblem): void {
    this.fieldProblems.add(problem);
  }
}

/** A worker's outcome for a record line of the first pass. */
type CheckedLine = Extract<LineResult, { fields: unknown } | { rules: unknown }>;

export type ValidationPhase = 'validating' | 'checking references';

export interface FileValidation {
  /** The graph's kinds of the ids the file refers to without defining, or defines as another kind. */
  graphKinds: (validator: StreamValidator) => Promise<KnownEntities>;
  onProgress?: (phase: ValidationPhase, records: number) => void;
  /** Worker threads checking JSON Lines (parallel-check.ts); below 2, the main thread checks every record. */
  workers?: number;
  /** Bytes per worker's range (tests cut small files into many). */
  rangeBytes?: number;
}

/** Whether validation runs in worker threads: JSON Lines only (a bundle's records cannot be cut by bytes). */
export const usesWorkers = (format: ImportFormat, workers: number | undefined): boolean =>
  format === 'jsonl' && (workers ?? 0) >= 2;

/**
 * Validates an import file in one pass (a second only when a reference points forward or into
 * the graph, or an id clashes with the graph's): returns its number of records, or throws
 * BAD_USER_INPUT naming every problem's place in the file. As parseBundle: the records' fields
 * first (their problems alone), then every rule. Nothing is written. With workers, the passes
 * read JSON Lines through them; the problems are the same.
 */
export async function validateImportFile(file: string, format: ImportFormat, options: FileValidation): Promise<number> {
  const validator = new StreamValidator();
  const report = (phase: ValidationPhase) => options.onProgress?.(phase, validator.records);
  const parallel = usesWorkers(format, options.workers);
  await (parallel ? firstPassInWorkers : firstPass)(validator, file, format, options, report);
  validator.fieldProblems.throwIfAny(file);
  report('checking references');
  validator.noteGraphKinds(await options.graphKinds(validator));
  if (validator.needsRecheck)
    await (parallel ? secondPassInWorkers : secondPass)(validator, file, format, options, report);
  validator.ruleProblems.throwIfAny(file);
  return validator.records;
}

type Pass = (
  validator: StreamValidator,
  file: string,
  format: ImportFormat,
  options: FileValidation,
  report: (phase: ValidationPhase) => void,
) => Promise<void>;

const firstPass: Pass = async (validator, file, format, _options, report) => {
  let headerSeen = false;
  for await (const items of readFileItems(file, format)) {
    for (const item of items) {
      if ('header' in item) {
        validator.header(item.header, format === 'bundle' ? 'bundle' : 'line 1');
        headerSeen = true;
      } else validator.check(item);
    }
    report('validating');
  }
  if (format === 'bundle' && !headerSeen) validator.header({}, 'bundle');
};

/** The first pass over JSON Lines checked in workers: their results fed to the validator in file order. */
const firstPassInWorkers: Pass = async (validator, file, _format, options, report) => {
  const { workers, rangeBytes } = options;
  for await (const results of checkedLines(file, { workers: workers!, rangeBytes, mode: 'check' })) {
    for (const result of results) {
      const where = `line ${result.line}`;
      if ('header' in result) validator.header(result.header, 'line 1');
      else if ('shape' in result) validator.check({ shapeProblem: true, where, ...result.shape });
      else if ('notUtf8' in result) validator.check({ shapeProblem: true, where, field: 'line', reason: NOT_UTF8 });
      else if ('fields' in result || 'rules' in result) validator.checkChecked(result, where);
    }
    report('validating');
  }
};

const secondPass: Pass = async (validator, file, format) => {
  for await (const items of readFileItems(file, format)) {
    for (const item of items) if ('kind' in item) validator.recheck(item);
  }
};

const secondPassInWorkers: Pass = async (validator, file, _format, options) => {
  const { workers, rangeBytes } = options;
  for await (const results of checkedLines(file, { workers: workers!, rangeBytes, mode: 'keys' })) {
    for (const result of results)
      if ('keys' in result) validator.recheckKeys(result.kind, result.keys, `line ${result.line}`);
  }
};
