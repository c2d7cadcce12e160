import type { BundleActor } from '../../../bundle/format';
import { ACTOR_STIX, confidenceOf, type StixObject } from '../stix-mapping';
import { compact, evidence, extension, quantityOf, type StixExportContext } from './export-context';

/** An actor as a threat-actor, or an identity (states, institutions), per its kind (ACTOR_STIX). */
export function actorToStix(actor: BundleActor, context: StixExportContext): StixObject {
  const mapping = ACTOR_STIX[actor.kind];
  const id = context.ref(actor.id);
  context.cites(id, actor);
  return compact({
    ...context.common(mapping.type, id, actor.id, context.markingOf(actor)),
    name: actor.name,
    description: actor.description,
    ...(mapping.type === 'threat-actor'
      ? { aliases: actor.aliases }
      : { identity_class: mapping.identityClass, sectors: mapping.sectors }),
    confidence: confidenceOf(actor.credibility),
    ...extension({
      graph_id: actor.id,
      kind: actor.kind,
      aliases: actor.aliases,
      country: actor.country,
      quantity: quantityOf(actor.quantity),
      plural: actor.plural,
      ...evidence(actor),
    }),
  });
}
