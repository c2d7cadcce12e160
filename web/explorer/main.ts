import type { Core } from 'cytoscape';
import { wireCredentialForm } from '../shared/credential-form';
import { graphql, orNotFound, problemText } from '../shared/api';
import { byId, h } from '../shared/dom';
import { exportBundle, exportEvidenceCsv, exportEvidenceHtml, exportPng, exportSvg } from './export';
import { createGraph, render } from './graph';
import { emptyCuration, type Curation } from './curate';
import { createCuratePanel } from './curate-panel';
import { savedItems } from './curate-host';
import { CONNECT, INVESTIGATIONS, NEIGHBORHOOD_EXPAND, type InvestigationSummary } from './investigation-queries';
import { renderLegend } from './legend';
import { createMapView } from './map-view';
import { addNeighborhood, addPaths, emptyModel, type ViewModel } from './model';
import {
  focusListedLink,
  renderEdge,
  renderEntity,
  renderPaths,
  renderTimeline,
  renderViewList,
  type PanelActions,
} from './panels';
import {
  ENTITY,
  filterArgs,
  NEIGHBORHOOD,
  PATHS,
  SEARCH,
  START,
  TIMELINE,
  type EdgeData,
  type EntityDetails,
  type EntityRef,
  type HubData,
  type NodeData,
  type PathData,
  type RecentChangeData,
  type TimelineEntry,
} from './queries';
import { defaultTitle, evidenceRows, reportHead } from './report';
import { renderStart, START_CHANGES, type StartData } from './start';
import { formatState, parseState, type ViewState } from './state';
import { showTimelineView, type TimelineViewActions } from './timeline-view';
import { watchEntityButton, watchPathButton, wireAlerts } from './watch';
import { RELATIONSHIP_TYPES } from './words';
import './explorer.css';

/**
 * The graph explorer: search, expand, filter, trace paths, read the evidence, export, share.
 * The view is a function of `state` (kept in the URL); every change re-asks the API and redraws.
 */

let state: ViewState = parseState(location.search);
let model: ViewModel = emptyModel();
// Hidden, pinned, kept places, notes, expansions, the set to connect (curate.ts): beyond the URL.
let curation: Curation = emptyCuration();
let generation = 0;
const cy: Core = createGraph(byId('graph'));
// The drawing, for a person poking at it in the devtools console (and for the browser tests).
(window as unknown as { sahelGraph: Core }).sahelGraph = cy;

const status = byId('status');
function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.dataset.kind = kind;
}

/** The name shown for an entity in view: qualified by kind where another in view shares it. */
function nameOf(id: string): string {
  return model.nodes.get(id)?.label ?? id;
}

const actions: PanelActions = {
  select: (id) =>
    update({ selected: id, expanded: state.expanded.includes(id) ? state.expanded : [...state.expanded, id] }),
  setFrom: (id) => update({ from: id }),
  setTo: (id) => update({ to: id }),
  openLink: (key) => showLink(key, true),
};

/**
 * A link's panel, from the graph or from the list. From the list (the keyboard's way), focus
 * moves to the panel's heading, so the excerpt, grades and sources are read next, and the panel
 * offers the way back to the same link in the list.
 */
function showLink(key: string, fromList: boolean): void {
  const edge = model.edges.get(key);
  if (!edge) return;
  const details = byId('details');
  const back = fromList ? () => focusListedLink(byId('view-list'), key) : undefined;
  renderEdge(details, edge, model, back);
  curate.showLink(key);
  byId('timeline').replaceChildren();
  cy.elements().unselect();
  cy.getElementById(key).select();
  if (!fromList) return;
  const heading = details.querySelector<HTMLElement>('h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

// The map beside or instead of the graph: selecting there selects here, as a tap on a node does.
const mapView = createMapView(byId('map-pane'), byId('views'), {
  select: (id) => actions.select(id),
  show: (view) => update({ view: view === 'graph' ? undefined : view }),
});

// The timeline under the graph: brushing sets the view's period (from–to, never with asOf).
const timelineActions: TimelineViewActions = {
  select: (id) => actions.select(id),
  setPeriod: (period) =>
    update({
      filters: { ...state.filters, asOf: period ? undefined : state.filters.asOf, from: period?.from, to: period?.to },
    }),
};

// ---- the start page: instead of an empty canvas, where to begin ------------------------------
const startPanel = byId('start');
const startActions = {
  open: (ids: string[]) => update({ expanded: ids, selected: ids[0], from: undefined, to: undefined }),
};

/** Nothing asked for: no entity expanded or selected, no path. */
function isEmptyView(view: ViewState): boolean {
  return view.expanded.length === 0 && !view.selected && !view.from && !view.to;
}

/** Shows the start page while the view is empty, asking the API again each time it comes back. */
async function showStart(): Promise<void> {
  const empty = isEmptyView(state);
  startPanel.hidden = !empty;
  if (!empty) return;
  let data: StartData;
  try {
    // More changes than shown: the page lists each record once (start.ts, distinctChanges).
    data = await graphql<{ hubs: HubData[]; recentChanges: RecentChangeData[] }>(START, {
      hubs: 10,
      changes: START_CHANGES * 2,
    });
  } catch (error) {
    data = { error: problemText(error) };
  }
  if (!isEmptyView(state)) return;
  renderStart(startPanel, data, startActions);
  // The saved investigations the caller may read (issue 24, item 7), each opened by its link.
  const saved = await graphql<{ investigations: { nodes: InvestigationSummary[] } }>(INVESTIGATIONS, { first: 10 })
    .then((answer) => answer.investigations.nodes)
    .catch(() => [] as InvestigationSummary[]);
  if (!isEmptyView(state) || saved.length === 0) return;
  startPanel.append(
    h(
      'section',
      { class: 'start-investigations' },
      h('h3', {}, 'Saved investigations'),
      h('ul', { class: 'investigation-list' }, ...savedItems(saved, (id) => void curate.open(id))),
    ),
  );
}

/** Changes the view: records it in the URL, then re-asks the API for what it needs. */
function update(change: Partial<ViewState>): void {
  state = { ...state, ...change };
  history.replaceState(null, '', `${location.pathname}${formatState(state)}`);
  void refresh();
}

async function refresh(): Promise<void> {
  const mine = ++generation;
  const args = filterArgs(state.filters);
  say('Loading…');
  document.body.dataset.loading = 'true';
  try {
    const next = emptyModel();
    const [neighborhoods, paths] = await Promise.all([
      Promise.all(
        state.expanded.map((id) => {
          // Expanded by the expand menu: its types (else the filters') and depth.
          const expansion = curation.expansions.get(id);
          const query = expansion ? NEIGHBORHOOD_EXPAND : NEIGHBORHOOD;
          const variables = expansion
            ? {
                id,
                ...args,
                depth: expansion.depth,
                relationTypes: expansion.types.length > 0 ? expansion.types : args.relationTypes,
              }
            : { id, ...args };
          return orNotFound(
            graphql<{ neighborhood: { truncated: boolean; nodes: NodeData[]; edges: EdgeData[] } }>(query, variables),
          ).then((data) => ({ id, data }));
        }),
      ),
      state.from && state.to
        ? orNotFound(
            graphql<{ shortestPath: PathData | null; paths: PathData[] }>(PATHS, {
              fromId: state.from,
              toId: state.to,
              ...args,
            }),
          )
        : Promise.resolve(null),
    ]);
    for (const { id, data } of neighborhoods) {
      if (data?.neighborhood)
        addNeighborhood(next, data.neighborhood.nodes, data.neighborhood.edges, data.neighborhood.truncated);
      else next.missing.push(id);
    }
    if (paths) addPaths(next, paths.shortestPath, paths.paths);
    if (curation.connectSet.length >= 2) {
      const linked = await orNotFound(
        graphql<{ connect: { truncated: boolean; nodes: NodeData[]; edges: EdgeData[] } }>(CONNECT, {
          ids: curation.connectSet,
          ...args,
        }),
      );
      if (linked) addNeighborhood(next, linked.connect.nodes, linked.connect.edges, linked.connect.truncated);
    }
    // Path ends picked but not expanded still belong in the picture.
    for (const id of [state.from, state.to, state.selected]) {
      if (id && !next.nodes.has(id)) await addEntity(next, id);
    }
    if (mine !== generation) return;
    model = next;
    // The side panel is part of the view: "loading" lasts until it shows the selection too.
    await draw();
    const notes = [
      `${model.nodes.size} entities, ${model.edges.size} links`,
      model.truncated ? 'some neighbourhoods were cut at 60 entities' : '',
      model.missing.length > 0 ? `not found: ${model.missing.join(', ')}` : '',
    ].filter(Boolean);
    say(notes.join(' · '));
  } catch (error) {
    if (mine === generation) say(problemText(error), 'error');
  } finally {
    if (mine === generation) document.body.dataset.loading = 'false';
  }
}

async function addEntity(into: ViewModel, id: string): Promise<void> {
  const data = await orNotFound(graphql<{ entity: EntityDetails }>(ENTITY, { id }));
  if (data) addNeighborhood(into, [data.entity], [], false);
  else if (!into.missing.includes(id)) into.missing.push(id);
}

function draw(): Promise<void> {
  // The legend first: it lists what the view draws, so its height changes the graph's room.
  renderLegend(byId('legend'), model, state.expanded.length > 0);
  mapView.setMode(state.view ?? 'graph');
  render(
    cy,
    model,
    {
      expanded: new Set(state.expanded),
      endpoints: new Set([state.from, state.to].filter((id): id is string => !!id)),
      selected: state.selected,
    },
    { hidden: new Set(curation.hidden), pinned: curation.pinned, positions: curation.positions },
  );
  renderPaths(byId('path-panel'), model, state, nameOf);
  if (state.from && state.to)
    byId('path-panel').append(watchPathButton(state.from, state.to, state.filters.minCredibility, say));
  renderViewList(byId('view-list'), model, actions);
  byId('path-from').textContent = state.from ? nameOf(state.from) : '—';
  byId('path-to').textContent = state.to ? nameOf(state.to) : '—';
  byId<HTMLInputElement>('export-title').placeholder = defaultTitle(model, state);
  syncFilterControls();
  return Promise.all([
    showSelection(),
    showStart(),
    mapView.update(model, state.selected),
    showTimelineView(byId('timeline-view'), model, state, timelineActions),
  ]).then(() => undefined);
}

async function showSelection(): Promise<void> {
  const details = byId('details');
  const timeline = byId('timeline');
  const id = state.selected;
  if (!id) {
    curate.clear();
    details.replaceChildren(
      h(
        'p',
        { class: 'hint' },
        'Search for an entity, then click nodes to expand them. Click a link to read its evidence.',
      ),
    );
    timeline.replaceChildren();
    return;
  }
  try {
    const entity = (await orNotFound(graphql<{ entity: EntityDetails }>(ENTITY, { id })))?.entity;
    if (state.selected !== id) return;
    if (!entity) {
      details.replaceChildren(h('p', { class: 'hint' }, `No entity "${id}".`));
      return;
    }
    const inView = model.nodes.get(id);
    renderEntity(details, entity, actions, { label: inView?.label, marks: inView?.marks });
    curate.showEntity(id);
    details.append(watchEntityButton(id, say));
    if (entity.__typename === 'Actor') {
      // The view's period: asOf reads as the timeline's `to` (events begun by then), as the API documents.
      const { timeline: page } = await graphql<{ timeline: { totalCount: number; nodes: TimelineEntry[] } }>(TIMELINE, {
        actorId: id,
        from: state.filters.from ?? null,
        to: state.filters.asOf ?? state.filters.to ?? null,
      });
      if (state.selected === id) renderTimeline(timeline, entity.name, page.nodes, page.totalCount, actions);
    } else {
      timeline.replaceChildren();
    }
  } catch (error) {
    details.replaceChildren(h('p', { class: 'error' }, problemText(error)));
  }
}

cy.on('tap', 'node', (event) => actions.select(event.target.id()));
cy.on('tap', 'edge', (event) => showLink(event.target.id(), false));
// A node moved by hand keeps its place through the next layouts (and into a save).
cy.on('dragfree', 'node', (event) => {
  curation.positions.set(event.target.id(), { ...event.target.position() });
});

// ---- curation and saved investigations (curate-panel.ts) ---------------------------------------
const curate = createCuratePanel(
  {
    cy,
    state: () => state,
    model: () => model,
    curation: () => curation,
    replace: (next, nextCuration) => {
      curation = nextCuration;
      state = next;
      history.replaceState(null, '', `${location.pathname}${formatState(state)}`);
      void refresh();
    },
    update,
    redraw: () => void draw(),
    reload: () => void refresh(),
    say,
  },
  byId('curate-selection'),
  byId('investigation-panel'),
);

// The skip link after the search box: straight to the view as a list, opened, its links first.
const inView = byId<HTMLDetailsElement>('in-view');
byId('skip-to-list').addEventListener('click', (event) => {
  event.preventDefault();
  inView.open = true;
  inView.querySelector('summary')?.focus();
});

// ---- search with alias-aware suggestions (the API's search: "Kiev" finds Ukraine) ----------
const search = byId<HTMLInputElement>('search');
const suggestions = byId<HTMLUListElement>('suggestions');
let hits: Array<{ matched: string; entity: EntityRef }> = [];
let active = -1;
let searchTimer: ReturnType<typeof setTimeout> | undefined;

function showSuggestions(): void {
  suggestions.replaceChildren(
    ...hits.map((hit, index) => {
      const option = h(
        'li',
        {
          role: 'option',
          id: `suggestion-${index}`,
          'aria-selected': String(index === active),
          'data-id': hit.entity.id,
        },
        h('span', { class: 'name' }, hit.entity.name),
        h(
          'span',
          { class: 'meta' },
          ` ${hit.entity.__typename.toLowerCase()}${hit.matched !== hit.entity.name ? ` · matched “${hit.matched}”` : ''}`,
        ),
      );
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(index);
      });
      return option;
    }),
  );
  suggestions.hidden = hits.length === 0;
  search.setAttribute('aria-expanded', String(hits.length > 0));
  if (active >= 0) search.setAttribute('aria-activedescendant', `suggestion-${active}`);
  else search.removeAttribute('aria-activedescendant');
}

function choose(index: number): void {
  const hit = hits[index];
  if (!hit) return;
  hits = [];
  active = -1;
  showSuggestions();
  search.value = hit.entity.name;
  actions.select(hit.entity.id);
}

search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  const text = search.value.trim();
  if (text.length < 2) {
    hits = [];
    showSuggestions();
    return;
  }
  searchTimer = setTimeout(async () => {
    try {
      const data = await graphql<{ search: typeof hits }>(SEARCH, { query: text });
      if (search.value.trim() !== text) return;
      hits = data.search;
      active = hits.length > 0 ? 0 : -1;
      showSuggestions();
      if (hits.length === 0) say(`Nothing matches “${text}”.`);
    } catch (error) {
      say(problemText(error), 'error');
    }
  }, 200);
});

search.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (hits.length === 0) return;
    event.preventDefault();
    active = (active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
    showSuggestions();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    choose(Math.max(active, 0));
  } else if (event.key === 'Escape') {
    hits = [];
    showSuggestions();
  }
});
search.addEventListener('blur', () =>
  setTimeout(() => {
    hits = [];
    showSuggestions();
  }, 150),
);

// ---- filters, applied through the API's own arguments --------------------------------------
const typeBox = byId('type-filters');
typeBox.replaceChildren(
  ...RELATIONSHIP_TYPES.map((type) =>
    h(
      'label',
      { class: 'type-option' },
      h('input', { type: 'checkbox', value: type, name: 'relation-type' }),
      ` ${type.replace(/_/g, ' ').toLowerCase()}`,
    ),
  ),
);
const minCredibility = byId<HTMLSelectElement>('min-credibility');
const asOf = byId<HTMLInputElement>('as-of');

function syncFilterControls(): void {
  typeBox.querySelectorAll<HTMLInputElement>('input').forEach((box) => {
    box.checked = state.filters.types.includes(box.value);
  });
  minCredibility.value = state.filters.minCredibility ? String(state.filters.minCredibility) : '';
  if (document.activeElement !== asOf) asOf.value = state.filters.asOf ?? '';
}

function applyFilters(): void {
  const date = asOf.value.trim();
  if (date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) {
    say('“As of” takes a date as YYYY, YYYY-MM or YYYY-MM-DD.', 'error');
    asOf.setAttribute('aria-invalid', 'true');
    return;
  }
  asOf.removeAttribute('aria-invalid');
  update({
    filters: {
      types: [...typeBox.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value),
      minCredibility: minCredibility.value ? Number(minCredibility.value) : undefined,
      asOf: date || undefined,
      // A period brushed on the timeline stays until an asOf replaces it (the API takes one or the other).
      from: date ? undefined : state.filters.from,
      to: date ? undefined : state.filters.to,
    },
  });
}
typeBox.addEventListener('change', applyFilters);
minCredibility.addEventListener('change', applyFilters);
asOf.addEventListener('change', applyFilters);
byId('filters-form').addEventListener('submit', (event) => {
  event.preventDefault();
  applyFilters();
});
byId('reset-filters').addEventListener('click', () => update({ filters: { types: [] } }));

// ---- paths, view, export, sharing -------------------------------------------------------------
byId('clear-path').addEventListener('click', () => update({ from: undefined, to: undefined }));
byId('clear-view').addEventListener('click', () => {
  // A cleared view is a new one: saving it does not write over the investigation it was.
  curation = emptyCuration();
  curate.renderPanel();
  update({ expanded: [], selected: undefined, from: undefined, to: undefined, investigation: undefined });
});
byId('fit-view').addEventListener('click', () => cy.fit(undefined, 40));

async function guarded(task: () => Promise<void> | void, done: string): Promise<void> {
  try {
    await task();
    say(done);
  } catch (error) {
    say(problemText(error), 'error');
  }
}
// A report's title: the one typed, else one that says what the view shows (the field's placeholder).
const exportTitle = byId<HTMLInputElement>('export-title');
const head = () => reportHead(model, state, exportTitle.value);
byId('export-png').addEventListener('click', () => void guarded(() => exportPng(cy, head()), 'PNG exported.'));
byId('export-svg').addEventListener('click', () => void guarded(() => exportSvg(cy, head()), 'SVG exported.'));
byId('export-csv').addEventListener(
  'click',
  () => void guarded(() => exportEvidenceCsv(evidenceRows(model)), 'Evidence table exported (CSV).'),
);
byId('export-html').addEventListener(
  'click',
  () => void guarded(() => exportEvidenceHtml(cy, head(), evidenceRows(model)), 'Evidence page exported (HTML).'),
);
byId('export-bundle').addEventListener(
  'click',
  () => void guarded(() => exportBundle([...model.nodes.keys()], state.expanded), 'Bundle exported.'),
);
byId('copy-link').addEventListener(
  'click',
  () =>
    void guarded(async () => {
      await navigator.clipboard.writeText(location.href);
    }, 'Link to this view copied.'),
);

// ---- the key or token, typed once, kept for the browser session -------------------------------
const alerts = wireAlerts();
wireCredentialForm(() => {
  void refresh();
  void alerts.refresh();
});

syncFilterControls();
curate.renderPanel();
// A shared link (?investigation=ID) opens the investigation with its places and notes.
if (state.investigation) void curate.open(state.investigation);
else void refresh();
