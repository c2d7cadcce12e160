import { EntityKind } from '../../model/vocabulary';
import type { NodeRecord } from '../../entities/entity.mapper';
import { kindOf } from '../../entities/entity.mapper';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type BundleActor,
  type BundleAllegation,
  type BundleEvent,
  type BundleLocation,
  type BundleRelationship,
  type BundleSource,
  ENTITY_SECTIONS,
} from '../format';

/**
 * Stored nodes and relationships back to bundle records (the inverse of node-properties.ts), so
 * export -> import into an empty graph -> export gives the same bundle. Absent values are left
 * out rather than written as null; records are sorted by id so exports are stable.
 */

export interface RelationshipRecordRow {
  type: string;
  props: Record<string, unknown>;
  fromId: string;
  toId: string;
}

type Plain = Record<string, unknown>;

/** Copies `keys` from `props` into a new object, skipping absent ones. */
function pick(props: Plain, keys: Array<string | [string, string]>): Plain {
  const out: Plain = {};
  for (const key of keys) {
    const [from, to] = Array.isArray(key) ? key : [key, key];
    const value = props[from];
    if (value !== null && value !== undefined)
      out[to] = typeof value === 'object' && !Array.isArray(value) ? String(value) : value;
  }
  return out;
}

function quantity(props: Plain): Plain {
  if (props.quantityMeasure === null || props.quantityMeasure === undefined) return {};
  return {
    quantity: { measure: props.quantityMeasure, value: props.quantityValue, approximate: props.quantityApproximate },
  };
}

/** A claim's evidence, its own TLP level when it has one, and where its excerpt stands in a document. */
const EVIDENCE = ['sourceIds', 'credibility', 'excerpt', 'tlp', 'excerptSourceId', 'excerptStart', 'excerptEnd'];

export function nodeToRecord({ props, labels }: NodeRecord): { kind: EntityKind; record: Plain } {
  const kind = kindOf(labels);
  switch (kind) {
    case EntityKind.SOURCE:
      return {
        kind,
        record: pick(props, [
          'id',
          ['name', 'title'],
          'kind',
          'publisher',
          'author',
          'url',
          'published',
          'reliability',
          'description',
          'tlp',
        ]),
      };
    case EntityKind.ACTOR:
      return {
        kind,
        record: {
          ...pick(props, ['id', 'name', 'aliases', 'kind', 'description', 'country']),
          ...quantity(props),
          ...pick(props, ['plural', ...EVIDENCE]),
        },
      };
    case EntityKind.LOCATION:
      return {
        kind,
        record: pick(props, [
          'id',
          'name',
          'aliases',
          'kind',
          'isoCode',
          'latitude',
          'longitude',
          'description',
          ...EVIDENCE,
        ]),
      };
    case EntityKind.EVENT:
      return {
        kind,
        record: {
          ...pick(props, ['id', 'type', 'status', ['name', 'title'], 'description', 'start', 'end']),
          ...quantity(props),
          ...pick(props, EVIDENCE),
        },
      };
    case EntityKind.ALLEGATION:
      return {
        kind,
        record: pick(props, [
          'id',
          ['name', 'statement'],
          'claimTypes',
          'status',
          'claimCredibility',
          'date',
          ...EVIDENCE,
        ]),
      };
  }
}

export function relationshipToRecord(row: RelationshipRecordRow): Plain {
  return {
    type: row.type,
    from: row.fromId,
    to: row.toId,
    ...pick(row.props, ['validFrom', 'validTo', 'role']),
    ...quantity(row.props),
    ...pick(row.props, ['date', ...EVIDENCE]),
  };
}

const SECTION_OF_KIND = Object.fromEntries(ENTITY_SECTIONS.map(([section, kind]) => [kind, section])) as Record<
  EntityKind,
  (typeof ENTITY_SECTIONS)[number][0]
>;

export function assembleBundle(nodes: NodeRecord[], relationships: RelationshipRecordRow[]): Bundle {
  const bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    description: 'Exported from sahel-graph',
    sources: [] as BundleSource[],
    actors: [] as BundleActor[],
    locations: [] as BundleLocation[],
    events: [] as BundleEvent[],
    allegations: [] as BundleAllegation[],
    relationships: [] as BundleRelationship[],
  };
  for (const node of nodes) {
    const { kind, record } = nodeToRecord(node);
    (bundle[SECTION_OF_KIND[kind]] as unknown as Plain[]).push(record);
  }
  for (const [section] of ENTITY_SECTIONS)
    (bundle[section] as Array<{ id: string }>).sort((a, b) => (a.id < b.id ? -1 : 1));
  bundle.relationships = relationships
    .map((row) => ({ id: String(row.props.id), record: relationshipToRecord(row) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((entry) => entry.record as unknown as BundleRelationship);
  return bundle as Bundle;
}
