import { h } from '../shared/dom';
import { rovingList } from './keyboard';
import type { HubData, NodeData, RecentChangeData } from './queries';
import { changeLabel, distinctChanges } from './start-words';
import { kindWord } from './words';

/**
 * The start page, shown instead of an empty canvas: the most-connected entities (the API's
 * `hubs`) and the newest changes (`recentChanges`), each a button that opens what it names in the
 * graph, and the way to the documents. Each list is one tab stop (keyboard.ts).
 */

export interface StartActions {
  /** Expands these entities and selects the first. */
  open(ids: string[]): void;
}

export type StartData = { hubs: HubData[]; recentChanges: RecentChangeData[] } | { error: string };

/** The word for an entity's kind, as the view list says it ("state", "country", "event"). */
function kindOf(entity: NodeData): string {
  return kindWord({ kind: entity.__typename, actorKind: entity.actorKind, locationKind: entity.locationKind });
}

function entry(label: string, meta: string, ids: string[], actions: StartActions, rove: string): HTMLElement {
  const open = h('button', { type: 'button', class: 'as-link', 'data-rove': rove }, label);
  open.addEventListener('click', () => actions.open(ids));
  return h('li', { 'data-ids': ids.join(' ') }, open, h('span', { class: 'meta' }, ` · ${meta}`));
}

/** "2026-12-07 00:10 UTC": the minute is enough to tell what came last. */
function when(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function hubList(hubs: HubData[], actions: StartActions): HTMLElement {
  if (hubs.length === 0) return h('p', { class: 'hint' }, 'The graph has no linked entities yet.');
  // Two hubs of one name (the state and the country "Mali") are qualified by kind, as in the view.
  const named = new Map<string, number>();
  for (const { entity } of hubs) named.set(entity.name, (named.get(entity.name) ?? 0) + 1);
  const label = (entity: NodeData) =>
    (named.get(entity.name) ?? 0) > 1 ? `${entity.name} (${kindOf(entity)})` : entity.name;
  const list = h(
    'ol',
    { class: 'hub-list', 'aria-label': 'Most-connected entities (arrow keys move, Enter opens)' },
    ...hubs.map(({ entity, degree }) =>
      entry(
        label(entity),
        `${kindOf(entity)} · ${degree} link${degree === 1 ? '' : 's'}`,
        [entity.id],
        actions,
        entity.id,
      ),
    ),
  );
  rovingList(list);
  return list;
}

function changeList(changes: RecentChangeData[], actions: StartActions): HTMLElement {
  if (changes.length === 0) return h('p', { class: 'hint' }, 'No changes recorded yet.');
  const list = h(
    'ol',
    { class: 'change-list', 'aria-label': 'Recent changes (arrow keys move, Enter opens)' },
    ...changes.map((change) =>
      entry(
        changeLabel(change),
        `${change.change.toLowerCase()} by ${change.who} (${change.operation}), ${when(change.at)}`,
        change.entities.map((entity) => entity.id),
        actions,
        change.targetId,
      ),
    ),
  );
  rovingList(list);
  return list;
}

/** How many changes the page lists (it asks the API for more, to list each record once). */
export const START_CHANGES = 8;

export function renderStart(container: HTMLElement, data: StartData, actions: StartActions): void {
  const parts: HTMLElement[] = [
    h('h2', { id: 'start-heading' }, 'Where to start'),
    h(
      'p',
      { class: 'hint' },
      'Search for an entity on the left, or open one of these in the graph. Click a link, or pick it under “In view (as a list)”, to read its evidence.',
    ),
  ];
  if ('error' in data) {
    parts.push(h('p', { class: 'error' }, data.error));
  } else {
    parts.push(
      h('section', { class: 'start-hubs' }, h('h3', {}, 'Most connected'), hubList(data.hubs, actions)),
      h(
        'section',
        { class: 'start-changes' },
        h('h3', {}, 'Recent changes'),
        changeList(distinctChanges(data.recentChanges, START_CHANGES), actions),
      ),
    );
  }
  parts.push(
    h(
      'p',
      { class: 'start-documents' },
      'Reports and their review: ',
      h('a', { href: '/documents' }, 'Documents'),
      ' (upload a report, read it with its mentions, accept what the graph should take from it).',
    ),
  );
  container.replaceChildren(...parts);
}
