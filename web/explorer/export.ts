import type { Core } from 'cytoscape';
import { graphql } from '../shared/api';
import { pictureSvg, svgToPng } from './picture';
import { EXPORT_BUNDLE, EXPORT_MAX_IDS } from './queries';
import type { EvidenceRow, ReportHead } from './report';
import { evidenceCsv, evidenceHtml } from './report-files';

/**
 * Downloads of the current view: a picture for a report (PNG, SVG), its evidence table (CSV, a
 * printable HTML page), or the data (a bundle that imports).
 */

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/** The picture with its title, date, filters and legend (picture.ts). */
export async function exportPng(cy: Core, head: ReportHead): Promise<void> {
  download(await svgToPng(pictureSvg(cy, head)), `sahel-graph-view-${stamp()}.png`);
}

export function exportSvg(cy: Core, head: ReportHead): void {
  download(new Blob([pictureSvg(cy, head)], { type: 'image/svg+xml' }), `sahel-graph-view-${stamp()}.svg`);
}

/** The evidence table of the links in view, for a spreadsheet. */
export function exportEvidenceCsv(rows: readonly EvidenceRow[]): void {
  download(new Blob([evidenceCsv(rows)], { type: 'text/csv;charset=utf-8' }), `sahel-graph-evidence-${stamp()}.csv`);
}

/**
 * The printable page: downloaded, not opened in a tab of this service, where the service's CSP
 * (style-src 'self') would refuse the page's own stylesheet; it carries its own policy instead.
 */
export function exportEvidenceHtml(cy: Core, head: ReportHead, rows: readonly EvidenceRow[]): void {
  const html = evidenceHtml(head, rows, pictureSvg(cy, head));
  download(new Blob([html], { type: 'text/html;charset=utf-8' }), `sahel-graph-evidence-${stamp()}.html`);
}

/**
 * The entities in view and the relationships among them, as the API's exportBundle gives them; a
 * view larger than exportBundle's id cap exports the expanded entities with their neighbours.
 */
export async function exportBundle(inView: string[], expanded: string[]): Promise<void> {
  const whole = inView.length <= EXPORT_MAX_IDS;
  const ids = whole ? inView : expanded.slice(0, EXPORT_MAX_IDS);
  const data = await graphql<{ exportBundle: unknown }>(EXPORT_BUNDLE, { ids, depth: whole ? 0 : 1 });
  download(
    new Blob([JSON.stringify(data.exportBundle, null, 2)], { type: 'application/json' }),
    `sahel-graph-bundle-${stamp()}.json`,
  );
}
