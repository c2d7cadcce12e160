import {
  type BundleEvent,
  type BundleLocation,
  type BundleRelationship,
  type BundleSource,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  relationshipId,
} from '../../bundle/format';
import {
  EventStatus,
  LocationKind,
  RelationshipType,
  Reliability,
  SourceKind,
  type ParticipationRole,
} from '../../model/vocabulary';
import { acledId, type ActorResolution } from './acled.actor-resolution';
import { eventTypeOf, GEO_PRECISION_MEANING, rolesOf, TimePrecision } from './acled.codebook';
import type { AcledCodingRow } from './acled.repository';
import type { AcledActorCell, AcledRow } from './acled.row-parser';

/**
 * ACLED rows as bundle records (docs/acled.md has the table): each row an Event citing
 * ACLED and the outlets it names, PARTICIPATED_IN from each actor in its role, OCCURRED_IN its
 * most precise place; places as a PART_OF chain country -> admin1 -> admin2 -> admin3 ->
 * location. Every id is derived from ACLED's names and ids, so the same file gives the same
 * records and a re-import finds them unchanged.
 */

export const ACLED_SOURCE_ID = 'acled';
export const ACLED_BUNDLE_DESCRIPTION = 'An ACLED export, as mapped by the ACLED import';
/** ACLED's own coding: a curated data set with a published method, "usually reliable". */
export const ACLED_RELIABILITY = Reliability.B;
/** Defaults of --credibility and --reliability (docs/acled.md). */
export const DEFAULT_ACLED_CREDIBILITY = 3;
export const DEFAULT_OUTLET_RELIABILITY = Reliability.F;

const MAX_TITLE = 200;
const MAX_TEXT = 2_000;
const MAX_EXCERPT = 1_000;

export interface AcledMappingOptions {
  /** Information credibility (1-6) of everything the file says. */
  credibility: number;
  /** Reliability (A-F) of the outlets ACLED names in `source`. */
  reliability: Reliability;
}

export interface AcledBundle {
  format: string;
  version: number;
  description: string;
  sources: BundleSource[];
  actors: unknown[];
  locations: BundleLocation[];
  events: BundleEvent[];
  relationships: BundleRelationship[];
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Start and end of the event's date as `time_precision` gives it (2: the week around event_date). */
export function eventPeriod(date: string, precision: TimePrecision): { start: string; end?: string } {
  if (precision === TimePrecision.MONTH) return { start: date.slice(0, 7) };
  if (precision === TimePrecision.DAY) return { start: date };
  const day = Date.parse(`${date}T00:00:00Z`);
  const shift = (days: number) => new Date(day + days * 86_400_000).toISOString().slice(0, 10);
  return { start: shift(-3), end: shift(3) };
}

export class AcledBundleBuilder {
  private readonly sources = new Map<string, BundleSource>();
  private readonly locations = new Map<string, BundleLocation>();
  private events: BundleEvent[] = [];
  private relationships = new Map<string, BundleRelationship>();
  /** Ids of every relationship built, taken or not: each is built once. */
  private readonly linked = new Set<string>();
  /** Line of the file each event comes from, to name it in a problem. */
  eventLines: number[] = [];
  coding: AcledCodingRow[] = [];

  constructor(private readonly options: AcledMappingOptions) {
    this.sources.set(ACLED_SOURCE_ID, {
      id: ACLED_SOURCE_ID,
      title: 'ACLED: Armed Conflict Location & Event Data',
      kind: SourceKind.REPORT,
      publisher: 'ACLED',
      url: 'https://acleddata.com',
      reliability: ACLED_RELIABILITY,
      description: 'Event data coded by ACLED from the outlets each event names',
    } as BundleSource);
  }

  add(row: AcledRow, actors: ActorResolution): void {
    const eventId = `acled-${row.eventId.toLowerCase()}`;
    const sourceIds = [ACLED_SOURCE_ID, ...row.sources.map((outlet) => this.outlet(outlet))];
    const evidence = (excerpt: string) => ({
      sourceIds,
      credibility: this.options.credibility,
      excerpt: clip(excerpt, MAX_EXCERPT),
    });
    const placeId = this.places(row, actors);
    const where = [row.location, row.admin2, row.admin1, row.country].filter(Boolean);
    this.events.push({
      id: eventId,
      type: eventTypeOf(row.eventType, row.subEventType),
      title: clip(
        `${row.subEventType} in ${[...new Set([where[0], row.country])].join(', ')} (ACLED ${row.eventId})`,
        MAX_TITLE,
      ),
      description: clip(describe(row), MAX_TEXT),
      ...eventPeriod(row.eventDate, row.timePrecision),
      quantity: { measure: 'fatalities', value: row.fatalities, approximate: true },
      status: EventStatus.OCCURRED,
      ...evidence(row.notes || `ACLED ${row.eventId}: ${row.eventType}, ${row.subEventType}`),
    } as BundleEvent);
    this.eventLines.push(row.line);

    const [role1, role2] = rolesOf(row.eventType);
    const participants: Array<[AcledActorCell, ParticipationRole, string]> = [
      [row.actor1, role1, 'actor1'],
      ...row.assocActors1.map((cell): [AcledActorCell, ParticipationRole, string] => [cell, role1, 'assoc_actor_1']),
      ...(row.actor2 ? [[row.actor2, role2, 'actor2'] as [AcledActorCell, ParticipationRole, string]] : []),
      ...row.assocActors2.map((cell): [AcledActorCell, ParticipationRole, string] => [cell, role2, 'assoc_actor_2']),
    ];
    for (const [cell, role, column] of participants) {
      this.link({
        type: RelationshipType.PARTICIPATED_IN,
        from: actors.actorId(cell.name),
        to: eventId,
        role,
        ...evidence(`ACLED ${row.eventId}: ${column} "${cell.name}"`),
      } as BundleRelationship);
    }
    this.link({
      type: RelationshipType.OCCURRED_IN,
      from: eventId,
      to: placeId,
      ...evidence(
        `ACLED ${row.eventId}: ${where.join(', ')} (geo_precision ${row.geoPrecision}: ${GEO_PRECISION_MEANING[row.geoPrecision]})`,
      ),
    } as BundleRelationship);
    this.coding.push({
      id: eventId,
      acledEventId: row.eventId,
      externalIds: [`acled:${row.eventId}`],
      eventType: row.eventType,
      subEventType: row.subEventType,
      timePrecision: row.timePrecision,
      placeId,
      geoPrecision: row.geoPrecision,
    });
  }

  bundle(actors: unknown[]): AcledBundle {
    return {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      description: ACLED_BUNDLE_DESCRIPTION,
      sources: [...this.sources.values()],
      actors,
      locations: [...this.locations.values()],
      events: this.events,
      relationships: [...this.relationships.values()],
    };
  }

  /**
   * The events, relationships and coding built since the last call, handed over and forgotten
   * (a streamed import writes them out chunk by chunk); sources, places and the ids of what was
   * built stay, so nothing is built twice.
   */
  take(): {
    events: BundleEvent[];
    relationships: BundleRelationship[];
    eventLines: number[];
    coding: AcledCodingRow[];
  } {
    const taken = {
      events: this.events,
      relationships: [...this.relationships.values()],
      eventLines: this.eventLines,
      coding: this.coding,
    };
    this.events = [];
    this.relationships = new Map();
    this.eventLines = [];
    this.coding = [];
    return taken;
  }

  private outlet(name: string): string {
    const id = acledId('acled', 'source', name);
    if (!this.sources.has(id)) {
      this.sources.set(id, {
        id,
        title: clip(name, MAX_TITLE),
        kind: SourceKind.MEDIA_REPORT,
        publisher: clip(name, MAX_TITLE),
        reliability: this.options.reliability,
        description: 'An outlet ACLED names as a source of its coding',
      } as BundleSource);
    }
    return id;
  }

  /**
   * The place chain of a row, the existing country and admin1 reused (never rewritten), the rest
   * created under ids derived from the names above them; returns the most precise place.
   */
  private places(row: AcledRow, resolution: ActorResolution): string {
    const gazetteer = (excerpt: string) => ({
      sourceIds: [ACLED_SOURCE_ID],
      credibility: this.options.credibility,
      excerpt: clip(excerpt, MAX_EXCERPT),
    });
    const countryId =
      resolution.existingCountry(row.country) ??
      this.place(
        acledId('acled', row.country),
        row.country,
        LocationKind.COUNTRY,
        gazetteer(`ACLED country "${row.country}"`),
      );
    let parentId = countryId;
    const path = [row.country];
    const levels: Array<[string, LocationKind]> = [
      [row.admin1, LocationKind.REGION],
      [row.admin2, LocationKind.REGION],
      [row.admin3, LocationKind.REGION],
      [row.location, LocationKind.CITY],
    ];
    levels.forEach(([name, kind], depth) => {
      if (!name) return;
      const excerpt = `ACLED places "${name}" in ${[...path].reverse().join(', ')}`;
      path.push(name);
      const existing = depth === 0 ? resolution.existingRegion(countryId, name) : undefined;
      const point = kind === LocationKind.CITY ? { latitude: row.latitude, longitude: row.longitude } : {};
      const id = existing ?? this.place(acledId('acled', ...path), name, kind, gazetteer(excerpt), point);
      if (!existing) {
        this.link({
          type: RelationshipType.PART_OF,
          from: id,
          to: parentId,
          ...gazetteer(excerpt),
        } as BundleRelationship);
      }
      parentId = id;
    });
    return parentId;
  }

  private place(
    id: string,
    name: string,
    kind: LocationKind,
    evidence: { sourceIds: string[]; credibility: number; excerpt: string },
    point: { latitude?: number; longitude?: number } = {},
  ): string {
    if (!this.locations.has(id)) {
      this.locations.set(id, { id, name: clip(name, MAX_TITLE), kind, ...point, ...evidence } as BundleLocation);
    }
    return id;
  }

  private link(relationship: BundleRelationship): void {
    const id = relationshipId(relationship);
    if (this.linked.has(id)) return;
    this.linked.add(id);
    this.relationships.set(id, relationship);
  }
}

function describe(row: AcledRow): string {
  const facts = [
    `ACLED ${row.eventType}: ${row.subEventType}`,
    row.disorderType && `disorder type: ${row.disorderType}`,
    row.civilianTargeting && `civilian targeting: ${row.civilianTargeting}`,
    row.interaction && `interaction: ${row.interaction}`,
    row.sourceScale && `source scale: ${row.sourceScale}`,
    row.tags && `tags: ${row.tags}`,
  ].filter(Boolean);
  return `${facts.join('; ')}.${row.notes ? ` ${row.notes}` : ''}`;
}
