/**
 * The document text cut where a highlight starts or ends, so the page can draw overlapping
 * highlights (a mention inside a proposal's sentence inside the opened excerpt) as plain spans.
 * Pure, so it is tested without a browser (tests/unit/document-segments.test.ts).
 */

export interface Highlight {
  start: number;
  end: number;
  /** A class name for the span: 'mention', 'proposal', 'focus', ... */
  kind: string;
  /** What it belongs to (a proposal id, a mention's entity), for the page to find it again. */
  ref?: string;
}

export interface Segment {
  start: number;
  end: number;
  /** The highlights covering the whole segment, in the order given. */
  covering: Highlight[];
}

/**
 * Cuts [from, to) of a text at every highlight boundary inside it. Highlights outside the window
 * are dropped, those crossing its edges are clipped; empty or inverted ones are ignored.
 */
export function segments(from: number, to: number, highlights: readonly Highlight[]): Segment[] {
  const inside = highlights.filter((mark) => mark.end > mark.start && mark.end > from && mark.start < to);
  const cuts = new Set<number>([from, to]);
  for (const mark of inside) {
    cuts.add(Math.max(from, mark.start));
    cuts.add(Math.min(to, mark.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result: Segment[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index];
    const end = points[index + 1];
    result.push({ start, end, covering: inside.filter((mark) => mark.start <= start && mark.end >= end) });
  }
  return result;
}

/** The window of a long text to load so that an excerpt at `focus` shows with context before it. */
export function windowAround(length: number, maxSlice: number, focus?: number): { start: number; end: number } {
  const start = focus === undefined ? 0 : Math.max(0, Math.min(focus - Math.floor(maxSlice / 5), length - maxSlice));
  return { start, end: Math.min(length, start + maxSlice) };
}
