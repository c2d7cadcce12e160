import type { BundleLocation } from '../../../bundle/format';
import { EntityKind, LocationKind } from '../../../model/vocabulary';
import { LOCATION_KIND_OF_OPENCTI, type StixObject } from '../stix-mapping';
import { clip, enumValue, MAX_NAME, MAX_TEXT, strings, text } from './import-helpers';
import type { StixImportContext } from './import-context';

/** A location as a place: its kind from the extension, OpenCTI's location type, or what it has (a point, a country). */
export function locationFromStix(o: StixObject, context: StixImportContext): void {
  const e = context.ext(o) ?? {};
  const name = clip(text(o.name), MAX_NAME);
  const country = typeof o.country === 'string' && /^[A-Z]{2}$/.test(o.country) ? o.country : undefined;
  const kind =
    enumValue(LocationKind, e.kind) ??
    LOCATION_KIND_OF_OPENCTI.get(String(o.x_opencti_location_type)) ??
    (typeof o.latitude === 'number'
      ? LocationKind.CITY
      : country && !o.region
        ? LocationKind.COUNTRY
        : LocationKind.REGION);
  const location: BundleLocation = {
    id: context.register(o, context.graphId(o, name ?? country), EntityKind.LOCATION),
    name: name ?? country ?? 'Unnamed place',
    kind,
    ...context.evidence(o, name ?? o.id),
  };
  const aliases = strings(e.aliases ?? o.x_opencti_aliases).map((alias) => clip(alias, MAX_NAME)!);
  if (aliases.length) location.aliases = aliases.slice(0, 50);
  if (text(o.description)) location.description = clip(text(o.description), MAX_TEXT);
  const iso = context.ext(o) ? e.iso_code : kind === LocationKind.COUNTRY ? country : undefined;
  if (typeof iso === 'string') location.isoCode = iso;
  const latitude = context.ext(o) ? e.latitude : o.latitude;
  const longitude = context.ext(o) ? e.longitude : o.longitude;
  if (typeof latitude === 'number' && typeof longitude === 'number') {
    location.latitude = latitude;
    location.longitude = longitude;
  }
  context.locations.push(location);
  context.origin.set(location, o.id);
}
