import { kindOf, type NodeRecord } from '../../entities/entity.mapper';
import type { RelationshipRecordRow } from './bundle.export';

/**
 * GraphML (Gephi, yEd) and CSV renderings of graph pages. Both are written piece by piece so a
 * whole-graph export never holds the document in memory at once.
 */

const xml = (value: unknown) =>
  String(value).replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const NODE_KEYS = ['kind', 'label', 'name', 'aliases', 'type', 'credibility', 'reliability', 'sourceIds'] as const;
const EDGE_KEYS = ['type', 'credibility', 'excerpt', 'sourceIds', 'validFrom', 'validTo', 'role'] as const;

const text = (value: unknown) =>
  Array.isArray(value) ? value.join('; ') : value === null || value === undefined ? '' : String(value);

function nodeFields(node: NodeRecord): Record<(typeof NODE_KEYS)[number], string> {
  const p = node.props;
  return {
    kind: kindOf(node.labels),
    label: node.labels.filter((l) => l !== 'Entity').join(':'),
    name: text(p.name),
    aliases: text(p.aliases),
    type: text(p.kind ?? p.type),
    credibility: text(p.credibility),
    reliability: text(p.reliability),
    sourceIds: text(p.sourceIds),
  };
}

function edgeFields(rel: RelationshipRecordRow): Record<(typeof EDGE_KEYS)[number], string> {
  const p = rel.props;
  return {
    type: rel.type,
    credibility: text(p.credibility),
    excerpt: text(p.excerpt),
    sourceIds: text(p.sourceIds),
    validFrom: text(p.validFrom),
    validTo: text(p.validTo),
    role: text(p.role),
  };
}

export function graphmlHeader(): string {
  const keys = [
    ...NODE_KEYS.map((key) => `  <key id="n_${key}" for="node" attr.name="${key}" attr.type="string"/>`),
    ...EDGE_KEYS.map((key) => `  <key id="e_${key}" for="edge" attr.name="${key}" attr.type="string"/>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
${keys.join('\n')}
  <graph id="sahel-graph" edgedefault="directed">
`;
}

export function graphmlNodes(nodes: NodeRecord[]): string {
  return nodes
    .map((node) => {
      const data = Object.entries(nodeFields(node)).map(([key, value]) => `<data key="n_${key}">${xml(value)}</data>`);
      return `    <node id="${xml(node.props.id)}">${data.join('')}</node>\n`;
    })
    .join('');
}

export function graphmlEdges(relationships: RelationshipRecordRow[]): string {
  return relationships
    .map((rel) => {
      const data = Object.entries(edgeFields(rel)).map(([key, value]) => `<data key="e_${key}">${xml(value)}</data>`);
      return `    <edge id="${xml(rel.props.id)}" source="${xml(rel.fromId)}" target="${xml(rel.toId)}">${data.join('')}</edge>\n`;
    })
    .join('');
}

export const GRAPHML_FOOTER = '  </graph>\n</graphml>\n';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a
 * leading apostrophe (OWASP's advice against CSV injection): excerpts and names are text written
 * by curators and importers, and an analyst opens this file in Excel or LibreOffice.
 */
const defuseFormula = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
export const csvCell = (value: string) => quote(defuseFormula(value));
const csvLine = (cells: string[]) => cells.map(csvCell).join(',') + '\n';

export const NODES_CSV_HEADER = csvLine(['id', ...NODE_KEYS]);
export const EDGES_CSV_HEADER = csvLine(['id', 'source', 'target', ...EDGE_KEYS]);

export function nodesCsv(nodes: NodeRecord[]): string {
  return nodes.map((node) => csvLine([String(node.props.id), ...Object.values(nodeFields(node))])).join('');
}

export function edgesCsv(relationships: RelationshipRecordRow[]): string {
  return relationships
    .map((rel) => csvLine([String(rel.props.id), rel.fromId, rel.toId, ...Object.values(edgeFields(rel))]))
    .join('');
}
