import type { ChangeEvent } from '../changes/change.type';

/**
 * The body of one delivery, in the Standard Webhooks shape: `type`, `timestamp` (the change's
 * time) and `data`, the change record exactly as `changes` returns it (docs/changes.md). Past
 * `maxBytes`, `before` and `after` are left out and `data.truncated` is true: re-read the
 * record, or the change through `changes(after:)` with the sequence number.
 */
export function deliveryBody(change: ChangeEvent, maxBytes: number): string {
  const body = JSON.stringify({ type: `change.${change.kind.toLowerCase()}`, timestamp: change.at, data: change });
  if (Buffer.byteLength(body) <= maxBytes) return body;
  const data = { ...change, before: null, after: null, truncated: true };
  return JSON.stringify({ type: `change.${change.kind.toLowerCase()}`, timestamp: change.at, data });
}
