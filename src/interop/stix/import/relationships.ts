import type { BundleRelationship } from '../../../bundle/format';
import { EntityKind, ParticipationRole, RelationshipType } from '../../../model/vocabulary';
import { DISAGREEING_OPINIONS, RELATIONSHIP_TYPE_OF_STIX, type StixObject } from '../stix-mapping';
import { clip, enumValue, MAX_EXCERPT, partialDate, quantity, strings, text } from './import-helpers';
import type { StixImportContext } from './import-context';

/** Pass 3: relationships, opinions, and the links of foreign notes. */
export function relationshipFromStix(o: StixObject, context: StixImportContext): void {
  const e = context.ext(o) ?? {};
  const stixType = clip(String(o.relationship_type), 60)!;
  const from = context.graphIdOf.get(String(o.source_ref));
  const to = context.graphIdOf.get(String(o.target_ref));
  if (!from || !to) return context.skip(`relationship ${stixType} (an end is not imported)`);
  const mapped = modelRelationshipOf(stixType, from, to, context.kindOf);
  if (!mapped) return context.skip(`relationship ${stixType}`);
  const rel: BundleRelationship = { ...mapped, ...context.evidence(o, `${stixType} (STIX relationship)`) };
  const role = enumValue(ParticipationRole, e.role) ?? mapped.role;
  if (role) rel.role = role;
  const validFrom = context.ext(o) ? partialDate(e.valid_from) : partialDate(o.start_time);
  const validTo = context.ext(o) ? partialDate(e.valid_to) : partialDate(o.stop_time);
  if (validFrom) rel.validFrom = validFrom;
  if (validTo) rel.validTo = validTo;
  if (partialDate(e.date)) rel.date = partialDate(e.date);
  if (quantity(e.quantity)) rel.quantity = quantity(e.quantity);
  context.add(rel, `relationship ${stixType}`, o);
}

export function opinionFromStix(o: StixObject, context: StixImportContext): void {
  const e = context.ext(o) ?? {};
  const allegationIds = strings(o.object_refs)
    .map((ref) => context.graphIdOf.get(ref))
    .filter((id): id is string => id !== undefined && context.kindOf.get(id) === EntityKind.ALLEGATION);
  const denier =
    text(e.denied_by) ??
    context.graphIdOf.get(String(o.created_by_ref)) ??
    strings(o.authors)
      .map((author) => context.actorNamed(author))
      .find((id) => id !== undefined);
  if (
    !DISAGREEING_OPINIONS.includes(String(o.opinion)) ||
    !allegationIds.length ||
    !denier ||
    !context.kindOf.has(denier)
  )
    return context.skip('opinion (not a denial of an imported allegation by an imported actor)');
  for (const allegationId of allegationIds) {
    const rel: BundleRelationship = {
      type: RelationshipType.DENIES,
      from: denier,
      to: allegationId,
      ...context.evidence(o, clip(text(o.explanation), MAX_EXCERPT) ?? `${String(o.opinion)} (STIX opinion)`),
    };
    if (partialDate(e.date)) rel.date = partialDate(e.date);
    context.add(rel, 'opinion', o);
  }
}

/** A STIX relationship in the model's terms: ours by name, and the common OpenCTI/MISP ones by meaning. */
function modelRelationshipOf(
  stixType: string,
  from: string,
  to: string,
  kindOf: ReadonlyMap<string, EntityKind>,
): Pick<BundleRelationship, 'type' | 'from' | 'to' | 'role'> | undefined {
  const ours = RELATIONSHIP_TYPE_OF_STIX.get(stixType);
  if (ours) return { type: ours, from, to };
  const fromKind = kindOf.get(from);
  const toKind = kindOf.get(to);
  const { ACTOR, LOCATION, EVENT } = EntityKind;
  switch (stixType) {
    case 'attributed-to':
      if (fromKind === EVENT && toKind === ACTOR)
        return { type: RelationshipType.PARTICIPATED_IN, from: to, to: from, role: ParticipationRole.PERPETRATOR };
      if (fromKind === ACTOR && toKind === ACTOR) return { type: RelationshipType.AFFILIATED_WITH, from, to };
      return undefined;
    case 'targets':
      if (fromKind === EVENT && toKind === ACTOR)
        return { type: RelationshipType.PARTICIPATED_IN, from: to, to: from, role: ParticipationRole.TARGET };
      if (fromKind === EVENT && toKind === LOCATION) return { type: RelationshipType.OCCURRED_IN, from, to };
      if (fromKind === ACTOR && toKind === LOCATION) return { type: RelationshipType.OPERATES_IN, from, to };
      if (fromKind === ACTOR && toKind === ACTOR) return { type: RelationshipType.OPPOSES, from, to };
      return undefined;
    case 'located-at':
      if (fromKind === EVENT && toKind === LOCATION) return { type: RelationshipType.OCCURRED_IN, from, to };
      if (fromKind === ACTOR && toKind === LOCATION) return { type: RelationshipType.OPERATES_IN, from, to };
      if (fromKind === LOCATION && toKind === LOCATION) return { type: RelationshipType.PART_OF, from, to };
      return undefined;
    case 'cooperates-with':
      return fromKind === ACTOR && toKind === ACTOR ? { type: RelationshipType.AFFILIATED_WITH, from, to } : undefined;
    default:
      return undefined;
  }
}
