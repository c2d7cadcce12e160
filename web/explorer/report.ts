import { markInWords, reasonsToSay } from './contested';
import type { ViewEdge, ViewModel } from './model';
import type { SourceRef } from './queries';
import type { ViewState } from './state';
import { credibilityInWords, sentence } from './words';

/**
 * What a report-ready export says besides the picture: its title, when, the filters in force, and
 * the evidence table (one row per link in view). The PNG/SVG header, the CSV and the printable
 * HTML page all read these, so they cannot say different things.
 */

export interface ReportHead {
  title: string;
  /** "2026-12-06 14:05 UTC". */
  date: string;
  /** One line per filter (and the path asked, and what is expanded), in words. */
  filters: string[];
}

export interface EvidenceRow {
  /** The API's relationship id (TYPE:from->to): a row can be found again in the graph. */
  link: string;
  sentence: string;
  /** "◆ contested claim (denied or disputed)": why the link is not an established fact; empty if it is. */
  marks: string;
  /** The link's own grade; for a claim link, the grade of the report that the claim was made. */
  grade: string;
  /** A claim link's grade of what the claim says (empty for other links). */
  claimGrade: string;
  /** Each source with its reliability: "Title (publisher, date), reliability C: fairly reliable". */
  sources: string;
  excerpt: string;
  /** "from 2012 until 2013", when the link is bounded in time. */
  valid: string;
}

function nameOf(model: ViewModel, id: string): string {
  return model.nodes.get(id)?.name ?? id;
}

export function defaultTitle(model: ViewModel, state: ViewState): string {
  if (state.from && state.to) return `Paths from ${nameOf(model, state.from)} to ${nameOf(model, state.to)}`;
  const around = state.expanded.map((id) => nameOf(model, id));
  if (around.length > 0) return `Around ${around.slice(0, 4).join(', ')}${around.length > 4 ? ' …' : ''}`;
  return 'sahel-graph view';
}

export function reportHead(model: ViewModel, state: ViewState, title: string, now = new Date()): ReportHead {
  const { types, minCredibility, asOf } = state.filters;
  const filters = [
    `Relationship types: ${types.length > 0 ? types.map((type) => type.replace(/_/g, ' ').toLowerCase()).join(', ') : 'all but evidence links'}`,
    `Minimum credibility: ${minCredibility ? `${credibilityInWords(minCredibility)}, or better` : 'any'}`,
    `As of: ${asOf ?? 'any time (no date filter)'}`,
  ];
  const { from, to } = state.filters;
  if (from || to) filters.push(`Period: ${from ?? 'any time'} – ${to ?? 'any time'} (brushed on the timeline)`);
  if (state.from && state.to) filters.push(`Path: ${nameOf(model, state.from)} → ${nameOf(model, state.to)}`);
  if (state.expanded.length > 0) filters.push(`Expanded: ${state.expanded.map((id) => nameOf(model, id)).join(', ')}`);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  filters.push(
    `In view: ${count(model.nodes.size, 'entity', 'entities')}, ${count(model.edges.size, 'link', 'links')}`,
  );
  return {
    title: title.trim() || defaultTitle(model, state),
    date: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    filters,
  };
}

function sourceInWords(source: SourceRef): string {
  const where = [source.publisher, source.published?.value].filter(Boolean).join(', ');
  return `${source.title}${where ? ` (${where})` : ''}, reliability ${source.reliability}: ${source.reliabilityMeaning}`;
}

/** The links from an allegation to what it alleges: what they say is the claim's. */
const CLAIM_LINK_TYPES: ReadonlySet<string> = new Set(['ACCUSES', 'CONCERNS']);

/**
 * The claim's grade of a claim link. A path's hop brings it from the API (the worse of the link's
 * and the claim's grade, as the path panel shows); a neighbourhood's link out of an allegation to
 * what it alleges gets the same rule from the allegation's own claim grade.
 */
function claimCredibility(model: ViewModel, edge: ViewEdge): number | undefined {
  if (edge.claimCredibility !== undefined) return edge.claimCredibility;
  const claim = model.nodes.get(edge.source);
  if (claim?.kind !== 'Allegation' || !CLAIM_LINK_TYPES.has(edge.type) || claim.claimCredibility === undefined)
    return undefined;
  return Math.max(edge.credibility, claim.claimCredibility);
}

function row(model: ViewModel, edge: ViewEdge): EvidenceRow {
  const named = (id: string) => ({ name: nameOf(model, id), __typename: model.nodes.get(id)?.kind });
  const claim = claimCredibility(model, edge);
  return {
    link: edge.key,
    sentence: edge.sentence ?? sentence(named(edge.source), edge.type, named(edge.target), edge.role),
    marks: reasonsToSay(edge.marks).map(markInWords).join('; '),
    grade: credibilityInWords(edge.credibility),
    claimGrade: claim === undefined ? '' : credibilityInWords(claim),
    sources: edge.sources.map(sourceInWords).join('; '),
    excerpt: edge.excerpt,
    valid: [edge.validFrom && `from ${edge.validFrom}`, edge.validTo && `until ${edge.validTo}`]
      .filter(Boolean)
      .join(' '),
  };
}

/** Every link in view: the best path's hops first, in their order, then the others as drawn. */
export function evidenceRows(model: ViewModel): EvidenceRow[] {
  const edges = [...model.edges.values()];
  const first = [...model.bestKeys].flatMap((key) => edges.filter((edge) => edge.key === key));
  return [...first, ...edges.filter((edge) => !model.bestKeys.has(edge.key))].map((edge) => row(model, edge));
}
