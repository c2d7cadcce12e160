import {
  brushPeriod,
  datedLanes,
  dayOf,
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
} from '../../web/explorer/timeline-axis';
import { parsePartialDate } from '../../src/model/partial-date';
import { formatState, parseState } from '../../web/explorer/state';
import { filterArgs } from '../../web/explorer/queries';

/** The timeline's pure parts: days, spans of partial dates, scale, ticks, lanes, FOLLOWS order, brush → filter. */

const date = (value: string) => {
  const parsed = parsePartialDate(value);
  return { value, earliest: parsed.earliest, latest: parsed.latest, precision: parsed.precision };
};

function event(id: string, overrides: Partial<AxisEvent> = {}): AxisEvent {
  return { id, name: id, status: 'OCCURRED', follows: [], ...overrides };
}

describe('days and spans', () => {
  it('counts days in UTC and back', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('2012-03-01') - dayOf('2012-02-28')).toBe(2); // 2012 is a leap year
    expect(isoOf(dayOf('2023-12-31'))).toBe('2023-12-31');
  });

  it('draws a partial date over its whole period: a year, a month, a day', () => {
    expect(spanOf(event('y', { start: date('2012') }))).toEqual({
      start: dayOf('2012-01-01'),
      end: dayOf('2012-12-31'),
      open: false,
    });
    expect(spanOf(event('m', { start: date('2025-02') }))).toEqual({
      start: dayOf('2025-02-01'),
      end: dayOf('2025-02-28'),
      open: false,
    });
    expect(spanOf(event('d', { start: date('2025-11-03') }))).toEqual({
      start: dayOf('2025-11-03'),
      end: dayOf('2025-11-03'),
      open: false,
    });
  });

  it('runs from the start to the last day of the end, and leaves an ongoing event without an end open', () => {
    expect(spanOf(event('coups', { start: date('2020'), end: date('2023') }))).toEqual({
      start: dayOf('2020-01-01'),
      end: dayOf('2023-12-31'),
      open: false,
    });
    expect(spanOf(event('insurgency', { status: 'ONGOING', start: date('2012') }))?.open).toBe(true);
    expect(spanOf(event('undated'))).toBeNull();
  });
});

describe('the period filter, read as the API reads it', () => {
  it('gives asOf its whole period, from–to their outer days, open ends unbounded', () => {
    expect(periodDays({ asOf: '2011' })).toEqual({ start: dayOf('2011-01-01'), end: dayOf('2011-12-31') });
    expect(periodDays({ from: '2012-03', to: '2015' })).toEqual({
      start: dayOf('2012-03-01'),
      end: dayOf('2015-12-31'),
    });
    expect(periodDays({ from: '2012' })?.end).toBe(Number.POSITIVE_INFINITY);
    expect(periodDays({})).toBeNull();
  });

  it('keeps an event begun by the period’s end, never an undated one (asOf 2011 leaves out the 2012 insurgency)', () => {
    const insurgency = event('insurgency', { status: 'ONGOING', start: date('2012') });
    expect(keptByPeriod(insurgency, { asOf: '2011' })).toBe(false);
    expect(keptByPeriod(insurgency, { asOf: '2012' })).toBe(true);
    expect(keptByPeriod(insurgency, { from: '2013', to: '2014' })).toBe(true); // still going on
    expect(keptByPeriod(insurgency, { from: '1990', to: '2011-12' })).toBe(false);
    expect(keptByPeriod(event('undated'), { from: '2012' })).toBe(false);
    expect(keptByPeriod(event('undated'), {})).toBe(true);
  });
});

describe('scale, domain and ticks', () => {
  const spans = [
    spanOf(event('a', { start: date('2012') }))!,
    spanOf(event('b', { start: date('2020'), end: date('2023') }))!,
  ];

  it('spans whole years around the events and the period filtered on', () => {
    expect(domainOf(spans)).toEqual({ start: dayOf('2012-01-01'), end: dayOf('2024-01-01') });
    expect(domainOf(spans, periodDays({ asOf: '2009' }))).toEqual({
      start: dayOf('2009-01-01'),
      end: dayOf('2024-01-01'),
    });
    expect(domainOf([], periodDays({ from: '2011' }))).toEqual({
      start: dayOf('2011-01-01'),
      end: dayOf('2012-01-01'),
    });
    expect(domainOf([])).toBeNull();
  });

  it('maps days to pixels linearly and back', () => {
    const domain = { start: dayOf('2012-01-01'), end: dayOf('2024-01-01') };
    const scale = scaleOf(domain, 64, 664);
    expect(scale.x(domain.start)).toBe(64);
    expect(scale.x(domain.end)).toBe(664);
    expect(Math.round(scale.day(scale.x(dayOf('2018-07-01'))))).toBe(dayOf('2018-07-01'));
  });

  it('ticks every year, or every 2, 5 … when there is no room, and by months on a short axis', () => {
    const twelve = { start: dayOf('2012-01-01'), end: dayOf('2024-01-01') };
    expect(ticksOf(twelve, 20).map((tick) => tick.label)).toEqual(
      Array.from({ length: 13 }, (_, i) => String(2012 + i)),
    );
    expect(ticksOf(twelve, 5).map((tick) => tick.label)).toEqual(['2015', '2020']);
    const one = { start: dayOf('2025-01-01'), end: dayOf('2026-01-01') };
    expect(ticksOf(one, 6).map((tick) => tick.label)).toEqual(['2025-01', '2025-04', '2025-07', '2025-10', '2026-01']);
  });
});

describe('lanes', () => {
  it('packs dated spans into rows so none overlap, earliest first', () => {
    const span = (from: string, to: string) => ({ start: dayOf(from), end: dayOf(to), open: false });
    const lanes = datedLanes(
      [
        { id: 'coups', span: span('2020-01-01', '2023-12-31') },
        { id: 'insurgency', span: { ...span('2012-01-01', '2012-12-31'), open: true } },
        { id: 'early', span: span('2010-01-01', '2011-06-30') },
        { id: 'later', span: span('2011-07-01', '2011-12-31') },
      ],
      dayOf('2024-01-01'),
    );
    // The insurgency runs on to the axis' end, so the coups need a row of their own.
    expect(Object.fromEntries(lanes)).toEqual({ early: 0, later: 0, insurgency: 0, coups: 1 });
  });
});

describe('the undated lane in FOLLOWS order', () => {
  it('puts what an event follows before it, unlinked events by name, and lists each link earlier → later', () => {
    // The seed: the blockade follows the abduction, the airstrikes and the collapse follow the blockade.
    const events = [
      event('airstrikes', { name: 'Airstrikes', follows: ['blockade'] }),
      event('blockade', { name: 'Economic blockade', follows: ['abduction'] }),
      event('collapse', { name: 'Collapse of businesses', follows: ['blockade'] }),
      event('abduction', { name: 'Abduction of six drivers' }),
      event('icj', { name: 'Legal action at the ICJ', status: 'CONSIDERED' }),
      event('dated', { name: 'Insurgency', start: date('2012'), follows: [] }),
    ];
    const { ordered, links } = undatedOrder(events);
    expect(ordered.map((e) => e.id)).toEqual(['abduction', 'blockade', 'airstrikes', 'collapse', 'icj']);
    expect(links).toEqual([
      ['blockade', 'airstrikes'],
      ['abduction', 'blockade'],
      ['blockade', 'collapse'],
    ]);
  });

  it('ignores links to events not in the lane and breaks a cycle by name instead of losing events', () => {
    const { ordered } = undatedOrder([
      event('b', { name: 'B', follows: ['a', 'elsewhere'] }),
      event('a', { name: 'A', follows: ['b'] }),
    ]);
    expect(ordered.map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('brush → filter', () => {
  const long = { start: dayOf('2012-01-01'), end: dayOf('2024-01-01') };
  const scale = scaleOf(long, 64, 664);

  it('snaps a drag to whole years on a long axis, whichever way it was dragged, clamped to the axis', () => {
    const x = (iso: string) => scale.x(dayOf(iso));
    expect(brushPeriod(scale, long, x('2012-05-01'), x('2015-02-01'))).toEqual({ from: '2012', to: '2015' });
    expect(brushPeriod(scale, long, x('2015-02-01'), x('2012-05-01'))).toEqual({ from: '2012', to: '2015' });
    expect(brushPeriod(scale, long, 0, 10_000)).toEqual({ from: '2012', to: '2023' });
  });

  it('snaps to months on an axis of a year or two', () => {
    const short = { start: dayOf('2025-01-01'), end: dayOf('2026-01-01') };
    const monthly = scaleOf(short, 0, 365);
    expect(brushPeriod(monthly, short, monthly.x(dayOf('2025-02-10')), monthly.x(dayOf('2025-04-20')))).toEqual({
      from: '2025-02',
      to: '2025-04',
    });
  });

  it('moves the period by keys: arrows shift it, Shift+arrow moves its end, never past the axis or before its start', () => {
    expect(stepPeriod(null, 'ArrowRight', false, long)).toEqual({ from: '2012', to: '2012' });
    expect(stepPeriod({ from: '2012', to: '2012' }, 'ArrowRight', true, long)).toEqual({ from: '2012', to: '2013' });
    expect(stepPeriod({ from: '2012', to: '2013' }, 'ArrowRight', false, long)).toEqual({ from: '2013', to: '2014' });
    expect(stepPeriod({ from: '2012', to: '2012' }, 'ArrowLeft', true, long)).toEqual({ from: '2012', to: '2012' });
    expect(stepPeriod({ from: '2012', to: '2013' }, 'ArrowLeft', false, long)).toEqual({ from: '2012', to: '2013' });
    expect(stepPeriod({ from: '2022', to: '2023' }, 'ArrowRight', false, long)).toEqual({ from: '2022', to: '2023' });
    expect(stepPeriod({ from: '2012', to: '2013' }, 'a', false, long)).toEqual({ from: '2012', to: '2013' });
    const short = { start: dayOf('2025-01-01'), end: dayOf('2026-01-01') };
    expect(stepPeriod({ from: '2025-11', to: '2025-12' }, 'ArrowLeft', false, short)).toEqual({
      from: '2025-10',
      to: '2025-11',
    });
  });

  it('round-trips the period through the address and sends it to the API as from–to, asOf winning over a mixed address', () => {
    const state = parseState('?expand=jnim&dateFrom=2012&dateTo=2015');
    expect(state.filters).toMatchObject({ from: '2012', to: '2015', asOf: undefined });
    expect(formatState(state)).toBe('?expand=jnim&dateFrom=2012&dateTo=2015');
    expect(filterArgs(state.filters)).toMatchObject({ from: '2012', to: '2015', asOf: null });
    expect(parseState('?asOf=2011&dateFrom=2012&dateTo=2015').filters).toMatchObject({
      asOf: '2011',
      from: undefined,
      to: undefined,
    });
    expect(parseState('?dateFrom=2012-13&dateTo=x').filters).toMatchObject({ from: undefined, to: undefined });
  });
});
