import { type Bundle, ENTITY_SECTIONS, relationshipId } from '../bundle/format';
import { type KnownEntities } from '../bundle/validate';
import { BadUserInputError, type FieldProblem } from '../errors';

/**
 * A writer below RED writes as it reads (docs/security.md): what its clearance hides is not in
 * the graph for it. A hidden source it cites and a hidden entity it links are refused by the
 * bundle check itself, with the very problem a missing one gets, because they are left out of
 * the entities that check knows (`asTheWriterKnows`). Sources a record already cites and the
 * writer keeps (`kept`) stay known: an update must not fail over evidence the writer never saw.
 */
export function asTheWriterKnows(
  known: KnownEntities,
  hidden: ReadonlySet<string>,
  kept: ReadonlySet<string>,
): KnownEntities {
  return new Map([...known].filter(([id]) => !hidden.has(id) || kept.has(id)));
}

/**
 * A record the bundle writes under an id held by a hidden entity: the bundle check would take it
 * for a new record and overwrite what the writer cannot see. Ids are unique, so the refusal
 * necessarily tells that the id is taken; it tells nothing of what holds it.
 */
export function refuseHiddenRecords(bundle: Bundle, hidden: ReadonlySet<string>): void {
  const problems: FieldProblem[] = ENTITY_SECTIONS.flatMap(([section]) =>
    bundle[section].flatMap((record, index) =>
      hidden.has(record.id)
        ? [{ field: `${section}[${index}].id`, reason: `id "${record.id}" is not available: choose another id` }]
        : [],
    ),
  );
  if (problems.length) throw new BadUserInputError(problems);
}

/**
 * A relationship the bundle writes over an existing one the writer cannot see (it rests only on
 * sources above the clearance, or has its own tlp): writing it would replace that evidence and
 * make it visible. Refused like a record over a hidden entity id, nothing said of what is there.
 */
export function refuseHiddenRelationships(bundle: Bundle, hidden: ReadonlySet<string>): void {
  const problems: FieldProblem[] = bundle.relationships.flatMap((relationship, index) => {
    const id = relationshipId(relationship);
    return hidden.has(id)
      ? [{ field: `relationships[${index}]`, reason: `relationship "${id}" is not available` }]
      : [];
  });
  if (problems.length) throw new BadUserInputError(problems);
}

/**
 * The bundle with each existing record citing, after the writer's sources, the hidden ones it
 * cites now: a writer replaces the evidence it sees, never drops what it cannot see (the
 * REPORTED_BY links to those sources are written again, so they stay too).
 */
export function withHiddenSourcesKept(bundle: Bundle, hiddenSourcesCited: ReadonlyMap<string, string[]>): Bundle {
  const keep = <T extends { sourceIds: string[] }>(record: T, id: string): T => {
    const kept = (hiddenSourcesCited.get(id) ?? []).filter((sourceId) => !record.sourceIds.includes(sourceId));
    return kept.length ? { ...record, sourceIds: [...record.sourceIds, ...kept] } : record;
  };
  return Object.assign(Object.create(Object.getPrototypeOf(bundle) as object) as Bundle, bundle, {
    actors: bundle.actors.map((record) => keep(record, record.id)),
    locations: bundle.locations.map((record) => keep(record, record.id)),
    events: bundle.events.map((record) => keep(record, record.id)),
    allegations: bundle.allegations.map((record) => keep(record, record.id)),
    relationships: bundle.relationships.map((record) => keep(record, relationshipId(record))),
  });
}
