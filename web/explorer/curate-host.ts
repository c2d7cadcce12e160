import type { Core } from 'cytoscape';
import { h } from '../shared/dom';
import type { Curation, Point } from './curate';
import type { InvestigationSummary } from './investigation-queries';
import type { ViewModel } from './model';
import type { ViewState } from './state';

/** What the curation controls (curate-panel.ts, investigation-panel.ts) need of the page (main.ts). */
export interface CurateHost {
  cy: Core;
  state(): ViewState;
  model(): ViewModel;
  curation(): Curation;
  /** Replaces the curation and the view (an investigation opened). */
  replace(state: ViewState, curation: Curation): void;
  update(change: Partial<ViewState>): void;
  /** Draws again what the view holds (curation only changed). */
  redraw(): void;
  /** Asks the API again (what to draw changed: an expansion, the set to connect). */
  reload(): void;
  say(message: string, kind?: 'info' | 'error'): void;
}

export function action(label: string, onClick: () => void, id?: string): HTMLButtonElement {
  const element = h('button', { type: 'button', id }, label);
  element.addEventListener('click', onClick);
  return element;
}

/** Where every drawn node stands now. */
export function drawnPositions(cy: Core): Map<string, Point> {
  return new Map(cy.nodes().map((node) => [node.id(), { ...node.position() }]));
}

/** Saved investigations as buttons that open them (the panel's list, the start page's). */
export function savedItems(items: InvestigationSummary[], open: (id: string) => void): HTMLElement[] {
  return items.map((item) => {
    const button = h('button', { type: 'button', class: 'as-link', 'data-id': item.id }, item.name);
    button.addEventListener('click', () => open(item.id));
    const meta = ` · ${item.author}, v${item.version}, ${item.updatedAt.slice(0, 10)} · TLP:${item.tlp}`;
    return h('li', { 'data-id': item.id }, button, h('span', { class: 'meta' }, meta));
  });
}
