import { h } from '../shared/dom';
import { MARKS, type LinkMark } from './contested';
import { ALL_NODE_LOOKS, GRADES, MARK_COLORS, MARK_ORDER, gradeLine, nodeLook } from './look';
import { gradeOf, type ViewModel } from './model';
import { credibilityInWords } from './words';

/**
 * The legend under the graph, generated from the tables the drawing uses (look.ts, contested.ts,
 * the vocabulary's grades) and listing what the view draws: each kind of entity, each mark, each
 * grade's line. Nothing in it is hand-written, so it cannot fall behind the drawing.
 */

const SVG = 'http://www.w3.org/2000/svg';

function svgElement(name: string, attributes: Record<string, string | number | undefined>): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined) element.setAttribute(key, String(value));
  return element;
}

/** Corners of a regular polygon in an 18×18 box, the first at the top (or a star's, alternating radii). */
function polygon(corners: number, inner?: number): string {
  const count = inner ? corners * 2 : corners;
  return Array.from({ length: count }, (_, index) => {
    const radius = inner && index % 2 === 1 ? inner : 8.5;
    const angle = -Math.PI / 2 + (index * 2 * Math.PI) / count;
    return `${(9 + radius * Math.cos(angle)).toFixed(1)},${(9 + radius * Math.sin(angle)).toFixed(1)}`;
  }).join(' ');
}

const POINTS: Readonly<Record<string, string>> = {
  triangle: polygon(3),
  diamond: polygon(4),
  pentagon: polygon(5),
  hexagon: polygon(6),
  heptagon: polygon(7),
  octagon: polygon(8),
  star: polygon(5, 3.6),
  vee: '0.5,1 9,6 17.5,1 9,17',
  rhomboid: '4,2 17.5,2 14,16 0.5,16',
};

/** A small picture of a node shape, in the colour the drawing uses. */
function shapeSwatch(shape: string, color: string, border?: string, dashedBorder = true): SVGElement {
  const picture = svgElement('svg', { class: 'swatch-svg', width: 18, height: 18, viewBox: '0 0 18 18' });
  const paint = { fill: color, stroke: border ?? 'none', 'stroke-width': border ? 2 : 0 };
  const dashed = border && dashedBorder ? { 'stroke-dasharray': '3 2' } : {};
  const points = POINTS[shape];
  const figure = points
    ? svgElement('polygon', { points, ...paint, ...dashed })
    : shape === 'ellipse'
      ? svgElement('circle', { cx: 9, cy: 9, r: 8, ...paint, ...dashed })
      : svgElement('rect', { x: 1, y: 3, width: 16, height: 12, rx: 4, ...paint, ...dashed });
  picture.append(figure);
  return picture;
}

/** A short line: its width and opacity, dashed with the mark's symbol for a marked link. */
function lineSwatch(color: string, width: number, opacity: number, dashed: boolean): SVGElement {
  const picture = svgElement('svg', { class: 'swatch-svg', width: 30, height: 18, viewBox: '0 0 30 18' });
  picture.append(
    svgElement('line', {
      x1: 1,
      y1: 9,
      x2: 29,
      y2: 9,
      stroke: color,
      'stroke-width': width,
      'stroke-opacity': opacity,
      ...(dashed ? { 'stroke-dasharray': '5 3' } : {}),
    }),
  );
  return picture;
}

function item(key: string, swatch: SVGElement, text: string): HTMLElement {
  const entry = h('li', { 'data-legend': key }, text);
  entry.prepend(swatch);
  return entry;
}

const NODE_MARK_WORDS: Readonly<Record<'contested' | 'hypothetical', string>> = {
  contested: 'dashed border: a contested allegation (denied or disputed)',
  hypothetical: 'dashed border: an event that did not happen (considered/planned/threatened)',
};

/** The legend's entries for what the view draws, in a fixed order. */
export function legendEntries(model: ViewModel, expanded: boolean): HTMLElement[] {
  const nodes = [...model.nodes.values()];
  const edges = [...model.edges.values()];
  const looks = new Set(nodes.map((node) => nodeLook(node).key));
  const nodeMarks = new Set(nodes.flatMap((node) => node.marks));
  const lineMarks = new Set<LinkMark>(edges.flatMap((edge) => edge.marks.slice(0, 1)));
  const grades = new Set(edges.map(gradeOf));
  const entries: HTMLElement[] = [
    ...ALL_NODE_LOOKS.filter((look) => looks.has(look.key)).map((look) =>
      item(look.key, shapeSwatch(look.shape, look.color), look.label),
    ),
    ...(['contested', 'hypothetical'] as const)
      .filter((mark) => nodeMarks.has(mark))
      .map((mark) =>
        item(`node-mark:${mark}`, shapeSwatch('ellipse', '#ffffff', MARK_COLORS[mark]), NODE_MARK_WORDS[mark]),
      ),
  ];
  if (edges.some((edge) => edge.marks.length === 0))
    entries.push(item('line:reported', lineSwatch('#6b7280', 2, 1, false), 'reported link'));
  for (const mark of MARK_ORDER.filter((drawn) => lineMarks.has(drawn)))
    entries.push(
      item(`mark:${mark}`, lineSwatch(MARK_COLORS[mark], 2, 1, true), `${MARKS[mark].symbol} ${MARKS[mark].words}`),
    );
  for (const grade of GRADES.filter((drawn) => grades.has(drawn))) {
    const line = gradeLine(grade);
    entries.push(
      item(
        `grade:${grade}`,
        lineSwatch('#6b7280', line.width, line.opacity, false),
        `line width: ${credibilityInWords(grade)}`,
      ),
    );
  }
  if (model.bestKeys.size > 0) entries.push(item('path:best', lineSwatch('#1d4ed8', 5, 1, false), 'shortest path'));
  if (model.alternativeKeys.size > 0)
    entries.push(item('path:alternative', lineSwatch('#60a5fa', 3.5, 1, false), 'next best paths'));
  if (expanded) entries.push(item('node:expanded', shapeSwatch('ellipse', '#ffffff', '#1f2328', false), 'expanded'));
  return entries;
}

export function renderLegend(container: HTMLElement, model: ViewModel, expanded: boolean): void {
  container.replaceChildren(...legendEntries(model, expanded));
  container.hidden = container.childElementCount === 0;
}
