import { EventStatus, HYPOTHETICAL_EVENT_STATUSES } from '../../src/model/vocabulary';
import { graphql, problemText } from '../shared/api';
import { h } from '../shared/dom';
import { MARKS } from './contested';
import { MARK_COLORS, nodeLook } from './look';
import type { ViewModel } from './model';
import { TIMELINE_EVENTS, type Filters, type TimelineEventData } from './queries';
import {
  brushPeriod,
  datedLanes,
  domainOf,
  isoOf,
  keptByPeriod,
  periodDays,
  scaleOf,
  spanOf,
  stepPeriod,
  ticksOf,
  undatedOrder,
  type AxisEvent,
  type Domain,
  type PeriodFilter,
  type Scale,
} from './timeline-axis';
import './timeline-view.css';

/**
 * The timeline as a view of the graph: the events among the drawn entities on a time axis (SVG),
 * coloured by status, a partial date drawn over its whole period, undated events in a lane of
 * their own in the order their FOLLOWS links give. Brushing a stretch of the axis (mouse drag, or
 * the arrow keys and Enter on the focused axis) sets the view's period (`from`–`to`, which the
 * API's traversals take) and so re-asks the graph; clicking an event selects it in the graph.
 */

type Pending = { from: string; to: string } | null;

export interface TimelineViewActions {
  select(id: string): void;
  /** A period to read the graph in (the API's from–to), or null to clear it. */
  setPeriod(period: { from: string; to: string } | null): void;
}

/** How each status is drawn: facts filled, what did not happen hollow and dashed in the mark's colour. */
interface StatusLook {
  color: string;
  hollow: boolean;
  words: string;
}

const EVENT_COLOR = nodeLook({ kind: 'Event' }).color;
const isHypothetical = (status: string) => (HYPOTHETICAL_EVENT_STATUSES as readonly string[]).includes(status);

export function statusLook(status: string): StatusLook {
  const word = status.toLowerCase();
  if (isHypothetical(status))
    return {
      color: MARK_COLORS.hypothetical,
      hollow: true,
      words: `${word} ${MARKS.hypothetical.symbol} did not happen`,
    };
  if (status === EventStatus.ONGOING) return { color: '#0f766e', hollow: false, words: 'ongoing' };
  return { color: EVENT_COLOR, hollow: false, words: word };
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(name: string, attributes: Record<string, string | number | undefined>, text?: string): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

const LEFT = 64;
const RIGHT = 20;
const AXIS_Y = 22;
const ROW = 28;
const UNDATED_ROW = 34;
/** Roughly how wide a character of the 10px labels is, to keep a row's labels from running into each other. */
const CHAR_WIDTH = 5.6;
const MAX_LABEL = 42;

const shortName = (name: string) => (name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name);

function eventMark(event: AxisEvent, selected: boolean, actions: TimelineViewActions): SVGElement {
  const look = statusLook(event.status);
  const mark = svg('g', {
    class: `event-mark${selected ? ' selected' : ''}`,
    'data-id': event.id,
    'data-status': event.status,
    'data-color': look.color,
    role: 'button',
    'aria-label': `${event.name}: ${look.words}`,
  });
  mark.append(svg('title', {}, `${event.name} — ${look.words}${event.start ? `, ${dateWords(event)}` : ', undated'}`));
  mark.addEventListener('click', () => actions.select(event.id));
  return mark;
}

function dateWords(event: AxisEvent): string {
  const start = event.start?.value ?? 'undated';
  return event.end ? `${start} – ${event.end.value}` : event.status === 'ONGOING' ? `${start} – ongoing` : start;
}

function paint(look: StatusLook): Record<string, string | number> {
  return look.hollow
    ? { fill: '#ffffff', stroke: look.color, 'stroke-width': 1.5, 'stroke-dasharray': '3 2' }
    : { fill: look.color, stroke: look.color, 'stroke-width': 1 };
}

interface Layout {
  width: number;
  domain: Domain;
  scale: Scale;
}

function drawAxis(root: SVGElement, layout: Layout, height: number): void {
  const ticks = ticksOf(layout.domain, Math.max(2, Math.floor((layout.width - LEFT - RIGHT) / 60)));
  root.append(svg('line', { class: 'axis', x1: LEFT, x2: layout.width - RIGHT, y1: AXIS_Y, y2: AXIS_Y }));
  for (const tick of ticks) {
    const x = layout.scale.x(tick.day);
    root.append(
      svg('line', { class: 'tick', x1: x, x2: x, y1: AXIS_Y - 4, y2: height }),
      // The last tick's label would be cut at the right edge: it ends at its tick instead.
      svg(
        'text',
        { class: 'tick-label', x, y: AXIS_Y - 7, 'text-anchor': x > layout.width - 24 ? 'end' : 'middle' },
        tick.label,
      ),
    );
  }
}

/** The dated events as bars over their periods, packed into rows; returns the height used. */
function drawDated(
  root: SVGElement,
  layout: Layout,
  events: AxisEvent[],
  selected: string | undefined,
  actions: TimelineViewActions,
): number {
  const { scale, domain } = layout;
  const items = events.flatMap((event) => {
    const span = spanOf(event);
    if (!span) return [];
    // The label starts at the bar, or ends at the axis' right edge when it would run past it; a
    // row keeps room for it too, so labels of one row never run into each other.
    // The dates in words, unless the name already says them ("Series of coups in the Sahel (2020–2023)").
    const label = event.name.includes(event.start!.value)
      ? shortName(event.name)
      : `${shortName(event.name)} (${dateWords(event)})`;
    const labelWidth = label.length * CHAR_WIDTH;
    const atEnd = scale.x(span.start) + 3 + labelWidth > layout.width - 2;
    const labelX = atEnd ? layout.width - 2 : scale.x(span.start) + 3;
    const [from, to] = atEnd ? [labelX - labelWidth, labelX] : [labelX, labelX + labelWidth];
    const packed = {
      ...span,
      start: Math.min(span.start, scale.day(from)),
      end: Math.max(span.open ? domain.end : span.end, scale.day(to + 6)),
    };
    return [{ event, span, packed, label, labelX, atEnd }];
  });
  const lanes = datedLanes(
    items.map((item) => ({ id: item.event.id, span: item.packed })),
    domain.end,
  );
  const rows = Math.max(1, ...[...lanes.values()].map((lane) => lane + 1));
  for (const { event, span, label, labelX, atEnd } of items) {
    const y = AXIS_Y + 8 + lanes.get(event.id)! * ROW;
    const look = statusLook(event.status);
    const x0 = scale.x(span.start);
    const x1 = Math.max(x0 + 4, scale.x((span.open ? domain.end : span.end) + 1));
    const mark = eventMark(event, event.id === selected, actions);
    mark.setAttribute('data-lane', 'dated');
    mark.setAttribute('data-start', isoOf(span.start));
    mark.setAttribute('data-end', isoOf(span.end));
    mark.append(
      svg('rect', { class: 'bar', x: x0, y, width: x1 - x0, height: 12, rx: 2, ...paint(look) }),
      ...(span.open ? [svg('text', { class: 'open-end', x: x1 - 2, y: y + 10, 'text-anchor': 'end' }, '→')] : []),
      svg('text', { class: 'event-label', x: labelX, y: y + 23, 'text-anchor': atEnd ? 'end' : undefined }, label),
    );
    root.append(mark);
  }
  return AXIS_Y + 8 + rows * ROW + 12;
}

/** The undated events in their lane, numbered in FOLLOWS order, an arrow for each link. */
function drawUndated(
  root: SVGElement,
  layout: Layout,
  top: number,
  events: AxisEvent[],
  selected: string | undefined,
  actions: TimelineViewActions,
): AxisEvent[] {
  const { ordered, links } = undatedOrder(events);
  if (ordered.length === 0) return ordered;
  const step = (layout.width - LEFT - RIGHT) / ordered.length;
  const xOf = new Map(ordered.map((event, index) => [event.id, LEFT + step * (index + 0.5)]));
  const y = top + UNDATED_ROW / 2 + 6;
  root.append(
    svg('line', { class: 'lane-rule', x1: 0, x2: layout.width, y1: top, y2: top }),
    svg('text', { class: 'lane-label', x: 4, y: y + 4 }, 'undated'),
  );
  for (const [earlier, later] of links) {
    const [x0, x1] = [xOf.get(earlier)!, xOf.get(later)!];
    const lift = Math.min(14, 6 + Math.abs(x1 - x0) / 40);
    root.append(
      svg('path', {
        class: 'follows',
        'data-from': earlier,
        'data-to': later,
        d: `M ${x0 + (x1 > x0 ? 9 : -9)} ${y - 4} Q ${(x0 + x1) / 2} ${y - 4 - lift * 2} ${x1 + (x1 > x0 ? -10 : 10)} ${y - 5}`,
        'marker-end': 'url(#follows-arrow)',
      }),
    );
  }
  ordered.forEach((event, index) => {
    const mark = eventMark(event, event.id === selected, actions);
    mark.setAttribute('data-lane', 'undated');
    mark.setAttribute('data-order', String(index + 1));
    mark.append(
      svg('circle', { class: 'dot', cx: xOf.get(event.id)!, cy: y, r: 8, ...paint(statusLook(event.status)) }),
      svg('text', { class: 'order', x: xOf.get(event.id)!, y: y + 3.5, 'text-anchor': 'middle' }, String(index + 1)),
    );
    root.append(mark);
  });
  return ordered;
}

export interface TimelineViewData {
  events: AxisEvent[];
  selected?: string;
  filters: Filters;
  /** Events in view the axis could not read (more than one request's worth). */
  unread: number;
}

/** The period line under the axis: what is filtered, or what the keys have picked, and the way out. */
function periodLine(
  filters: Filters,
  pending: { from: string; to: string } | null,
  actions: TimelineViewActions,
): HTMLElement {
  const set = filters.from || filters.to;
  const text = pending
    ? `Period picked: ${pending.from} – ${pending.to}. Enter applies it to the graph, Escape clears.`
    : set
      ? `The graph is read over ${filters.from ?? 'any time'} – ${filters.to ?? 'any time'} (links and events known in that period; undated ones left out).`
      : filters.asOf
        ? `The graph is read as of ${filters.asOf}: events begun later, and undated ones, are left out.`
        : 'Drag across the axis to read the graph over a period, or focus the axis and use the arrow keys (Shift moves the end), then Enter.';
  const clear = h('button', { type: 'button', id: 'timeline-clear', hidden: set ? undefined : '' }, 'Clear period');
  clear.addEventListener('click', () => actions.setPeriod(null));
  return h('p', { class: 'period-line', id: 'timeline-period', 'aria-live': 'polite' }, text, ' ', clear);
}

function statusLegend(events: AxisEvent[]): HTMLElement {
  const statuses = Object.values(EventStatus).filter((status) => events.some((event) => event.status === status));
  return h(
    'ul',
    { class: 'timeline-legend', 'aria-label': 'Event status' },
    ...statuses.map((status) => {
      const look = statusLook(status);
      const swatch = svg('svg', { width: 16, height: 12, viewBox: '0 0 16 12', class: 'swatch-svg' });
      swatch.append(svg('rect', { x: 1, y: 1, width: 14, height: 10, rx: 2, ...paint(look) }));
      const item = h('li', { 'data-status': status }, look.words);
      item.prepend(swatch);
      return item;
    }),
  );
}

/** The undated events as a numbered list of buttons, the keyboard's (and a reader's) way to them. */
function undatedList(ordered: AxisEvent[], actions: TimelineViewActions): HTMLElement[] {
  if (ordered.length === 0) return [];
  return [
    h(
      'p',
      { class: 'follows-note' },
      'Undated events, ordered by FOLLOWS links in the sources (an arrow runs from the earlier to the later); events no link orders are listed by name.',
    ),
    h(
      'ol',
      { class: 'undated-list' },
      ...ordered.map((event) => {
        const open = h('button', { type: 'button', class: 'as-link' }, event.name);
        open.addEventListener('click', () => actions.select(event.id));
        return h('li', { 'data-id': event.id }, open, ` · ${statusLook(event.status).words}`);
      }),
    ),
  ];
}

/** The brush: a drag across the axis (not starting on an event, which a click selects). */
function wireBrush(root: SVGSVGElement, layout: Layout, height: number, actions: TimelineViewActions): void {
  const preview = svg('rect', {
    class: 'brush-preview',
    y: AXIS_Y,
    height: height - AXIS_Y,
    x: 0,
    width: 0,
    visibility: 'hidden',
  });
  root.append(preview);
  const toLocal = (event: MouseEvent) => event.clientX - root.getBoundingClientRect().left;
  let anchor: number | null = null;
  root.addEventListener('mousedown', (event) => {
    if ((event.target as Element).closest('.event-mark')) return;
    anchor = Math.max(LEFT, Math.min(layout.width - RIGHT, toLocal(event)));
    event.preventDefault();
  });
  root.addEventListener('mousemove', (event) => {
    if (anchor === null) return;
    const x = Math.max(LEFT, Math.min(layout.width - RIGHT, toLocal(event)));
    preview.setAttribute('x', String(Math.min(anchor, x)));
    preview.setAttribute('width', String(Math.abs(x - anchor)));
    preview.setAttribute('visibility', 'visible');
  });
  const finish = (event: MouseEvent) => {
    if (anchor === null) return;
    const x = Math.max(LEFT, Math.min(layout.width - RIGHT, toLocal(event)));
    const start = anchor;
    anchor = null;
    preview.setAttribute('visibility', 'hidden');
    // A click is not a brush: only a drag of a few pixels sets a period.
    if (Math.abs(x - start) >= 4) actions.setPeriod(brushPeriod(layout.scale, layout.domain, start, x));
  };
  root.addEventListener('mouseup', finish);
  root.addEventListener('mouseleave', finish);
}

/**
 * The keyboard's brush on the focused axis: arrows pick and move a period (drawn as it is picked,
 * `pending`, carried over each redraw), Enter applies it, Escape clears the view's period.
 */
function wireKeys(
  root: SVGSVGElement,
  layout: Layout,
  filters: Filters,
  picked: Pending,
  actions: TimelineViewActions,
  repaint: (pending: Pending) => void,
): void {
  const current = filters.from && filters.to ? { from: filters.from, to: filters.to } : null;
  let pending = picked;
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && pending) {
      event.preventDefault();
      actions.setPeriod(pending);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      pending = null;
      if (filters.from || filters.to) actions.setPeriod(null);
      else repaint(null);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      pending = stepPeriod(pending ?? current, event.key, event.shiftKey, layout.domain);
      repaint(pending);
    }
  });
}

function periodRect(layout: Layout, period: PeriodFilter, className: string): SVGElement | null {
  const days = periodDays(period);
  if (!days) return null;
  const start = Math.max(layout.domain.start, days.start);
  const end = Math.min(layout.domain.end, days.end + 1);
  if (end <= start) return null;
  const x = layout.scale.x(start);
  return svg('rect', {
    class: className,
    x,
    y: AXIS_Y,
    width: Math.max(2, layout.scale.x(end) - x),
    height: 0,
    'data-from': isoOf(start),
    'data-to': isoOf(end - 1),
  });
}

/** The empty picture: the focusable SVG (when there is an axis to brush) and the FOLLOWS arrowhead. */
function axisRoot(width: number, brushable: boolean): SVGSVGElement {
  const root = svg('svg', {
    class: 'timeline-axis',
    id: 'timeline-axis',
    width,
    tabindex: brushable ? 0 : undefined,
    role: 'group',
    'aria-label':
      'Time axis of the events in view. Drag across it, or use the arrow keys (Shift moves the end) and Enter, to read the graph over a period; Escape clears.',
  }) as SVGSVGElement;
  const arrow = svg('marker', {
    id: 'follows-arrow',
    viewBox: '0 0 8 8',
    refX: 7,
    refY: 4,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto',
  });
  arrow.append(svg('path', { d: 'M 0 0 L 8 4 L 0 8 z', fill: '#4b5563' }));
  const defs = svg('defs', {});
  defs.append(arrow);
  root.append(defs);
  return root;
}

/**
 * The picture: under the marks the period filtered on (and the one the keys are picking), the
 * ticks and the axis; then the dated lanes and the undated lane. Returns the undated events in order.
 */
function drawPicture(
  root: SVGSVGElement,
  layout: Layout,
  data: TimelineViewData,
  pending: Pending,
  actions: TimelineViewActions,
): AxisEvent[] {
  const under = svg('g', { class: 'under' });
  root.append(under);
  let top = AXIS_Y + 8;
  if (Number.isFinite(layout.domain.start)) {
    root.append(svg('text', { class: 'lane-label', x: 4, y: AXIS_Y + 18 }, 'dated'));
    top = drawDated(
      root,
      layout,
      data.events.filter((event) => event.start),
      data.selected,
      actions,
    );
    const shaded = [
      periodRect(layout, data.filters, data.filters.asOf ? 'period as-of' : 'period'),
      pending ? periodRect(layout, pending, 'period pending') : null,
    ];
    for (const rect of shaded) {
      rect?.setAttribute('height', String(top - AXIS_Y - 4));
      if (rect) under.append(rect);
    }
    drawAxis(under, layout, top - 4);
  }
  const ordered = drawUndated(root, layout, top, data.events, data.selected, actions);
  const height = ordered.length > 0 ? top + UNDATED_ROW + 8 : top;
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${layout.width} ${height}`);
  return ordered;
}

/** Draws the axis for the events in view (already under the view's filters). */
export function renderTimelineView(container: HTMLElement, data: TimelineViewData, actions: TimelineViewActions): void {
  const dated = data.events.filter((event) => event.start);
  const domain = domainOf(
    dated.map((event) => spanOf(event)!),
    periodDays(data.filters),
  );
  const heading = h('h2', {}, `Timeline of the events in view (${data.events.length})`);
  if (data.events.length === 0 && !domain) {
    container.replaceChildren(
      heading,
      h('p', { class: 'hint' }, 'No events in view.'),
      periodLine(data.filters, null, actions),
    );
    return;
  }
  // The section's inner width (its padding is 10px a side), so the picture is never cut at the right.
  const width = Math.max(420, (container.clientWidth || 660) - 20);
  // Only undated events: a lane without an axis (nothing to brush on).
  const axis = domain ?? { start: Number.NaN, end: Number.NaN };
  const layout: Layout = { width, domain: axis, scale: scaleOf(axis, LEFT, width - RIGHT) };
  const draw = (pending: Pending): SVGSVGElement => {
    const root = axisRoot(width, !!domain);
    const ordered = drawPicture(root, layout, data, pending, actions);
    if (domain) {
      wireBrush(root, layout, Number(root.getAttribute('height')), actions);
      wireKeys(root, layout, data.filters, pending, actions, (next) => draw(next).focus());
    }
    container.replaceChildren(
      heading,
      statusLegend(data.events),
      root,
      periodLine(data.filters, pending, actions),
      ...(dated.length === 0 ? [h('p', { class: 'hint' }, 'No dated events in view.')] : []),
      ...undatedList(ordered, actions),
      ...(data.unread > 0
        ? [h('p', { class: 'hint' }, `${data.unread} more events in view are not on the axis (it reads 100).`)]
        : []),
    );
    return root;
  };
  draw(null);
}

/** Most events one request reads (the API's nodes(ids) takes 100). */
const MAX_EVENTS = 100;
let asked = 0;

/**
 * Reads the events in view (dates with precision, status, FOLLOWS links) and draws the axis.
 * FOLLOWS links obey the view's filters as the graph's links do: not when the relationship types
 * ticked leave FOLLOWS out, not when graded below the minimum credibility.
 */
export async function showTimelineView(
  container: HTMLElement,
  model: ViewModel,
  view: { selected?: string; filters: Filters },
  actions: TimelineViewActions,
): Promise<void> {
  const mine = ++asked;
  const ids = [...model.nodes.values()].filter((node) => node.kind === 'Event').map((node) => node.id);
  const followsShown = view.filters.types.length === 0 || view.filters.types.includes('FOLLOWS');
  const worst = view.filters.minCredibility ?? 6;
  try {
    const data =
      ids.length > 0
        ? await graphql<{ nodes: Array<TimelineEventData | null> }>(TIMELINE_EVENTS, { ids: ids.slice(0, MAX_EVENTS) })
        : { nodes: [] };
    if (mine !== asked) return;
    const inView = new Set(ids);
    const events: AxisEvent[] = data.nodes
      .filter((node): node is TimelineEventData => node?.__typename === 'Event')
      .map((node) => ({
        id: node.id,
        name: model.nodes.get(node.id)?.label ?? node.name,
        status: node.status,
        start: node.start,
        end: node.end,
        follows: followsShown
          ? node.relationships.edges
              .filter((edge) => edge.credibility <= worst && inView.has(edge.node.id))
              .map((edge) => edge.node.id)
          : [],
      }))
      .filter((event) => keptByPeriod(event, view.filters));
    renderTimelineView(
      container,
      { events, selected: view.selected, filters: view.filters, unread: Math.max(0, ids.length - MAX_EVENTS) },
      actions,
    );
  } catch (error) {
    if (mine === asked) container.replaceChildren(h('p', { class: 'error' }, problemText(error)));
  }
}
