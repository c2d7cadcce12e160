/**
 * How the explorer draws a link that is not an established fact: dashed, with a marker, and
 * flagged in the side panel. This is the one place that decides it.
 *
 * A link is marked when it is part of an allegation (ALLEGES, ACCUSES, CONCERNS, DENIES, or any
 * link to or from an Allegation node: a claim someone makes), or when the API says so for a path's
 * hop: `contested` (the claim is denied, disputed, refuted or retracted) or `hypothetical` (the
 * event was only threatened, planned or considered). Neighbourhood edges carry no API verdict, so
 * they are marked by the allegation rule alone until a path through them brings one.
 */

export const ALLEGATION_LINK_TYPES: ReadonlySet<string> = new Set(['ALLEGES', 'ACCUSES', 'CONCERNS', 'DENIES']);

/** Why a link is marked; a link may have several reasons. */
export type LinkMark = 'claim' | 'contested' | 'hypothetical';

export interface LinkFacts {
  type: string;
  /** GraphQL __typename of each end (Actor, Allegation, Event ...), when known. */
  fromKind?: string;
  toKind?: string;
  /** The API's verdicts on a path's hop (Hop.contested, Hop.hypothetical), when known. */
  contested?: boolean;
  hypothetical?: boolean;
}

/** Each reason in words, with the marker the drawing and the legend use for it. */
export const MARKS: Readonly<Record<LinkMark, { symbol: string; words: string }>> = {
  claim: { symbol: '◇', words: 'claim (not an established fact)' },
  contested: { symbol: '◆', words: 'contested claim (denied or disputed)' },
  hypothetical: { symbol: '○', words: 'did not happen (considered/planned/threatened)' },
};

/** The reasons a link is marked, strongest first (the drawing shows the first one's marker). */
export function linkMarks(link: LinkFacts): LinkMark[] {
  const marks: LinkMark[] = [];
  if (link.contested) marks.push('contested');
  if (link.hypothetical) marks.push('hypothetical');
  if (ALLEGATION_LINK_TYPES.has(link.type) || link.fromKind === 'Allegation' || link.toKind === 'Allegation')
    marks.push('claim');
  return marks;
}

/** Dashed, with a marker: anything but an established fact. */
/** The marks of a path hop: its type, its ends' kinds and the API's verdicts. */
export function hopMarks(hop: {
  type: string;
  from: { __typename: string };
  to: { __typename: string };
  contested?: boolean;
  hypothetical?: boolean;
}): LinkMark[] {
  return linkMarks({
    type: hop.type,
    fromKind: hop.from.__typename,
    toKind: hop.to.__typename,
    contested: hop.contested,
    hypothetical: hop.hypothetical,
  });
}

export function isMarked(link: LinkFacts): boolean {
  return linkMarks(link).length > 0;
}

/** Merges what a path's hop says about a link already drawn from a neighbourhood: the API's verdicts add to it. */
export function mergeMarks(known: readonly LinkMark[], more: readonly LinkMark[]): LinkMark[] {
  const order: LinkMark[] = ['contested', 'hypothetical', 'claim'];
  return order.filter((mark) => known.includes(mark) || more.includes(mark));
}

/** The reasons worth saying: "contested claim" already says "claim". */
export function reasonsToSay(marks: readonly LinkMark[]): LinkMark[] {
  return marks.filter((mark) => mark !== 'claim' || !marks.includes('contested'));
}

/** "◆ contested claim (denied or disputed)": one line per reason, for the side panel. */
export function markInWords(mark: LinkMark): string {
  return `${MARKS[mark].symbol} ${MARKS[mark].words}`;
}
