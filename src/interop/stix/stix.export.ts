import { createHash } from 'node:crypto';
import type { Bundle } from '../../bundle/format';
import { Tlp } from '../../model/vocabulary';
import { actorToStix } from './export/actors';
import { allegationToStix } from './export/allegations';
import { eventToStix } from './export/events';
import { type Evidence, StixExportContext, type Timestamps } from './export/export-context';
import { locationToStix } from './export/locations';
import { preamble } from './export/preamble';
import { relationshipToStix } from './export/relationships';
import { sourceToStix } from './export/reports';
import { SAHEL_EXTENSION_ID, SAHEL_IDENTITY_ID, uuidV5 } from './stix-ids';
import type { StixBundle, StixObject } from './stix-mapping';
import { tlpAllows } from './stix-markings';

/**
 * A bundle (the project's own export, src/bundle) as a STIX 2.1 bundle: one pure function, so the
 * same graph always gives the same bytes. Ids are UUIDv5 of graph ids; `created`/`modified` are
 * the graph's own createdAt/updatedAt (stable until the item changes). Items whose every source is
 * above the export's TLP level, or whose own level is, are left out, with whatever depends on
 * them; each object is marked with the strictest of its sources and its own level, so nothing goes
 * out marked lower than it came in. docs/stix.md. Each entity kind and
 * relationship type has its own converter in export/ (docs/stix-converters.md).
 */

export { SAHEL_EXTENSION_ID, SAHEL_IDENTITY_ID };
export type { Timestamps };

export interface StixExportOptions {
  /** The export's level: items marked above it are left out (default CLEAR). */
  tlp?: Tlp;
  /** created/modified per entity id and relationship id (relationshipId()); else a fixed epoch. */
  timestamps?: ReadonlyMap<string, Timestamps>;
}

const SECTIONS = ['sources', 'actors', 'locations', 'events', 'allegations', 'relationships'] as const;
type ItemSection = Exclude<(typeof SECTIONS)[number], 'sources'>;

/**
 * The converter of each section's records, in the order they are written after the reports.
 * Sources are converted last (sourceToStix), once every item has said what it cites.
 */
const ITEM_CONVERTERS: { [S in ItemSection]: (record: Bundle[S][number], context: StixExportContext) => StixObject } = {
  actors: actorToStix,
  locations: locationToStix,
  events: eventToStix,
  allegations: allegationToStix,
  relationships: relationshipToStix,
};

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

/** A bundle read from JSON may leave empty sections out: each one as a list. */
function withEverySection(input: Bundle): Bundle {
  const whole = { ...input };
  for (const section of SECTIONS) (whole[section] as unknown[]) = input[section] ?? [];
  return whole;
}

export function bundleToStix(input: Bundle, options: StixExportOptions = {}): StixBundle {
  const level = options.tlp ?? Tlp.CLEAR;
  const bundle = filterBundleByTlp(withEverySection(input), level);
  const context = new StixExportContext(bundle, options.timestamps ?? new Map<string, Timestamps>());
  const convert = <S extends ItemSection>(section: S): StixObject[] =>
    (bundle[section] as Array<Bundle[S][number]>).map((record) => ITEM_CONVERTERS[section](record, context));
  const items = (Object.keys(ITEM_CONVERTERS) as ItemSection[]).flatMap((section) => convert(section));
  const reports = bundle.sources.map((source) => sourceToStix(source, context));
  const objects = [...preamble(), ...context.markingDefinitions(), ...reports, ...items] as StixObject[];
  const digest = createHash('sha256').update(JSON.stringify(objects)).digest('hex');
  return { type: 'bundle', id: `bundle--${uuidV5(`bundle:${level}:${digest}`)}`, objects };
}
