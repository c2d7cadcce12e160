import { isPartialDate } from '../../src/model/partial-date';
import type { Filters } from './queries';

/**
 * Everything that decides what the explorer shows, and nothing else: the entities expanded, the
 * one selected, the two ends of a path and the filters. It round-trips through the URL's query
 * string, so a copied address reproduces the view.
 */
/** What the canvas shows: the graph, the map instead of it, or both side by side. */
export type ExplorerView = 'graph' | 'map' | 'both';
const VIEWS: readonly string[] = ['graph', 'map', 'both'];

export interface ViewState {
  expanded: string[];
  selected?: string;
  from?: string;
  to?: string;
  filters: Filters;
  /** The saved investigation this view opens (curate.ts): its places, notes and curation. */
  investigation?: string;
  /** Unset: the graph alone. */
  view?: ExplorerView;
}

const ID = /^[a-z0-9][a-z0-9._:-]{0,199}$/i;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const TYPE = /^[A-Z_]{2,40}$/;

function ids(text: string | null): string[] {
  return [...new Set((text ?? '').split(',').filter((part) => ID.test(part)))].slice(0, 20);
}

/** An entity id from an address, or undefined when it is not shaped like one (also the documents page's). */
export function id(text: string | null): string | undefined {
  return text && ID.test(text) ? text : undefined;
}

/** Reads a view from a query string, dropping anything malformed rather than failing. */
export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const minCredibility = Number(params.get('minCredibility'));
  const asOf = params.get('asOf') ?? '';
  const view = params.get('view') ?? '';
  // The timeline's period; the API takes it or asOf, not both, so asOf wins in a mixed address.
  const period = (name: string) => {
    const value = params.get(name) ?? '';
    // A real date (no month 13), or the API would refuse the whole view.
    return isPartialDate(value) && !PARTIAL_DATE.test(asOf) ? value : undefined;
  };
  return {
    expanded: ids(params.get('expand')),
    selected: id(params.get('select')),
    from: id(params.get('from')),
    to: id(params.get('to')),
    filters: {
      types: (params.get('types') ?? '').split(',').filter((type) => TYPE.test(type)),
      minCredibility:
        Number.isInteger(minCredibility) && minCredibility >= 1 && minCredibility <= 6 ? minCredibility : undefined,
      asOf: PARTIAL_DATE.test(asOf) ? asOf : undefined,
      from: period('dateFrom'),
      to: period('dateTo'),
    },
    investigation: id(params.get('investigation')),
    view: VIEWS.includes(view) && view !== 'graph' ? (view as ExplorerView) : undefined,
  };
}

export function formatState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.expanded.length > 0) params.set('expand', state.expanded.join(','));
  if (state.selected) params.set('select', state.selected);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.filters.types.length > 0) params.set('types', state.filters.types.join(','));
  if (state.filters.minCredibility) params.set('minCredibility', String(state.filters.minCredibility));
  if (state.filters.asOf) params.set('asOf', state.filters.asOf);
  if (state.investigation) params.set('investigation', state.investigation);
  if (state.view && state.view !== 'graph') params.set('view', state.view);
  if (state.filters.from) params.set('dateFrom', state.filters.from);
  if (state.filters.to) params.set('dateTo', state.filters.to);
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
