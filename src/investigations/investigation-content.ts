import type { ParticipationRole, RelationshipType } from '../model/vocabulary';
import type { SaveInvestigationInput } from './investigation.input';
import type { Investigation, InvestigationFilters } from './investigation.type';
import type { InvestigationRow } from './investigation.repository';

/**
 * The contents of a saved view as stored (one JSON text per version), how a save's input becomes
 * them, how a read gives back only what the caller may see, and what one save changed.
 */

export interface StoredEntity {
  id: string;
  expanded: boolean;
  hidden: boolean;
  pinned: boolean;
  x: number | null;
  y: number | null;
  note: string | null;
}

export interface StoredLink {
  type: RelationshipType;
  fromId: string;
  toId: string;
  role: ParticipationRole | null;
  note: string;
}

export interface StoredContent {
  entities: StoredEntity[];
  links: StoredLink[];
  filters: InvestigationFilters;
  pathFrom: string | null;
  pathTo: string | null;
  selected: string | null;
}

/** The ref Cypher checks a link note by: the relationship's type and its two ends, as stored. */
export const linkRef = (link: { type: string; fromId: string; toId: string }) =>
  `${link.type}|${link.fromId}|${link.toId}`;

export function contentOf(input: SaveInvestigationInput): StoredContent {
  return {
    entities: input.entities.map((entity) => ({
      id: entity.id,
      expanded: entity.expanded,
      hidden: entity.hidden,
      pinned: entity.pinned,
      x: entity.x ?? null,
      y: entity.y ?? null,
      note: entity.note ? entity.note : null,
    })),
    links: input.links.map((link) => ({
      type: link.type,
      fromId: link.fromId,
      toId: link.toId,
      role: link.role ?? null,
      note: link.note,
    })),
    filters: {
      types: input.filters?.types ?? [],
      minCredibility: input.filters?.minCredibility ?? null,
      asOf: input.filters?.asOf ?? null,
    },
    pathFrom: input.pathFrom ?? null,
    pathTo: input.pathTo ?? null,
    selected: input.selected ?? null,
  };
}

/**
 * A stored investigation as this caller may see it: entities hidden from them left out with
 * their places and notes, link notes kept only where the link and both its ends are visible, and
 * the path ends and selection only when visible. Nothing says how much was left out.
 */
export function toInvestigation(row: InvestigationRow): Investigation {
  const content = JSON.parse(row.content) as StoredContent;
  const visible = new Set(row.visibleIds);
  const links = new Set(row.visibleLinks);
  const shown = (id: string | null) => (id !== null && visible.has(id) ? id : null);
  return {
    ...row.investigation,
    contentVersion: row.contentVersion,
    entities: content.entities.filter((entity) => visible.has(entity.id)),
    links: content.links.filter(
      (link) => visible.has(link.fromId) && visible.has(link.toId) && links.has(linkRef(link)),
    ),
    filters: content.filters,
    pathFrom: shown(content.pathFrom),
    pathTo: shown(content.pathTo),
    selected: shown(content.selected),
    history: row.history,
  };
}

const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`;

/** What a save changed, in counts (a version's summary is read by everyone cleared for the investigation). */
export function changeSummary(before: StoredContent | null, after: StoredContent, renamed: boolean): string {
  if (!before) {
    const notes = after.entities.filter((entity) => entity.note).length + after.links.length;
    return `created with ${plural(after.entities.length, 'entity', 'entities')} and ${plural(notes, 'note')}`;
  }
  const old = new Map(before.entities.map((entity) => [entity.id, entity]));
  const now = new Map(after.entities.map((entity) => [entity.id, entity]));
  const added = after.entities.filter((entity) => !old.has(entity.id)).length;
  const removed = before.entities.filter((entity) => !now.has(entity.id)).length;
  let moved = 0;
  let flagged = 0;
  let noted = 0;
  for (const entity of after.entities) {
    const was = old.get(entity.id);
    if (!was) continue;
    if (was.x !== entity.x || was.y !== entity.y) moved += 1;
    if (was.hidden !== entity.hidden || was.pinned !== entity.pinned || was.expanded !== entity.expanded) flagged += 1;
    if (was.note !== entity.note) noted += 1;
  }
  const linkNotes = (content: StoredContent) => new Set(content.links.map((link) => `${linkRef(link)}|${link.note}`));
  const [oldLinks, newLinks] = [linkNotes(before), linkNotes(after)];
  const linkChanges =
    [...newLinks].filter((note) => !oldLinks.has(note)).length +
    [...oldLinks].filter((note) => !newLinks.has(note)).length;
  const parts = [
    renamed ? 'renamed' : '',
    added ? `${added} added` : '',
    removed ? `${removed} removed` : '',
    moved ? `${moved} moved` : '',
    flagged ? `${flagged} hidden, pinned or expanded differently` : '',
    noted + linkChanges ? `${plural(noted + linkChanges, 'note')} changed` : '',
    JSON.stringify(before.filters) !== JSON.stringify(after.filters) ? 'filters changed' : '',
    before.pathFrom !== after.pathFrom || before.pathTo !== after.pathTo ? 'path changed' : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'saved unchanged';
}
