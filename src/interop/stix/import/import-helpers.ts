import { createHash } from 'node:crypto';
import type { BundleQuantity } from '../../../bundle/format';
import { isPartialDate } from '../../../model/partial-date';
import { ID_MAX_LENGTH } from '../../../model/vocabulary';
import { stixTypeOf } from '../stix-ids';
import type { StixObject } from '../stix-mapping';

/** Reading untrusted STIX values: trimmed text, clipped lengths, closed vocabularies, own properties only. */

export const MAX_NAME = 200;
export const MAX_EXCERPT = 1_000;
export const MAX_TEXT = 2_000;
/** Kinds of skipped object listed one by one; any more are counted together. */
export const MAX_SKIP_REASONS = 50;
export const MAX_REASON = 100;

export type Plain = Record<string, unknown>;

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
export const clip = (value: string | undefined, max: number) =>
  value && value.length > max ? value.slice(0, max) : value;
export const enumValue = <T extends string>(values: Record<string, T>, value: unknown): T | undefined =>
  (Object.values(values) as string[]).includes(value as string) ? (value as T) : undefined;
export const partialDate = (value: unknown): string | undefined => {
  if (isPartialDate(value)) return value;
  const day = typeof value === 'string' ? value.slice(0, 10) : undefined;
  return isPartialDate(day) ? day : undefined;
};
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
/** An own property of a JSON object (never one of Object.prototype's: "constructor" is just absent). */
export const own = (object: unknown, key: string): unknown =>
  object && typeof object === 'object' && Object.hasOwn(object, key) ? (object as Plain)[key] : undefined;

/** A graph id for a foreign object: its name as a slug, with a digest of its STIX id to keep it unique. */
export function slugFor(object: StixObject, name: string | undefined): string {
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

export function quantity(value: unknown): BundleQuantity | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const q = value as Plain;
  if (typeof q.measure !== 'string' || typeof q.value !== 'number') return undefined;
  return {
    measure: q.measure,
    value: q.value,
    ...(typeof q.approximate === 'boolean' ? { approximate: q.approximate } : {}),
  };
}
