import type { Bundle } from '../bundle/bundle.model';
import type { KnownEntities } from '../bundle/bundle.validator';
import { ENTITY_SECTIONS } from '../bundle/bundle.validator';
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
