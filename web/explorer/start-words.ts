import type { RecentChangeData } from './queries';
import { sentence } from './words';

/** The start page's words, apart from its DOM (start.ts) so they are tested without a browser. */

/** "Start Page Militia opposes JNIM" for a link's change, the entity's name for an entity's. */
export function changeLabel(change: RecentChangeData): string {
  const [from, to] = change.entities;
  if (change.entities.length < 2 || !to) return from?.name ?? change.targetId;
  const role = change.targetId.split('#')[1];
  return sentence(from, change.targetType, to, role);
}

/** One row per record: a record changed twice among the newest shows once, at its last change. */
export function distinctChanges(changes: RecentChangeData[], most: number): RecentChangeData[] {
  const seen = new Set<string>();
  const kept: RecentChangeData[] = [];
  for (const change of changes) {
    if (seen.has(change.targetId)) continue;
    seen.add(change.targetId);
    kept.push(change);
    if (kept.length === most) break;
  }
  return kept;
}
