import { createHash } from 'node:crypto';
import { toNeo4jDate } from '../../db';
import { parsePartialDate, type PartialDate } from '../../model/partial-date';
import { DEFAULT_CLAIM_CREDIBILITY, EventStatus } from '../../model/vocabulary';
import type {
  BundleActor,
  BundleAllegation,
  BundleEvent,
  BundleLocation,
  BundleQuantity,
  BundleRelationship,
  BundleSource,
} from './bundle.model';

/**
 * How bundle records are stored as Neo4j properties. Every node keeps its display name in
 * `name` (an event's title, a source's title, an allegation's statement) so search and generic
 * traversal read one property. Partial dates are kept three ways: the text as given ("2012"),
 * its precision, and a Neo4j date for comparisons (the earliest day for starts, the latest for
 * ends), so that `asOf` and timelines never claim more precision than the source gave.
 */

export type Props = Record<string, unknown>;

/** `prefix`, `prefixPrecision` and `prefixDate` properties of a partial date (null when absent). */
export function dateProps(prefix: string, value: string | undefined, end: 'earliest' | 'latest'): Props {
  return putDate({}, prefix, value, end);
}

/** dateProps written into `props` (no intermediate object: relationships are imported by the million). */
function putDate(props: Props, prefix: string, value: string | undefined, end: 'earliest' | 'latest'): Props {
  const date: PartialDate | undefined = value ? parsePartialDate(value) : undefined;
  props[prefix] = date?.value ?? null;
  props[`${prefix}Precision`] = date?.precision ?? null;
  props[`${prefix}Date`] = date ? toNeo4jDate(date[end]) : null;
  return props;
}

function quantityProps(quantity: BundleQuantity | undefined): Props {
  return putQuantity({}, quantity);
}

function putQuantity(props: Props, quantity: BundleQuantity | undefined): Props {
  props.quantityMeasure = quantity?.measure ?? null;
  props.quantityValue = quantity?.value ?? null;
  props.quantityApproximate = quantity ? (quantity.approximate ?? false) : null;
  return props;
}

/** A stable digest of a record, to tell an unchanged re-import from an update. */
export function contentHash(record: object): string {
  return createHash('sha256').update(stableStringify(record)).digest('hex').slice(0, 24);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type EvidenceFields = Pick<
  BundleActor,
  'sourceIds' | 'credibility' | 'excerpt' | 'tlp' | 'excerptSourceId' | 'excerptStart' | 'excerptEnd'
>;

/**
 * Where the excerpt stands in its document, when the record says. A record without offsets
 * leaves those it has (a review's) as they are: an edit of other fields keeps its provenance,
 * and reads check the offsets against the text anyway, so stale ones are never shown.
 */
function putOffsets(props: Props, record: EvidenceFields): Props {
  if (record.excerptSourceId === undefined) return props;
  props.excerptSourceId = record.excerptSourceId;
  props.excerptStart = record.excerptStart ?? null;
  props.excerptEnd = record.excerptEnd ?? null;
  return props;
}

const evidenceProps = (record: EvidenceFields): Props =>
  putOffsets(
    {
      sourceIds: record.sourceIds,
      credibility: record.credibility,
      excerpt: record.excerpt,
      // The item's own level (null: only its sources' levels apply).
      tlp: record.tlp ?? null,
    },
    record,
  );

export function sourceProps(source: BundleSource): Props {
  return {
    name: source.title,
    kind: source.kind,
    publisher: source.publisher ?? null,
    author: source.author ?? null,
    url: source.url ?? null,
    ...dateProps('published', source.published, 'earliest'),
    reliability: source.reliability,
    description: source.description ?? null,
    tlp: source.tlp ?? null,
    contentHash: contentHash(source),
  };
}

export function actorProps(actor: BundleActor): Props {
  return {
    name: actor.name,
    aliases: actor.aliases ?? [],
    kind: actor.kind,
    country: actor.country ?? null,
    description: actor.description ?? null,
    ...quantityProps(actor.quantity),
    plural: actor.plural ?? null,
    ...evidenceProps(actor),
    contentHash: contentHash(actor),
  };
}

export function locationProps(location: BundleLocation): Props {
  return {
    name: location.name,
    aliases: location.aliases ?? [],
    kind: location.kind,
    isoCode: location.isoCode ?? null,
    latitude: location.latitude ?? null,
    longitude: location.longitude ?? null,
    description: location.description ?? null,
    ...evidenceProps(location),
    contentHash: contentHash(location),
  };
}

export function eventProps(event: BundleEvent): Props {
  return {
    name: event.title,
    aliases: [],
    type: event.type,
    status: event.status ?? EventStatus.OCCURRED,
    description: event.description ?? null,
    ...dateProps('start', event.start, 'earliest'),
    ...dateProps('end', event.end, 'latest'),
    ...quantityProps(event.quantity),
    ...evidenceProps(event),
    contentHash: contentHash(event),
  };
}

export function allegationProps(allegation: BundleAllegation): Props {
  return {
    name: allegation.statement,
    aliases: [],
    claimTypes: allegation.claimTypes,
    status: allegation.status,
    claimCredibility: allegation.claimCredibility ?? DEFAULT_CLAIM_CREDIBILITY,
    ...dateProps('date', allegation.date, 'earliest'),
    ...evidenceProps(allegation),
    contentHash: contentHash(allegation),
  };
}

export function relationshipProps(rel: BundleRelationship): Props {
  const props: Props = { sourceIds: rel.sourceIds, credibility: rel.credibility, excerpt: rel.excerpt };
  putDate(props, 'validFrom', rel.validFrom, 'earliest');
  putDate(props, 'validTo', rel.validTo, 'latest');
  putDate(props, 'date', rel.date, 'earliest');
  props.role = rel.role ?? null;
  props.tlp = rel.tlp ?? null;
  putOffsets(props, rel);
  putQuantity(props, rel.quantity);
  props.contentHash = contentHash(rel);
  return props;
}
