/**
 * What the document implies without saying, each proposed as INFERRED (graded 3 at best):
 * a named state governs its territory; "French forces" are France's; "Senegalese drivers" are
 * Senegal's nationals; a newly named region is part of the document's main country, a corridor
 * part of its region, a country part of the table region it lies in; the perpetrator of a hostile
 * act opposes its target; an armed group operates where its acts take place.
 */
import { ActorKind, EventStatus, LocationKind, ParticipationRole, RelationshipType } from '../../model/vocabulary';
import type { ExtractionContext } from './context';
import type { EntityDraft, EventDraft } from './draft.type';
import type { Voice } from './proposal.type';
import { phraseFolds } from './text';

export function territoryOf(ctx: ExtractionContext, state: EntityDraft): string | undefined {
  return ctx.names.get(phraseFolds(state.name).join(' '))?.location;
}

export function inferRelations(ctx: ExtractionContext) {
  const infer = (
    type: RelationshipType,
    from: string,
    to: string,
    name: string,
    evidenceOf: EntityDraft | EventDraft,
    voice: Voice = 'INFERRED',
  ) =>
    ctx.relate({
      type,
      from,
      to,
      rule: `${ctx.table.language}.inference.${name}`,
      voice,
      evidence: evidenceOf.evidence,
    });
  const proposed = [...ctx.entities.values()].filter((entity) => !entity.known);
  for (const entity of proposed) {
    if (entity.kind === ActorKind.STATE && entity.countryName) {
      const territory = territoryOf(ctx, entity);
      if (territory) infer(RelationshipType.GOVERNS, entity.id, territory, 'state-governs-territory', entity);
    }
    if (entity.stateOf && (entity.kind === ActorKind.FORCE || entity.kind === ActorKind.AGENCY))
      infer(RelationshipType.SUBORDINATE_TO, entity.id, entity.stateOf, 'demonym-force', entity);
    if (entity.stateOf && entity.kind === ActorKind.GROUP)
      infer(RelationshipType.NATIONAL_OF, entity.id, entity.stateOf, 'demonym-group', entity, 'STATED');
    if (entity.regionOf)
      infer(RelationshipType.PART_OF, entity.id, entity.regionOf, 'corridor-in-region', entity, entity.voice);
  }
  regionsOfCountries(ctx, proposed, infer);
  hostileEvents(ctx, infer);
  inheritPlaces(ctx, infer);
}

type Infer = (
  type: RelationshipType,
  from: string,
  to: string,
  name: string,
  evidenceOf: EntityDraft | EventDraft,
  voice?: Voice,
) => void;

function regionsOfCountries(ctx: ExtractionContext, proposed: EntityDraft[], infer: Infer) {
  const main = ctx.mainCountry ? territoryOf(ctx, ctx.entities.get(ctx.mainCountry)!) : undefined;
  const hasParent = (id: string) => ctx.linksFrom(id, RelationshipType.PART_OF).length > 0;
  for (const region of proposed) {
    if (region.kind !== LocationKind.REGION) continue;
    const tableRegion = ctx.table.regions.find((entry) => entry.name === region.name);
    if (tableRegion) {
      for (const countryName of tableRegion.countries) {
        const country = ctx.names.get(phraseFolds(countryName).join(' '))?.location;
        if (country && ctx.entities.has(country))
          infer(RelationshipType.PART_OF, country, region.id, 'country-in-region', ctx.entities.get(country)!);
      }
    } else if (main && !hasParent(region.id))
      infer(RelationshipType.PART_OF, region.id, main, 'region-in-main-country', region);
  }
}

function participants(ctx: ExtractionContext, event: string, role: ParticipationRole) {
  return ctx
    .linksTo(event, RelationshipType.PARTICIPATED_IN)
    .filter((r) => r.role === role)
    .map((r) => r.from);
}

function hostileEvents(ctx: ExtractionContext, infer: Infer) {
  const stateOfTerritory = new Map<string, string>();
  for (const entity of ctx.entities.values())
    if (entity.kind === ActorKind.STATE && entity.countryName) {
      const territory = territoryOf(ctx, entity);
      if (territory && !stateOfTerritory.has(territory)) stateOfTerritory.set(territory, entity.id);
    }
  for (const event of ctx.events.values()) {
    if (!ctx.table.hostileTypes.includes(event.type as never)) continue;
    const places = ctx.linksFrom(event.id, RelationshipType.OCCURRED_IN).map((r) => r.to);
    const targets = participants(ctx, event.id, ParticipationRole.TARGET);
    // "insurgency in Mali": against the state whose territory it is in.
    if (targets.length === 0)
      for (const place of places) {
        const state = stateOfTerritory.get(place);
        if (state)
          ctx.relate({
            type: RelationshipType.PARTICIPATED_IN,
            from: state,
            to: event.id,
            role: ParticipationRole.TARGET,
            rule: `${ctx.table.language}.inference.target-state`,
            voice: 'INFERRED',
            evidence: event.evidence,
          });
      }
    for (const perpetrator of participants(ctx, event.id, ParticipationRole.PERPETRATOR)) {
      for (const target of participants(ctx, event.id, ParticipationRole.TARGET))
        if (ctx.kindOf(target) !== ActorKind.GROUP && ctx.kindOf(target) !== ActorKind.PERSON)
          infer(RelationshipType.OPPOSES, perpetrator, target, 'hostile-act', event);
      if (ctx.kindOf(perpetrator) !== ActorKind.ARMED_GROUP) continue;
      for (const place of places) {
        ctx.relate({
          type: RelationshipType.OPERATES_IN,
          from: perpetrator,
          to: place,
          rule: `${ctx.table.language}.inference.acts-in`,
          voice: 'INFERRED',
          evidence: event.evidence,
          validFrom: event.status === EventStatus.ONGOING ? event.start : undefined,
        });
      }
    }
  }
}

/** "expelled from the region following a series of coups": the coups are read as the region's too. */
function inheritPlaces(ctx: ExtractionContext, infer: Infer) {
  const placesOf = (id: string) => ctx.linksFrom(id, RelationshipType.OCCURRED_IN).map((r) => r.to);
  for (const follows of ctx.relations.filter((r) => r.type === RelationshipType.FOLLOWS)) {
    const earlier = ctx.events.get(follows.to);
    const later = ctx.events.get(follows.from);
    if (!earlier || !later || earlier.sentence !== later.sentence || placesOf(earlier.id).length) continue;
    for (const place of placesOf(later.id))
      infer(RelationshipType.OCCURRED_IN, earlier.id, place, 'same-place', earlier);
  }
}
