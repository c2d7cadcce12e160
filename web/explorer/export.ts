import type { Core } from 'cytoscape';
import { graphql } from '../shared/api';
import { EXPORT_BUNDLE, EXPORT_MAX_IDS } from './queries';

/** Downloads of the current view: a picture (PNG, SVG) or the data (a bundle that imports). */

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

export async function exportPng(cy: Core): Promise<void> {
  const blob = await cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' });
  download(blob, `sahel-graph-view-${stamp()}.png`);
}

export function exportSvg(cy: Core): void {
  const text = (cy as Core & { svg(options: Record<string, unknown>): string }).svg({
    full: true,
    scale: 1,
    bg: '#ffffff',
  });
  download(new Blob([text], { type: 'image/svg+xml' }), `sahel-graph-view-${stamp()}.svg`);
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
