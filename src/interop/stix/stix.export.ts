import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleActor,
  BundleAllegation,
  BundleEvent,
  BundleLocation,
  BundleQuantity,
  BundleRelationship,
  BundleSource,
} from '../../bundle/bundle.model';
import { relationshipId } from '../../bundle/bundle.validator';
import { parsePartialDate } from '../../model/partial-date';
import { EventStatus, HYPOTHETICAL_EVENT_STATUSES, RelationshipType, Tlp } from '../../model/vocabulary';
import { stixId, uuidV5 } from './stix-ids';
import {
  ACTOR_STIX,
  confidenceOf,
  DENIAL_OPINION,
  RELATIONSHIP_STIX_TYPE,
  STIX_SPEC_VERSION,
  type StixBundle,
  type StixObject,
} from './stix-mapping';
import { strictestTlp, TLP_MARKING_IDS, tlpAllows, tlpMarkingDefinition } from './stix-markings';

/**
 * A bundle (the project's own export, src/bundle) as a STIX 2.1 bundle: one pure function, so the
 * same graph always gives the same bytes. Ids are UUIDv5 of graph ids; `created`/`modified` are
 * the graph's own createdAt/updatedAt (stable until the item changes). Items whose every source is
 * above the export's TLP level, or whose own level is, are left out, with whatever depends on
 * them; each object is marked with the strictest of its sources and its own level, so nothing goes
 * out marked lower than it came in. README, "STIX 2.1"; docs/stix.md.
 */

/** The sahel-graph system identity: the `created_by_ref` of every object it exports. */
export const SAHEL_IDENTITY_ID = stixId('identity', 'sahel-graph:system');
/** The property extension that carries what STIX has no property for (grades, kinds, partial dates). */
export const SAHEL_EXTENSION_ID = stixId('extension-definition', 'sahel-graph:extension');
/** When the identity and the extension were defined: fixed, so exports stay byte-identical. */
const DEFINED = '2026-11-01T00:00:00.000Z';
const UNKNOWN_TIME = '1970-01-01T00:00:00.000Z';

export interface Timestamps {
  created: string;
  modified: string;
}

export interface StixExportOptions {
  /** The export's level: items marked above it are left out (default CLEAR). */
  tlp?: Tlp;
  /** created/modified per entity id and relationship id (relationshipId()); else a fixed epoch. */
  timestamps?: ReadonlyMap<string, Timestamps>;
}

type Plain = Record<string, unknown>;
type Evidence = { sourceIds: string[]; credibility: number; excerpt: string; tlp?: Tlp };

/** Drops undefined, null and empty arrays, so absent values are left out rather than written as null. */
function compact<T extends Plain>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0),
    ),
  ) as T;
}

const kebab = (text: string) => text.toLowerCase().replaceAll('_', '-');
const startOf = (date: string | undefined) => (date ? `${parsePartialDate(date).earliest}T00:00:00.000Z` : undefined);
const endOf = (date: string | undefined) => (date ? `${parsePartialDate(date).latest}T23:59:59.999Z` : undefined);
const quantityOf = (quantity: BundleQuantity | undefined) =>
  quantity
    ? compact({ measure: quantity.measure, value: quantity.value, approximate: quantity.approximate })
    : undefined;

/**
 * What an export at `level` keeps: sources at or below it, and what still cites one of them and
 * has no level of its own above it (an item's `tlp`: a marking it was imported with).
 */
export function filterBundleByTlp(bundle: Bundle, level: Tlp): Bundle {
  const sources = bundle.sources.filter((source) => tlpAllows(level, source.tlp ?? Tlp.CLEAR));
  const allowed = new Set(sources.map((source) => source.id));
  const cite = <T extends Evidence>(records: T[]): T[] =>
    records
      .filter((record) => tlpAllows(level, record.tlp ?? Tlp.CLEAR))
      .map((record) => ({ ...record, sourceIds: record.sourceIds.filter((id) => allowed.has(id)) }))
      .filter((record) => record.sourceIds.length > 0);
  const kept = {
    ...bundle,
    sources,
    actors: cite(bundle.actors),
    locations: cite(bundle.locations),
    events: cite(bundle.events),
    allegations: cite(bundle.allegations),
  };
  const present = new Set(
    [sources, kept.actors, kept.locations, kept.events, kept.allegations].flatMap((records) =>
      records.map((r) => r.id),
    ),
  );
  kept.relationships = cite(bundle.relationships).filter((rel) => present.has(rel.from) && present.has(rel.to));
  return kept;
}

export function bundleToStix(input: Bundle, options: StixExportOptions = {}): StixBundle {
  const level = options.tlp ?? Tlp.CLEAR;
  // A bundle read from JSON may leave empty sections out.
  const whole = { ...input, sources: [], actors: [], locations: [], events: [], allegations: [], relationships: [] };
  for (const section of ['sources', 'actors', 'locations', 'events', 'allegations', 'relationships'] as const)
    (whole[section] as unknown[]) = input[section] ?? [];
  const bundle = filterBundleByTlp(whole, level);
  const timestamps = options.timestamps ?? new Map<string, Timestamps>();
  const tlpOfSource = new Map(bundle.sources.map((source) => [source.id, source.tlp ?? Tlp.CLEAR]));

  const idOf = new Map<string, string>();
  for (const source of bundle.sources) idOf.set(source.id, stixId('report', source.id));
  for (const actor of bundle.actors) idOf.set(actor.id, stixId(ACTOR_STIX[actor.kind].type, actor.id));
  for (const location of bundle.locations) idOf.set(location.id, stixId('location', location.id));
  for (const event of bundle.events) idOf.set(event.id, stixId('incident', event.id));
  for (const allegation of bundle.allegations) idOf.set(allegation.id, stixId('note', allegation.id));
  const ref = (graphId: string) => idOf.get(graphId)!;
  const countryAbove = nearestCountry(bundle);
  const nameOf = new Map(bundle.actors.map((actor) => [actor.id, actor.name]));

  // A source's report lists everything that cites it (STIX: the objects the report refers to).
  const citedBy = new Map<string, string[]>(bundle.sources.map((source) => [source.id, []]));
  const cites = (stixObjectId: string, record: Evidence) => {
    for (const sourceId of record.sourceIds) citedBy.get(sourceId)!.push(stixObjectId);
  };

  const used = new Set<Tlp>([Tlp.CLEAR]);
  const common = (type: string, id: string, graphId: string, marking: Tlp): StixObject => {
    used.add(marking);
    const time = timestamps.get(graphId);
    return {
      type,
      spec_version: STIX_SPEC_VERSION,
      id,
      created_by_ref: SAHEL_IDENTITY_ID,
      created: time?.created ?? UNKNOWN_TIME,
      modified: time?.modified ?? time?.created ?? UNKNOWN_TIME,
      object_marking_refs: [TLP_MARKING_IDS[marking]],
    };
  };
  // Never lower than it came in: the strictest of the item's sources and its own level.
  const markingOf = (record: Evidence) =>
    strictestTlp([...record.sourceIds.map((id) => tlpOfSource.get(id)!), record.tlp ?? Tlp.CLEAR]);
  const extension = (properties: Plain) => ({
    extensions: {
      [SAHEL_EXTENSION_ID]: compact({ extension_type: 'property-extension', ...properties }),
    },
  });
  const evidence = (record: Evidence) => ({
    credibility: record.credibility,
    excerpt: record.excerpt,
    tlp: record.tlp,
  });

  const actors = bundle.actors.map((actor: BundleActor) => {
    const mapping = ACTOR_STIX[actor.kind];
    cites(ref(actor.id), actor);
    return compact({
      ...common(mapping.type, ref(actor.id), actor.id, markingOf(actor)),
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
  });

  const locations = bundle.locations.map((location: BundleLocation) => {
    cites(ref(location.id), location);
    const hasPoint = location.latitude !== undefined && location.longitude !== undefined;
    const country = location.isoCode ?? countryAbove(location.id);
    return compact({
      ...common('location', ref(location.id), location.id, markingOf(location)),
      name: location.name,
      description: location.description,
      country,
      latitude: hasPoint ? location.latitude : undefined,
      longitude: hasPoint ? location.longitude : undefined,
      // STIX needs a region, a country or a point; a place with none of them is named as its own region.
      region: !country && !hasPoint ? kebab(location.name).replace(/[^a-z0-9]+/g, '-') : undefined,
      confidence: confidenceOf(location.credibility),
      ...extension({
        graph_id: location.id,
        kind: location.kind,
        aliases: location.aliases,
        iso_code: location.isoCode,
        latitude: location.latitude,
        longitude: location.longitude,
        ...evidence(location),
      }),
    });
  });

  const events = bundle.events.map((event: BundleEvent) => {
    cites(ref(event.id), event);
    const status = event.status ?? EventStatus.OCCURRED;
    return compact({
      ...common('incident', ref(event.id), event.id, markingOf(event)),
      name: event.title,
      description: event.description,
      // Labels say, to any reader, what kind of event it is and whether it happened.
      labels: [
        kebab(event.type),
        kebab(status),
        ...(HYPOTHETICAL_EVENT_STATUSES.includes(status) ? ['hypothetical'] : []),
      ],
      confidence: confidenceOf(event.credibility),
      ...extension({
        graph_id: event.id,
        event_type: event.type,
        status: event.status,
        start: event.start,
        end: event.end,
        quantity: quantityOf(event.quantity),
        ...evidence(event),
      }),
    });
  });

  // Who makes each allegation, and whom and what it is about, in one pass over the relationships.
  const accusersOf = new Map<string, string[]>();
  const targetsOf = new Map<string, string[]>();
  for (const rel of bundle.relationships) {
    if (rel.type === RelationshipType.ALLEGES) accusersOf.set(rel.to, [...(accusersOf.get(rel.to) ?? []), rel.from]);
    if (rel.type === RelationshipType.ACCUSES || rel.type === RelationshipType.CONCERNS)
      targetsOf.set(rel.from, [...(targetsOf.get(rel.from) ?? []), rel.to]);
  }
  const allegations = bundle.allegations.map((allegation: BundleAllegation) => {
    cites(ref(allegation.id), allegation);
    const accusers = accusersOf.get(allegation.id) ?? [];
    const targets = targetsOf.get(allegation.id) ?? [];
    const refs = [...new Set([...targets, ...accusers].map(ref))].sort();
    return compact({
      ...common('note', ref(allegation.id), allegation.id, markingOf(allegation)),
      abstract: `Allegation (${kebab(allegation.status)}): ${allegation.statement}`.slice(0, 300),
      content: allegation.statement,
      authors: accusers.map((id) => nameOf.get(id) ?? id).sort(),
      // Never empty (STIX requires a reference): an allegation linked to nothing refers to its sources.
      object_refs: refs.length ? refs : allegation.sourceIds.map(ref).sort(),
      labels: ['allegation', kebab(allegation.status), ...allegation.claimTypes.map(kebab)],
      // The note's confidence is the grade of what it claims, not of the report that it was made.
      confidence: confidenceOf(allegation.claimCredibility ?? 6),
      ...extension({
        graph_id: allegation.id,
        status: allegation.status,
        claim_types: allegation.claimTypes,
        claim_credibility: allegation.claimCredibility,
        date: allegation.date,
        ...evidence(allegation),
      }),
    });
  });

  const relationships = bundle.relationships.map((rel: BundleRelationship) => {
    const graphId = relationshipId(rel);
    if (rel.type === RelationshipType.DENIES) {
      const id = stixId('opinion', graphId);
      cites(id, rel);
      return compact({
        ...common('opinion', id, graphId, markingOf(rel)),
        opinion: DENIAL_OPINION,
        explanation: rel.excerpt,
        authors: [nameOf.get(rel.from) ?? rel.from],
        object_refs: [ref(rel.to)],
        confidence: confidenceOf(rel.credibility),
        ...extension({ graph_id: graphId, denied_by: rel.from, date: rel.date, ...evidence(rel) }),
      });
    }
    const id = stixId('relationship', graphId);
    cites(id, rel);
    return compact({
      ...common('relationship', id, graphId, markingOf(rel)),
      relationship_type: RELATIONSHIP_STIX_TYPE[rel.type as keyof typeof RELATIONSHIP_STIX_TYPE],
      source_ref: ref(rel.from),
      target_ref: ref(rel.to),
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
  });

  const reports = bundle.sources.map((source: BundleSource) => {
    const time = timestamps.get(source.id);
    const refs = [...new Set(citedBy.get(source.id))].sort();
    return compact({
      ...common('report', ref(source.id), source.id, source.tlp ?? Tlp.CLEAR),
      name: source.title,
      description: source.description,
      report_types: ['threat-report'],
      // STIX requires a publication time: the source's own date, else when the graph first held it.
      published: startOf(source.published) ?? time?.created ?? UNKNOWN_TIME,
      object_refs: refs.length ? refs : [SAHEL_IDENTITY_ID],
      external_references: source.url ? [{ source_name: source.publisher ?? source.title, url: source.url }] : [],
      ...extension({
        graph_id: source.id,
        kind: source.kind,
        publisher: source.publisher,
        author: source.author,
        published: source.published,
        reliability: source.reliability,
        tlp: source.tlp,
      }),
    });
  });

  const preamble: StixObject[] = [
    {
      type: 'identity',
      spec_version: STIX_SPEC_VERSION,
      id: SAHEL_IDENTITY_ID,
      created_by_ref: SAHEL_IDENTITY_ID,
      created: DEFINED,
      modified: DEFINED,
      name: 'sahel-graph',
      description: 'The sahel-graph knowledge graph: the system that exported these objects',
      identity_class: 'system',
      object_marking_refs: [TLP_MARKING_IDS[Tlp.CLEAR]],
    },
    {
      type: 'extension-definition',
      spec_version: STIX_SPEC_VERSION,
      id: SAHEL_EXTENSION_ID,
      created_by_ref: SAHEL_IDENTITY_ID,
      created: DEFINED,
      modified: DEFINED,
      name: 'sahel-graph evidence and grades',
      description:
        'What sahel-graph knows beyond STIX properties: graph ids, kinds, NATO/Admiralty grades (source reliability A-F, information credibility 1-6, the claim grade of allegations), partial dates, quantities, TLP per source and per item',
      schema:
        'Properties (all optional): graph_id, kind, event_type, status, aliases, country, iso_code, latitude, longitude, quantity {measure, value, approximate}, plural, start, end, date, valid_from, valid_to (partial dates YYYY, YYYY-MM, YYYY-MM-DD), credibility (1-6), excerpt, claim_types, claim_credibility (1-6), role, denied_by, publisher, author, published, reliability (A-F), tlp (a source\'s level, or an item\'s own level above its sources). See the sahel-graph README, "STIX 2.1", and docs/stix.md.',
      version: '1.0.0',
      extension_types: ['property-extension'],
      object_marking_refs: [TLP_MARKING_IDS[Tlp.CLEAR]],
    },
  ];
  const markings = (Object.values(Tlp) as Tlp[]).filter((tlp) => used.has(tlp)).map(tlpMarkingDefinition);
  const objects = [
    ...preamble,
    ...markings,
    ...reports,
    ...actors,
    ...locations,
    ...events,
    ...allegations,
    ...relationships,
  ] as StixObject[];
  const digest = createHash('sha256').update(JSON.stringify(objects)).digest('hex');
  return { type: 'bundle', id: `bundle--${uuidV5(`bundle:${level}:${digest}`)}`, objects };
}

/** The ISO code of the nearest place a location is PART_OF (up to 5 levels), so a region is located. */
function nearestCountry(bundle: Bundle): (locationId: string) => string | undefined {
  const isoOf = new Map(bundle.locations.map((location) => [location.id, location.isoCode]));
  const parentsOf = new Map<string, string[]>();
  for (const rel of bundle.relationships) {
    if (rel.type === RelationshipType.PART_OF) parentsOf.set(rel.from, [...(parentsOf.get(rel.from) ?? []), rel.to]);
  }
  return (locationId) => {
    let frontier = [locationId];
    const seen = new Set(frontier);
    for (let depth = 0; depth < 5 && frontier.length; depth++) {
      const parents = [...new Set(frontier.flatMap((id) => parentsOf.get(id) ?? []))]
        .filter((id) => !seen.has(id))
        .sort();
      for (const parent of parents) {
        if (isoOf.get(parent)) return isoOf.get(parent);
        seen.add(parent);
      }
      frontier = parents;
    }
    return undefined;
  };
}
