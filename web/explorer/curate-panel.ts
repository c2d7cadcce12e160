import { h } from '../shared/dom';
import { action, type CurateHost } from './curate-host';
import { createInvestigationPanel } from './investigation-panel';
import { RELATIONSHIP_TYPES } from './words';

/**
 * The curation controls of the selection: on an entity hide, pin, expand by type and depth, add
 * to the set to connect, and its note; on a link its note. Notes are shown as text, never as
 * HTML. With the investigation's own controls (investigation-panel.ts), what main.ts wires in.
 */

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

/** Keeps (or, empty, removes) a note in `notes`, then shows the selection again. */
function keepNote(host: CurateHost, notes: Map<string, string>, key: string, text: string, again: () => void): void {
  if (text) notes.set(key, text);
  else notes.delete(key);
  again();
  host.say(text ? 'Note kept in the view (save to keep it in the investigation).' : 'Note removed.');
}

/** The expand menu: relationship types of the closed vocabulary, depth 1 or 2. */
function expandMenu(expand: (types: string[], depth: 1 | 2) => void): HTMLElement {
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
  const go = () =>
    expand(
      [...types.selectedOptions].map((option) => option.value),
      depth.value === '2' ? 2 : 1,
    );
  return h(
    'details',
    { class: 'expand-menu' },
    h('summary', {}, 'Expand by type and depth'),
    types,
    depth,
    action('Expand', go, 'expand-entity'),
  );
}

/** What the entity buttons do to the curation, and to the view. */
function entityActions(host: CurateHost, changed: () => void) {
  return {
    hide(id: string): void {
      const curation = host.curation();
      if (!curation.hidden.includes(id)) curation.hidden.push(id);
      const { selected } = host.state();
      host.update({ selected: selected === id ? undefined : selected });
      changed();
    },
    pin(id: string, on: boolean): void {
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
    },
    expand(id: string, types: string[], depth: 1 | 2): void {
      host.curation().expansions.set(id, { types, depth });
      const { expanded } = host.state();
      host.update({ expanded: expanded.includes(id) ? [...expanded] : [...expanded, id] });
    },
    toggleConnect(id: string): void {
      const curation = host.curation();
      curation.connectSet = curation.connectSet.includes(id)
        ? curation.connectSet.filter((other) => other !== id)
        : [...curation.connectSet, id].slice(-10);
      changed();
    },
  };
}

export function createCuratePanel(host: CurateHost, selection: HTMLElement, panel: HTMLElement) {
  const investigation = createInvestigationPanel(host, panel);
  const act = entityActions(host, () => investigation.render());

  const showEntity = (id: string): void => {
    const curation = host.curation();
    const pinned = curation.pinned.has(id);
    const inSet = curation.connectSet.includes(id);
    const again = () => showEntity(id);
    selection.replaceChildren(
      h('h3', {}, 'Curate'),
      h(
        'div',
        { class: 'actions' },
        action('Hide', () => act.hide(id), 'hide-entity'),
        action(pinned ? 'Unpin' : 'Pin', () => (act.pin(id, !pinned), again()), 'pin-entity'),
        action(
          inSet ? 'Leave the connect set' : 'Add to connect set',
          () => (act.toggleConnect(id), again()),
          'connect-entity',
        ),
      ),
      expandMenu((types, depth) => act.expand(id, types, depth)),
      ...noteEditor(curation.entityNotes.get(id), (text) => keepNote(host, curation.entityNotes, id, text, again)),
    );
  };

  const showLink = (key: string): void => {
    const notes = host.curation().linkNotes;
    selection.replaceChildren(
      ...noteEditor(notes.get(key), (text) => keepNote(host, notes, key, text, () => showLink(key))),
    );
  };

  return {
    showEntity,
    showLink,
    clear: () => selection.replaceChildren(),
    renderPanel: () => investigation.render(),
    open: investigation.open,
  };
}
