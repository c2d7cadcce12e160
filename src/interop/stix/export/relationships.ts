import { type BundleRelationship, relationshipId } from '../../../bundle/format';
import { RelationshipType } from '../../../model/vocabulary';
import { stixId } from '../stix-ids';
import { confidenceOf, DENIAL_OPINION, RELATIONSHIP_STIX_TYPE, type StixObject } from '../stix-mapping';
import { compact, endOf, evidence, extension, quantityOf, startOf, type StixExportContext } from './export-context';

type RelationshipToStix = (rel: BundleRelationship, graphId: string, context: StixExportContext) => StixObject;

/** A denial is an opinion (strongly-disagree) about the allegation, by the denier. */
const denialToStix: RelationshipToStix = (rel, graphId, context) => {
  const id = stixId('opinion', graphId);
  context.cites(id, rel);
  return compact({
    ...context.common('opinion', id, graphId, context.markingOf(rel)),
    opinion: DENIAL_OPINION,
    explanation: rel.excerpt,
    authors: [context.nameOf.get(rel.from) ?? rel.from],
    object_refs: [context.ref(rel.to)],
    confidence: confidenceOf(rel.credibility),
    ...extension({ graph_id: graphId, denied_by: rel.from, date: rel.date, ...evidence(rel) }),
  });
};

/** Any other relationship is a STIX relationship of the type RELATIONSHIP_STIX_TYPE names. */
const plainRelationshipToStix: RelationshipToStix = (rel, graphId, context) => {
  const id = stixId('relationship', graphId);
  context.cites(id, rel);
  return compact({
    ...context.common('relationship', id, graphId, context.markingOf(rel)),
    relationship_type: RELATIONSHIP_STIX_TYPE[rel.type as keyof typeof RELATIONSHIP_STIX_TYPE],
    source_ref: context.ref(rel.from),
    target_ref: context.ref(rel.to),
    description: rel.excerpt,
    start_time: startOf(rel.validFrom),
    stop_time: endOf(rel.validTo),
    confidence: confidenceOf(rel.credibility),
    ...extension({
      graph_id: graphId,
      role: rel.role,
      valid_from: rel.validFrom,
      valid_to: rel.validTo,
      date: rel.date,
      quantity: quantityOf(rel.quantity),
      ...evidence(rel),
    }),
  });
};

/** Relationship types with a converter of their own; every other type is a plain STIX relationship. */
const RELATIONSHIP_CONVERTERS: ReadonlyMap<RelationshipType, RelationshipToStix> = new Map([
  [RelationshipType.DENIES, denialToStix],
]);

export function relationshipToStix(rel: BundleRelationship, context: StixExportContext): StixObject {
  const convert = RELATIONSHIP_CONVERTERS.get(rel.type) ?? plainRelationshipToStix;
  return convert(rel, relationshipId(rel), context);
}
