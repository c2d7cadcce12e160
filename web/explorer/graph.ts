import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import svg from 'cytoscape-svg';
import { MARKS } from './contested';
import { MARK_ARROWS, MARK_COLORS, MARK_ORDER, gradeLine, nodeLook } from './look';
import { gradeOf, named, type ViewModel } from './model';
import { verbOf } from './words';

/**
 * The drawing: cytoscape.js on a canvas, styled from look.ts. Colour says the kind of entity,
 * shape the kind of actor (or of entity); an allegation that is contested or an event that did
 * not happen has a dashed border. A line's width and opacity say its grade; a dashed line with a
 * marker mid-way says the link is not an established fact (see contested.ts): a hollow diamond
 * for a claim, a filled one for a contested claim, a hollow circle for an event that did not
 * happen. Parallel links curve apart. The best path is thick dark blue, the next best lighter.
 */

cytoscape.use(svg);

/** The dashed line, marker and colour of each mark, from look.ts (later marks override earlier). */
const MARK_STYLES: StylesheetJson = MARK_ORDER.map((mark) => ({
  selector: `edge.${mark}`,
  style: {
    'line-style': 'dashed',
    'line-dash-pattern': [6, 4],
    'line-color': MARK_COLORS[mark],
    'target-arrow-color': MARK_COLORS[mark],
    'mid-target-arrow-shape': MARK_ARROWS[mark].shape as never,
    'mid-target-arrow-color': MARK_COLORS[mark],
    'mid-target-arrow-fill': MARK_ARROWS[mark].fill,
    'arrow-scale': 1.2,
    color: MARK_COLORS[mark],
  },
}));

/** A contested allegation, an event that did not happen: a dashed border in the mark's colour. */
const NODE_MARK_STYLES: StylesheetJson = (['contested', 'hypothetical'] as const).map((mark) => ({
  selector: `node.${mark}`,
  style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': MARK_COLORS[mark] },
}));

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      'text-wrap': 'wrap',
      'text-max-width': '130px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      color: '#1f2328',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': '1px',
      width: 26,
      height: 26,
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  ...NODE_MARK_STYLES,
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1f2328' } },
  // Pinned: fixed where it stands (curate.ts); a double border says it will not move.
  { selector: 'node.pinned', style: { 'border-width': 4, 'border-style': 'double', 'border-color': '#7c3aed' } },
  { selector: 'node.endpoint', style: { width: 34, height: 34, 'border-width': 4, 'border-color': '#1d4ed8' } },
  { selector: 'node:selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      opacity: 'data(opacity)' as never,
      // Parallel links (the blockade both occurred in and disrupts Kayes) curve apart, so each
      // can be seen and clicked on its own.
      'curve-style': 'bezier',
      'control-point-step-size': 60,
      'line-color': '#6b7280',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#6b7280',
      'arrow-scale': 0.9,
      label: 'data(label)',
      'font-size': 8,
      'font-family': 'system-ui, sans-serif',
      color: '#4b5563',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
    },
  },
  ...MARK_STYLES,
  {
    selector: 'edge.path-alt',
    style: { width: 3.5, opacity: 1, 'line-color': '#60a5fa', 'target-arrow-color': '#60a5fa', 'z-index': 5 },
  },
  {
    selector: 'edge.path-best',
    style: { width: 5, opacity: 1, 'line-color': '#1d4ed8', 'target-arrow-color': '#1d4ed8', 'z-index': 10 },
  },
  { selector: '.dim', style: { opacity: 0.3 } },
];

/** A node's caption: its name (qualified where two in view share it), shortened. */
export function nodeLabel(name: string, kind: string): string {
  const short = name.length > 40 ? `${name.slice(0, 38)}…` : name;
  return kind === 'Allegation' ? `Allegation: ${short}` : short;
}

export function createGraph(container: HTMLElement): Core {
  return cytoscape({
    container,
    style: STYLE,
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    selectionType: 'single',
  });
}

/** The curation the drawing applies (curate.ts): entities set aside, pinned, and places to keep. */
export interface DrawCuration {
  hidden: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  positions: ReadonlyMap<string, { x: number; y: number }>;
}

const NO_CURATION: DrawCuration = { hidden: new Set(), pinned: new Set(), positions: new Map() };

/** Brings the drawing in line with the model, keeping the places of nodes already drawn. */
export function render(
  cy: Core,
  model: ViewModel,
  marks: { expanded: Set<string>; endpoints: Set<string>; selected?: string },
  curation: DrawCuration = NO_CURATION,
): void {
  const elements: ElementDefinition[] = [];
  for (const node of model.nodes.values()) {
    if (curation.hidden.has(node.id)) continue;
    const look = nodeLook(node);
    elements.push({
      group: 'nodes',
      data: {
        id: node.id,
        label: nodeLabel(node.label, node.kind),
        kind: node.kind,
        legend: look.key,
        shape: look.shape,
        color: look.color,
      },
      classes: node.marks.filter((mark) => mark !== 'claim'),
    });
  }
  for (const edge of model.edges.values()) {
    if (curation.hidden.has(edge.source) || curation.hidden.has(edge.target)) continue;
    // The strongest reason picks the marker; every reason is in the side panel.
    const mark = edge.marks[0];
    const classes = [
      ...(mark ? ['marked', mark] : []),
      model.bestKeys.has(edge.key) ? 'path-best' : model.alternativeKeys.has(edge.key) ? 'path-alt' : '',
    ].filter(Boolean);
    const grade = gradeOf(edge);
    const verb = verbOf(named(model, edge.source), edge.type, named(model, edge.target), edge.role);
    elements.push({
      group: 'edges',
      data: {
        id: edge.key,
        source: edge.source,
        target: edge.target,
        type: edge.type,
        grade,
        ...gradeLine(grade),
        label: mark ? `${verb} ${MARKS[mark].symbol}` : verb,
      },
      classes,
    });
  }
  const wanted = new Set(elements.map((element) => String(element.data.id)));
  // The legend above may have grown or shrunk: the canvas takes the room the page now gives it.
  cy.resize();
  cy.batch(() => {
    cy.elements()
      .filter((element) => !wanted.has(element.id()))
      .remove();
    for (const element of elements) {
      const id = String(element.data.id);
      const existing = cy.getElementById(id);
      if (existing.nonempty()) {
        existing.data(element.data);
        existing.classes(Array.isArray(element.classes) ? element.classes : []);
        continue;
      }
      if (element.group === 'nodes') {
        // A new node starts beside a drawn neighbour, so the layout only has to settle it.
        const anchor = [...model.edges.values()]
          .filter((edge) => edge.source === id || edge.target === id)
          .map((edge) => cy.getElementById(edge.source === id ? edge.target : edge.source))
          .find((node) => node.nonempty());
        const at = anchor?.position() ?? { x: 0, y: 0 };
        cy.add({
          ...element,
          // A kept place (a saved view's, a pinned or moved node's) is used as is: no random start.
          position: curation.positions.get(id) ?? {
            x: at.x + (Math.random() - 0.5) * 80,
            y: at.y + (Math.random() - 0.5) * 80,
          },
        });
      }
    }
    for (const element of elements) {
      if (element.group === 'edges' && cy.getElementById(String(element.data.id)).empty()) cy.add(element);
    }
    cy.nodes().forEach((node) => {
      node.toggleClass('expanded', marks.expanded.has(node.id()));
      node.toggleClass('endpoint', marks.endpoints.has(node.id()));
    });
    const onPath = model.bestKeys.size + model.alternativeKeys.size > 0;
    const pathNodes = new Set<string>();
    for (const key of [...model.bestKeys, ...model.alternativeKeys]) {
      const edge = model.edges.get(key);
      if (edge) pathNodes.add(edge.source).add(edge.target);
    }
    cy.elements().forEach((element) => {
      const dim =
        onPath &&
        !pathNodes.has(element.id()) &&
        !model.bestKeys.has(element.id()) &&
        !model.alternativeKeys.has(element.id());
      element.toggleClass('dim', dim);
    });
    cy.elements().unselect();
    if (marks.selected) cy.getElementById(marks.selected).select();
  });
  layout(cy, curation);
}

/**
 * Lays the drawing out around the kept places: nodes with one are put there and locked while the
 * rest settle (cose moves no locked node), then unlocked unless pinned. When every node has a
 * kept place there is nothing to lay out: the same saved view is drawn the same way on every load.
 */
function layout(cy: Core, curation: DrawCuration): void {
  const kept = cy.nodes().filter((node) => curation.positions.has(node.id()));
  kept.forEach((node) => {
    node.unlock();
    node.position({ ...curation.positions.get(node.id())! });
    node.lock();
  });
  const release = () =>
    cy.nodes().forEach((node) => {
      const pinned = curation.pinned.has(node.id());
      node.toggleClass('pinned', pinned);
      if (pinned) node.lock();
      else node.unlock();
    });
  if (kept.length === cy.nodes().length) {
    release();
    cy.fit(undefined, 30);
    return;
  }
  const running = cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: true,
    padding: 30,
    nodeRepulsion: () => 400_000,
    nodeOverlap: 20,
    idealEdgeLength: () => 90,
    edgeElasticity: () => 100,
    gravity: 60,
    componentSpacing: 80,
    numIter: 1000,
  });
  running.one('layoutstop', release);
  running.run();
}
