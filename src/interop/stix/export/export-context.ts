import type { Bundle, BundleQuantity } from '../../../bundle/format';
import { parsePartialDate } from '../../../model/partial-date';
import { Tlp } from '../../../model/vocabulary';
import { SAHEL_EXTENSION_ID, SAHEL_IDENTITY_ID, stixId } from '../stix-ids';
import { ACTOR_STIX, STIX_SPEC_VERSION, type StixObject } from '../stix-mapping';
import { type StixMarkingDefinition, strictestTlp, TLP_MARKING_IDS, tlpMarkingDefinition } from '../stix-markings';
import { claimParties, type ClaimParties, nearestCountry } from './bundle-indexes';

/**
 * What the export converters share for one bundleToStix call: STIX ids of graph ids, the reports'
 * lists of what cites them, the TLP levels used (each gets its marking definition), and the
 * properties every exported object has. Each converter (one per entity kind and relationship
 * type, in this folder) is a small function of one record and this context.
 */

export const UNKNOWN_TIME = '1970-01-01T00:00:00.000Z';

export interface Timestamps {
  created: string;
  modified: string;
}

export type Plain = Record<string, unknown>;
export type Evidence = { sourceIds: string[]; credibility: number; excerpt: string; tlp?: Tlp };

/** Drops undefined, null and empty arrays, so absent values are left out rather than written as null. */
export function compact<T extends Plain>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0),
    ),
  ) as T;
}

export const kebab = (text: string) => text.toLowerCase().replaceAll('_', '-');
export const startOf = (date: string | undefined) =>
  date ? `${parsePartialDate(date).earliest}T00:00:00.000Z` : undefined;
export const endOf = (date: string | undefined) =>
  date ? `${parsePartialDate(date).latest}T23:59:59.999Z` : undefined;
export const quantityOf = (quantity: BundleQuantity | undefined) =>
  quantity
    ? compact({ measure: quantity.measure, value: quantity.value, approximate: quantity.approximate })
    : undefined;

/** The sahel-graph property extension holding `properties`. */
export const extension = (properties: Plain) => ({
  extensions: {
    [SAHEL_EXTENSION_ID]: compact({ extension_type: 'property-extension', ...properties }),
  },
});

/** An item's grade, excerpt and own level, as the extension carries them. */
export const evidence = (record: Evidence) => ({
  credibility: record.credibility,
  excerpt: record.excerpt,
  tlp: record.tlp,
});

export class StixExportContext {
  private readonly idOf = new Map<string, string>();
  private readonly tlpOfSource: Map<string, Tlp>;
  private readonly citedBy: Map<string, string[]>;
  private readonly used = new Set<Tlp>([Tlp.CLEAR]);
  readonly nameOf: ReadonlyMap<string, string>;
  /** The ISO code of the nearest country above a location. */
  readonly countryAbove: (locationId: string) => string | undefined;
  readonly claims: ClaimParties;

  constructor(
    readonly bundle: Bundle,
    private readonly timestamps: ReadonlyMap<string, Timestamps>,
  ) {
    for (const source of bundle.sources) this.idOf.set(source.id, stixId('report', source.id));
    for (const actor of bundle.actors) this.idOf.set(actor.id, stixId(ACTOR_STIX[actor.kind].type, actor.id));
    for (const location of bundle.locations) this.idOf.set(location.id, stixId('location', location.id));
    for (const event of bundle.events) this.idOf.set(event.id, stixId('incident', event.id));
    for (const allegation of bundle.allegations) this.idOf.set(allegation.id, stixId('note', allegation.id));
    this.tlpOfSource = new Map(bundle.sources.map((source) => [source.id, source.tlp ?? Tlp.CLEAR]));
    // A source's report lists everything that cites it (STIX: the objects the report refers to).
    this.citedBy = new Map(bundle.sources.map((source) => [source.id, []]));
    this.nameOf = new Map(bundle.actors.map((actor) => [actor.id, actor.name]));
    this.countryAbove = nearestCountry(bundle);
    this.claims = claimParties(bundle);
  }

  /** The STIX id of an entity in the bundle. */
  ref(graphId: string): string {
    return this.idOf.get(graphId)!;
  }

  timeOf(graphId: string): Timestamps | undefined {
    return this.timestamps.get(graphId);
  }

  /** Records that the STIX object `stixObjectId` cites the record's sources. */
  cites(stixObjectId: string, record: Evidence): void {
    for (const sourceId of record.sourceIds) this.citedBy.get(sourceId)!.push(stixObjectId);
  }

  /** The STIX ids of what cites a source, each once, sorted. */
  citing(sourceId: string): string[] {
    return [...new Set(this.citedBy.get(sourceId))].sort();
  }

  /** The properties every exported object has, marked at `marking`. */
  common(type: string, id: string, graphId: string, marking: Tlp): StixObject {
    this.used.add(marking);
    const time = this.timestamps.get(graphId);
    return {
      type,
      spec_version: STIX_SPEC_VERSION,
      id,
      created_by_ref: SAHEL_IDENTITY_ID,
      created: time?.created ?? UNKNOWN_TIME,
      modified: time?.modified ?? time?.created ?? UNKNOWN_TIME,
      object_marking_refs: [TLP_MARKING_IDS[marking]],
    };
  }

  /** Never lower than it came in: the strictest of the item's sources and its own level. */
  markingOf(record: Evidence): Tlp {
    return strictestTlp([...record.sourceIds.map((id) => this.tlpOfSource.get(id)!), record.tlp ?? Tlp.CLEAR]);
  }

  /** The marking definitions of the levels used so far, in the order of the levels. */
  markingDefinitions(): StixMarkingDefinition[] {
    return (Object.values(Tlp) as Tlp[]).filter((tlp) => this.used.has(tlp)).map(tlpMarkingDefinition);
  }
}
