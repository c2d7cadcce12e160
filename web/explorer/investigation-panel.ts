import { ApiError, graphql, problemText } from '../shared/api';
import { h } from '../shared/dom';
import { fromSaved, toSaveInput } from './curate';
import { action, drawnPositions, savedItems, type CurateHost } from './curate-host';
import {
  INVESTIGATION,
  INVESTIGATIONS,
  SAVE_INVESTIGATION,
  type InvestigationSummary,
  type SavedInvestigation,
} from './investigation-queries';

/**
 * The investigation's controls: name, description, its own marking, Save / Save as new / Open,
 * what is hidden (show, undo), the set to connect, and the history of the one opened.
 */

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

interface Fields {
  name: HTMLInputElement;
  description: HTMLTextAreaElement;
  tlp: HTMLSelectElement;
}

function fieldsOf(): Fields {
  const tlp = h(
    'select',
    { id: 'investigation-tlp' },
    ...TLPS.map((level) => h('option', { value: level }, `TLP:${level.replace('_', '+')}`)),
  );
  tlp.value = 'GREEN';
  return {
    name: h('input', { id: 'investigation-name', maxlength: '200', autocomplete: 'off' }),
    description: h('textarea', { id: 'investigation-description', rows: '2', maxlength: '2000' }),
    tlp,
  };
}

/** Saves the view (over the one opened, or as new); the saved investigation, or undefined when refused. */
async function saveView(host: CurateHost, fields: Fields, asCopy: boolean): Promise<SavedInvestigation | undefined> {
  const name = fields.name.value.trim();
  if (!name) {
    host.say('Name the investigation before saving it.', 'error');
    fields.name.focus();
    return undefined;
  }
  const drawn = drawnPositions(host.cy);
  const input = toSaveInput(host.state(), host.curation(), drawn, {
    name,
    description: fields.description.value.trim(),
    tlp: fields.tlp.value,
    asCopy,
  });
  try {
    const answer = await graphql<{ saveInvestigation: SavedInvestigation }>(SAVE_INVESTIGATION, { input });
    const saved = answer.saveInvestigation;
    const curation = host.curation();
    curation.saved = {
      id: saved.id,
      version: saved.version,
      name: saved.name,
      description: saved.description ?? '',
      tlp: saved.tlp,
    };
    // The places just saved are the view's from now on: the redraw that follows keeps every node where it is.
    for (const [id, at] of drawn) curation.positions.set(id, at);
    host.update({ investigation: saved.id });
    host.say(`Saved “${saved.name}” (version ${saved.version}). Its link opens it as it is now.`);
    return saved;
  } catch (error) {
    const conflict = error instanceof ApiError && error.code === 'CONFLICT';
    const message = conflict
      ? 'Someone saved this investigation since you opened it: save as new, or open it again.'
      : problemText(error);
    host.say(message, 'error');
    return undefined;
  }
}

/** The rows about the view's curation: what is hidden, and the set to connect. */
function curationRows(host: CurateHost, rerender: () => void): HTMLElement[] {
  const curation = host.curation();
  const hidden = curation.hidden.length;
  const redraw = (change: () => void) => () => {
    change();
    host.redraw();
    rerender();
  };
  const show = action(
    `Show hidden (${hidden})`,
    redraw(() => (curation.hidden = [])),
    'show-hidden',
  );
  const undo = action(
    'Undo hide',
    redraw(() => curation.hidden.pop()),
    'undo-hide',
  );
  show.disabled = undo.disabled = hidden === 0;
  const names = curation.connectSet.map((id) => host.model().nodes.get(id)?.label ?? id);
  const connect = () =>
    curation.connectSet.length >= 2 ? host.reload() : host.say('Add at least two entities to connect.', 'error');
  const clear = () => {
    curation.connectSet = [];
    host.reload();
    rerender();
  };
  return [
    h('div', { class: 'row' }, show, undo),
    h(
      'p',
      { class: 'hint', id: 'connect-set' },
      names.length > 0
        ? `To connect: ${names.join(', ')}`
        : 'To connect: add two or more entities (“Add to connect set”).',
    ),
    h('div', { class: 'row' }, action('Connect', connect, 'connect-run'), action('Clear set', clear, 'connect-clear')),
  ];
}

function historyList(saved: SavedInvestigation): HTMLElement[] {
  const when = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;
  return [
    h('h3', {}, 'History'),
    h(
      'ol',
      { class: 'investigation-history', id: 'investigation-history' },
      ...saved.history.map((entry) =>
        h('li', {}, `v${entry.version} · ${when(entry.savedAt)} · ${entry.author}: ${entry.summary}`),
      ),
    ),
  ];
}

export function createInvestigationPanel(host: CurateHost, panel: HTMLElement) {
  const fields = fieldsOf();
  const list = h('ul', { id: 'investigation-list', class: 'investigation-list' });
  let shown: SavedInvestigation | undefined;

  async function open(id: string): Promise<void> {
    try {
      const { investigation } = await graphql<{ investigation: SavedInvestigation }>(INVESTIGATION, { id });
      const { state, curation } = fromSaved(investigation);
      host.replace(state, curation);
      shown = investigation;
      render();
    } catch (error) {
      host.say(`The investigation could not be opened: ${problemText(error)}`, 'error');
    }
  }

  async function listSaved(): Promise<void> {
    try {
      const answer = await graphql<{ investigations: { nodes: InvestigationSummary[] } }>(INVESTIGATIONS, {
        first: 20,
      });
      const items = savedItems(answer.investigations.nodes, (id) => void open(id));
      list.replaceChildren(
        ...(items.length > 0 ? items : [h('li', { class: 'hint' }, 'No saved investigations yet.')]),
      );
    } catch (error) {
      list.replaceChildren(h('li', { class: 'error' }, problemText(error)));
    }
  }

  const save = (asCopy: boolean) => async () => {
    const saved = await saveView(host, fields, asCopy);
    if (saved) shown = saved;
    render();
  };

  function render(): void {
    const { saved } = host.curation();
    if (saved) {
      fields.name.value = saved.name;
      fields.description.value = saved.description;
      fields.tlp.value = saved.tlp;
    } else {
      shown = undefined;
    }
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
        action('Save', () => void save(false)(), 'save-investigation'),
        action('Save as new', () => void save(true)(), 'save-investigation-as'),
        action('Open…', () => void listSaved(), 'open-investigations'),
      ),
      list,
      ...curationRows(host, render),
      ...(shown ? historyList(shown) : []),
    );
  }

  return { render, open };
}
