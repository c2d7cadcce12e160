import type { Core } from 'cytoscape';
import { ApiError, graphql, problemText } from '../shared/api';
import { h } from '../shared/dom';
import { emptyCuration, fromSaved, toSaveInput, type Curation, type Point } from './curate';
import {
  INVESTIGATION,
  INVESTIGATIONS,
  SAVE_INVESTIGATION,
  type InvestigationSummary,
  type SavedInvestigation,
} from './investigation-queries';
import type { ViewModel } from './model';
import type { ViewState } from './state';
import { RELATIONSHIP_TYPES } from './words';

/**
 * The controls of curation and saved investigations: on the selected entity (hide, pin, expand by
 * type and depth, add to the set to connect, its note) or link (its note), and the investigation
 * itself (name, marking, save, save as, open, what is hidden, the set to connect, its history).
 * Notes are shown as text, never as HTML. The page (main.ts) owns the view; this asks it to
 * redraw (curation only) or reload (what the API must answer again).
 */

export interface CurateHost {
  cy: Core;
  state(): ViewState;
  model(): ViewModel;
  curation(): Curation;
  /** Replaces the curation and the view (an investigation opened). */
  replace(state: ViewState, curation: Curation): void;
  update(change: Partial<ViewState>): void;
  redraw(): void;
  reload(): void;
  say(message: string, kind?: 'info' | 'error'): void;
}

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

function action(label: string, onClick: () => void, id?: string): HTMLButtonElement {
  const element = h('button', { type: 'button', id }, label);
  element.addEventListener('click', onClick);
  return element;
}

/** A note's editor: the note as text, a text area and a button that keeps it in the view. */
function noteEditor(current: string | undefined, keep: (text: string) => void): HTMLElement[] {
  const area = h('textarea', { id: 'note-text', rows: '3', maxlength: '2000', 'aria-label': 'Note' });
  area.value = current ?? '';
  return [
    h('h3', {}, 'Note'),
    current ? h('p', { class: 'note', id: 'note-shown' }, current) : h('p', { class: 'hint' }, 'No note yet.'),
    area,
    action('Keep note', () => keep(area.value.trim()), 'keep-note'),
  ];
}

/** Where every drawn node stands now. */
export function drawnPositions(cy: Core): Map<string, Point> {
  return new Map(cy.nodes().map((node) => [node.id(), { ...node.position() }]));
}

export function createCuratePanel(host: CurateHost, selection: HTMLElement, panel: HTMLElement) {
  const showEntity = (id: string): void => {
    const curation = host.curation();
    const pinned = curation.pinned.has(id);
    const types = h('select', { id: 'expand-types', multiple: true, size: '4', 'aria-label': 'Relationship types' });
    types.append(
      ...RELATIONSHIP_TYPES.map((type) => h('option', { value: type }, type.replace(/_/g, ' ').toLowerCase())),
    );
    const depth = h(
      'select',
      { id: 'expand-depth', 'aria-label': 'Depth' },
      h('option', { value: '1' }, 'depth 1'),
      h('option', { value: '2' }, 'depth 2'),
    );
    selection.replaceChildren(
      h('h3', {}, 'Curate'),
      h(
        'div',
        { class: 'actions' },
        action('Hide', () => hide(id), 'hide-entity'),
        action(pinned ? 'Unpin' : 'Pin', () => pin(id, !pinned), 'pin-entity'),
        action(
          curation.connectSet.includes(id) ? 'Leave the connect set' : 'Add to connect set',
          () => toggleConnect(id),
          'connect-entity',
        ),
      ),
      h(
        'details',
        { class: 'expand-menu' },
        h('summary', {}, 'Expand by type and depth'),
        types,
        depth,
        action(
          'Expand',
          () =>
            expand(
              id,
              [...types.selectedOptions].map((option) => option.value),
              depth.value === '2' ? 2 : 1,
            ),
          'expand-entity',
        ),
      ),
      ...noteEditor(curation.entityNotes.get(id), (text) => {
        if (text) curation.entityNotes.set(id, text);
        else curation.entityNotes.delete(id);
        showEntity(id);
        host.say(text ? 'Note kept in the view (save to keep it in the investigation).' : 'Note removed.');
      }),
    );
  };

  const showLink = (key: string): void => {
    const curation = host.curation();
    selection.replaceChildren(
      ...noteEditor(curation.linkNotes.get(key), (text) => {
        if (text) curation.linkNotes.set(key, text);
        else curation.linkNotes.delete(key);
        showLink(key);
        host.say(text ? 'Note kept on the link (save to keep it in the investigation).' : 'Note removed.');
      }),
    );
  };

  const hide = (id: string): void => {
    const curation = host.curation();
    if (!curation.hidden.includes(id)) curation.hidden.push(id);
    host.update({ selected: host.state().selected === id ? undefined : host.state().selected });
    renderPanel();
  };

  const pin = (id: string, on: boolean): void => {
    const curation = host.curation();
    const node = host.cy.getElementById(id);
    if (on) {
      curation.pinned.add(id);
      if (node.nonempty()) curation.positions.set(id, { ...node.position() });
    } else {
      curation.pinned.delete(id);
      curation.positions.delete(id);
    }
    host.redraw();
    showEntity(id);
  };

  const expand = (id: string, types: string[], depth: 1 | 2): void => {
    host.curation().expansions.set(id, { types, depth });
    const { expanded } = host.state();
    host.update({ expanded: expanded.includes(id) ? [...expanded] : [...expanded, id] });
  };

  const toggleConnect = (id: string): void => {
    const curation = host.curation();
    curation.connectSet = curation.connectSet.includes(id)
      ? curation.connectSet.filter((other) => other !== id)
      : [...curation.connectSet, id].slice(-10);
    renderPanel();
    showEntity(id);
  };

  const fields = {
    name: h('input', { id: 'investigation-name', maxlength: '200', autocomplete: 'off' }),
    description: h('textarea', { id: 'investigation-description', rows: '2', maxlength: '2000' }),
    tlp: h(
      'select',
      { id: 'investigation-tlp' },
      ...TLPS.map((tlp) => h('option', { value: tlp }, `TLP:${tlp.replace('_', '+')}`)),
    ),
  };
  fields.tlp.value = 'GREEN';
  const list = h('ul', { id: 'investigation-list', class: 'investigation-list' });

  async function save(asCopy: boolean): Promise<void> {
    const name = fields.name.value.trim();
    if (!name) {
      host.say('Name the investigation before saving it.', 'error');
      fields.name.focus();
      return;
    }
    const drawn = drawnPositions(host.cy);
    const input = toSaveInput(host.state(), host.curation(), drawn, {
      name,
      description: fields.description.value.trim(),
      tlp: fields.tlp.value,
      asCopy,
    });
    try {
      const { saveInvestigation: saved } = await graphql<{ saveInvestigation: SavedInvestigation }>(
        SAVE_INVESTIGATION,
        { input },
      );
      host.curation().saved = {
        id: saved.id,
        version: saved.version,
        name: saved.name,
        description: saved.description ?? '',
        tlp: saved.tlp,
      };
      // The places just saved are the view's from now on: the redraw below keeps every node where it is.
      for (const [id, at] of drawn) host.curation().positions.set(id, at);
      host.update({ investigation: saved.id });
      renderPanel(saved);
      host.say(`Saved “${saved.name}” (version ${saved.version}). Its link opens it as it is now.`);
    } catch (error) {
      const conflict = error instanceof ApiError && error.code === 'CONFLICT';
      host.say(
        conflict
          ? 'Someone saved this investigation since you opened it: save as new, or open it again.'
          : problemText(error),
        'error',
      );
    }
  }

  async function open(id: string): Promise<void> {
    try {
      const { investigation } = await graphql<{ investigation: SavedInvestigation }>(INVESTIGATION, { id });
      const { state, curation } = fromSaved(investigation);
      host.replace(state, curation);
      renderPanel(investigation);
    } catch (error) {
      host.say(`The investigation could not be opened: ${problemText(error)}`, 'error');
    }
  }

  async function listSaved(): Promise<void> {
    try {
      const { investigations } = await graphql<{ investigations: { nodes: InvestigationSummary[] } }>(INVESTIGATIONS, {
        first: 20,
      });
      list.replaceChildren(...savedItems(investigations.nodes, (id) => void open(id)));
      if (investigations.nodes.length === 0)
        list.replaceChildren(h('li', { class: 'hint' }, 'No saved investigations yet.'));
    } catch (error) {
      list.replaceChildren(h('li', { class: 'error' }, problemText(error)));
    }
  }

  function renderPanel(saved?: SavedInvestigation): void {
    const curation = host.curation();
    if (curation.saved) {
      fields.name.value = curation.saved.name;
      fields.description.value = curation.saved.description;
      fields.tlp.value = curation.saved.tlp;
    }
    const hidden = curation.hidden.length;
    panel.replaceChildren(
      h('h2', { id: 'investigation-heading' }, 'Investigation'),
      h('label', { for: 'investigation-name' }, 'Name'),
      fields.name,
      h('label', { for: 'investigation-description' }, 'Description'),
      fields.description,
      h('label', { for: 'investigation-tlp' }, 'Marking of the investigation'),
      fields.tlp,
      h(
        'div',
        { class: 'row' },
        action('Save', () => void save(false), 'save-investigation'),
        action('Save as new', () => void save(true), 'save-investigation-as'),
        action('Open…', () => void listSaved(), 'open-investigations'),
      ),
      list,
      h(
        'div',
        { class: 'row' },
        action(
          `Show hidden (${hidden})`,
          () => {
            curation.hidden = [];
            host.redraw();
            renderPanel();
          },
          'show-hidden',
        ),
        action(
          'Undo hide',
          () => {
            curation.hidden.pop();
            host.redraw();
            renderPanel();
          },
          'undo-hide',
        ),
      ),
      h(
        'p',
        { class: 'hint', id: 'connect-set' },
        curation.connectSet.length > 0
          ? `To connect: ${curation.connectSet.map((id) => host.model().nodes.get(id)?.label ?? id).join(', ')}`
          : 'To connect: add two or more entities (“Add to connect set”).',
      ),
      h(
        'div',
        { class: 'row' },
        action(
          'Connect',
          () =>
            curation.connectSet.length >= 2
              ? host.reload()
              : host.say('Add at least two entities to connect.', 'error'),
          'connect-run',
        ),
        action(
          'Clear set',
          () => {
            curation.connectSet = [];
            host.reload();
            renderPanel();
          },
          'connect-clear',
        ),
      ),
      ...(saved
        ? [
            h('h3', {}, 'History'),
            h(
              'ol',
              { class: 'investigation-history', id: 'investigation-history' },
              ...saved.history.map((entry) =>
                h(
                  'li',
                  {},
                  `v${entry.version} · ${entry.savedAt.slice(0, 16).replace('T', ' ')} UTC · ${entry.author}: ${entry.summary}`,
                ),
              ),
            ),
          ]
        : []),
    );
    for (const button of panel.querySelectorAll<HTMLButtonElement>('#show-hidden, #undo-hide'))
      button.disabled = hidden === 0;
  }

  return {
    showEntity,
    showLink,
    clear: () => selection.replaceChildren(),
    renderPanel,
    open,
    fresh: () => emptyCuration(),
  };
}

/** Saved investigations as buttons that open them (the panel's list, the start page's). */
export function savedItems(items: InvestigationSummary[], open: (id: string) => void): HTMLElement[] {
  return items.map((item) => {
    const button = h('button', { type: 'button', class: 'as-link', 'data-id': item.id }, item.name);
    button.addEventListener('click', () => open(item.id));
    return h(
      'li',
      { 'data-id': item.id },
      button,
      h(
        'span',
        { class: 'meta' },
        ` · ${item.author}, v${item.version}, ${item.updatedAt.slice(0, 10)} · TLP:${item.tlp}`,
      ),
    );
  });
}
