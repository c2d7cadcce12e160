import type { BundleLocation } from '../../../bundle/format';
import { confidenceOf, type StixObject } from '../stix-mapping';
import { compact, evidence, extension, kebab, type StixExportContext } from './export-context';

/** A location, located by its own country code, the nearest country above it, or its point. */
export function locationToStix(location: BundleLocation, context: StixExportContext): StixObject {
  const id = context.ref(location.id);
  context.cites(id, location);
  const hasPoint = location.latitude !== undefined && location.longitude !== undefined;
  const country = location.isoCode ?? context.countryAbove(location.id);
  return compact({
    ...context.common('location', id, location.id, context.markingOf(location)),
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
}
