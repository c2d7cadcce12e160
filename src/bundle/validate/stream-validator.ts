import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldProblem } from '../../errors';
import { parsePartialDate } from '../../model/partial-date';
import { validationProblems } from '../../model/validation-problems';
import { EntityKind, ParticipationRole, RELATIONSHIP_RULES, RelationshipType } from '../../model/vocabulary';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleEvent,
  BundleRelationship,
  CLASS_OF_KIND,
  ENTITY_KIND_OF,
  type EntityRecord,
  type FileHeader,
  type RecordKind,
  type ShapeProblem,
  type SourceRecord,
  relationshipId,
} from '../format';
import { type KnownEntities } from './bundle.validator';

/**
 * The checks of bundle.validator.ts, one record at a time, for files too large to hold: each
 * record's fields (class-validator on the same classes), then the rules that span records. Memory
 * is the ids only: a map of the entity ids the file defines (with their kind) and a set of its
 * relationship ids, about 100 bytes an id. A reference to an id defined further on, or only in
 * the graph, is settled once the whole file has been read (`recheck`, a second pass).
 */

/** Problems kept for the report; past this, only counted (a broken file of millions stays cheap). */
const MAX_PROBLEMS = 1_000;

export class StreamValidator {
  /** Entity ids the file defines, with their kind. */
  readonly defined = new Map<string, EntityKind>();
  /** Kinds of referenced or defined ids that are already in the graph (set after the first pass). */
  graphKinds: KnownEntities = new Map();
  readonly problems: FieldProblem[] = [];
  problemCount = 0;
  records = 0;
  /** True when some reference could not be settled when its record was read. */
  needsRecheck = false;
  private readonly relationshipIds = new Set<string>();
  /** Ids referenced before (or without) being defined in the file. */
  private readonly forward = new Set<string>();

  /** First pass: a record's fields, duplicates, and the references it can settle now. */
  check(item: SourceRecord | ShapeProblem): EntityRecord | BundleRelationship | null {
    if ('shapeProblem' in item) {
      this.add({ field: outsideRecord(item.where, item.field), reason: item.reason });
      return null;
    }
    this.records += 1;
    const { kind, record, where } = item;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      this.add({ field: fieldAt(where, 'record'), reason: 'must be a JSON object' });
      return null;
    }
    const typed = plainToInstance(CLASS_OF_KIND[kind], record) as EntityRecord | BundleRelationship;
    const fieldProblems = validationProblems(validateSync(typed, { whitelist: true, forbidNonWhitelisted: true }));
    const label = recordLabel(kind, where, record as Record<string, unknown>);
    if (fieldProblems.length) {
      for (const problem of fieldProblems)
        this.add({ ...problem, field: fieldAt(where, problem.field), record: label });
      return null;
    }
    const problem = (field: string, reason: string) =>
      this.add({ field: fieldAt(where, field), reason, record: label });
    if (kind === 'relationship') {
      const rel = typed as BundleRelationship;
      for (const p of relationshipRuleProblems(rel)) problem(p[0], p[1]);
      const id = relationshipId(rel);
      if (this.relationshipIds.has(id)) problem('type', `duplicate of an earlier relationship (${id})`);
      this.relationshipIds.add(id);
    } else {
      const entity = typed as EntityRecord;
      if (this.defined.has(entity.id)) problem('id', `id "${entity.id}" is used by another record of this bundle`);
      else this.defined.set(entity.id, ENTITY_KIND_OF[kind]);
      if (kind === 'event') {
        const event = entity as BundleEvent;
        if (event.start && event.end && parsePartialDate(event.start).earliest > parsePartialDate(event.end).latest) {
          problem('end', `end ${event.end} is before start ${event.start}`);
        }
      }
    }
    const references = referencesOf(kind, typed);
    if (references.some((id) => !this.defined.has(id))) {
      for (const id of references) if (!this.defined.has(id)) this.forward.add(id);
      this.needsRecheck = true;
    } else {
      this.checkReferences(kind, typed, where, label);
    }
    return typed;
  }

  header(header: FileHeader, where: string): void {
    if (header.format !== BUNDLE_FORMAT) {
      this.add({ field: outsideRecord(where, 'format'), reason: `format must be "${BUNDLE_FORMAT}"` });
    }
    if (header.version !== BUNDLE_VERSION) {
      this.add({ field: outsideRecord(where, 'version'), reason: `version must be ${BUNDLE_VERSION}` });
    }
    if (
      header.description !== undefined &&
      (typeof header.description !== 'string' || header.description.length > 2_000)
    ) {
      this.add({ field: outsideRecord(where, 'description'), reason: 'must be a string of at most 2000 characters' });
    }
  }

  /** After the first pass: ids to look up in the graph (references the file does not define). */
  unresolvedIds(): string[] {
    return [...this.forward].filter((id) => !this.defined.has(id));
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

  /** Second pass (when needed): references and kind clashes with the graph, with everything known. */
  recheck(item: SourceRecord): void {
    const { kind, record, where } = item;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return; // reported already
    const typed = plainToInstance(CLASS_OF_KIND[kind], record) as EntityRecord | BundleRelationship;
    const label = recordLabel(kind, where, record as Record<string, unknown>);
    if (kind !== 'relationship') {
      const id = (typed as EntityRecord).id;
      const graphKind = this.graphKinds.get(id);
      if (graphKind && graphKind !== ENTITY_KIND_OF[kind]) {
        this.add({
          field: fieldAt(where, 'id'),
          reason: `id "${id}" already belongs to ${article(graphKind)} ${graphKind.toLowerCase()} in the graph`,
          record: label,
        });
      }
    }
    const references = referencesOf(kind, typed);
    // Records whose references were all defined earlier were checked in the first pass.
    if (references.some((id) => this.forward.has(id))) this.checkReferences(kind, typed, where, label);
  }

  private kindOf(id: string): EntityKind | undefined {
    return this.defined.get(id) ?? this.graphKinds.get(id);
  }

  private checkReferences(kind: RecordKind, typed: object, where: string, label: string): void {
    const problem = (field: string, reason: string) =>
      this.add({ field: fieldAt(where, field), reason, record: label });
    if (kind === 'source') return;
    (typed as { sourceIds?: string[] }).sourceIds?.forEach((id, i) => {
      if (this.kindOf(id) !== EntityKind.SOURCE) {
        problem(`sourceIds[${i}]`, `"${id}" is not a source in this bundle or the graph`);
      }
    });
    if (kind !== 'relationship') return;
    const rel = typed as BundleRelationship;
    const rule = RELATIONSHIP_RULES[rel.type];
    for (const end of ['from', 'to'] as const) {
      const endKind = this.kindOf(rel[end]);
      const allowed = end === 'from' ? rule.from : rule.to;
      if (!endKind) problem(end, `"${rel[end]}" is not an entity in this bundle or the graph`);
      else if (!allowed.includes(endKind)) {
        problem(
          end,
          `${rel.type} goes ${rule.from.join('|').toLowerCase()} -> ${rule.to.join('|').toLowerCase()}; "${rel[end]}" is ${article(endKind)} ${endKind.toLowerCase()}`,
        );
      }
    }
  }

  private add(problem: FieldProblem): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }
}

/** Rules on one relationship that need no other record. */
function relationshipRuleProblems(rel: BundleRelationship): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (rel.type === RelationshipType.REPORTED_BY) {
    problems.push(['type', 'REPORTED_BY is derived from sourceIds; cite the source there instead']);
  }
  if (rel.type === RelationshipType.PARTICIPATED_IN && !rel.role) {
    problems.push(['role', `PARTICIPATED_IN needs a role (${Object.values(ParticipationRole).join(', ')})`]);
  }
  if (rel.type !== RelationshipType.PARTICIPATED_IN && rel.role)
    problems.push(['role', 'only PARTICIPATED_IN takes a role']);
  if (rel.from === rel.to) problems.push(['to', 'a relationship cannot join an entity to itself']);
  if (rel.validFrom && rel.validTo && parsePartialDate(rel.validFrom).earliest > parsePartialDate(rel.validTo).latest) {
    problems.push(['validTo', `validTo ${rel.validTo} is before validFrom ${rel.validFrom}`]);
  }
  return problems;
}

/** Ids a record refers to: the sources it cites and, for a relationship, its two ends. */
function referencesOf(kind: RecordKind, typed: object): string[] {
  if (kind === 'source') return [];
  const ids = [...((typed as { sourceIds?: string[] }).sourceIds ?? [])];
  if (kind === 'relationship') ids.push((typed as BundleRelationship).from, (typed as BundleRelationship).to);
  return ids;
}

/** `actors[3].kind` in a bundle, `line 12: record.kind` in JSON Lines. */
function fieldAt(where: string, field: string): string {
  return where.startsWith('line ') ? `${where}: record.${field}` : `${where}.${field}`;
}

/** A field outside any record: the bundle's own (`format`) or a line's (`line 3: kind`). */
function outsideRecord(where: string, field: string): string {
  return where === 'bundle' ? field : `${where}: ${field}`;
}

function recordLabel(kind: RecordKind, where: string, record: Record<string, unknown>): string {
  const name =
    kind === 'relationship'
      ? `${record.from} ${record.type} ${record.to}`
      : typeof record.id === 'string'
        ? record.id
        : '?';
  return where.startsWith('line ') ? `${where} ${kind} "${name}"` : `${where} "${name}"`;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
