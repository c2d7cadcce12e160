import { createHash } from 'node:crypto';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type BundleActor,
  type BundleAllegation,
  type BundleEvent,
  type BundleLocation,
  type BundleQuantity,
  type BundleRelationship,
  type BundleSource,
} from '../../bundle/bundle.model';
import { relationshipId } from '../../bundle/bundle.validator';
import { BadUserInputError } from '../../errors';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  EntityKind,
  EventStatus,
  EventType,
  ID_MAX_LENGTH,
  ID_PATTERN,
  LocationKind,
  ParticipationRole,
  RELATIONSHIP_RULES,
  RelationshipType,
  Reliability,
  SourceKind,
  Tlp as TlpLevel,
  type Tlp,
} from '../../model/vocabulary';
import { isPartialDate } from '../../model/partial-date';
import { stixTypeOf } from './stix-ids';
import {
  actorKindOfIdentity,
  credibilityOf,
  DISAGREEING_OPINIONS,
  LOCATION_KIND_OF_OPENCTI,
  RELATIONSHIP_TYPE_OF_STIX,
  type StixObject,
} from './stix-mapping';
import { strictestTlp, tlpOfMarking } from './stix-markings';
import { SAHEL_EXTENSION_ID } from './stix.export';

/**
 * A STIX 2.1 bundle (sahel-graph's own export, OpenCTI's or MISP's) as a bundle of the project's
 * format, for the importBundle use case to validate and write like any other. The sahel-graph
 * extension, when present, gives back exactly what was exported; without it, values come from
 * STIX's own properties (README, "STIX 2.1", the import column). Claims stay claims: a `note` is
 * an allegation and a disagreeing `opinion` a denial, never a plain relationship. Objects of
 * types the model has no place for are skipped and counted.
 */

const MAX_OBJECTS = 200_000;
const MAX_NAME = 200;
const MAX_EXCERPT = 1_000;
const MAX_TEXT = 2_000;

export interface StixConversion {
  bundle: Bundle;
  /** Objects left out, by reason ("attack-pattern", "relationship related-to", ...). */
  skipped: Record<string, number>;
  /** The STIX id each record came from, by its place in the bundle (`actors[3]`), to name it in errors. */
  origins: Record<string, string>;
}

type Plain = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const clip = (value: string | undefined, max: number) => (value && value.length > max ? value.slice(0, max) : value);
const enumValue = <T extends string>(values: Record<string, T>, value: unknown): T | undefined =>
  (Object.values(values) as string[]).includes(value as string) ? (value as T) : undefined;
const partialDate = (value: unknown): string | undefined => {
  if (isPartialDate(value)) return value;
  const day = typeof value === 'string' ? value.slice(0, 10) : undefined;
  return isPartialDate(day) ? day : undefined;
};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A graph id for a foreign object: its name as a slug, with a digest of its STIX id to keep it unique. */
function slugFor(object: StixObject, name: string | undefined): string {
  const digest = createHash('sha1').update(object.id).digest('hex').slice(0, 8);
  const base = (name ?? stixTypeOf(object.id))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX_LENGTH - 9)
    .replace(/-+$/, '');
  return base ? `${base}-${digest}` : digest;
}

function quantity(value: unknown): BundleQuantity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const q = value as Plain;
  if (typeof q.measure !== 'string' || typeof q.value !== 'number') return undefined;
  return {
    measure: q.measure,
    value: q.value,
    ...(typeof q.approximate === 'boolean' ? { approximate: q.approximate } : {}),
  };
}

/** Reads the objects of a STIX bundle; anything that is not one is bad input, named by its place. */
function stixObjects(json: unknown): StixObject[] {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw BadUserInputError.field('bundle', 'must be a STIX 2.1 bundle: a JSON object with "type": "bundle"');
  const bundle = json as Plain;
  if (bundle.type !== 'bundle') throw BadUserInputError.field('bundle.type', 'must be "bundle"');
  if (!Array.isArray(bundle.objects)) throw BadUserInputError.field('bundle.objects', 'must be a list of STIX objects');
  if (bundle.objects.length > MAX_OBJECTS)
    throw BadUserInputError.field('bundle.objects', `at most ${MAX_OBJECTS} objects per import`);
  const problems: Array<{ field: string; reason: string }> = [];
  bundle.objects.forEach((object: unknown, index) => {
    const o = object as Plain | null;
    if (
      !o ||
      typeof o !== 'object' ||
      typeof o.type !== 'string' ||
      typeof o.id !== 'string' ||
      !o.id.startsWith(`${o.type}--`)
    )
      problems.push({ field: `bundle.objects[${index}]`, reason: 'needs a "type" and an "id" of the form type--uuid' });
  });
  if (problems.length) throw new BadUserInputError(problems);
  return bundle.objects as StixObject[];
}

export function stixToBundle(json: unknown): StixConversion {
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  // A bundle may carry several versions of an object: the latest `modified` stands for it.
  const latest = new Map<string, StixObject>();
  for (const o of stixObjects(json)) {
    const other = latest.get(o.id);
    if (other) skip('older version of an object');
    if (!other || String(o.modified ?? '') >= String(other.modified ?? '')) latest.set(o.id, o);
  }
  const objects = [...latest.values()];
  const byId = new Map(objects.map((o) => [o.id, o]));
  const ext = (o: StixObject): Plain | undefined =>
    (o.extensions as Record<string, Plain> | undefined)?.[SAHEL_EXTENSION_ID] ?? undefined;

  // Markings: the objects in the bundle, and the published ids that need none.
  const markingTlp = (o: StixObject): Tlp | undefined => {
    const levels = strings(o.object_marking_refs)
      .map((ref) => {
        const marking = byId.get(ref);
        return marking ? tlpOfMarking(marking) : tlpOfMarking(ref);
      })
      .filter((level): level is Tlp => level !== undefined);
    return levels.length ? strictestTlp(levels) : undefined;
  };

  // Authors: identities that only sign other objects (created_by_ref), and the system identity, are not actors.
  const endpoints = new Set<string>();
  for (const o of objects) {
    if (o.type === 'relationship') for (const key of ['source_ref', 'target_ref']) endpoints.add(String(o[key]));
    if (o.type === 'note' || o.type === 'opinion') for (const ref of strings(o.object_refs)) endpoints.add(ref);
  }
  const signers = new Set(objects.map((o) => o.created_by_ref).filter((ref): ref is string => typeof ref === 'string'));
  const isAuthorOnly = (o: StixObject) =>
    o.identity_class === 'system' || (!ext(o) && signers.has(o.id) && !endpoints.has(o.id));

  const graphIdOf = new Map<string, string>();
  const kindOf = new Map<string, EntityKind>();
  const graphId = (o: StixObject, name: string | undefined): string => {
    const own = text(ext(o)?.graph_id);
    return own && ID_PATTERN.test(own) && own.length <= ID_MAX_LENGTH ? own : slugFor(o, name);
  };
  const register = (o: StixObject, id: string, kind: EntityKind) => {
    graphIdOf.set(o.id, id);
    kindOf.set(id, kind);
    return id;
  };

  const sources: BundleSource[] = [];
  const actors: BundleActor[] = [];
  const locations: BundleLocation[] = [];
  const events: BundleEvent[] = [];
  const allegations: BundleAllegation[] = [];
  const relationships: BundleRelationship[] = [];
  const origin = new Map<object, string>();

  // Pass 1: sources (reports) first, since everything else cites them.
  for (const o of objects) {
    if (o.type !== 'report') continue;
    const e = ext(o) ?? {};
    const title = clip(text(o.name), MAX_NAME) ?? 'Untitled report';
    const author = byId.get(String(o.created_by_ref));
    const url = (Array.isArray(o.external_references) ? (o.external_references as Plain[]) : [])
      .map((r) => text(r.url))
      .find((u) => u && /^https?:\/\//.test(u));
    const reliability =
      enumValue(Reliability, e.reliability) ??
      enumValue(Reliability, String(author?.x_opencti_reliability ?? o.x_opencti_reliability ?? '').charAt(0)) ??
      Reliability.F;
    const source: BundleSource = {
      id: register(o, graphId(o, title), EntityKind.SOURCE),
      title,
      kind: enumValue(SourceKind, e.kind) ?? SourceKind.REPORT,
      reliability,
    };
    const publisher = text(e.publisher) ?? (ext(o) ? undefined : text(author?.name));
    if (publisher && !(author?.identity_class === 'system' && !ext(o))) source.publisher = clip(publisher, MAX_NAME);
    if (text(e.author)) source.author = clip(text(e.author), MAX_NAME);
    if (url) source.url = url;
    const published = ext(o) ? partialDate(e.published) : partialDate(o.published);
    if (published) source.published = published;
    if (text(o.description)) source.description = clip(text(o.description), MAX_TEXT);
    const tlp = ext(o) ? enumValue(TlpLevel, e.tlp) : markingTlp(o);
    if (tlp) source.tlp = tlp;
    sources.push(source);
    origin.set(source, o.id);
  }
  const containers = new Map<string, string[]>();
  for (const o of objects) {
    if (o.type !== 'report' || !graphIdOf.has(o.id)) continue;
    for (const ref of strings(o.object_refs))
      containers.set(ref, [...(containers.get(ref) ?? []), graphIdOf.get(o.id)!]);
  }
  let bundleSource: BundleSource | undefined;
  const sourceIdsOf = (o: StixObject): string[] => {
    const cited = [...new Set(containers.get(o.id) ?? [])];
    if (cited.length) return cited;
    // Nothing in the bundle reports it: the bundle itself is its source, of unknown reliability.
    if (!bundleSource) {
      const digest = createHash('sha1')
        .update(String((json as Plain).id))
        .digest('hex')
        .slice(0, 8);
      bundleSource = {
        id: `stix-bundle-${digest}`,
        title: clip(`STIX bundle ${String((json as Plain).id)}`, MAX_NAME)!,
        kind: SourceKind.OTHER,
        reliability: Reliability.F,
        description: 'The imported STIX bundle, cited by its objects that no report in it contains',
      };
      sources.push(bundleSource);
    }
    return [bundleSource.id];
  };
  const evidence = (o: StixObject, fallbackExcerpt: string) => {
    const e = ext(o) ?? {};
    const credibility =
      typeof e.credibility === 'number' && e.credibility >= 1 && e.credibility <= 6
        ? e.credibility
        : credibilityOf(o.confidence);
    return {
      sourceIds: sourceIdsOf(o),
      credibility,
      excerpt: clip(text(e.excerpt) ?? text(o.description) ?? fallbackExcerpt, MAX_EXCERPT)!,
    };
  };

  // Pass 2: entities.
  for (const o of objects) {
    const e = ext(o) ?? {};
    const name = clip(text(o.name), MAX_NAME);
    switch (o.type) {
      case 'report':
      case 'marking-definition':
      case 'extension-definition':
      case 'relationship':
      case 'opinion':
        break;
      case 'threat-actor':
      case 'intrusion-set':
      case 'identity': {
        if (o.type === 'identity' && isAuthorOnly(o)) {
          skip('identity (author or system, not an actor)');
          break;
        }
        const kind =
          enumValue(ActorKind, e.kind) ??
          (o.type === 'identity' ? actorKindOfIdentity(o.identity_class, o.sectors) : ActorKind.ARMED_GROUP);
        const aliases = [...new Set([...strings(e.aliases ?? o.aliases), ...strings(o.x_opencti_aliases)])]
          .map((alias) => clip(alias, MAX_NAME)!)
          .slice(0, 50);
        const actor: BundleActor = {
          id: register(o, graphId(o, name), EntityKind.ACTOR),
          name: name ?? 'Unnamed actor',
          kind,
          ...evidence(o, name ?? o.id),
        };
        if (aliases.length) actor.aliases = aliases;
        if (text(o.description)) actor.description = clip(text(o.description), MAX_TEXT);
        if (typeof e.country === 'string') actor.country = e.country;
        if (quantity(e.quantity)) actor.quantity = quantity(e.quantity);
        if (typeof e.plural === 'boolean') actor.plural = e.plural;
        actors.push(actor);
        origin.set(actor, o.id);
        break;
      }
      case 'location': {
        const country = typeof o.country === 'string' && /^[A-Z]{2}$/.test(o.country) ? o.country : undefined;
        const kind =
          enumValue(LocationKind, e.kind) ??
          LOCATION_KIND_OF_OPENCTI[String(o.x_opencti_location_type)] ??
          (typeof o.latitude === 'number'
            ? LocationKind.CITY
            : country && !o.region
              ? LocationKind.COUNTRY
              : LocationKind.REGION);
        const location: BundleLocation = {
          id: register(o, graphId(o, name ?? country), EntityKind.LOCATION),
          name: name ?? country ?? 'Unnamed place',
          kind,
          ...evidence(o, name ?? o.id),
        };
        const aliases = strings(e.aliases ?? o.x_opencti_aliases).map((alias) => clip(alias, MAX_NAME)!);
        if (aliases.length) location.aliases = aliases.slice(0, 50);
        if (text(o.description)) location.description = clip(text(o.description), MAX_TEXT);
        const iso = ext(o) ? e.iso_code : kind === LocationKind.COUNTRY ? country : undefined;
        if (typeof iso === 'string') location.isoCode = iso;
        const latitude = ext(o) ? e.latitude : o.latitude;
        const longitude = ext(o) ? e.longitude : o.longitude;
        if (typeof latitude === 'number' && typeof longitude === 'number') {
          location.latitude = latitude;
          location.longitude = longitude;
        }
        locations.push(location);
        origin.set(location, o.id);
        break;
      }
      case 'incident':
      case 'observed-data': {
        const observed = o.type === 'observed-data';
        const title =
          name ??
          (observed
            ? `Observation: ${o.number_observed ?? 1} time(s) from ${String(o.first_observed ?? '').slice(0, 10)}`
            : 'Unnamed incident');
        const event: BundleEvent = {
          id: register(o, graphId(o, title), EntityKind.EVENT),
          type:
            enumValue(EventType, e.event_type) ??
            strings(o.labels)
              .map((label) => enumValue(EventType, label.toUpperCase().replaceAll('-', '_')))
              .find((type) => type !== undefined) ??
            EventType.OTHER,
          title,
          ...evidence(o, title),
        };
        if (text(o.description)) event.description = clip(text(o.description), MAX_TEXT);
        const start = ext(o) ? partialDate(e.start) : partialDate(observed ? o.first_observed : o.first_seen);
        const end = ext(o) ? partialDate(e.end) : partialDate(observed ? o.last_observed : o.last_seen);
        if (start) event.start = start;
        if (end) event.end = end;
        if (ext(o)) {
          if (quantity(e.quantity)) event.quantity = quantity(e.quantity);
          if (enumValue(EventStatus, e.status)) event.status = e.status as EventStatus;
        } else {
          // Written out, as the graph's own export writes it, so a re-import reads as unchanged.
          event.status = EventStatus.OCCURRED;
          if (observed && typeof o.number_observed === 'number')
            event.quantity = { measure: 'times observed', value: o.number_observed };
        }
        events.push(event);
        origin.set(event, o.id);
        break;
      }
      case 'note': {
        // A note is a claim: the allegation of whoever made it, never a fact.
        const statement = clip(text(o.content) ?? text(o.abstract), MAX_TEXT) ?? 'Unstated claim';
        const allegation: BundleAllegation = {
          id: register(o, graphId(o, text(o.abstract) ?? statement), EntityKind.ALLEGATION),
          statement,
          claimTypes: strings(e.claim_types).filter((t) => enumValue(ClaimType, t)) as ClaimType[],
          status: enumValue(AllegationStatus, e.status) ?? AllegationStatus.ALLEGED,
          ...evidence(o, statement),
        };
        if (!allegation.claimTypes.length) allegation.claimTypes = [ClaimType.OTHER];
        const claim = typeof e.claim_credibility === 'number' ? e.claim_credibility : undefined;
        if (ext(o)) {
          if (claim !== undefined) allegation.claimCredibility = claim;
        } else {
          // A foreign note's confidence grades what it says; that it was said is graded 6 (not judged).
          allegation.claimCredibility = credibilityOf(o.confidence);
          allegation.credibility = 6;
        }
        const date = partialDate(e.date);
        if (date) allegation.date = date;
        allegations.push(allegation);
        origin.set(allegation, o.id);
        break;
      }
      default:
        skip(o.type);
    }
  }

  const allegationById = new Map(allegations.map((allegation) => [allegation.id, allegation]));
  const actorNamed = new Map(actors.map((actor) => [actor.name.toLowerCase(), actor.id]));
  const seen = new Set<string>();
  const add = (rel: BundleRelationship, why: string, from: StixObject) => {
    const rule = RELATIONSHIP_RULES[rel.type];
    if (!rule.from.includes(kindOf.get(rel.from)!) || !rule.to.includes(kindOf.get(rel.to)!)) {
      skip(`${why} (endpoints of the wrong kind for ${rel.type})`);
      return;
    }
    if (seen.has(relationshipId(rel))) {
      skip(`${why} (same relationship twice)`);
      return;
    }
    seen.add(relationshipId(rel));
    relationships.push(rel);
    origin.set(rel, from.id);
  };

  // Pass 3: relationships, opinions, and the links of foreign notes.
  for (const o of objects) {
    const e = ext(o) ?? {};
    if (o.type === 'relationship') {
      const stixType = String(o.relationship_type);
      const from = graphIdOf.get(String(o.source_ref));
      const to = graphIdOf.get(String(o.target_ref));
      if (!from || !to) {
        skip(`relationship ${stixType} (an end is not imported)`);
        continue;
      }
      const mapped = relationshipFromStix(stixType, from, to, kindOf);
      if (!mapped) {
        skip(`relationship ${stixType}`);
        continue;
      }
      const rel: BundleRelationship = { ...mapped, ...evidence(o, `${stixType} (STIX relationship)`) };
      const role = enumValue(ParticipationRole, e.role) ?? mapped.role;
      if (role) rel.role = role;
      const validFrom = ext(o) ? partialDate(e.valid_from) : partialDate(o.start_time);
      const validTo = ext(o) ? partialDate(e.valid_to) : partialDate(o.stop_time);
      if (validFrom) rel.validFrom = validFrom;
      if (validTo) rel.validTo = validTo;
      if (partialDate(e.date)) rel.date = partialDate(e.date);
      if (quantity(e.quantity)) rel.quantity = quantity(e.quantity);
      add(rel, `relationship ${stixType}`, o);
    } else if (o.type === 'opinion') {
      const allegationIds = strings(o.object_refs)
        .map((ref) => graphIdOf.get(ref))
        .filter((id): id is string => id !== undefined && kindOf.get(id) === EntityKind.ALLEGATION);
      const denier =
        text(e.denied_by) ??
        graphIdOf.get(String(o.created_by_ref)) ??
        strings(o.authors)
          .map((author) => actorNamed.get(author.toLowerCase()))
          .find((id) => id !== undefined);
      if (
        !DISAGREEING_OPINIONS.includes(String(o.opinion)) ||
        !allegationIds.length ||
        !denier ||
        !kindOf.has(denier)
      ) {
        skip('opinion (not a denial of an imported allegation by an imported actor)');
        continue;
      }
      for (const allegationId of allegationIds) {
        const rel: BundleRelationship = {
          type: RelationshipType.DENIES,
          from: denier,
          to: allegationId,
          ...evidence(o, clip(text(o.explanation), MAX_EXCERPT) ?? `${o.opinion} (STIX opinion)`),
        };
        if (partialDate(e.date)) rel.date = partialDate(e.date);
        add(rel, 'opinion', o);
      }
    } else if (o.type === 'note' && !ext(o) && graphIdOf.has(o.id)) {
      // A foreign note: whoever signed it alleges it, and it concerns what it refers to.
      const allegation = allegationById.get(graphIdOf.get(o.id)!)!;
      const link = (type: RelationshipType, from: string, to: string) =>
        add(
          {
            type,
            from,
            to,
            sourceIds: allegation.sourceIds,
            credibility: allegation.credibility,
            excerpt: allegation.excerpt,
          },
          'note link',
          o,
        );
      const signer = graphIdOf.get(String(o.created_by_ref));
      if (signer && kindOf.get(signer) === EntityKind.ACTOR) link(RelationshipType.ALLEGES, signer, allegation.id);
      for (const ref of strings(o.object_refs)) {
        const target = graphIdOf.get(ref);
        if (
          target &&
          target !== signer &&
          kindOf.get(target) !== EntityKind.SOURCE &&
          kindOf.get(target) !== EntityKind.ALLEGATION
        )
          link(RelationshipType.CONCERNS, allegation.id, target);
      }
    }
  }

  const bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    description: `Imported from STIX 2.1 ${String((json as Plain).id ?? 'bundle')}`,
    sources,
    actors,
    locations,
    events,
    allegations,
    relationships,
  } as Bundle;
  const origins: Record<string, string> = {};
  for (const section of ['sources', 'actors', 'locations', 'events', 'allegations', 'relationships'] as const) {
    (bundle[section] as object[]).forEach((record, index) => {
      const stix = origin.get(record);
      if (stix) origins[`${section}[${index}]`] = stix;
    });
  }
  return { bundle, skipped, origins };
}

/** A STIX relationship in the model's terms: ours by name, and the common OpenCTI/MISP ones by meaning. */
function relationshipFromStix(
  stixType: string,
  from: string,
  to: string,
  kindOf: ReadonlyMap<string, EntityKind>,
): Pick<BundleRelationship, 'type' | 'from' | 'to' | 'role'> | undefined {
  const own = RELATIONSHIP_TYPE_OF_STIX[stixType];
  if (own) return { type: own, from, to };
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
