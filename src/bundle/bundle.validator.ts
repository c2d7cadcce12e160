import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BadUserInputError, type FieldProblem } from '../errors';
import { validationProblems } from '../model/validation-problems';
import { parsePartialDate } from '../model/partial-date';
import { EntityKind, ParticipationRole, RELATIONSHIP_RULES, RelationshipType } from '../model/vocabulary';
import { Bundle, type BundleRelationship } from './bundle.model';

/**
 * Checks a bundle before anything is written: first each record's fields (class-validator on the
 * classes in bundle.model.ts), then the rules that span records. Every problem names its record
 * (`actors[3] "jnim"`) and field, so a curator can fix a file of thousands of lines.
 */

export const ENTITY_SECTIONS = [
  ['sources', EntityKind.SOURCE],
  ['actors', EntityKind.ACTOR],
  ['locations', EntityKind.LOCATION],
  ['events', EntityKind.EVENT],
  ['allegations', EntityKind.ALLEGATION],
] as const;

type Section = (typeof ENTITY_SECTIONS)[number][0] | 'relationships';

/** Ids already in the graph, with their kind: references to them are allowed. */
export type KnownEntities = ReadonlyMap<string, EntityKind>;

export function relationshipId(rel: Pick<BundleRelationship, 'type' | 'from' | 'to' | 'role'>): string {
  return `${rel.type}:${rel.from}->${rel.to}${rel.role ? `#${rel.role}` : ''}`;
}

/** Step 1: every record's fields. Returns the typed bundle, or throws naming record and field. */
export function parseBundleFields(json: unknown): Bundle {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw BadUserInputError.field('bundle', 'must be a JSON object');
  }
  const bundle = plainToInstance(Bundle, json);
  const fieldProblems = validationProblems(validateSync(bundle, { whitelist: true, forbidNonWhitelisted: true }));
  if (fieldProblems.length > 0) {
    throw new BadUserInputError(fieldProblems.map((problem) => withRecord(problem, bundle)));
  }
  return bundle;
}

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
  const problems = crossRecordProblems(bundle, known);
  if (problems.length > 0) throw new BadUserInputError(problems);
  return bundle;
}

/** Both steps, for a bundle that refers only to itself and `known`. */
const RELATIONSHIP_ID = /^([A-Z_]+):([a-z0-9]+(?:-[a-z0-9]+)*)->([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([A-Z_]+))?$/;

/** The parts of a relationship id (`MEMBER_OF:mali->aes`), or null when it is not one. */
export function parseRelationshipId(id: string): { type: string; from: string; to: string; role?: string } | null {
  const match = RELATIONSHIP_ID.exec(id);
  return match ? { type: match[1], from: match[2], to: match[3], role: match[4] } : null;
}

export function parseBundle(json: unknown, known: KnownEntities = new Map()): Bundle {
  return checkBundleReferences(parseBundleFields(json), known);
}

/** Adds the record's id to a problem found by class-validator (`actors[3].kind`). */
function withRecord(problem: FieldProblem, bundle: Bundle): FieldProblem {
  const match = /^(\w+)\[(\d+)\]/.exec(problem.field);
  if (!match) return problem;
  const records = (bundle as unknown as Record<string, Array<Record<string, unknown>>>)[match[1]];
  const record = records?.[Number(match[2])];
  const label = record ? recordLabel(match[1] as Section, Number(match[2]), record) : undefined;
  return label ? { ...problem, record: label } : problem;
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

function crossRecordProblems(bundle: Bundle, known: KnownEntities): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const kinds = new Map<string, EntityKind>(known);
  const inBundle = new Set<string>();
  const problem = (section: Section, index: number, record: object, field: string, reason: string) =>
    problems.push({
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
