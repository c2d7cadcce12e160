import type { BundleActor } from '../../../bundle/format';
import { ActorKind, EntityKind } from '../../../model/vocabulary';
import { actorKindOfIdentity, type StixObject } from '../stix-mapping';
import { clip, enumValue, MAX_NAME, MAX_TEXT, quantity, strings, text } from './import-helpers';
import type { StixImportContext } from './import-context';

/** A threat-actor, intrusion-set or identity as an actor (an identity that only signs is not one). */
export function actorFromStix(o: StixObject, context: StixImportContext): void {
  if (o.type === 'identity' && context.authorsOnly(o)) {
    context.skip('identity (author or system, not an actor)');
    return;
  }
  const e = context.ext(o) ?? {};
  const name = clip(text(o.name), MAX_NAME);
  const kind =
    enumValue(ActorKind, e.kind) ??
    (o.type === 'identity' ? actorKindOfIdentity(o.identity_class, o.sectors) : ActorKind.ARMED_GROUP);
  const aliases = [...new Set([...strings(e.aliases ?? o.aliases), ...strings(o.x_opencti_aliases)])]
    .map((alias) => clip(alias, MAX_NAME)!)
    .slice(0, 50);
  const actor: BundleActor = {
    id: context.register(o, context.graphId(o, name), EntityKind.ACTOR),
    name: name ?? 'Unnamed actor',
    kind,
    ...context.evidence(o, name ?? o.id),
  };
  if (aliases.length) actor.aliases = aliases;
  if (text(o.description)) actor.description = clip(text(o.description), MAX_TEXT);
  if (typeof e.country === 'string') actor.country = e.country;
  if (quantity(e.quantity)) actor.quantity = quantity(e.quantity);
  if (typeof e.plural === 'boolean') actor.plural = e.plural;
  context.actors.push(actor);
  context.origin.set(actor, o.id);
}
