import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { MARKS, type LinkMark } from './contested';
import type { ReportHead } from './report';
import { escapeMarkup } from './report-files';

/**
 * The picture for a report: the drawing with a title, the date and the filters above it and a
 * legend under it, as one SVG whose words are real <text> elements (searchable, selectable,
 * testable); the PNG is that SVG rasterised. The legend is read from the drawing itself (the
 * colour, shape and line of an element of each kind in view), so it shows what the picture uses.
 */

interface LegendEntry {
  label: string;
  color: string;
  /** A node's cytoscape shape, or absent for a line. */
  shape?: string;
  dashed?: boolean;
  width?: number;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  Actor: 'actor',
  Location: 'place',
  Event: 'event',
  Allegation: 'allegation',
  Source: 'source',
};

function nodeEntry(node: NodeSingular): LegendEntry {
  const kind = String(node.data('kind') ?? '');
  return {
    label: KIND_WORDS[kind] ?? kind.toLowerCase(),
    color: String(node.style('background-color')),
    shape: String(node.style('shape')),
  };
}

function lineEntry(edge: EdgeSingular, label: string): LegendEntry {
  return {
    label,
    color: String(edge.style('line-color')),
    dashed: String(edge.style('line-style')) !== 'solid',
    width: Math.min(parseFloat(String(edge.style('width'))) || 1.5, 5),
  };
}

/** One entry per kind of node and per kind of line in view, in the order a reader needs them. */
export function legendOf(cy: Core): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const seen = new Set<string>();
  cy.nodes().forEach((node) => {
    const entry = nodeEntry(node);
    const key = `${entry.label}|${entry.color}|${entry.shape}`;
    if (!seen.has(key)) entries.push(entry);
    seen.add(key);
  });
  const plain = (edge: EdgeSingular) => !edge.hasClass('path-best') && !edge.hasClass('path-alt');
  // An edge of that kind off the paths where there is one: on a path, the path's colour wins.
  const sample = (selector: string): EdgeSingular | undefined => {
    const edges = cy.edges(selector);
    const off = edges.filter(plain);
    return ((off.nonempty() ? off : edges).first() as EdgeSingular | undefined) ?? undefined;
  };
  const lines: Array<[string, string]> = [
    ['edge:not(.marked)', 'reported link'],
    ...(['claim', 'contested', 'hypothetical'] as LinkMark[]).map((mark): [string, string] => [
      `edge.${mark}`,
      `${MARKS[mark].symbol} ${MARKS[mark].words}`,
    ]),
    ['edge.path-best', 'shortest path (best-evidenced)'],
    ['edge.path-alt', 'next best paths'],
  ];
  for (const [selector, label] of lines) {
    const edge = sample(selector);
    if (edge?.nonempty()) entries.push(lineEntry(edge, label));
  }
  return entries;
}

function swatch(entry: LegendEntry, x: number, y: number): string {
  const fill = escapeMarkup(entry.color);
  if (entry.shape === undefined) {
    const dash = entry.dashed ? ' stroke-dasharray="6 4"' : '';
    return `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${fill}" stroke-width="${entry.width ?? 1.5}"${dash}/>`;
  }
  const cx = x + 14;
  if (entry.shape === 'ellipse') return `<circle cx="${cx}" cy="${y}" r="7" fill="${fill}"/>`;
  if (entry.shape === 'diamond')
    return `<polygon points="${cx},${y - 8} ${cx + 8},${y} ${cx},${y + 8} ${cx - 8},${y}" fill="${fill}"/>`;
  if (entry.shape === 'hexagon')
    return `<polygon points="${cx - 8},${y} ${cx - 4},${y - 7} ${cx + 4},${y - 7} ${cx + 8},${y} ${cx + 4},${y + 7} ${cx - 4},${y + 7}" fill="${fill}"/>`;
  return `<rect x="${cx - 8}" y="${y - 7}" width="16" height="14" rx="3" fill="${fill}"/>`;
}

const LINE = 18;

/** The report's SVG: header, the drawing (cytoscape-svg's, nested), legend. */
export function pictureSvg(cy: Core, head: ReportHead): string {
  const drawn = (cy as Core & { svg(options: Record<string, unknown>): string }).svg({
    full: true,
    scale: 1,
    bg: '#ffffff',
  });
  const graph = new DOMParser().parseFromString(drawn, 'image/svg+xml').documentElement;
  const graphWidth = parseFloat(graph.getAttribute('width') ?? '') || 600;
  const graphHeight = parseFloat(graph.getAttribute('height') ?? '') || 400;
  const width = Math.max(Math.ceil(graphWidth) + 40, 720);
  const headerHeight = 70 + head.filters.length * LINE;
  graph.setAttribute('x', String(Math.round((width - graphWidth) / 2)));
  graph.setAttribute('y', String(headerHeight));
  const legend = legendOf(cy);
  const columns = width >= 900 ? 3 : 2;
  const rows = Math.ceil(legend.length / columns);
  const legendTop = headerHeight + graphHeight + 30;
  const height = Math.ceil(legendTop + 26 + rows * LINE + 20);
  const text = (x: number, y: number, words: string, attributes = '') =>
    `<text x="${x}" y="${y}"${attributes}>${escapeMarkup(words)}</text>`;
  const columnWidth = (width - 40) / columns;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" fill="#1f2328">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="report-head">`,
    text(20, 32, head.title, ' class="title" font-size="20" font-weight="bold"'),
    text(20, 54, `Exported from sahel-graph on ${head.date}`, ' class="date" font-size="12" fill="#57606a"'),
    ...head.filters.map((line, i) => text(20, 76 + i * LINE, line, ' class="filter" font-size="12"')),
    `</g>`,
    new XMLSerializer().serializeToString(graph),
    `<g class="legend" font-size="12">`,
    text(20, legendTop + 12, 'Legend', ' class="legend-title" font-weight="bold"'),
    ...legend.map((entry, i) => {
      const x = 20 + (i % columns) * columnWidth;
      const y = legendTop + 30 + Math.floor(i / columns) * LINE;
      return `<g class="legend-entry">${swatch(entry, x, y - 4)}${text(x + 36, y, entry.label)}</g>`;
    }),
    `</g>`,
    `</svg>`,
  ].join('\n');
}

/** The SVG rasterised at twice its size (the CSP allows blob: images; nothing leaves the page). */
export async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the picture (no 2D canvas).');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
