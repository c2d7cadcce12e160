import { createHash } from 'node:crypto';

/**
 * Deterministic STIX identifiers: UUIDv5 (RFC 9562 §5.5: SHA-1 of a namespace and a name) of the
 * graph id under a fixed namespace, so the same entity gets the same STIX id in every export and
 * re-exports are stable. Node's crypto has randomUUID (v4) only, and v5 is ten lines.
 */

/** The namespace of sahel-graph's STIX ids (itself UUIDv5 of "sahel-graph" in the URL namespace). */
export const STIX_ID_NAMESPACE = '2d005853-ac9e-58e6-9908-384aa8212295';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uuidV5(name: string, namespace: string = STIX_ID_NAMESPACE): string {
  if (!UUID.test(namespace)) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `type--uuid` for a graph id (an entity's slug or a relationship's `TYPE:from->to#role`). */
export function stixId(type: string, graphId: string): string {
  return `${type}--${uuidV5(graphId)}`;
}

/** The type part of a STIX id (`threat-actor` of `threat-actor--…`). */
export function stixTypeOf(id: string): string {
  const at = id.indexOf('--');
  return at < 0 ? '' : id.slice(0, at);
}

/** The sahel-graph system identity: the `created_by_ref` of every object it exports. */
export const SAHEL_IDENTITY_ID = stixId('identity', 'sahel-graph:system');
/** The property extension that carries what STIX has no property for (grades, kinds, partial dates). */
export const SAHEL_EXTENSION_ID = stixId('extension-definition', 'sahel-graph:extension');
