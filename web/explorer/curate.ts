import { edgeKey } from './model';
import type { SavedInvestigation } from './investigation-queries';
import type { ViewState } from './state';

/**
 * What an investigator does to a view beyond what the URL holds: entities set aside (hidden, with
 * undo), pinned, where each stands, notes on entities and links, expansions by type and depth,
 * the set given to `connect`, and the saved investigation it belongs to. Pure data and the two
 * conversions to and from a saved investigation; the page's controls are in curate-panel.ts.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Expansion {
  types: string[];
  depth: 1 | 2;
}

export interface Curation {
  /** Hidden entities, in the order they were hidden (undo takes the last back). */
  hidden: string[];
  pinned: Set<string>;
  /** Where entities stand: a saved view's places, and any entity moved or pinned; the layout keeps them. */
  positions: Map<string, Point>;
  entityNotes: Map<string, string>;
  /** By edge key (model.ts edgeKey). */
  linkNotes: Map<string, string>;
  expansions: Map<string, Expansion>;
  /** The entities given to `connect` (2-10 to ask). */
  connectSet: string[];
  /** The saved investigation this view is, once saved or opened. */
  saved?: { id: string; version: number; name: string; description: string; tlp: string };
}

export function emptyCuration(): Curation {
  return {
    hidden: [],
    pinned: new Set(),
    positions: new Map(),
    entityNotes: new Map(),
    linkNotes: new Map(),
    expansions: new Map(),
    connectSet: [],
  };
}

/** The parts of an edge key: TYPE:from->to, with #ROLE for a participation. */
export function linkOfKey(key: string): { type: string; fromId: string; toId: string; role: string | null } | null {
  const match = /^([A-Z_]+):(.+?)->(.+?)(?:#([A-Z_]+))?$/.exec(key);
  return match ? { type: match[1]!, fromId: match[2]!, toId: match[3]!, role: match[4] ?? null } : null;
}

/** A coordinate as saved: rounded to a tenth of a pixel (enough for the 1 px promise, stable in JSON). */
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The view and its curation as the save's input: every entity drawn or kept (hidden, pinned,
 * noted, connected, a path end), each with its place, and the notes on links between them.
 */
export function toSaveInput(
  state: ViewState,
  curation: Curation,
  drawn: Map<string, Point>,
  details: { name: string; description: string; tlp: string; asCopy: boolean },
): Record<string, unknown> {
  const ids = new Set<string>([
    ...drawn.keys(),
    ...state.expanded,
    ...curation.hidden,
    ...curation.pinned,
    ...curation.entityNotes.keys(),
    ...curation.connectSet,
  ]);
  for (const id of [state.selected, state.from, state.to]) if (id) ids.add(id);
  const entities = [...ids].map((id) => {
    const at = drawn.get(id) ?? curation.positions.get(id);
    return {
      id,
      expanded: state.expanded.includes(id),
      hidden: curation.hidden.includes(id),
      pinned: curation.pinned.has(id),
      x: at ? round(at.x) : null,
      y: at ? round(at.y) : null,
      note: curation.entityNotes.get(id) || null,
    };
  });
  const links = [...curation.linkNotes.entries()].flatMap(([key, note]) => {
    const link = linkOfKey(key);
    return link && note && ids.has(link.fromId) && ids.has(link.toId) ? [{ ...link, note }] : [];
  });
  const saved = details.asCopy ? undefined : curation.saved;
  return {
    ...(saved ? { id: saved.id, expectedVersion: saved.version } : {}),
    name: details.name,
    description: details.description || null,
    tlp: details.tlp,
    entities,
    links,
    filters: {
      types: state.filters.types,
      minCredibility: state.filters.minCredibility ?? null,
      asOf: state.filters.asOf ?? null,
    },
    pathFrom: state.from ?? null,
    pathTo: state.to ?? null,
    selected: state.selected ?? null,
  };
}

/** A saved investigation as the view to show and the curation to apply. */
export function fromSaved(saved: SavedInvestigation): { state: ViewState; curation: Curation } {
  const curation = emptyCuration();
  for (const entity of saved.entities) {
    if (entity.hidden) curation.hidden.push(entity.id);
    if (entity.pinned) curation.pinned.add(entity.id);
    if (entity.x != null && entity.y != null) curation.positions.set(entity.id, { x: entity.x, y: entity.y });
    if (entity.note) curation.entityNotes.set(entity.id, entity.note);
  }
  for (const link of saved.links)
    curation.linkNotes.set(edgeKey(link.type, link.fromId, link.toId, link.role), link.note);
  curation.saved = {
    id: saved.id,
    version: saved.version,
    name: saved.name,
    description: saved.description ?? '',
    tlp: saved.tlp,
  };
  return {
    state: {
      expanded: saved.entities.filter((entity) => entity.expanded).map((entity) => entity.id),
      selected: saved.selected ?? undefined,
      from: saved.pathFrom ?? undefined,
      to: saved.pathTo ?? undefined,
      filters: {
        types: saved.filters.types,
        minCredibility: saved.filters.minCredibility ?? undefined,
        asOf: saved.filters.asOf ?? undefined,
      },
      investigation: saved.id,
    },
    curation,
  };
}
